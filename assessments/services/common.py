"""What every write shares: the optimistic version check, the state check, sources cited by a form.

Every update names the `version` it read. The row is claimed with `UPDATE … WHERE version = read_version`;
when another save came first nothing is written and `ConcurrentEdit` carries the row as it now stands, so the
page can show the other person's change instead of overwriting it.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import can_edit_regency
from regencies.models import Regency

from ..formatting import index_value
from ..models import (
    Result,
    Source,
    SourceKind,
)

VERIFYING_PUBLISHER = "Dinas Kominfo Provinsi Nusa Tenggara Timur"


class ConcurrentEdit(Exception):
    """Someone saved the row after this user read it. `current` is the row as it stands now."""

    def __init__(self, current: models.Model):
        super().__init__(f"{type(current).__name__} {current.pk} changed since it was read")
        self.current = current


class WrongState(ValidationError):
    pass


NOT_YOUR_REGENCY = gettext_lazy("Anda tidak berhak mengubah entri wilayah ini.")


def require_regency_right(*, by: AbstractBaseUser, regency: Regency, message: str | None = None) -> None:
    """Every write of a regency's entries asks this first: its own admins or provincial staff, nobody else,
    whatever the view checked (an import, the shell, a view that forgot). Refused as PermissionDenied, which a view
    answers with 403, before anything is written."""
    if not can_edit_regency(by, regency):
        raise PermissionDenied(message or NOT_YOUR_REGENCY)


@dataclass(frozen=True)
class CitedSource:
    """A source as a form or an import row describes it: title (decree number or document title), who published
    it, its kind, date, number and link. The publisher is asked, never assumed to be the regency that typed it."""

    title: str
    published_on: date
    publisher: str = ""
    kind: str = SourceKind.DECREE
    reference: str = ""
    url: str = ""


# What a form may cite: a source described, or one already on file picked from the list.
Citation = CitedSource | Source

PUBLISHER_MISSING = gettext_lazy("Sebutkan penerbit sumber (mis. Kementerian PANRB), bukan wilayah yang mengisi.")
TITLE_MISSING = gettext_lazy("Sebutkan judul atau nomor dokumen sumber.")
DATE_MISSING = gettext_lazy("Isi tanggal sumber.")
KIND_NOT_CITABLE = gettext_lazy("Pilih jenis sumber dari daftar.")
# How a form names each Source field: `<prefix>_title` … `<prefix>_date` (entry/source_fields.py).
FORM_FIELDS = {
    "title": "title",
    "publisher": "publisher",
    "kind": "kind",
    "reference": "reference",
    "published_on": "date",
    "url": "url",
}


def save_as(instance: models.Model, *, by: AbstractBaseUser | None) -> None:
    """Saves with `by` as the history record's user, also outside a web request (imports, the shell)."""
    instance._history_user = by
    instance.save()


def claim(instance: models.Model, *, version: int) -> None:
    """Bumps the version only if it is still the one the user read; otherwise refuses with the current row."""
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=version).update(version=version + 1)
    if not claimed:
        raise ConcurrentEdit(current=model.objects.get(pk=instance.pk))
    instance.version = version + 1


def require_state(instance, allowed: list[str], message: str) -> None:
    if instance.state not in allowed:
        raise WrongState(message)


def on_file(cited: CitedSource) -> Source | None:
    """The source already recorded with this title and date: cited again as it is (its publisher need not be
    repeated)."""
    return Source.objects.filter(title=cited.title.strip(), published_on=cited.published_on).first()


def _described(cited: CitedSource) -> Source:
    return Source(
        title=cited.title.strip(),
        published_on=cited.published_on,
        publisher=cited.publisher.strip(),
        kind=cited.kind,
        reference=cited.reference.strip(),
        url=cited.url.strip(),
    )


def citation_problems(cited: CitedSource) -> dict[str, list[str]]:
    """Everything that keeps a described source from being recorded, by Source field (title, publisher, kind,
    reference, published_on, url), in words for the person: the checks `source_for` makes (the model's own,
    `Source.full_clean`), which the imports' previews run too and name by their own columns. No query."""
    problems: dict[str, list[str]] = {}
    missing = {
        "title": TITLE_MISSING if not cited.title.strip() else None,
        "publisher": PUBLISHER_MISSING if not cited.publisher.strip() else None,
        "published_on": DATE_MISSING if cited.published_on is None else None,
    }
    for name, message in missing.items():
        if message is not None:
            problems[name] = [str(message)]
    if cited.kind not in dict(SourceKind.citable()):
        problems["kind"] = [str(KIND_NOT_CITABLE)]
    try:
        _described(cited).full_clean(exclude=list(problems), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(name, []).extend(messages)
    return problems


def source_for(*, cited: Citation | None, field: str = "source_title") -> Source | None:
    """The one way a citation becomes a Source: the one picked, the one on file with the same title and date, or
    a new one after `citation_problems` finds nothing (a publisher named, a date neither in the future nor before
    the SPBE era, no formula, a link that fits its column). `field` names the form's title field; each problem is
    reported on the form field of its own (`source_date`, `target_source_publisher` …)."""
    if cited is None or isinstance(cited, Source):
        return cited
    found = on_file(cited) if cited.published_on else None
    if found is not None:
        return found
    prefix = field.removesuffix("_title")
    problems = citation_problems(cited)
    if problems:
        raise ValidationError({f"{prefix}_{FORM_FIELDS[name]}": messages for name, messages in problems.items()})
    source = _described(cited)
    source.save()
    return source


def verified_entry_title(*, regency: Regency, what: str, year: int) -> str:
    """How a value with no outside document is cited: the regency's entry, never an account or a row number.
    Stored data, so written in the site's language whatever the language of the page that verified it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Entri %(regency)s: %(what)s %(year)s") % {
            "regency": regency.display_name,
            "what": str(what),
            "year": year,
        }


def verified_entry_source(*, regency: Regency, what: str, year: int, on: date) -> Source:
    """Cited as "Entri Kabupaten X: Hasil evaluasi resmi 2024, diverifikasi Dinas Kominfo Provinsi NTT, 3 Mar 2025"."""
    source, _created = Source.objects.get_or_create(
        title=verified_entry_title(regency=regency, what=what, year=year),
        published_on=on,
        defaults={"publisher": VERIFYING_PUBLISHER, "kind": SourceKind.VERIFIED_ENTRY},
    )
    return source


def keep_source_only_for_unchanged_value(record) -> None:
    """A revision starts with the revised row's source. Its value may keep that source only while unchanged: a
    changed value names the document that states it (a copied "verified entry" citation is simply dropped, and
    the new value is cited as a verified entry again when verified)."""
    revised = record.revises
    if revised is None or record.source_id is None or record.source_id != revised.source_id:
        return
    same = record.value == revised.value and getattr(record, "evaluated", True) == getattr(revised, "evaluated", True)
    if same:
        return
    if record.source.is_verified_entry:
        record.source = None
        return
    field = "source_title" if isinstance(record, Result) else "target_source_title"
    what = _("Indeks") if isinstance(record, Result) else _("Target")
    raise ValidationError(
        {
            field: _(
                "%(what)s berubah dari %(old)s menjadi %(new)s, tetapi sumbernya masih sumber nilai yang terbit "
                "(%(source)s). Sebutkan sumber yang memuat nilai baru."
            )
            % {
                "what": what,
                "old": index_value(revised.value) if revised.value is not None else _("tidak dievaluasi"),
                "new": index_value(record.value) if record.value is not None else _("tidak dievaluasi"),
                "source": record.source.title,
            }
        }
    )
