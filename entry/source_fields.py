"""The fields that describe a source, for the result's source and the target's own: a source already on file
picked from a list, or one described by title, publisher, kind, number, date and link (as the status-flag form
asks). The publisher is asked, never defaulted to the regency that types it; a date after today is refused."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import services
from assessments.models import Source, SourceKind
from assessments.services.common import PUBLISHER_MISSING
from assessments.spreadsheets import refuse_formula

# What a form may name as the kind of an outside source: every kind but the province's verified entry, which
# the verification makes.
CITABLE_KINDS = [choice for choice in SourceKind.choices if choice[0] != SourceKind.VERIFIED_ENTRY]
FUTURE_DATE = _("Tanggal sumber tidak boleh di masa depan.")


class SourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, source: Source) -> str:
        parts = [source.title, source.publisher, source.published_on.strftime("%d-%m-%Y")]
        return " · ".join(part for part in parts if part)


def _not_after_today(value) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE)


def source_fields(prefix: str, *, labels: dict, default_kind: str) -> dict[str, forms.Field]:
    """The fields of one source, named `<prefix>_choice`, `<prefix>_title` … `<prefix>_url`."""
    return {
        f"{prefix}_choice": SourceChoiceField(
            label=labels["choice"],
            queryset=Source.objects.none(),
            required=False,
            empty_label=_("— sumber lain (isi di bawah) —"),
            help_text=_(
                "Sumber yang sudah dikutip wilayah ini untuk tahun ini, dan keputusan tahun itu. Bila sumbernya belum "
                "ada, pilih “sumber lain” lalu isi judul, penerbit, jenis, nomor, tanggal dan tautannya di bawah."
            ),
            error_messages={"invalid_choice": _("Pilih sumber dari daftar.")},
        ),
        f"{prefix}_title": forms.CharField(
            label=labels["title"], max_length=300, required=False, validators=[refuse_formula]
        ),
        f"{prefix}_publisher": forms.CharField(
            label=_("Penerbit sumber"),
            max_length=200,
            required=False,
            help_text=_("Lembaga yang menerbitkan dokumen, mis. Kementerian PANRB atau Bappeda kabupaten."),
            validators=[refuse_formula],
        ),
        f"{prefix}_kind": forms.ChoiceField(
            label=_("Jenis sumber"),
            choices=CITABLE_KINDS,
            initial=default_kind,
            # Only read for a source described here; left out of a post, the kind the list starts on.
            required=False,
            error_messages={"invalid_choice": _("Pilih jenis sumber dari daftar.")},
        ),
        f"{prefix}_reference": forms.CharField(
            label=_("Nomor dokumen (opsional)"), max_length=200, required=False, validators=[refuse_formula]
        ),
        f"{prefix}_date": forms.DateField(
            label=_("Tanggal sumber"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            error_messages={"invalid": _("Tulis tanggal sebagai tttt-bb-hh.")},
            validators=[_not_after_today],
        ),
        f"{prefix}_url": forms.URLField(
            label=_("Tautan sumber (opsional)"),
            required=False,
            max_length=500,
            assume_scheme="https",
            error_messages={"invalid": _("Tulis alamat lengkap, diawali https://.")},
        ),
    }


def check_source(form: forms.Form, prefix: str, *, title_message) -> None:
    """A described source needs its title and date; a new one its publisher (one on file with the same title
    and date is reused as it is). Picking a source from the list and describing one are not both allowed."""
    data = form.cleaned_data
    title, date = data.get(f"{prefix}_title"), data.get(f"{prefix}_date")
    if data.get(f"{prefix}_choice") is not None:
        if title:
            form.add_error(f"{prefix}_title", _("Pilih sumber dari daftar atau tulis sumber baru, bukan keduanya."))
        return
    if f"{prefix}_date" in form.errors or not (title or date):
        return
    if not title:
        form.add_error(f"{prefix}_title", title_message)
        return
    if not date:
        form.add_error(f"{prefix}_date", _("Isi tanggal sumber."))
        return
    on_file = Source.objects.filter(title=title, published_on=date).exists()
    if not on_file and not data.get(f"{prefix}_publisher"):
        form.add_error(f"{prefix}_publisher", PUBLISHER_MISSING)


def citation(form: forms.Form, prefix: str) -> services.Citation | None:
    """The source picked or described, or None when the form names none (a revision then keeps its own)."""
    data = form.cleaned_data
    if data.get(f"{prefix}_choice") is not None:
        return data[f"{prefix}_choice"]
    if not data.get(f"{prefix}_title"):
        return None
    return services.CitedSource(
        title=data[f"{prefix}_title"],
        published_on=data[f"{prefix}_date"],
        publisher=data.get(f"{prefix}_publisher") or "",
        kind=data.get(f"{prefix}_kind") or form.fields[f"{prefix}_kind"].initial,
        reference=data.get(f"{prefix}_reference") or "",
        url=data.get(f"{prefix}_url") or "",
    )


def limit_choices(form: forms.Form, prefix: str, queryset) -> None:
    form.fields[f"{prefix}_choice"].queryset = queryset
