"""What every write shares: the optimistic version check, the state check, sources cited by a form.

Every update names the `version` it read. The row is claimed with `UPDATE … WHERE version = read_version`;
when another save came first nothing is written and `ConcurrentEdit` carries the row as it now stands, so the
page can show the other person's change instead of overwriting it.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from regencies.models import Regency

from ..models import (
    Framework,
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


@dataclass(frozen=True)
class CitedSource:
    """What an admin typed about their source: a decree number or document title, its date, an optional link."""

    title: str
    published_on: date
    reference: str = ""
    url: str = ""


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


def framework_for_year(year: int) -> Framework | None:
    return Framework.objects.for_year(year).order_by("-first_year").first()


def source_for(*, cited: CitedSource | None, regency: Regency, by: AbstractBaseUser) -> Source | None:
    if cited is None:
        return None
    source, _created = Source.objects.get_or_create(
        title=cited.title,
        published_on=cited.published_on,
        defaults={
            "publisher": regency.display_name,
            "kind": SourceKind.DECREE,
            "reference": cited.reference,
            "url": cited.url,
            "note": _("Disebut oleh %(user)s saat entri.") % {"user": by.get_username()},
        },
    )
    return source
