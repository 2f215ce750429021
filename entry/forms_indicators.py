"""Forms of the self-assessment workspace: one indicator's level, penjelasan and evidence files; the submit."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import services
from assessments.models import Framework, Indicator, SourceKind
from assessments.services.indicator_evidence import ALLOWED_NAMES, ASSESSOR_NOTE_MAX_LENGTH, MAX_FILES_PER_INDICATOR
from assessments.spreadsheets import refuse_formula

from .source_fields import check_source, citation, source_fields

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
    """The level is chosen among the framework's own levels (0–5 for 5/2018, 1–5 for 59/2020 and 8/2026), or left
    open. An indicator whose value is another agency's index converted to the framework's scale (six Pemdi
    indicators) takes that value as a number with its decimals instead, and the source it was published in."""

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

    def __init__(self, *args, framework: Framework, level_labels: dict[int, str], indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.indicator = indicator
        out_of_range = framework.level_problem(framework.max_level + 1)
        if indicator.value_places:
            self.fields["level"] = external_value_field(framework, indicator)
            self.fields.update(
                source_fields(
                    "source", labels=external_source_labels(indicator), default_kind=SourceKind.OFFICIAL_PORTAL
                )
            )
            return
        self.fields["level"].choices = [("", _("Belum dipilih"))] + [
            (level, level_labels.get(level, str(level))) for level in framework.levels
        ]
        self.fields["level"].error_messages["invalid_choice"] = out_of_range
        # Level 0 (5/2018) asks for no evidence.
        # Numbers only: the level names are read in the choices above.
        self.fields["evidence_level"].choices = [("", _("Tidak disebut"))] + [
            (level, _("Tingkat %(level)s") % {"level": level}) for level in framework.levels if level >= 1
        ]

    @property
    def takes_external_value(self) -> bool:
        return bool(self.indicator.value_places)

    def clean_level(self):
        level = self.cleaned_data.get("level")
        if level is not None and (problem := self.indicator.level_problem(level)):
            raise forms.ValidationError(problem)
        return level

    def clean(self):
        data = super().clean()
        if self.takes_external_value:
            check_source(self, "source", title_message=_("Isi judul publikasi indeks itu."))
            named = data.get("source_choice") or data.get("source_title")
            if data.get("level") is not None and not named and "source_title" not in self.errors:
                self.add_error(
                    "source_title",
                    _("Sebutkan publikasi %(index)s yang memuat nilai ini.") % {"index": self.indicator.external_index},
                )
        return data

    def cited(self) -> services.Citation | None:
        return citation(self, "source") if self.takes_external_value else None


def external_value_field(
    framework: Framework, indicator: Indicator, *, label: str | None = None, attrs: dict | None = None
) -> forms.DecimalField:
    """The value of another agency's index as converted to the framework's scale, with the indicator's decimals:
    the workspace's field and the result form's (which gives its own label and attributes)."""
    out_of_range = framework.level_problem(framework.max_level + 1)
    if label is None:
        label = external_scale(framework, indicator)
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=framework.min_level,
        max_value=framework.max_level,
        decimal_places=indicator.value_places,
        localize=True,
        error_messages={
            "invalid": _("Tulis nilai sebagai angka, misalnya 3,45."),
            "min_value": out_of_range,
            "max_value": out_of_range,
            "max_decimal_places": framework.level_problem(
                Decimal(framework.min_level) + Decimal("0.001"), places=indicator.value_places
            ),
        },
        widget=forms.TextInput(attrs={**(attrs or {}), "inputmode": "decimal", "size": 5, "autocomplete": "off"}),
    )


def external_scale(framework: Framework, indicator: Indicator) -> str:
    """Whose index a converted value is and the scale it is converted to: the workspace field's label, the help
    text of the planner's and the review form's fields (whose labels say which stage's value it is)."""
    return _("Nilai dari %(index)s (skala %(min)s–%(max)s)") % {
        "index": indicator.external_index,
        "min": framework.min_level,
        "max": framework.max_level,
    }


def external_source_labels(indicator: Indicator) -> dict:
    return {
        "choice": _("Publikasi %(index)s yang sudah tercatat") % {"index": indicator.external_index},
        "title": _("Publikasi %(index)s: judul laporan atau halaman hasilnya") % {"index": indicator.external_index},
        "choice_help": _(
            "Publikasi yang memuat nilai wilayah ini pada %(index)s. Bila belum tercatat, pilih “sumber lain” lalu "
            "isi judul, penerbit (instansi pembina), jenis, nomor, tanggal dan tautannya di bawah."
        )
        % {"index": indicator.external_index},
    }


class SubmitWorkspaceForm(forms.Form):
    seen_versions = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class DeleteEvidenceForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
