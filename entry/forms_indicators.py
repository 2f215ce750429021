"""Forms of the self-assessment workspace: one indicator's level, penjelasan and evidence files; the submit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Framework
from assessments.services.indicator_evidence import ALLOWED_NAMES, ASSESSOR_NOTE_MAX_LENGTH, MAX_FILES_PER_INDICATOR
from assessments.spreadsheets import refuse_formula

EXPLANATION_MAX_LENGTH = 5000
ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the service (extension, content, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class IndicatorAssessmentForm(forms.Form):
    """The level is chosen among the framework's own levels (0–5 for 5/2018, 1–5 for 59/2020), or left open."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    level = forms.TypedChoiceField(label=_("Tingkat kematangan"), required=False, coerce=int, empty_value=None)
    explanation = forms.CharField(
        label=_("Penjelasan"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        validators=[refuse_formula],
        help_text=_("Mengapa tingkat ini: kebijakan, dokumen atau sistem yang memenuhinya."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = MultipleFileField(
        label=_("Tambah bukti dukung"),
        required=False,
        help_text=_("Beberapa berkas sekaligus; %(kinds)s; paling banyak %(count)s berkas per indikator.")
        % {"kinds": ALLOWED_NAMES, "count": MAX_FILES_PER_INDICATOR},
    )

    # What the person says of the files added in this save (issue 23); the assessors read it beside each file.
    evidence_level = forms.TypedChoiceField(
        label=_("Bukti untuk tingkat"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_(
            "Tingkat yang didukung berkas yang ditambahkan; setiap tingkat dibangun di atas tingkat di bawahnya."
        ),
    )
    document_date = forms.DateField(
        label=_("Tanggal dokumen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Tanggal penetapan atau pembuatan dokumen, bila ada."),
    )
    assessor_note = forms.CharField(
        label=_("Catatan untuk asesor"),
        required=False,
        max_length=ASSESSOR_NOTE_MAX_LENGTH,
        validators=[refuse_formula],
        help_text=_("Singkat, misalnya halaman dan pasal yang memenuhi kriteria; paling banyak %(max)s karakter.")
        % {"max": ASSESSOR_NOTE_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, framework: Framework, level_labels: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        out_of_range = framework.level_problem(framework.max_level + 1)
        self.fields["level"].choices = [("", _("Belum dipilih"))] + [
            (level, level_labels.get(level, str(level))) for level in framework.levels
        ]
        self.fields["level"].error_messages["invalid_choice"] = out_of_range
        # Level 0 (5/2018) asks for no evidence.
        # Numbers only: the level names are read in the choices above.
        self.fields["evidence_level"].choices = [("", _("Tidak disebut"))] + [
            (level, _("Tingkat %(level)s") % {"level": level}) for level in framework.levels if level >= 1
        ]


class SubmitWorkspaceForm(forms.Form):
    seen_versions = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class DeleteEvidenceForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
