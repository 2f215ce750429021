"""The review workflow: submit, verify (publish, superseding the previous revision) and return with a comment."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import events
from ..models import (
    AWAITING_REVIEW_STATES,
    EDITABLE_STATES,
    MessageKind,
    Result,
    ResultKind,
    ReviewState,
    Source,
    Target,
)
from .common import ConcurrentEdit, WrongState, claim, require_state, save_as, verified_entry_source
from .conversation import record_message
from .targets import _open_target

OWN_ENTRY_MESSAGE = _(
    "Anda sendiri yang mengisi atau mengajukan revisi ini; verifikasi harus dilakukan staf provinsi lain."
)


def _claim_or_explain(result: Result, *, version: int, done: str, message: str) -> None:
    """A stale version whose row already stands where this step would take it is a second click on the same
    button (or a colleague's identical step): say so, instead of "someone changed it"."""
    try:
        claim(result, version=version)
    except ConcurrentEdit as conflict:
        if conflict.current.state == done:
            raise WrongState(message) from conflict
        raise


@transaction.atomic
def submit_result(*, result: Result, version: int, by: AbstractBaseUser) -> Result:
    _claim_or_explain(
        result, version=version, done=ReviewState.SUBMITTED, message=_("Entri ini sudah diajukan untuk verifikasi.")
    )
    require_state(result, EDITABLE_STATES, _("Entri ini sudah diajukan atau diterbitkan."))
    now = timezone.now()
    result.state = ReviewState.SUBMITTED
    result.submitted_at = now
    result.submitted_by = by
    save_as(result, by=by)
    target = _open_target(result, EDITABLE_STATES)
    if target is not None:
        target.state = ReviewState.SUBMITTED
        target.submitted_at = now
        target.submitted_by = by
        target.version += 1
        save_as(target, by=by)
    events.result_submitted.send(sender=Result, result=result, by=by)
    return result


def _verified_entry_source(*, record: Result | Target, on: date) -> Source:
    what = ResultKind(record.kind).label if isinstance(record, Result) else gettext_lazy("Target")
    return verified_entry_source(regency=record.regency, what=what, year=record.year, on=on)


def _publish(record: Result | Target, *, by: AbstractBaseUser, now) -> None:
    """The previous published revision becomes superseded before this one is verified: the database allows
    only one verified revision per key, and both changes commit together."""
    key = {"regency": record.regency, "year": record.year}
    if isinstance(record, Result):
        key["kind"] = record.kind
    previous = type(record).objects.published().filter(**key).exclude(pk=record.pk).first()
    if previous is not None:
        previous.state = ReviewState.SUPERSEDED
        previous.version += 1
        save_as(previous, by=by)
        if record.revises_id is None:
            record.revises = previous
    if record.source_id is None:
        record.source = _verified_entry_source(record=record, on=timezone.localdate(now))
    record.state = ReviewState.VERIFIED
    record.reviewed_at = now
    record.reviewed_by = by
    record.review_comment = ""
    save_as(record, by=by)


def self_verification_allowed() -> bool:
    """A one-person office may allow it; by default a second member of staff verifies."""
    return getattr(settings, "SPBE_ALLOW_SELF_VERIFICATION", False)


def needs_second_reviewer(result: Result | Target, user: AbstractBaseUser) -> bool:
    """Whether `user` entered or submitted this revision and so must leave its verification to a colleague."""
    own = user.pk is not None and user.pk in (result.created_by_id, result.submitted_by_id)
    return own and not self_verification_allowed()


@transaction.atomic
def verify_result(*, result: Result, version: int, by: AbstractBaseUser) -> Result:
    """Publishes a submitted result and its submitted target.

    A second person verifies what one entered or submitted, in the workspace and the import alike, unless the
    office allows self-verification (SPBE_ALLOW_SELF_VERIFICATION, docs/security.md).
    """
    _claim_or_explain(
        result, version=version, done=ReviewState.VERIFIED, message=_("Entri ini sudah diverifikasi dan diterbitkan.")
    )
    require_state(result, AWAITING_REVIEW_STATES, _("Hanya entri yang diajukan yang dapat diverifikasi."))
    if needs_second_reviewer(result, by):
        raise WrongState(OWN_ENTRY_MESSAGE)
    now = timezone.now()
    _publish(result, by=by, now=now)
    target = _open_target(result, AWAITING_REVIEW_STATES)
    if target is not None:
        target.version += 1
        _publish(target, by=by, now=now)
    events.result_verified.send(sender=Result, result=result, by=by)
    return result


@transaction.atomic
def return_result(*, result: Result, version: int, by: AbstractBaseUser, comment: str) -> Result:
    if not comment.strip():
        raise ValidationError({"comment": _("Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki.")})
    _claim_or_explain(
        result, version=version, done=ReviewState.RETURNED, message=_("Entri ini sudah dikembalikan ke admin wilayah.")
    )
    require_state(result, AWAITING_REVIEW_STATES, _("Hanya entri yang diajukan yang dapat dikembalikan."))
    now = timezone.now()
    record_message(result=result, kind=MessageKind.RETURN, body=comment, by=by, at=now)
    for record in [result, _open_target(result, AWAITING_REVIEW_STATES)]:
        if record is None:
            continue
        if record is not result:
            record.version += 1
        record.state = ReviewState.RETURNED
        record.reviewed_at = now
        record.reviewed_by = by
        record.review_comment = comment.strip()
        save_as(record, by=by)
    events.result_returned.send(sender=Result, result=result, by=by)
    return result


def _target_claim(target: Target, *, version: int, done: str, message: str) -> None:
    _claim_or_explain(target, version=version, done=done, message=message)


@transaction.atomic
def submit_target(*, target: Target, version: int, by: AbstractBaseUser) -> Target:
    """Submits a target entered on its own (no result carries it), e.g. a future year's RPJMD target."""
    _target_claim(target, version=version, done=ReviewState.SUBMITTED, message=_("Target ini sudah diajukan."))
    require_state(target, EDITABLE_STATES, _("Target ini sudah diajukan atau diterbitkan."))
    target.state = ReviewState.SUBMITTED
    target.submitted_at = timezone.now()
    target.submitted_by = by
    save_as(target, by=by)
    return target


@transaction.atomic
def verify_target(*, target: Target, version: int, by: AbstractBaseUser) -> Target:
    """Publishes a submitted target on its own; a second person verifies, as for results."""
    _target_claim(target, version=version, done=ReviewState.VERIFIED, message=_("Target ini sudah diterbitkan."))
    require_state(target, AWAITING_REVIEW_STATES, _("Hanya target yang diajukan yang dapat diverifikasi."))
    if needs_second_reviewer(target, by):
        raise WrongState(OWN_ENTRY_MESSAGE)
    _publish(target, by=by, now=timezone.now())
    return target


@transaction.atomic
def return_target(*, target: Target, version: int, by: AbstractBaseUser, comment: str) -> Target:
    if not comment.strip():
        raise ValidationError({"comment": _("Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki.")})
    _target_claim(target, version=version, done=ReviewState.RETURNED, message=_("Target ini sudah dikembalikan."))
    require_state(target, AWAITING_REVIEW_STATES, _("Hanya target yang diajukan yang dapat dikembalikan."))
    target.state = ReviewState.RETURNED
    target.reviewed_at = timezone.now()
    target.reviewed_by = by
    target.review_comment = comment.strip()
    save_as(target, by=by)
    return target
