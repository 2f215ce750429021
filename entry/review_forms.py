"""Forms of the province's indicator review: its own level with a note, and KemenPAN-RB's official level with its
source (a new one described here, or one picked from the list)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Framework, Indicator, Source, SourceKind
from assessments.services import Citation
from assessments.spreadsheets import refuse_formula

from .forms_indicators import external_scale, external_value_field
from .source_fields import check_source, citation, limit_choices, source_fields


def level_field(framework: Framework, indicator: Indicator, label) -> forms.Field:
    """A select of the framework's levels; for a value converted from another agency's index (a Pemdi indicator
    with two decimals), the workspace's number field with those decimals within the framework's scale, so staff can
    set 2,35 as the regency can."""
    if indicator.value_places:
        field = external_value_field(framework, indicator, label=label)
        field.help_text = external_scale(framework, indicator)
        return field
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("— belum ditetapkan —")), *[(level, str(level)) for level in framework.levels]],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": framework.level_problem(framework.max_level + 1)},
    )


class ProvinceLevelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, framework: Framework, indicator: Indicator, **kwargs):
        super().__init__(*args, prefix="provinsi", **kwargs)
        self.fields["level"] = level_field(framework, indicator, _("Tingkat hasil reviu provinsi"))
        self.fields["note"] = forms.CharField(
            label=_("Catatan reviu"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3}),
            validators=[refuse_formula],
        )
        self.order_fields(["level", "note", "version"])


OFFICIAL_SOURCE_LABELS = {
    "choice": _("Sumber yang sudah ada"),
    "title": _("Sumber baru: judul dokumen"),
    "choice_help": _("Bila sumbernya belum ada, pilih “sumber lain” lalu tulis sumber baru di bawah."),
}
OFFICIAL_SOURCE_MISSING = _("Sebutkan judul sumber tingkat resmi ini, atau pilih sumber yang sudah ada.")


class OfficialLevelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, framework: Framework, indicator: Indicator, **kwargs):
        super().__init__(*args, prefix="resmi", **kwargs)
        self.fields["level"] = level_field(framework, indicator, _("Tingkat resmi KemenPAN-RB"))
        self.fields.update(source_fields("source", labels=OFFICIAL_SOURCE_LABELS))
        # Any outside source on file: a decree on a year's results covers every regency.
        limit_choices(self, "source", Source.objects.exclude(kind=SourceKind.VERIFIED_ENTRY))
        self.order_fields(["level", "source_choice"])

    def clean(self):
        data = super().clean()
        # A level needs its source; clearing the level (none chosen) needs none.
        required = OFFICIAL_SOURCE_MISSING if data.get("level") is not None else None
        check_source(self, "source", title_message=OFFICIAL_SOURCE_MISSING, required_message=required)
        return data

    def source(self) -> Citation | None:
        if self.cleaned_data.get("level") is None:
            return None
        return citation(self, "source")
