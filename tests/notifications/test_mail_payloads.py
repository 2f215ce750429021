"""Text people type reaches every mail as text: rendered once, never run as template code, escaped in the HTML.

Every field a person (or a data file) fills and a mail shows — a name, a regency's name, a return comment, a reply,
a status flag's note and source, a follow-up's recommendation, an account name — carries each payload through the
real flows: the submitted, returned, reply, verified, status-flag, reminder and password-reset mails.
"""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from assessments import services
from tests.entry_helpers import build_scenario
from tests.factories import FollowUpFactory

from .conftest import send_queue

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "{{7*7}}",
    "{% load log %}",
    "{% debug %}",
    "<script>alert('x')</script>",
    "{{ settings.SECRET_KEY }}",
    '{% include "base.html" %}',
    "{{ recipient.password }}",
    "{% now 'Y' %}",
]

# Subject openings of each mail; every one of them must arrive.
MAILS = {
    "submitted": "Menunggu verifikasi",
    "returned": "Dikembalikan untuk diperbaiki",
    "reply": "Balasan baru",
    "verified": "Diverifikasi dan diterbitkan",
    "status flag": "Status baru untuk",
    "reminders": "Pengingat Portal Indeks SPBE NTT",
    "password reset": "Atur ulang kata sandi",
}


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def every_mail_with(payload: str, client, committed) -> list:
    """Runs each event once with `payload` in every text field it mails, then sends the queue."""
    scenario = build_scenario()
    regency = scenario.regency
    regency.name = payload
    regency.save()
    for person in (scenario.admin, scenario.staff):
        person.first_name = payload
        person.last_name = "Bani"
        person.save()
    scenario.admin.username = f"admin{payload}"
    scenario.admin.email = "admin.payload@example.org"
    scenario.admin.save()
    for result in (scenario.draft, scenario.submitted):
        result.created_by = scenario.admin
        result.save()

    draft = scenario.draft
    submitted_now = committed(lambda: services.submit_result(result=draft, version=draft.version, by=scenario.admin))
    older = scenario.submitted
    returned = committed(
        lambda: services.return_result(result=older, version=older.version, by=scenario.staff, comment=payload)
    )
    committed(lambda: services.reply_to_review(result=returned, by=scenario.admin, body=payload))
    committed(lambda: services.verify_result(result=submitted_now, version=submitted_now.version, by=scenario.staff))
    committed(
        lambda: services.set_status_flag(
            regency=regency,
            flag="compliant",
            as_of=date(2025, 2, 10),
            note=payload,
            source={
                "title": payload,
                "publisher": "Diskominfo NTT",
                "kind": "news",
                "published_on": date(2025, 2, 10),
            },
            by=scenario.staff,
        )
    )
    FollowUpFactory(result=scenario.verified, recommendation=payload, due_date=timezone.localdate() + timedelta(days=3))
    client.post(reverse("accounts:password_reset"), {"email": scenario.admin.email})
    send_queue("--reminders")
    return scenario


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_mail_carries_typed_text_literally_and_escaped(payload, client, committed, mailoutbox):
    every_mail_with(payload, client, committed)

    arrived = {name for name, opening in MAILS.items() for m in mailoutbox if m.subject.startswith(opening)}
    assert arrived == set(MAILS)
    for message in mailoutbox:
        html = html_of(message)
        # Everyone here is greeted by a name that is the payload: every mail shows it, as typed.
        assert payload in message.body, message.subject
        assert escape(payload) in html, message.subject
        assert "<script>" not in html
        assert settings.SECRET_KEY not in message.body + html
        assert "49" not in message.body.replace(payload, "")
    shown_in_subject = [m for m in mailoutbox if m.subject.startswith(("Menunggu", "Dikembalikan", "Status baru"))]
    assert shown_in_subject
    for message in shown_in_subject:
        assert payload in message.subject


def test_a_return_comment_with_template_syntax_is_returned_and_mailed(client, committed, mailoutbox):
    """The probe's case: the return answered 500 after it was saved, and its mail was never queued."""
    scenario = build_scenario()
    older = scenario.submitted
    older.created_by = scenario.admin
    older.save()
    client.force_login(scenario.staff)

    response = committed(
        lambda: client.post(
            reverse("entry:result_return", kwargs={"pk": older.pk}), {"version": older.version, "comment": "{{7*7}}"}
        )
    )
    send_queue()

    assert response.status_code == 302
    (message,) = [m for m in mailoutbox if m.subject.startswith("Dikembalikan")]
    assert "{{7*7}}" in message.body
