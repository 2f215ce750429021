"""The conversation on a revision: staff's reason for returning it and the answers of both sides."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events
from ..models import MessageKind, Result, ReviewMessage
from .common import WrongState, require_regency_right


def full_name(user: AbstractBaseUser | None) -> str:
    """The name a person is shown by in the workspace: the full name, else the account name."""
    if user is None:
        return ""
    return (user.get_full_name() if hasattr(user, "get_full_name") else "").strip() or user.get_username()


def record_message(*, result: Result, kind: str, body: str, by: AbstractBaseUser, at: datetime) -> ReviewMessage:
    """Part of a caller's transaction (the return, a reply): checked, then saved."""
    message = ReviewMessage(
        result=result, kind=kind, body=body.strip(), author=by, author_name=full_name(by), created_at=at
    )
    message.full_clean()
    message.save()
    return message


@transaction.atomic
def reply_to_review(*, result: Result, by: AbstractBaseUser, body: str) -> ReviewMessage:
    """An answer to the conversation of a revision that staff returned at least once, while it is still open.

    Only the revision's regency (its admins) or staff answer; checked here whatever the caller checked.
    """
    require_regency_right(by=by, regency=result.regency)
    if not body.strip():
        raise ValidationError({"body": _("Tulis balasan Anda.")})
    locked = Result.objects.select_for_update().get(pk=result.pk)
    if not locked.is_open:
        raise WrongState(
            _("Revisi ini sudah diverifikasi; percakapannya tersimpan di riwayat dan tidak dapat dibalas.")
        )
    if not locked.messages.filter(kind=MessageKind.RETURN).exists():
        raise WrongState(_("Belum ada komentar pemeriksa untuk dibalas pada revisi ini."))
    message = record_message(result=locked, kind=MessageKind.REPLY, body=body, by=by, at=timezone.now())
    events.review_reply_posted.send(sender=Result, result=locked, message=message, by=by)
    return message
