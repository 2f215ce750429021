"""Reminder digests: follow-ups due in 14 and 3 days or overdue, self-assessments missing after the deadline."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from assessments.models import FollowUpStatus, ResultKind, ReviewState
from notifications.models import NotificationPreference, ReminderDigest, ReportingDeadline
from notifications.reminders import _send_digest, reminders_by_user, send_reminders
from tests.factories import FollowUpFactory, RegencyFactory, ResultFactory, StaffUserFactory, regency_admin

from .conftest import SITE, send_queue

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def regency(db):
    return RegencyFactory()


@pytest.fixture
def admin(regency):
    return regency_admin(regency)


def follow_up(regency, due_in: int | None, *, today: date = TODAY, **fields):
    result = ResultFactory(regency=regency, year=2024 + FollowUpFactory._meta.model.objects.count())
    due = today + timedelta(days=due_in) if due_in is not None else None
    return FollowUpFactory(result=result, due_date=due, **fields)


def digests_to(outbox, user) -> list:
    return [message for message in outbox if message.to == [user.email]]


def test_follow_ups_due_in_14_and_3_days_and_overdue_reach_the_regencys_admins_in_one_digest(
    regency, admin, mailoutbox
):
    in_14 = follow_up(regency, 14, recommendation="Susun arsitektur SPBE daerah")
    in_3 = follow_up(regency, 3, recommendation="Tetapkan tim koordinasi SPBE")
    overdue = follow_up(regency, -2, recommendation="Integrasikan layanan kepegawaian")
    follow_up(regency, 20, recommendation="Terlalu jauh")
    follow_up(regency, 3, recommendation="Sudah selesai", status=FollowUpStatus.DONE)
    follow_up(regency, None, recommendation="Tanpa tenggat")
    other_admin = regency_admin(RegencyFactory())

    assert send_reminders(TODAY) == 1
    send_queue()

    (message,) = mailoutbox
    assert message.to == [admin.email]
    assert message.subject == "Pengingat Portal Indeks SPBE dan Pemdi NTT"
    for item in (in_14, in_3, overdue):
        assert item.recommendation in message.body
        assert f"{SITE}/entri/tindak-lanjut/{item.pk}/ubah/" in message.body
    assert "14 hari lagi" in message.body
    assert "3 hari lagi" in message.body
    assert "lewat tenggat" in message.body
    assert "Terlalu jauh" not in message.body
    assert "Sudah selesai" not in message.body
    assert "Tanpa tenggat" not in message.body
    assert f"{SITE}/akun/notifikasi/" in message.body
    assert digests_to(mailoutbox, other_admin) == []


def test_the_reminder_command_run_twice_sends_each_reminder_once(regency, admin, mailoutbox):
    follow_up(regency, 3, today=timezone.localdate())
    send_queue("--reminders")
    send_queue("--reminders")
    (message,) = mailoutbox
    assert "3 hari lagi" in message.body
    assert ReminderDigest.objects.filter(user=admin, day=timezone.localdate()).count() == 1


def test_a_reminder_is_given_once_and_the_next_stage_again(regency, admin, mailoutbox):
    item = follow_up(regency, 14)
    assert send_reminders(TODAY) == 1
    # The next days bring nothing new ...
    assert send_reminders(TODAY + timedelta(days=1)) == 0
    # ... until the follow-up is three days from its deadline, and again once it is overdue.
    assert send_reminders(TODAY + timedelta(days=11)) == 1
    assert send_reminders(TODAY + timedelta(days=12)) == 0
    assert send_reminders(TODAY + timedelta(days=15)) == 1
    send_queue()
    assert len(mailoutbox) == 3
    assert "3 hari lagi" in mailoutbox[1].body
    assert "lewat tenggat" in mailoutbox[2].body
    assert item.recommendation in mailoutbox[2].body


def test_at_most_one_digest_a_day_what_comes_later_waits_for_tomorrow(regency, admin, mailoutbox):
    follow_up(regency, 3, recommendation="Pertama")
    assert send_reminders(TODAY) == 1
    follow_up(regency, 2, recommendation="Kedua")
    assert send_reminders(TODAY) == 0
    assert send_reminders(TODAY + timedelta(days=1)) == 1
    send_queue()
    assert len(mailoutbox) == 2
    assert "Kedua" in mailoutbox[1].body
    assert "Pertama" not in mailoutbox[1].body


def test_two_runs_at_once_send_one_digest(regency, admin, mailoutbox):
    follow_up(regency, 3)
    # Run A has read what is due; run B then sends everything before A writes.
    seen_by_a = reminders_by_user(TODAY)
    assert send_reminders(TODAY) == 1
    (items,) = seen_by_a.values()
    assert _send_digest(admin, items, TODAY) is False
    send_queue()
    assert len(mailoutbox) == 1


def test_reminders_switched_off_send_nothing(regency, admin, mailoutbox):
    NotificationPreference.objects.create(user=admin, reminders_enabled=False)
    follow_up(regency, 3)
    assert send_reminders(TODAY) == 0
    send_queue()
    assert mailoutbox == []


def test_a_missed_self_assessment_deadline_reaches_the_admins_with_a_copy_to_staff(mailoutbox):
    from regencies.models import RegencyKind

    province = RegencyFactory(kind=RegencyKind.PROVINSI, code="99", name="Provinsi Uji")
    late = RegencyFactory()
    on_time = RegencyFactory()
    drafting = RegencyFactory()
    late_admin, on_time_admin, drafting_admin = regency_admin(late), regency_admin(on_time), regency_admin(drafting)
    staff = StaffUserFactory()
    NotificationPreference.objects.create(user=late_admin, language="en")
    ReportingDeadline.objects.create(year=2025, due_on=TODAY - timedelta(days=1))
    ResultFactory(regency=on_time, year=2025, kind=ResultKind.SELF_ASSESSMENT, state=ReviewState.SUBMITTED, source=None)
    ResultFactory(regency=drafting, year=2025, kind=ResultKind.SELF_ASSESSMENT, state=ReviewState.DRAFT, source=None)

    assert send_reminders(TODAY) == 3
    send_queue()

    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {late_admin.email, drafting_admin.email, staff.email}
    assert on_time_admin.email not in by_address
    assert by_address[late_admin.email].extra_headers["Content-Language"] == "en"
    assert late.display_name in by_address[late_admin.email].body
    assert f"{SITE}/entri/" in by_address[drafting_admin.email].body
    copy = by_address[staff.email].body
    assert late.display_name in copy
    assert drafting.display_name in copy
    assert on_time.display_name not in copy
    assert province.display_name not in copy
    # The same deadline is not reminded again.
    assert send_reminders(TODAY + timedelta(days=1)) == 0


def test_no_reminder_before_the_deadline_has_passed(regency, admin):
    ReportingDeadline.objects.create(year=2025, due_on=TODAY)
    StaffUserFactory()
    assert send_reminders(TODAY) == 0
