"""Daily reminder digests: follow-ups due in 14 and 3 days or overdue, and self-assessments not submitted by the
deadline staff set. One digest per person per day at most; each reminder is given once.

A reminder has a key (e.g. "followup:12:3d"). Sending a digest writes its ReminderDigest (unique per person and
day) and a SentReminder per key (unique per person and key) in one transaction with the queued mail: a second
run, or one running at the same time, hits the unique keys and sends nothing more.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from assessments.models import PUBLISHED_STATES, FollowUp, FollowUpStatus, Result, ResultKind, ReviewState
from regencies.models import Regency

from . import recipients
from .mail import link, queue
from .models import ReminderDigest, ReportingDeadline, SentReminder

FIRST_NOTICE_DAYS = 14
LAST_NOTICE_DAYS = 3


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str  # "follow_up" or "deadline": which paragraph of the digest template shows it
    regency: str
    link: str
    follow_up: FollowUp | None = None
    deadline: ReportingDeadline | None = None
    days_left: int | None = None
    is_copy: bool = False  # staff's copy of a regency's missed deadline


def _follow_up_stage(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    if days_left <= LAST_NOTICE_DAYS:
        return "3d"
    if days_left <= FIRST_NOTICE_DAYS:
        return "14d"
    return None


def follow_up_reminders(today: date) -> dict[int, list[Reminder]]:
    """Per regency: open follow-ups whose deadline is at most 14 days away or past."""
    due = (
        FollowUp.objects.exclude(status=FollowUpStatus.DONE)
        .filter(due_date__isnull=False, due_date__lte=today + timedelta(days=FIRST_NOTICE_DAYS))
        .select_related("result__regency", "regency")
        .order_by("due_date", "pk")
    )
    per_regency: dict[int, list[Reminder]] = {}
    for follow_up in due:
        days_left = (follow_up.due_date - today).days
        stage = _follow_up_stage(days_left)
        regency = follow_up.of_regency  # its result's, or a plan's of a year
        per_regency.setdefault(regency.pk, []).append(
            Reminder(
                key=f"followup:{follow_up.pk}:{stage}",
                kind="follow_up",
                regency=regency.display_name,
                link=link("entry:follow_up_edit", pk=follow_up.pk),
                follow_up=follow_up,
                days_left=days_left,
            )
        )
    return per_regency


def missed_deadlines(today: date) -> list[tuple[ReportingDeadline, Regency]]:
    """Each regency without a submitted (or published) self-assessment for a year whose deadline has passed."""
    missed = []
    done = [ReviewState.SUBMITTED, *PUBLISHED_STATES]
    for deadline in ReportingDeadline.objects.filter(due_on__lt=today):
        submitted = Result.objects.filter(kind=ResultKind.SELF_ASSESSMENT, year=deadline.year, state__in=done)
        # The 22 kabupaten/kota; the province is a reference line with no admins of its own to remind.
        for regency in Regency.objects.ranked().exclude(pk__in=submitted.values("regency_id")).order_by("code"):
            missed.append((deadline, regency))
    return missed


def _deadline_reminder(deadline: ReportingDeadline, regency: Regency, *, is_copy: bool) -> Reminder:
    return Reminder(
        key=f"deadline:{deadline.year}:{deadline.due_on.isoformat()}:{regency.pk}",
        kind="deadline",
        regency=regency.display_name,
        link=link("entry:list"),
        deadline=deadline,
        is_copy=is_copy,
    )


def reminders_by_user(today: date) -> dict:
    """Every reminder due today, grouped by the person who gets it (users as keys)."""
    by_user: dict = {}
    users: dict[int, object] = {}

    def give(user, reminder):
        users.setdefault(user.pk, user)
        by_user.setdefault(user.pk, []).append(reminder)

    admins: dict[int, list] = {}

    def admins_of(regency_id):
        if regency_id not in admins:
            admins[regency_id] = recipients.regency_admins(regency_id)
        return admins[regency_id]

    for regency_id, items in follow_up_reminders(today).items():
        for user in admins_of(regency_id):
            for reminder in items:
                give(user, reminder)
    missed = missed_deadlines(today)
    staff = recipients.provincial_staff() if missed else []
    for deadline, regency in missed:
        for user in admins_of(regency.pk):
            give(user, _deadline_reminder(deadline, regency, is_copy=False))
        for user in staff:
            give(user, _deadline_reminder(deadline, regency, is_copy=True))
    return {users[pk]: items for pk, items in by_user.items()}


def _send_digest(user, reminders: list[Reminder], today: date) -> bool:
    """Queues one digest of the reminders this person has not had yet; False when there is nothing new or a
    digest already went out today (from this run or another)."""
    try:
        with transaction.atomic():
            given = set(
                SentReminder.objects.filter(user=user, key__in=[r.key for r in reminders]).values_list("key", flat=True)
            )
            new = [reminder for reminder in reminders if reminder.key not in given]
            if not new:
                return False
            digest = ReminderDigest.objects.create(user=user, day=today)
            SentReminder.objects.bulk_create([SentReminder(digest=digest, user=user, key=r.key) for r in new])
            queue(
                users=[user],
                template="reminders",
                subject=_("Pengingat Portal Indeks SPBE dan Pemdi NTT"),
                context={
                    "follow_ups": [r for r in new if r.kind == "follow_up"],
                    "deadlines": [r for r in new if r.kind == "deadline" and not r.is_copy],
                    "deadline_copies": [r for r in new if r.kind == "deadline" and r.is_copy],
                    "preferences_link": link("notifications:preferences"),
                    "today": today,
                },
            )
    except IntegrityError:
        return False
    return True


def send_reminders(today: date) -> int:
    """Queues today's digests; returns how many. Safe to run again the same day: it then queues none."""
    sent = 0
    for user, reminders in reminders_by_user(today).items():
        if recipients.wants_reminders(user) and _send_digest(user, reminders, today):
            sent += 1
    return sent
