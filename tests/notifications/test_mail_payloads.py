"""Text people type reaches every mail as text: rendered once, never run as template code, escaped in the HTML.

Every field a person (or a data file) fills and a mail shows — a name, a regency's name, a return comment, a reply,
a status flag's note and source, a follow-up's recommendation, an account name — carries each payload through the
real flows: the submitted, returned, reply, verified, status-flag, reminder and password-reset mails.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from tests.entry_helpers import build_scenario
from tests.mail_helpers import MAILS, html_of, send_every_mail

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


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_mail_carries_typed_text_literally_and_escaped(payload, client, committed, mailoutbox):
    send_every_mail(client, committed, text=payload, name=payload, regency_name=payload, username=f"admin{payload}")

    arrived = {name for name, opening in MAILS.items() for m in mailoutbox if m.subject.startswith(opening)}
    assert arrived == set(MAILS)
    for message in mailoutbox:
        html = html_of(message)
        # Everyone here is greeted by a name that is the payload: every mail shows it, as typed.
        assert payload in message.body, message.subject
        assert escape(payload) in html, message.subject
        assert "<script>" not in html
        assert settings.SECRET_KEY not in message.body + html
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
