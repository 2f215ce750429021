"""Related-index values (RB, IPP, KIP): a regency admin (or staff) enters a draft with the source described on
the row. It then goes through the review workflow every reviewed record shares (`review.transition`): submitted,
verified or returned by a second member of staff; a change to a verified fact is a new revision that supersedes it
when verified, until when the public keeps seeing the verified one.
"""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regencies.models import Regency

from ..models import EDITABLE_STATES, IndexFamily, RelatedIndexValue, ReviewState
from .common import claim, require_regency_right, require_state, save_as


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


# The row's fields a form states, named once by the dataclass above.
FACT_FIELDS = [field.name for field in fields(RelatedIndexFact)]


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
        require_regency_right(by=by, regency=regency)
        record = RelatedIndexValue(regency=regency, created_by=by, state=ReviewState.DRAFT)
    else:
        require_regency_right(by=by, regency=record.regency)
        claim(record, version=version or 0)
        require_state(record, EDITABLE_STATES, _("Nilai ini sudah diajukan atau diterbitkan; mulai revisi baru."))
    _write(record, fact)
    record.changed_by = by
    record.full_clean()
    save_as(record, by=by)
    return record
