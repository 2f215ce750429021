"""A reply on a revision's conversation reaches the other side: staff who returned it, or the regency's authors."""

import pytest

from assessments import services
from tests.entry_helpers import build_scenario
from tests.factories import StaffUserFactory

from .conftest import SITE, send_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(db):
    built = build_scenario()
    built.admin.first_name, built.admin.last_name = "Maria", "Bani"
    built.admin.save()
    submitted = built.submitted
    submitted.created_by = built.admin
    submitted.save()
    return built


def returned(scenario):
    submitted = scenario.submitted
    return services.return_result(
        result=submitted, version=submitted.version, by=scenario.staff, comment="Lampirkan SK tim SPBE."
    )


def test_the_admins_reply_goes_to_the_reviewer_who_returned_it(scenario, committed, mailoutbox):
    StaffUserFactory()  # another officer, who did not return it, hears nothing
    result = returned(scenario)
    mailoutbox.clear()
    committed(lambda: services.reply_to_review(result=result, by=scenario.admin, body="SK sudah dilampirkan."))
    send_queue()

    replies = [m for m in mailoutbox if m.subject.startswith("Balasan baru")]
    (message,) = replies
    assert message.to == [scenario.staff.email]
    assert message.subject == f"Balasan baru: {scenario.regency.display_name} 2022"
    assert "Maria Bani membalas percakapan pemeriksaan hasil evaluasi resmi" in message.body
    assert "SK sudah dilampirkan." in message.body
    assert f"{SITE}/entri/hasil/{result.pk}/" in message.body


def test_a_staff_answer_goes_to_the_regencys_authors_not_to_the_writer(scenario, committed, mailoutbox):
    result = returned(scenario)
    mailoutbox.clear()
    committed(lambda: services.reply_to_review(result=result, by=scenario.staff, body="Lihat halaman 4."))
    send_queue()

    replies = [m for m in mailoutbox if m.subject.startswith("Balasan baru")]
    assert [m.to for m in replies] == [[scenario.admin.email]]


def test_a_refused_reply_sends_nothing(scenario, committed, mailoutbox):
    with pytest.raises(services.WrongState):
        committed(lambda: services.reply_to_review(result=scenario.draft, by=scenario.admin, body="Halo."))
    send_queue()

    assert mailoutbox == []
