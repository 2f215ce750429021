"""Who receives which mail for each workflow event, in which language, with which link."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError
from django.db import transaction
from post_office.models import STATUS, Email, Log

from accounts.models import Membership
from assessments import services
from assessments.models import ReviewState
from notifications.models import NotificationPreference
from tests.entry_helpers import build_scenario
from tests.factories import StaffUserFactory, UserFactory, regency_admin
from tests.review_kinds import KINDS, records_of

from .conftest import SITE, send_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(db):
    return build_scenario()


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def submit(scenario, *, by=None):
    draft = scenario.draft
    return services.submit_result(result=draft, version=draft.version, by=by or scenario.admin)


def test_a_submission_is_queued_for_active_staff_with_an_address_and_sent_by_the_command(
    scenario, committed, mailoutbox
):
    StaffUserFactory(is_active=False)
    StaffUserFactory(email="")
    result = committed(lambda: submit(scenario))

    # The request only queued it: nothing has gone to SMTP yet.
    assert mailoutbox == []
    assert Email.objects.filter(status=STATUS.queued).count() == 1
    send_queue()

    (message,) = mailoutbox
    assert message.to == [scenario.staff.email]
    assert message.subject == f"Menunggu verifikasi: {scenario.regency.display_name} 2023"
    link = f"{SITE}/entri/hasil/{result.pk}/"
    assert link in message.body
    assert f'href="{link}"' in html_of(message)
    assert "hasil evaluasi resmi" in message.body
    assert message.extra_headers["Content-Language"] == "id"
    assert Email.objects.get().status == STATUS.sent


def test_a_person_who_chose_english_gets_the_mail_in_english(scenario, committed, mailoutbox):
    NotificationPreference.objects.create(user=scenario.staff, language="en")
    committed(lambda: submit(scenario))
    send_queue()

    (message,) = mailoutbox
    assert message.extra_headers["Content-Language"] == "en"
    assert "official evaluation result" in message.body
    assert "hasil evaluasi resmi" not in message.body
    assert '<html lang="en">' in html_of(message)


def test_a_return_goes_to_the_author_and_the_submitter_with_the_comment(scenario, committed, mailoutbox):
    colleague = regency_admin(scenario.regency)
    draft = scenario.draft
    draft.created_by = scenario.admin
    draft.save()
    submitted = submit(scenario, by=colleague)
    committed(
        lambda: services.return_result(
            result=submitted, version=submitted.version, by=scenario.staff, comment="Lampirkan SK penetapan tim."
        )
    )
    send_queue()

    assert sorted(m.to[0] for m in mailoutbox) == sorted([scenario.admin.email, colleague.email])
    message = mailoutbox[0]
    assert message.subject == f"Dikembalikan untuk diperbaiki: {scenario.regency.display_name} 2023"
    assert "Lampirkan SK penetapan tim." in message.body
    assert "Lampirkan SK penetapan tim." in html_of(message)
    assert f"{SITE}/entri/hasil/{submitted.pk}/" in message.body
    assert scenario.staff.email not in [m.to[0] for m in mailoutbox]


def test_a_verification_goes_to_the_submitter(scenario, committed, mailoutbox):
    submitted = scenario.submitted
    submitted.submitted_by = scenario.admin
    submitted.save()
    committed(lambda: services.verify_result(result=submitted, version=submitted.version, by=scenario.staff))
    send_queue()

    (message,) = mailoutbox
    assert message.to == [scenario.admin.email]
    assert message.subject == f"Diverifikasi dan diterbitkan: {scenario.regency.display_name} 2022"
    assert f"{SITE}/entri/hasil/{submitted.pk}/" in message.body


def test_a_status_flag_goes_to_the_regencys_admins_only(scenario, committed, mailoutbox):
    english_admin = regency_admin(scenario.regency)
    NotificationPreference.objects.create(user=english_admin, language="en")
    committed(
        lambda: services.set_status_flag(
            regency=scenario.regency,
            flag="compliant",
            as_of=date(2025, 2, 10),
            note="",
            source=services.CitedSource(
                title="Rapat evaluasi SPBE", publisher="Diskominfo NTT", kind="news", published_on=date(2025, 2, 10)
            ),
            by=scenario.staff,
        )
    )
    send_queue()

    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {scenario.admin.email, english_admin.email}
    link = f"{SITE}/wilayah/{scenario.regency.slug}/"
    assert link in by_address[scenario.admin.email].body
    assert "Sesuai penilaian pusat" in by_address[scenario.admin.email].body
    assert "In line with the central assessment" in by_address[english_admin.email].body


def test_a_rolled_back_action_queues_and_sends_nothing(scenario, committed, mailoutbox):
    def submit_then_fail():
        with transaction.atomic():
            submit(scenario)
            raise RuntimeError("the request failed after the service")

    with pytest.raises(RuntimeError):
        committed(submit_then_fail)
    send_queue()

    assert Email.objects.count() == 0
    assert mailoutbox == []
    assert scenario.draft.__class__.objects.get(pk=scenario.draft.pk).state == ReviewState.DRAFT


def test_a_refused_action_queues_nothing(scenario, committed):
    with pytest.raises(services.WrongState):
        committed(
            lambda: services.verify_result(result=scenario.draft, version=scenario.draft.version, by=scenario.staff)
        )
    assert Email.objects.count() == 0


def test_mail_that_smtp_refused_stays_queued_and_a_later_run_sends_it(scenario, committed, mailoutbox, settings):
    committed(lambda: submit(scenario))
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.DownBackend"
    with pytest.raises(CommandError, match="every mail of this run failed"):  # the timer's unit shows it
        send_queue()

    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert Log.objects.get(email=email).exception_type == "SMTPConnectError"
    assert mailoutbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email.objects.update(scheduled_time=None)  # the retry interval has passed
    send_queue()
    assert [m.to for m in mailoutbox] == [[scenario.staff.email]]
    assert Email.objects.get().status == STATUS.sent


def test_a_second_run_while_the_first_holds_the_lock_sends_nothing(scenario, committed, mailoutbox, settings):
    from post_office.lockfile import FileLock

    committed(lambda: submit(scenario))
    with FileLock(settings.NOTIFICATIONS_LOCK_FILE):
        send_queue()
        assert mailoutbox == []
    send_queue()
    assert len(mailoutbox) == 1


def test_workflow_mail_about_own_entries_comes_even_with_reminders_off(scenario, committed, mailoutbox):
    NotificationPreference.objects.create(user=scenario.admin, reminders_enabled=False)
    submitted = scenario.submitted
    submitted.submitted_by = scenario.admin
    submitted.save()
    committed(lambda: services.verify_result(result=submitted, version=submitted.version, by=scenario.staff))
    send_queue()
    assert [m.to for m in mailoutbox] == [[scenario.admin.email]]


def test_accounts_without_an_address_get_nothing(scenario, committed, mailoutbox):
    scenario.staff.email = ""
    scenario.staff.save()
    UserFactory()  # neither staff nor a regency admin
    committed(lambda: submit(scenario))
    send_queue()
    assert mailoutbox == []


SUBJECT_TITLE = {
    "result": lambda record: f"{record.regency.display_name} {record.year}",
    "target": lambda record: f"target {record.regency.display_name} {record.year}",
    "related": lambda record: f"RB {record.regency.display_name} {record.year}",
}
PATH = {"result": "hasil", "target": "target", "related": "indeks-terkait"}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_mailed_when_submitted_returned_and_verified(scenario, committed, mailoutbox, kind):
    """A target entered on its own and a related-index value send the mails a result sends: staff hear of a
    submission, the regency of a return (with the comment) and of a verification."""
    draft = records_of(kind, scenario).draft
    link = f"{SITE}/entri/{PATH[kind]}/{draft.pk}/"
    title = SUBJECT_TITLE[kind](draft)

    submitted = committed(lambda: step(draft, "submit", by=scenario.admin))
    returned = committed(lambda: step(submitted, "return", by=scenario.staff, comment="Lampirkan dokumennya."))
    resubmitted = committed(lambda: step(returned, "submit", by=scenario.admin))
    committed(lambda: step(resubmitted, "verify", by=StaffUserFactory(email="")))
    send_queue()

    sent = [(message.to, message.subject) for message in mailoutbox]
    assert sent == [
        ([scenario.staff.email], f"Menunggu verifikasi: {title}"),
        ([scenario.admin.email], f"Dikembalikan untuk diperbaiki: {title}"),
        ([scenario.staff.email], f"Menunggu verifikasi: {title}"),
        ([scenario.admin.email], f"Diverifikasi dan diterbitkan: {title}"),
    ]
    assert all(link in message.body and f'href="{link}"' in html_of(message) for message in mailoutbox)
    assert "Lampirkan dokumennya." in mailoutbox[1].body
    assert "Lampirkan dokumennya." in html_of(mailoutbox[1])


def step(record, name, *, by, comment=""):
    record = type(record).objects.get(pk=record.pk)
    return services.transition(record=record, step=name, by=by, version=record.version, comment=comment)


def test_a_resubmission_says_so_and_what_changed_since_the_return(scenario, committed, mailoutbox):
    submitted = scenario.submitted
    returned = services.return_result(
        result=submitted, version=submitted.version, by=scenario.staff, comment="Periksa indeksnya."
    )
    corrected = services.update_result_draft(
        result=returned, version=returned.version, by=scenario.admin, value=Decimal("2.45")
    )
    committed(lambda: services.submit_result(result=corrected, version=corrected.version, by=scenario.admin))
    send_queue()

    (message,) = mailoutbox
    for text in (message.body, html_of(message)):
        assert f"{scenario.regency.display_name} mengajukan lagi hasil evaluasi resmi tahun 2022" in text
        assert "setelah dikembalikan untuk diperbaiki" in text
        assert "Indeks: 2,40 → 2,45" in text
        assert "Sumber indeks" not in text  # unchanged, so not listed


def test_a_resubmission_in_english_reads_its_changes_in_english(scenario, committed, mailoutbox):
    NotificationPreference.objects.create(user=scenario.staff, language="en")
    submitted = scenario.submitted
    returned = services.return_result(result=submitted, version=submitted.version, by=scenario.staff, comment="x")
    committed(lambda: services.submit_result(result=returned, version=returned.version, by=scenario.admin))
    send_queue()

    (message,) = mailoutbox
    assert "again after it was returned for correction" in message.body
    assert "The values and their sources have not changed since it was returned." in message.body


def test_a_first_submission_is_not_called_a_resubmission(scenario, committed, mailoutbox):
    committed(lambda: submit(scenario))
    send_queue()

    (message,) = mailoutbox
    assert "mengajukan lagi" not in message.body
    assert "sejak dikembalikan" not in message.body


def test_an_admin_moved_to_another_regency_no_longer_hears_of_the_old_one(scenario, committed, mailoutbox):
    """Recipients are who the memberships say when the mail is queued, not who entered the revision once."""
    submitted = scenario.submitted
    submitted.created_by = submitted.submitted_by = scenario.admin
    submitted.save()
    successor = regency_admin(scenario.regency)
    Membership.objects.filter(user=scenario.admin).update(regency=scenario.other_regency)

    committed(
        lambda: services.return_result(
            result=submitted, version=submitted.version, by=scenario.staff, comment="Lengkapi lampiran."
        )
    )
    send_queue()

    assert [message.to for message in mailoutbox] == [[successor.email]]


def test_staff_who_entered_it_on_the_regencys_behalf_hear_how_it_went(scenario, committed, mailoutbox):
    colleague = StaffUserFactory()
    entered = services.create_result_draft(
        regency=scenario.regency, year=2020, kind="official", by=colleague, value=Decimal("2.30")
    )
    submitted = services.submit_result(result=entered, version=entered.version, by=colleague)
    committed(lambda: services.verify_result(result=submitted, version=submitted.version, by=scenario.staff))
    send_queue()

    assert sorted(message.to[0] for message in mailoutbox) == sorted([scenario.admin.email, colleague.email])


def test_nobody_is_mailed_about_their_own_step(scenario, committed, mailoutbox):
    draft = scenario.draft
    committed(lambda: services.submit_result(result=draft, version=draft.version, by=scenario.staff))
    send_queue()

    assert mailoutbox == []
