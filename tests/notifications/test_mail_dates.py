"""Mail writes dates as the site does ("30 November 2026", the profile's `j F Y`), not Django's short format
("30 Nov. 2026"), in Indonesian and in English."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from assessments import services
from assessments.services import CitedSource
from notifications.models import NotificationPreference, ReportingDeadline
from notifications.reminders import send_reminders
from tests.entry_helpers import build_scenario
from tests.factories import FollowUpFactory, RegencyFactory, regency_admin

from .conftest import send_queue

pytestmark = pytest.mark.django_db


def html_of(message) -> str:
    (html, _mimetype), *_ = message.alternatives
    return html


def test_the_status_flag_mail_writes_the_month_in_full(committed, mailoutbox):
    scenario = build_scenario()
    english = regency_admin(scenario.regency)
    NotificationPreference.objects.create(user=english, language="en")
    committed(
        lambda: services.set_status_flag(
            regency=scenario.regency,
            flag="compliant",
            as_of=date(2026, 11, 30),
            note="",
            source=CitedSource(
                title="Rapat evaluasi SPBE", publisher="Diskominfo NTT", kind="news", published_on=date(2026, 11, 30)
            ),
            by=scenario.staff,
        )
    )
    send_queue()

    by_address = {m.to[0]: m for m in mailoutbox}
    for address in (scenario.admin.email, english.email):
        message = by_address[address]
        assert "per 30 November 2026" in message.body or "as of 30 November 2026" in message.body
        assert "30 November 2026" in html_of(message)
        assert "Nov." not in message.body + html_of(message)


def test_reminders_write_due_dates_and_deadlines_in_full(mailoutbox):
    regency = RegencyFactory()
    admin = regency_admin(regency)
    today = timezone.localdate()
    due = today + timedelta(days=3)
    FollowUpFactory(result__regency=regency, due_date=due, recommendation="Tetapkan tim koordinasi SPBE")
    ReportingDeadline.objects.create(year=today.year - 1, due_on=today - timedelta(days=1))

    send_reminders(today)
    send_queue()

    (message,) = [m for m in mailoutbox if m.to == [admin.email]]
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus"]
    months += ["September", "Oktober", "November", "Desember"]
    for day in (due, today - timedelta(days=1)):
        written = f"{day.day} {months[day.month - 1]} {day.year}"
        assert written in message.body
        assert written in html_of(message)
