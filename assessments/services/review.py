"""The review workflow of every reviewed record — a result, a target, a related-index value — in one transition.

`transition` takes any step (submit, verify, return, start a revision) on any kind. It owns what every step
shares: who may take it (checked here, whatever the view checked), the version the page read, the state the step
starts from, the second reviewer, superseding the published revision, the rows carried with the record (an
official result's target) and the domain event. The models supply only their hooks (`Reviewed`): what "the same
published row" is, what is carried and copied, their words.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_provincial_staff

from .. import events
from ..models import (
    AWAITING_REVIEW_STATES,
    STEP_RULES,
    MessageKind,
    RelatedIndexValue,
    Result,
    Reviewed,
    ReviewState,
    ReviewStep,
    Target,
)
from .common import (
    ConcurrentEdit,
    WrongState,
    claim,
    require_regency_right,
    require_state,
    save_as,
    verified_entry_source,
)
from .conversation import record_message

OWN_ENTRY_MESSAGE = _(
    "Anda sendiri yang mengisi atau mengajukan revisi ini; verifikasi harus dilakukan staf provinsi lain."
)
STAFF_ONLY = _("Hanya staf provinsi yang dapat memverifikasi atau mengembalikan entri.")
RETURN_NEEDS_A_COMMENT = _("Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki.")


class RevisionExists(WrongState):
    """A revision of this record is already being worked on (a second "Mulai revisi", or two at once):
    `revision` is that one, for the page to open."""

    def __init__(self, revision: Reviewed):
        super().__init__(revision.review_words.revision_exists)
        self.revision = revision


def self_verification_allowed() -> bool:
    """A one-person office may allow it; by default a second member of staff verifies."""
    return getattr(settings, "SPBE_ALLOW_SELF_VERIFICATION", False)


def needs_second_reviewer(record: Reviewed, user: AbstractBaseUser, *, carried: list[Reviewed] | None = None) -> bool:
    """Whether `user` entered, changed or submitted this revision, or a row verified with it (an official
    result's target), and so must leave its verification to a colleague. `carried`: those rows, when the caller
    has them."""
    if user.pk is None or self_verification_allowed():
        return False
    if carried is None:
        carried = record.carried(AWAITING_REVIEW_STATES) if record.awaits_review else []
    return any(user.pk in row.authors() for row in [record, *carried])


def require_right(*, record: Reviewed, step: ReviewStep, by: AbstractBaseUser) -> None:
    """Verifying and returning are provincial staff's; every other write is for the record's own regency (its
    admins) or staff."""
    if STEP_RULES[step].staff_only:
        if not is_provincial_staff(by):
            raise PermissionDenied(STAFF_ONLY)
    else:
        require_regency_right(by=by, regency=record.regency)


@transaction.atomic
def transition(
    *, record: Reviewed, step: ReviewStep, by: AbstractBaseUser, version: int | None = None, comment: str = ""
) -> Reviewed:
    """Takes `step` on `record` read at `version` and returns the record as it now stands — for a revision, the
    new draft. A second click on a step already taken says so (WrongState); a page overtaken by someone else's
    save gets ConcurrentEdit with the row as it stands; nothing is written either way.

    Without `version` (a write that shows no page, such as an import), the version just read is claimed."""
    step = ReviewStep(step)
    require_right(record=record, step=step, by=by)
    if step == ReviewStep.REVISE:
        return _start_revision(record, by=by, version=version)
    if step == ReviewStep.RETURN and not comment.strip():
        raise ValidationError({"comment": RETURN_NEEDS_A_COMMENT})
    rule = STEP_RULES[step]
    _claim_for(record, step=step, version=record.version if version is None else version)
    require_state(record, rule.starts_from, record.review_words.cannot(step))
    carried = record.carried(rule.starts_from)
    if step == ReviewStep.VERIFY and needs_second_reviewer(record, by, carried=carried):
        raise WrongState(OWN_ENTRY_MESSAGE)
    previous, now = record.state, timezone.now()
    if step == ReviewStep.RETURN and record.keeps_conversation:
        record_message(result=record, kind=MessageKind.RETURN, body=comment, by=by, at=now)
    for row in [record, *carried]:
        if row is not record:
            claim(row, version=row.version)
        _apply(row, step=step, by=by, now=now, comment=comment.strip())
    _announce(record, step=step, previous=previous, by=by)
    return record


def _claim_for(record: Reviewed, *, step: ReviewStep, version: int) -> None:
    """A stale version whose row already stands where this step leads is a second click on the same button (or a
    colleague's identical step): say so, instead of "someone changed it"."""
    try:
        claim(record, version=version)
    except ConcurrentEdit as conflict:
        if conflict.current.state == STEP_RULES[step].leads_to:
            raise WrongState(record.review_words.already(step)) from conflict
        raise


def _apply(row: Reviewed, *, step: ReviewStep, by: AbstractBaseUser, now: datetime, comment: str) -> None:
    if step == ReviewStep.SUBMIT:
        row.submitted_at, row.submitted_by = now, by
    elif step == ReviewStep.VERIFY:
        _supersede_counterpart(row, by=by)
        if row.verified_entry_label() is not None and row.source_id is None:
            row.source = verified_entry_source(
                regency=row.regency, what=row.verified_entry_label(), year=row.year, on=timezone.localdate(now)
            )
        comment = ""
    if step in (ReviewStep.VERIFY, ReviewStep.RETURN):
        row.reviewed_at, row.reviewed_by, row.review_comment = now, by, comment
    row.state = STEP_RULES[step].leads_to
    save_as(row, by=by)


def _supersede_counterpart(row: Reviewed, *, by: AbstractBaseUser) -> None:
    """The previous published revision becomes superseded before this one is verified: the database allows only
    one verified revision per record, and both changes commit together."""
    previous = row.published_counterpart()
    if previous is None:
        return
    claim(previous, version=previous.version)
    previous.state = ReviewState.SUPERSEDED
    save_as(previous, by=by)
    if row.revises_id is None:
        row.revises = previous


def _start_revision(record: Reviewed, *, by: AbstractBaseUser, version: int | None) -> Reviewed:
    """A new draft copying a published record, to change it through review; until it is verified the public
    keeps seeing the published one.

    The published row is claimed first, so that two or three requests at once queue behind each other on it:
    the first makes the revision, the others find it and are sent to it (RevisionExists)."""
    if not record.is_published:
        raise WrongState(record.review_words.cannot(ReviewStep.REVISE))
    if (existing := record.open_revision()) is not None:
        raise RevisionExists(existing)
    try:
        claim(record, version=record.version if version is None else version)
    except ConcurrentEdit:
        if (existing := record.open_revision()) is not None:
            raise RevisionExists(existing) from None
        raise
    draft = record.revision_draft(by=by)
    draft.full_clean()
    save_as(draft, by=by)
    for row in record.revision_children(draft):
        save_as(row, by=by)
    _announce(draft, step=ReviewStep.REVISE, previous=None, by=by)
    return draft


def _announce(record: Reviewed, *, step: ReviewStep, previous: str | None, by: AbstractBaseUser) -> None:
    events.review_step.send(
        sender=type(record), record=record, kind=record.review_kind, step=step, previous_state=previous, by=by
    )


# The steps under the names their callers (views, imports, the workspace) have always used.


def submit_result(*, result: Result, version: int, by: AbstractBaseUser) -> Result:
    return transition(record=result, step=ReviewStep.SUBMIT, by=by, version=version)


def verify_result(*, result: Result, version: int, by: AbstractBaseUser) -> Result:
    return transition(record=result, step=ReviewStep.VERIFY, by=by, version=version)


def return_result(*, result: Result, version: int, by: AbstractBaseUser, comment: str) -> Result:
    return transition(record=result, step=ReviewStep.RETURN, by=by, version=version, comment=comment)


def start_revision(*, result: Result, by: AbstractBaseUser, version: int | None = None) -> Result:
    return transition(record=result, step=ReviewStep.REVISE, by=by, version=version)


def submit_target(*, target: Target, version: int, by: AbstractBaseUser) -> Target:
    return transition(record=target, step=ReviewStep.SUBMIT, by=by, version=version)


def verify_target(*, target: Target, version: int, by: AbstractBaseUser) -> Target:
    return transition(record=target, step=ReviewStep.VERIFY, by=by, version=version)


def return_target(*, target: Target, version: int, by: AbstractBaseUser, comment: str) -> Target:
    return transition(record=target, step=ReviewStep.RETURN, by=by, version=version, comment=comment)


def submit_related_index_value(*, record: RelatedIndexValue, version: int, by: AbstractBaseUser) -> RelatedIndexValue:
    return transition(record=record, step=ReviewStep.SUBMIT, by=by, version=version)


def verify_related_index_value(*, record: RelatedIndexValue, version: int, by: AbstractBaseUser) -> RelatedIndexValue:
    return transition(record=record, step=ReviewStep.VERIFY, by=by, version=version)


def return_related_index_value(
    *, record: RelatedIndexValue, version: int, by: AbstractBaseUser, comment: str
) -> RelatedIndexValue:
    return transition(record=record, step=ReviewStep.RETURN, by=by, version=version, comment=comment)


def start_related_index_revision(*, record: RelatedIndexValue, by: AbstractBaseUser) -> RelatedIndexValue:
    return transition(record=record, step=ReviewStep.REVISE, by=by)
