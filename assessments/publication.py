"""The publication version: one number that changes whenever anything a public page shows changes.

Public pages and API answers are cached under keys that carry it (spbe_portal/public_cache.py, api/cache.py).
It lives in the database rather than in the cache so that every gunicorn worker and every machine sharing the
database sees the same number, even when each process keeps its own memory cache; reading it is one small query.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import PublicationState

SINGLETON_PK = 1


@dataclass(frozen=True)
class Publication:
    version: int
    changed_at: datetime


def current() -> Publication:
    """One query. Before anything was ever published the row may not exist: version 0."""
    row = PublicationState.objects.filter(pk=SINGLETON_PK).values_list("version", "changed_at").first()
    if row is None:
        return Publication(version=0, changed_at=timezone.now().replace(microsecond=0))
    return Publication(version=row[0], changed_at=row[1])


def current_version() -> int:
    return current().version


def bump_version() -> None:
    """In the caller's transaction: the new version becomes visible together with the change it announces, so no
    reader can pair the new version with the old data."""
    with transaction.atomic():
        updated = PublicationState.objects.filter(pk=SINGLETON_PK).update(
            version=F("version") + 1, changed_at=timezone.now()
        )
        if not updated:
            PublicationState.objects.get_or_create(pk=SINGLETON_PK, defaults={"version": 1})


def changed(**kwargs) -> None:
    """Receiver for post_save and post_delete of every model a public page or the API reads."""
    if kwargs.get("raw"):
        return
    bump_version()


def published_models() -> list:
    from regencies.models import Regency, StatusFlag

    from .models import FollowUp, Framework, IndicatorScore, PredikatBand, Result, Source, Target

    return [Result, Target, IndicatorScore, FollowUp, StatusFlag, Regency, Source, Framework, PredikatBand]
