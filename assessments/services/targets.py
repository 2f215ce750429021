"""Targets: the open revision of a regency's target for a year."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from regencies.models import Regency

from ..models import (
    Result,
    ResultKind,
    ReviewState,
    Target,
)
from .common import CitedSource, WrongState, save_as, source_for


@transaction.atomic
def save_target_draft(
    *, regency: Regency, year: int, value: Decimal, by: AbstractBaseUser, cited: CitedSource | None = None
) -> Target:
    """The open target revision for the year, created or updated; a published target is never touched."""
    target = Target.objects.open().filter(regency=regency, year=year).first()
    published = Target.objects.published().filter(regency=regency, year=year).first()
    if target is None:
        if published is not None and published.value == value:
            return published
        target = Target(regency=regency, year=year, created_by=by, revises=published, state=ReviewState.DRAFT)
    elif target.state == ReviewState.SUBMITTED:
        raise WrongState(_("Target tahun ini sedang diperiksa staf provinsi dan belum dapat diubah."))
    target.value = value
    source = source_for(cited=cited, regency=regency, by=by)
    if source is not None:
        target.source = source
    target.full_clean()
    if target.pk:
        target.version += 1
    save_as(target, by=by)
    return target


def _open_target(result: Result, states: list[str]) -> Target | None:
    if result.kind != ResultKind.OFFICIAL:
        return None
    return Target.objects.filter(regency=result.regency, year=result.year, state__in=states).first()
