"""Writes to regency records. A status flag is never edited: a newer flag with its own source replaces it."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from regencies.models import Regency, StatusFlag

from .. import events
from ..models import Source


@transaction.atomic
def set_status_flag(
    *, regency: Regency, flag: str, as_of: date, note: str, source: Source | dict, by: AbstractBaseUser
) -> StatusFlag:
    """Records a flag as of a date, citing an existing source or a new one described by `source`'s fields.

    Runs in one transaction so that a refused flag (e.g. a second flag on the same date) leaves no orphan source.
    """
    if isinstance(source, dict):
        source, _created = Source.objects.get_or_create(
            title=source["title"], published_on=source["published_on"], defaults=source
        )
    status = StatusFlag(regency=regency, flag=flag, as_of=as_of, note=note, source=source, created_by=by)
    status.full_clean()
    status._history_user = by
    status.save()
    events.status_flag_set.send(sender=StatusFlag, status_flag=status, by=by)
    return status
