"""Related-index values (RB, IPP, KIP) through the review workflow of a result: a regency admin (or staff) enters
a draft with the source described on the row, submits it, and a second member of staff verifies or returns it.
A change to a verified fact is a new revision that supersedes it when verified; until then the public keeps
seeing the verified one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regencies.models import Regency

from ..models import AWAITING_REVIEW_STATES, EDITABLE_STATES, IndexFamily, RelatedIndexValue, ReviewState
from .common import ConcurrentEdit, WrongState, claim, require_state, save_as
from .review import OWN_ENTRY_MESSAGE, needs_second_reviewer


@dataclass(frozen=True)
class RelatedIndexFact:
    """What the form states: the value and/or the category as written, or a target, with the source it was read
    in and the sentence that says it."""

    family: IndexFamily
    year: int | None
    value: Decimal | None
    category: str
    is_target: bool
    source_title: str
    source_url: str
    source_published_on: date | None
    quote: str
    note: str = ""


FACT_FIELDS = [
    "family",
    "year",
    "value",
    "category",
    "is_target",
    "source_title",
    "source_url",
    "source_published_on",
    "quote",
    "note",
]


def _write(record: RelatedIndexValue, fact: RelatedIndexFact) -> None:
    for name in FACT_FIELDS:
        setattr(record, name, getattr(fact, name))


@transaction.atomic
def save_related_index_value(
    *,
    fact: RelatedIndexFact,
    by: AbstractBaseUser,
    regency: Regency | None = None,
    record: RelatedIndexValue | None = None,
    version: int | None = None,
) -> RelatedIndexValue:
    """Creates a draft for `regency`, or updates `record` (a draft or returned revision) read at `version`."""
    if record is None:
        if regency is None:
            raise ValidationError({"regency": _("Pilih wilayah.")})
        record = RelatedIndexValue(regency=regency, created_by=by, state=ReviewState.DRAFT)
    else:
        claim(record, version=version or 0)
        require_state(record, EDITABLE_STATES, _("Nilai ini sudah diajukan atau diterbitkan; mulai revisi baru."))
    _write(record, fact)
    record.full_clean()
    save_as(record, by=by)
    return record


@transaction.atomic
def start_related_index_revision(*, record: RelatedIndexValue, by: AbstractBaseUser) -> RelatedIndexValue:
    """A new draft copying a verified fact, to change it through review."""
    if not record.is_published:
        raise WrongState(_("Revisi hanya dapat dimulai dari nilai yang sudah diterbitkan."))
    if RelatedIndexValue.objects.open().filter(revises=record).exists():
        raise WrongState(_("Sudah ada revisi yang sedang dikerjakan untuk nilai ini."))
    draft = RelatedIndexValue(regency=record.regency, revises=record, created_by=by, state=ReviewState.DRAFT)
    for name in FACT_FIELDS:
        setattr(draft, name, getattr(record, name))
    draft.full_clean()
    save_as(draft, by=by)
    return draft


def _claim(record: RelatedIndexValue, *, version: int, done: str, message: str) -> None:
    """A stale version whose row already stands where this step would take it is a second click: say so."""
    try:
        claim(record, version=version)
    except ConcurrentEdit as conflict:
        if conflict.current.state == done:
            raise WrongState(message) from conflict
        raise


@transaction.atomic
def submit_related_index_value(*, record: RelatedIndexValue, version: int, by: AbstractBaseUser) -> RelatedIndexValue:
    _claim(record, version=version, done=ReviewState.SUBMITTED, message=_("Nilai ini sudah diajukan untuk verifikasi."))
    require_state(record, EDITABLE_STATES, _("Nilai ini sudah diajukan atau diterbitkan."))
    record.state = ReviewState.SUBMITTED
    record.submitted_at = timezone.now()
    record.submitted_by = by
    save_as(record, by=by)
    return record


@transaction.atomic
def verify_related_index_value(*, record: RelatedIndexValue, version: int, by: AbstractBaseUser) -> RelatedIndexValue:
    """Publishes a submitted fact; the verified fact it revises becomes superseded in the same transaction."""
    _claim(
        record, version=version, done=ReviewState.VERIFIED, message=_("Nilai ini sudah diverifikasi dan diterbitkan.")
    )
    require_state(record, AWAITING_REVIEW_STATES, _("Hanya nilai yang diajukan yang dapat diverifikasi."))
    if needs_second_reviewer(record, by):
        raise WrongState(OWN_ENTRY_MESSAGE)
    previous = record.revises
    if previous is not None and previous.is_published:
        previous.state = ReviewState.SUPERSEDED
        previous.version += 1
        save_as(previous, by=by)
    record.state = ReviewState.VERIFIED
    record.reviewed_at = timezone.now()
    record.reviewed_by = by
    record.review_comment = ""
    save_as(record, by=by)
    return record


@transaction.atomic
def return_related_index_value(
    *, record: RelatedIndexValue, version: int, by: AbstractBaseUser, comment: str
) -> RelatedIndexValue:
    if not comment.strip():
        raise ValidationError({"comment": _("Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki.")})
    _claim(
        record, version=version, done=ReviewState.RETURNED, message=_("Nilai ini sudah dikembalikan ke admin wilayah.")
    )
    require_state(record, AWAITING_REVIEW_STATES, _("Hanya nilai yang diajukan yang dapat dikembalikan."))
    record.state = ReviewState.RETURNED
    record.reviewed_at = timezone.now()
    record.reviewed_by = by
    record.review_comment = comment.strip()
    save_as(record, by=by)
    return record
