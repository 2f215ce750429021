"""The publication version: one number that changes whenever anything a public page shows changes.

Public pages and API answers are cached under keys that carry it (dashboard/cache.py, api/cache.py).
It lives in the database rather than in the cache so that every gunicorn worker and every machine sharing the
database sees the same number, even when each process keeps its own memory cache; reading it is one small query.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import PublicationState

SINGLETON_PK = 1
_READ_SQL = f"SELECT version, changed_at FROM {PublicationState._meta.db_table} WHERE id = %s"


@dataclass(frozen=True)
class Publication:
    version: int
    changed_at: datetime


def current() -> Publication:
    """One query, in plain SQL: every cached page runs it, and the ORM's query building cost more than the query
    itself (bench/results.md). Before anything was ever published the row may not exist: version 0."""
    with connection.cursor() as cursor:
        cursor.execute(_READ_SQL, [SINGLETON_PK])
        row = cursor.fetchone()
    if row is None:
        return Publication(version=0, changed_at=timezone.now().replace(microsecond=0))
    version, changed_at = row
    if timezone.is_naive(changed_at):  # SQLite hands datetimes back naive, in UTC
        changed_at = changed_at.replace(tzinfo=UTC)
    return Publication(version=version, changed_at=changed_at)


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
