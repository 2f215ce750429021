"""The form of a related-index value (RB, IPP, KIP): the value and/or the category as the source writes it, or a
target, with the source described on the row and the sentence that states it."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import services
from assessments.models import MAX_YEAR, IndexFamily, RelatedIndexValue
from assessments.spreadsheets import refuse_formula
from regencies.models import Regency

from .forms import date_field, source_url_field

# The value on the index's own scale: IPP 0–5 with up to three decimals (4,002), RB and KIP 0–100.
VALUE_MAX = Decimal("100")
EARLIEST_YEAR = 2010


class RelatedIndexForm(forms.Form):
    regency = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=Regency.objects.none(),
        error_messages={"required": _("Pilih wilayah."), "invalid_choice": _("Pilih wilayah dari daftar.")},
    )
    family = forms.ModelChoiceField(
        label=_("Indeks"),
        queryset=IndexFamily.objects.all(),
        error_messages={"required": _("Pilih indeks."), "invalid_choice": _("Pilih indeks dari daftar.")},
    )
    year = forms.IntegerField(
        label=_("Tahun (kosongkan bila sumber tidak menyebutnya)"),
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": _("Tulis tahun sebagai angka, misalnya 2025."),
            "min_value": _("Tahun terlalu awal."),
            "max_value": _("Tahun terlalu jauh."),
        },
    )
    is_target = forms.BooleanField(label=_("Ini target, bukan capaian"), required=False)
    value = forms.DecimalField(
        label=_("Nilai pada skala indeks itu"),
        required=False,
        min_value=Decimal("0"),
        max_value=VALUE_MAX,
        decimal_places=3,
        localize=True,
        error_messages={
            "invalid": _("Tulis nilai sebagai angka, misalnya 64,26."),
            "min_value": _("Nilai tidak boleh negatif."),
            "max_value": _("Nilai paling besar 100."),
            "max_decimal_places": _("Nilai paling banyak tiga angka di belakang koma."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 7, "autocomplete": "off"}),
    )
    category = forms.CharField(
        label=_("Kategori seperti tertulis di sumber (opsional)"),
        required=False,
        max_length=200,
        validators=[refuse_formula],
    )
    source_title = forms.CharField(
        label=_("Sumber: judul dokumen atau berita"),
        max_length=300,
        error_messages={"required": _("Sebutkan sumber nilai ini.")},
        validators=[refuse_formula],
    )
    source_published_on = date_field(
        _("Tanggal sumber (kosongkan bila tidak terbaca)"),
        required=False,
        future_message=_("Tanggal sumber tidak boleh di masa depan."),
    )
    source_url = source_url_field()
    quote = forms.CharField(
        label=_("Kutipan kalimat sumber yang menyebut nilai ini"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Kutip kalimat sumber yang menyebut nilai ini.")},
        validators=[refuse_formula],
    )
    note = forms.CharField(
        label=_("Catatan (opsional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[refuse_formula],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, regencies, record: RelatedIndexValue | None = None, **kwargs):
        if record is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "regency": record.regency_id,
                "family": record.family_id,
                "year": record.year,
                "is_target": record.is_target,
                "value": record.value,
                "category": record.category,
                "source_title": record.source_title,
                "source_published_on": record.source_published_on,
                "source_url": record.source_url,
                "quote": record.quote,
                "note": record.note,
                "version": record.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["regency"].queryset = regencies
        if record is not None:
            # A revision stays with its regency.
            self.fields["regency"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("value") is None and not data.get("category"):
            self.add_error("value", _("Isi nilai atau kategori seperti tertulis di sumber."))
        if data.get("is_target") and (data.get("value") is None or data.get("category")):
            self.add_error("is_target", _("Target berupa nilai, tanpa kategori."))
        return data

    def fact(self) -> services.RelatedIndexFact:
        data = self.cleaned_data
        return services.RelatedIndexFact(
            family=data["family"],
            year=data["year"],
            value=data["value"],
            category=data["category"].strip(),
            is_target=data["is_target"],
            source_title=data["source_title"].strip(),
            source_url=data.get("source_url") or "",
            source_published_on=data["source_published_on"],
            quote=data["quote"].strip(),
            note=data["note"].strip(),
        )
