"""Writes to regency records. A status flag is never edited: a newer flag with its own source replaces it."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regencies.models import Regency, StatusFlag

from .. import events
from .common import Citation, source_for


@transaction.atomic
def set_status_flag(
    *, regency: Regency, flag: str, as_of: date, note: str, source: Citation, by: AbstractBaseUser
) -> StatusFlag:
    """Records a flag as of a date, citing a source on file or a new one described by `source` (the one
    citation path, `source_for`: a publisher, a date neither in the future nor before the SPBE era, no formula).

    Runs in one transaction so that a refused flag (e.g. a second flag on the same date) leaves no orphan source.
    """
    cited = source_for(cited=source, field="source_title")
    if cited is None:
        raise ValidationError({"source_title": _("Sebutkan sumber status ini.")})
    status = StatusFlag(regency=regency, flag=flag, as_of=as_of, note=note, source=cited, created_by=by)
    status.full_clean()
    status._history_user = by
    status.save()
    events.status_flag_set.send(sender=StatusFlag, status_flag=status, by=by)
    return status
