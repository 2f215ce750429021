"""Forms of the province's indicator review: its own level with a note, and KemenPAN-RB's official level with its
source (a new one described here, or one picked from the list)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Framework, Source, SourceKind
from assessments.spreadsheets import refuse_formula

from .forms import date_field, source_url_field

SOURCE_KINDS = [choice for choice in SourceKind.choices if choice[0] != SourceKind.VERIFIED_ENTRY]


def level_field(framework: Framework, label) -> forms.TypedChoiceField:
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

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, prefix="provinsi", **kwargs)
        self.fields["level"] = level_field(framework, _("Tingkat hasil reviu provinsi"))
        self.fields["note"] = forms.CharField(
            label=_("Catatan reviu"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3}),
            validators=[refuse_formula],
        )
        self.order_fields(["level", "note", "version"])


class OfficialLevelForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    existing_source = forms.ModelChoiceField(
        label=_("Sumber yang sudah ada"),
        queryset=Source.objects.exclude(kind=SourceKind.VERIFIED_ENTRY).order_by("-published_on", "title"),
        required=False,
        empty_label=_("— tulis sumber baru di bawah —"),
        error_messages={"invalid_choice": _("Pilih sumber dari daftar.")},
    )
    source_title = forms.CharField(
        label=_("Sumber baru: judul dokumen"), max_length=300, required=False, validators=[refuse_formula]
    )
    source_publisher = forms.CharField(
        label=_("Penerbit sumber"), max_length=200, required=False, validators=[refuse_formula]
    )
    source_kind = forms.ChoiceField(
        label=_("Jenis sumber"),
        choices=SOURCE_KINDS,
        required=False,
        error_messages={"invalid_choice": _("Pilih jenis sumber dari daftar.")},
    )
    source_reference = forms.CharField(
        label=_("Nomor dokumen (opsional)"), max_length=200, required=False, validators=[refuse_formula]
    )
    source_date = date_field(
        _("Tanggal sumber"), required=False, future_message=_("Tanggal sumber tidak boleh di masa depan.")
    )
    source_url = source_url_field()

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, prefix="resmi", **kwargs)
        self.fields["level"] = level_field(framework, _("Tingkat resmi KemenPAN-RB"))
        self.order_fields(["level", "existing_source"])

    def clean(self):
        data = super().clean()
        if data.get("level") is None or data.get("existing_source") or self.errors:
            return data
        missing = {
            "source_title": _("Sebutkan judul sumber tingkat resmi ini, atau pilih sumber yang sudah ada."),
            "source_publisher": _("Sebutkan penerbit sumber."),
            "source_date": _("Isi tanggal sumber."),
        }
        for name, message in missing.items():
            if not data.get(name):
                self.add_error(name, message)
        return data

    def source(self) -> Source | dict | None:
        data = self.cleaned_data
        if data.get("level") is None:
            return None
        if data.get("existing_source"):
            return data["existing_source"]
        return {
            "title": data["source_title"],
            "publisher": data["source_publisher"],
            "kind": data.get("source_kind") or SourceKind.DECREE,
            "reference": data.get("source_reference") or "",
            "published_on": data["source_date"],
            "url": data.get("source_url") or "",
        }
