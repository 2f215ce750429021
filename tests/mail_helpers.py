"""Every mail the portal sends, each made once by the real flow: the services for the workflow and status-flag
mails, the reminder run for a digest, the reset page for the password-reset mail."""

from datetime import date, timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.services import CitedSource
from tests.entry_helpers import Scenario, build_scenario
from tests.factories import FollowUpFactory

# Subject openings of each mail, in Indonesian.
MAILS = {
    "submitted": "Menunggu verifikasi",
    "returned": "Dikembalikan untuk diperbaiki",
    "reply": "Balasan baru",
    "verified": "Diverifikasi dan diterbitkan",
    "status flag": "Status baru untuk",
    "reminders": "Pengingat Portal Indeks SPBE dan Pemdi NTT",
    "password reset": "Atur ulang kata sandi",
}


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def send_every_mail(client, committed, *, text: str, name: str, regency_name: str, username: str) -> Scenario:
    """Runs each event once, `text` in every field a person types (return comment, reply, status note and source,
    follow-up recommendation), `name` as the first name of the people mailed, then sends the queue (whose lock the
    caller has put in its own folder). `committed(action)` runs a service with its on_commit callbacks."""
    scenario = build_scenario()
    regency = scenario.regency
    regency.name = regency_name
    regency.save()
    for person in (scenario.admin, scenario.staff):
        person.first_name = name
        person.last_name = "Bani"
        person.save()
    scenario.admin.username = username
    scenario.admin.email = "admin.wilayah@example.org"
    scenario.admin.save()
    for result in (scenario.draft, scenario.submitted):
        result.created_by = scenario.admin
        result.save()

    draft, older = scenario.draft, scenario.submitted
    submitted = committed(lambda: services.submit_result(result=draft, version=draft.version, by=scenario.admin))
    returned = committed(
        lambda: services.return_result(result=older, version=older.version, by=scenario.staff, comment=text)
    )
    committed(lambda: services.reply_to_review(result=returned, by=scenario.admin, body=text))
    committed(lambda: services.verify_result(result=submitted, version=submitted.version, by=scenario.staff))
    committed(
        lambda: services.set_status_flag(
            regency=regency,
            flag="compliant",
            as_of=date(2025, 2, 10),
            note=text,
            source=CitedSource(title=text, publisher="Diskominfo NTT", kind="news", published_on=date(2025, 2, 10)),
            by=scenario.staff,
        )
    )
    FollowUpFactory(result=scenario.verified, recommendation=text, due_date=timezone.localdate() + timedelta(days=3))
    client.post(reverse("accounts:password_reset"), {"email": scenario.admin.email})
    call_command("send_notifications", "--reminders")
    return scenario
