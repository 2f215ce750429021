"""The form of a target entered on its own: a regency, a year (future years too) and a value, with its source."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import services
from assessments.models import MAX_YEAR, MIN_YEAR, YEAR_RANGE_MESSAGE, SourceKind
from regencies.models import Regency

from .forms import TARGET_SOURCE_LABELS, index_field
from .source_fields import check_source, citation, source_fields


class TargetForm(forms.Form):
    regency = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=Regency.objects.none(),
        error_messages={"required": _("Pilih wilayah."), "invalid_choice": _("Pilih wilayah dari daftar.")},
    )
    year = forms.IntegerField(
        label=_("Tahun target"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Tahun mana pun dalam rencana, termasuk tahun yang belum dievaluasi."),
        error_messages={
            "required": _("Isi tahun target."),
            "invalid": _("Tulis tahun dengan empat angka."),
            "min_value": YEAR_RANGE_MESSAGE,
            "max_value": YEAR_RANGE_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR}),
    )
    value = index_field(_("Target indeks"), required=True)
    # The open revision's version the edit page read (empty on the create form).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if editing is not None:
            # The edit page changes the value and its source; which regency and year it belongs to stays.
            for name in ("regency", "year"):
                self.fields[name].disabled = True
        self.fields["value"].error_messages["required"] = _("Isi nilai target.")
        self.fields.update(
            source_fields("target_source", labels=TARGET_SOURCE_LABELS, default_kind=SourceKind.REGIONAL_DOCUMENT)
        )

    def clean(self):
        data = super().clean()
        check_source(self, "target_source", title_message=_("Isi judul dokumen sumber target (mis. RPJMD)."))
        named = data.get("target_source_choice") or data.get("target_source_title")
        if not named and "target_source_title" not in self.errors:
            self.add_error(
                "target_source_title",
                _("Sebutkan dokumen yang memuat target ini (RPJMD, Renstra atau perjanjian kinerja)."),
            )
        return data

    def cited(self) -> services.Citation | None:
        return citation(self, "target_source")
