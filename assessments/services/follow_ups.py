"""Follow-ups of an evaluation's recommendations: saved as drafts, verified by staff to become public."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..models import (
    FollowUp,
    Result,
    ReviewState,
)
from .common import claim, save_as


@transaction.atomic
def save_follow_up(
    *,
    result: Result,
    by: AbstractBaseUser,
    fields: dict,
    follow_up: FollowUp | None = None,
    version: int | None = None,
) -> FollowUp:
    """Creates or updates a follow-up; any change makes it a draft again until staff verify it."""
    if follow_up is None:
        follow_up = FollowUp(result=result, created_by=by)
    else:
        claim(follow_up, version=version)
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.state = ReviewState.DRAFT
    follow_up.reviewed_at = None
    follow_up.reviewed_by = None
    follow_up.full_clean()
    save_as(follow_up, by=by)
    return follow_up


@transaction.atomic
def verify_follow_up(*, follow_up: FollowUp, version: int, by: AbstractBaseUser) -> FollowUp:
    claim(follow_up, version=version)
    follow_up.state = ReviewState.VERIFIED
    follow_up.reviewed_at = timezone.now()
    follow_up.reviewed_by = by
    save_as(follow_up, by=by)
    return follow_up
