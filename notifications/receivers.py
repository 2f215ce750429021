"""Domain events (assessments.events) → queued mail, once the action's transaction commits.

Each receiver reads the rows again after the commit: the mail says what was stored, and a rolled-back action,
whose callbacks Django drops, queues nothing. Recipients are resolved then too, from the memberships as they
stand.
"""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_provincial_staff
from assessments import selectors
from assessments.models import Result, ReviewMessage, ReviewState, ReviewStep
from regencies.models import StatusFlag

from . import recipients
from .mail import absolute, link, queue

# The steps of the review that send mail, the same for a result, a target and a related-index value: the
# template, the subject, and who hears of it (staff review what is submitted; the regency hears how it went).
STEP_MAILS = {
    ReviewStep.SUBMIT: ("submitted", _("Menunggu verifikasi: %(title)s"), "staff"),
    ReviewStep.RETURN: ("returned", _("Dikembalikan untuk diperbaiki: %(title)s"), "regency"),
    ReviewStep.VERIFY: ("verified", _("Diverifikasi dan diterbitkan: %(title)s"), "regency"),
}


def _entry_context(result: Result) -> dict:
    return {
        "result": result,
        "regency": result.regency.display_name,
        "link": link("entry:result_detail", pk=result.pk),
    }


def _subject(template, context: dict) -> str:
    return str(template) % {"regency": context["regency"], "year": context["result"].year}


def mail_step(model, pk: int, step: ReviewStep, previous_state: str | None, by_pk: int | None) -> None:
    """The mail of one review step of a record of `model`, to everyone concerned but the person who took it."""
    record = model.objects.select_related("regency").filter(pk=pk).first()
    if record is None:
        return
    template, subject, audience = STEP_MAILS[step]
    people = recipients.provincial_staff() if audience == "staff" else recipients.regency_side(record)
    resubmitted = step == ReviewStep.SUBMIT and previous_state == ReviewState.RETURNED
    queue(
        users=[person for person in people if person.pk != by_pk],
        template=template,
        subject=lambda context: str(subject) % {"title": record.review_title},
        context={
            "record": record,
            "regency": record.regency.display_name,
            "link": absolute(record.review_url()),
            "resubmitted": resubmitted,
            "changes": [change for change in selectors.changes_since_return(record) if change.changed]
            if resubmitted
            else [],
        },
    )


def mail_reply(message_pk: int) -> None:
    message = ReviewMessage.objects.select_related("result__regency", "author").filter(pk=message_pk).first()
    if message is None:
        return
    result = message.result
    writer_is_staff = message.author is not None and is_provincial_staff(message.author)
    queue(
        users=recipients.conversation_partners(result, writer_id=message.author_id, writer_is_staff=writer_is_staff),
        template="reply",
        subject=partial(_subject, _("Balasan baru: %(regency)s %(year)s")),
        context={**_entry_context(result), "message": message},
    )


def mail_status_flag(status_flag_pk: int) -> None:
    status = StatusFlag.objects.select_related("regency", "source").filter(pk=status_flag_pk).first()
    if status is None:
        return
    regency = status.regency.display_name
    queue(
        users=recipients.regency_admins(status.regency_id),
        template="status_flag",
        subject=lambda context: _("Status baru untuk %(regency)s") % {"regency": regency},
        context={
            "status_flag": status,
            "regency": regency,
            "link": link("dashboard:regency", slug=status.regency.slug),
        },
    )


def on_review_step(sender, *, record, kind, step, previous_state, by, **kwargs) -> None:
    if step in STEP_MAILS:
        transaction.on_commit(partial(mail_step, sender, record.pk, step, previous_state, getattr(by, "pk", None)))


def on_review_reply_posted(sender, *, result, message, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_reply, message.pk))


def on_status_flag_set(sender, *, status_flag, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_status_flag, status_flag.pk))
