"""The one form builder for a cited source, used by every form that cites one (a result, its target, a target on
its own, a status flag, an official level): a source already on file picked from a list, or one described by
title, publisher, kind, number, date and link. Its fields are named `<prefix>_choice`, `<prefix>_title` …
`<prefix>_url`; the service that records the citation (`services.common.source_for`) reports its problems on the
same names.

The publisher is asked, never defaulted to the regency that types it; a date after today or before the SPBE era is
refused, as the service and the imports refuse it. The list of sources on file is the caller's (`limit_choices`).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import services
from assessments.models import (
    EARLIEST_SOURCE_DATE,
    EARLY_SOURCE_MESSAGE,
    FUTURE_SOURCE_MESSAGE,
    Source,
    SourceKind,
)
from assessments.services.common import DATE_MISSING, PUBLISHER_MISSING
from assessments.spreadsheets import refuse_formula

# A date typed or picked as yyyy-mm-dd; typed as dd/mm/yyyy, as Indonesian spreadsheets write it, it reads too.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_MESSAGES = {"invalid": _("Tulis tanggal sebagai tttt-bb-hh.")}


class SourceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, source: Source) -> str:
        parts = [source.title, source.publisher, source.published_on.strftime("%d-%m-%Y")]
        return " · ".join(part for part in parts if part)


def _plausible_date(value) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(FUTURE_SOURCE_MESSAGE)
    if value and value < EARLIEST_SOURCE_DATE:
        raise forms.ValidationError(EARLY_SOURCE_MESSAGE)


def source_fields(prefix: str, *, labels: dict, default_kind: str = SourceKind.DECREE) -> dict[str, forms.Field]:
    """The fields of one source. `labels` names the list ("choice", with its "choice_help" where it offers other
    sources than a regency's) and the title ("title")."""
    return {
        f"{prefix}_choice": SourceChoiceField(
            label=labels["choice"],
            queryset=Source.objects.none(),
            required=False,
            empty_label=_("— sumber lain (isi di bawah) —"),
            help_text=labels.get(
                "choice_help",
                _(
                    "Sumber yang sudah dikutip wilayah ini (tahun ini dan tahun lain, mis. RPJMD lima tahunan) dan "
                    "keputusan tahun itu. Bila sumbernya belum ada, pilih “sumber lain” lalu isi judul, penerbit, "
                    "jenis, nomor, tanggal dan tautannya di bawah."
                ),
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
            choices=SourceKind.citable(),
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
            input_formats=DATE_INPUT_FORMATS,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            error_messages=DATE_MESSAGES,
            validators=[_plausible_date],
        ),
        f"{prefix}_url": forms.URLField(
            label=_("Tautan sumber (opsional)"),
            required=False,
            max_length=500,
            assume_scheme="https",
            error_messages={"invalid": _("Tulis alamat lengkap, diawali https://.")},
        ),
    }


def check_source(form: forms.Form, prefix: str, *, title_message, required_message=None) -> None:
    """Call from the form's clean(). A described source needs its title and date, a new one its publisher (one on
    file with the same title and date is cited as it is). Picking a source and describing one are not both
    allowed. With `required_message`, naming no source at all is an error on the title."""
    data = form.cleaned_data
    title, date = data.get(f"{prefix}_title"), data.get(f"{prefix}_date")
    if data.get(f"{prefix}_choice") is not None:
        if title:
            form.add_error(f"{prefix}_title", _("Pilih sumber dari daftar atau tulis sumber baru, bukan keduanya."))
        return
    if f"{prefix}_date" in form.errors or f"{prefix}_title" in form.errors:
        return
    if not (title or date):
        if required_message:
            form.add_error(f"{prefix}_title", required_message)
        return
    if not title:
        form.add_error(f"{prefix}_title", title_message)
        return
    if not date:
        form.add_error(f"{prefix}_date", DATE_MISSING)
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
    """The sources the list offers (selectors.sources_on_file for a regency's entries)."""
    form.fields[f"{prefix}_choice"].queryset = queryset
