"""The review workflow through the services: each refusal, the second click and the second reviewer."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import Result, ReviewState
from tests.entry_helpers import build_scenario, database_state
from tests.factories import ResultFactory, StaffUserFactory

OWN_ENTRY = "Anda sendiri yang mengisi atau mengajukan revisi ini; verifikasi harus dilakukan staf provinsi lain."


@pytest.fixture
def scenario(db):
    return build_scenario()


def reload(result: Result) -> Result:
    return Result.objects.get(pk=result.pk)


def messages_of(refusal) -> str:
    return " ".join(refusal.value.messages)


def test_submitting_twice_says_it_is_already_submitted(scenario):
    read = scenario.draft.version
    services.submit_result(result=reload(scenario.draft), version=read, by=scenario.admin)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.submit_result(result=reload(scenario.draft), version=read, by=scenario.admin)

    assert messages_of(refused) == "Entri ini sudah diajukan untuk verifikasi."
    assert database_state() == before


def test_submitting_a_published_result_is_refused(scenario):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.submit_result(result=scenario.verified, version=scenario.verified.version, by=scenario.admin)

    assert messages_of(refused) == "Entri ini sudah diajukan atau diterbitkan."
    assert database_state() == before


def test_verifying_a_draft_is_refused(scenario):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.verify_result(result=scenario.draft, version=scenario.draft.version, by=scenario.staff)

    assert messages_of(refused) == "Hanya entri yang diajukan yang dapat diverifikasi."
    assert database_state() == before


def test_verifying_twice_says_it_is_already_verified(scenario):
    read = scenario.submitted.version
    services.verify_result(result=reload(scenario.submitted), version=read, by=scenario.staff)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.verify_result(result=reload(scenario.submitted), version=read, by=scenario.staff)

    assert messages_of(refused) == "Entri ini sudah diverifikasi dan diterbitkan."
    assert database_state() == before


def test_a_stale_verification_of_a_resubmitted_entry_is_a_conflict(scenario):
    read = scenario.submitted.version
    services.return_result(result=reload(scenario.submitted), version=read, by=scenario.staff, comment="Lengkapi.")
    returned = reload(scenario.submitted)
    services.submit_result(result=returned, version=returned.version, by=scenario.admin)
    before = database_state()

    with pytest.raises(services.ConcurrentEdit) as refused:
        services.verify_result(result=reload(scenario.submitted), version=read, by=scenario.staff)

    assert refused.value.current.state == ReviewState.SUBMITTED
    assert database_state() == before


def test_returning_without_a_comment_is_refused(scenario):
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.return_result(
            result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff, comment=" \n"
        )

    assert messages_of(refused) == "Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki."
    assert database_state() == before


def test_returning_a_draft_is_refused(scenario):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.return_result(result=scenario.draft, version=scenario.draft.version, by=scenario.staff, comment="x")

    assert messages_of(refused) == "Hanya entri yang diajukan yang dapat dikembalikan."
    assert database_state() == before


def test_returning_twice_says_it_is_already_returned(scenario):
    read = scenario.submitted.version
    services.return_result(result=reload(scenario.submitted), version=read, by=scenario.staff, comment="Lengkapi.")

    with pytest.raises(services.WrongState) as refused:
        services.return_result(result=reload(scenario.submitted), version=read, by=scenario.staff, comment="Lagi.")

    assert messages_of(refused) == "Entri ini sudah dikembalikan ke admin wilayah."
    assert reload(scenario.submitted).review_comment == "Lengkapi."


@pytest.fixture
def own_submission(scenario):
    """A 2020 result one member of staff entered and submitted."""
    entered = services.create_result_draft(
        regency=scenario.regency, year=2020, kind="official", by=scenario.staff, value=Decimal("2.30")
    )
    return services.submit_result(result=entered, version=entered.version, by=scenario.staff)


def test_staff_cannot_verify_a_revision_they_entered_and_submitted(scenario, own_submission):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.verify_result(result=own_submission, version=own_submission.version, by=scenario.staff)

    assert messages_of(refused) == OWN_ENTRY
    assert database_state() == before


def test_staff_cannot_verify_a_revision_they_only_submitted(scenario):
    result = ResultFactory(
        regency=scenario.regency, year=2020, framework=scenario.framework, state=ReviewState.DRAFT, source=None
    )
    result = services.submit_result(result=result, version=result.version, by=scenario.staff)

    with pytest.raises(services.WrongState):
        services.verify_result(result=result, version=result.version, by=scenario.staff)


def test_a_second_member_of_staff_verifies_it(scenario, own_submission):
    colleague = StaffUserFactory()

    services.verify_result(result=own_submission, version=own_submission.version, by=colleague)

    assert reload(own_submission).reviewed_by == colleague


def test_a_one_person_office_may_allow_self_verification(scenario, own_submission, settings):
    settings.SPBE_ALLOW_SELF_VERIFICATION = True

    services.verify_result(result=own_submission, version=own_submission.version, by=scenario.staff)

    assert reload(own_submission).state == ReviewState.VERIFIED
