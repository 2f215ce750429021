"""Workflow events (assessments.events) → queued mail, once the action's transaction commits.

Each receiver reads the rows again after the commit: the mail says what was stored, and a rolled-back action,
whose callbacks Django drops, queues nothing.
"""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_provincial_staff
from assessments.models import Result, ReviewMessage
from regencies.models import StatusFlag

from . import recipients
from .mail import link, queue


def _entry_context(result: Result) -> dict:
    return {
        "result": result,
        "regency": result.regency.display_name,
        "link": link("entry:result_detail", pk=result.pk),
    }


def _result(pk: int) -> Result | None:
    return Result.objects.select_related("regency", "framework").filter(pk=pk).first()


def _subject(template, context: dict) -> str:
    return str(template) % {"regency": context["regency"], "year": context["result"].year}


def mail_submitted(result_pk: int) -> None:
    result = _result(result_pk)
    if result is not None:
        queue(
            users=recipients.provincial_staff(),
            template="submitted",
            subject=partial(_subject, _("Menunggu verifikasi: %(regency)s %(year)s")),
            context=_entry_context(result),
        )


def mail_returned(result_pk: int) -> None:
    result = _result(result_pk)
    if result is not None:
        queue(
            users=recipients.authors(result),
            template="returned",
            subject=partial(_subject, _("Dikembalikan untuk diperbaiki: %(regency)s %(year)s")),
            context=_entry_context(result),
        )


def mail_verified(result_pk: int) -> None:
    result = _result(result_pk)
    if result is not None:
        queue(
            users=recipients.authors(result),
            template="verified",
            subject=partial(_subject, _("Diverifikasi dan diterbitkan: %(regency)s %(year)s")),
            context=_entry_context(result),
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


def on_result_submitted(sender, *, result, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_submitted, result.pk))


def on_result_returned(sender, *, result, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_returned, result.pk))


def on_result_verified(sender, *, result, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_verified, result.pk))


def on_review_reply_posted(sender, *, result, message, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_reply, message.pk))


def on_status_flag_set(sender, *, status_flag, by, **kwargs) -> None:
    transaction.on_commit(partial(mail_status_flag, status_flag.pk))
