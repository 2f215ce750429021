"""The review workflow through its one transition, for every kind of reviewed record (a result, a target entered on
its own, a related-index value): each refusal, the second click, the second reviewer, who may take which step,
revisions."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.models import Result, ReviewState, ReviewStep, Target
from tests.entry_helpers import build_scenario, database_state
from tests.factories import ResultFactory, StaffUserFactory
from tests.review_kinds import ALREADY, CANNOT, KINDS, REVISION_EXISTS, entered_by, records_of, related_fact, reload

OWN_ENTRY = "Anda sendiri yang mengisi atau mengajukan revisi ini; verifikasi harus dilakukan staf provinsi lain."


@pytest.fixture(params=KINDS)
def kind(request) -> str:
    return request.param


@pytest.fixture
def scenario(db):
    return build_scenario()


@pytest.fixture
def records(kind, scenario):
    return records_of(kind, scenario)


def step(record, name: str, *, by, version=None, comment: str = ""):
    return services.transition(
        record=record,
        step=ReviewStep(name),
        by=by,
        version=record.version if version is None else version,
        comment=comment,
    )


def messages_of(refusal) -> str:
    return " ".join(refusal.value.messages)


def test_submitting_twice_says_it_is_already_submitted(kind, scenario, records):
    read = records.draft.version
    step(reload(records.draft), "submit", by=scenario.admin, version=read)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(reload(records.draft), "submit", by=scenario.admin, version=read)

    assert messages_of(refused) == ALREADY["submit"][kind]
    assert database_state() == before


def test_submitting_a_published_result_is_refused(kind, scenario, records):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(records.verified, "submit", by=scenario.admin)

    assert messages_of(refused) == CANNOT["submit"][kind]
    assert database_state() == before


def test_verifying_a_draft_is_refused(kind, scenario, records):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(records.draft, "verify", by=scenario.staff)

    assert messages_of(refused) == CANNOT["verify"][kind]
    assert database_state() == before


def test_verifying_twice_says_it_is_already_verified(kind, scenario, records):
    read = records.submitted.version
    step(reload(records.submitted), "verify", by=scenario.staff, version=read)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(reload(records.submitted), "verify", by=scenario.staff, version=read)

    assert messages_of(refused) == ALREADY["verify"][kind]
    assert database_state() == before


def test_a_stale_verification_of_a_resubmitted_entry_is_a_conflict(kind, scenario, records):
    read = records.submitted.version
    step(reload(records.submitted), "return", by=scenario.staff, version=read, comment="Lengkapi.")
    step(reload(records.submitted), "submit", by=scenario.admin)
    before = database_state()

    with pytest.raises(services.ConcurrentEdit) as refused:
        step(reload(records.submitted), "verify", by=scenario.staff, version=read)

    assert refused.value.current.state == ReviewState.SUBMITTED
    assert database_state() == before


def test_a_stale_submit_is_a_conflict_and_writes_nothing(kind, scenario, records):
    before = database_state()

    with pytest.raises(services.ConcurrentEdit) as refused:
        step(records.draft, "submit", by=scenario.admin, version=records.draft.version + 5)

    assert refused.value.current.state == ReviewState.DRAFT
    assert database_state() == before


def test_returning_without_a_comment_is_refused(kind, scenario, records):
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        step(records.submitted, "return", by=scenario.staff, comment=" \n")

    assert messages_of(refused) == "Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki."
    assert database_state() == before


def test_returning_a_draft_is_refused(kind, scenario, records):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(records.draft, "return", by=scenario.staff, comment="x")

    assert messages_of(refused) == CANNOT["return"][kind]
    assert database_state() == before


def test_returning_twice_says_it_is_already_returned(kind, scenario, records):
    read = records.submitted.version
    step(reload(records.submitted), "return", by=scenario.staff, version=read, comment="Lengkapi.")

    with pytest.raises(services.WrongState) as refused:
        step(reload(records.submitted), "return", by=scenario.staff, version=read, comment="Lagi.")

    assert messages_of(refused) == ALREADY["return"][kind]
    assert reload(records.submitted).review_comment == "Lengkapi."
    assert reload(records.submitted).state == ReviewState.RETURNED


@pytest.fixture
def own_submission(kind, scenario):
    """A record one member of staff entered and submitted."""
    entered = entered_by(kind, scenario, scenario.staff)
    return step(entered, "submit", by=scenario.staff)


def test_staff_cannot_verify_a_revision_they_entered_and_submitted(kind, scenario, own_submission):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(own_submission, "verify", by=scenario.staff)

    assert messages_of(refused) == OWN_ENTRY
    assert database_state() == before


def test_staff_cannot_verify_a_revision_they_only_submitted(kind, scenario, records):
    if kind == "result":
        draft = ResultFactory(
            regency=scenario.regency, year=2020, framework=scenario.framework, state=ReviewState.DRAFT, source=None
        )
    else:
        draft = records.draft
    submitted = step(draft, "submit", by=scenario.staff)

    with pytest.raises(services.WrongState):
        step(submitted, "verify", by=scenario.staff)


def test_a_second_member_of_staff_verifies_it(kind, scenario, own_submission):
    colleague = StaffUserFactory()

    step(own_submission, "verify", by=colleague)

    assert reload(own_submission).reviewed_by == colleague
    assert reload(own_submission).state == ReviewState.VERIFIED


def test_a_one_person_office_may_allow_self_verification(kind, scenario, own_submission, settings):
    settings.SPBE_ALLOW_SELF_VERIFICATION = True

    step(own_submission, "verify", by=scenario.staff)

    assert reload(own_submission).state == ReviewState.VERIFIED


def changed_by_staff(kind, scenario, record):
    """`record`, a regency admin's draft, with its value changed by the scenario's member of staff."""
    if kind == "result":
        return services.update_result_draft(
            result=record, version=record.version, by=scenario.staff, value=Decimal("3.90")
        )
    if kind == "target":
        return services.save_target_draft(
            regency=record.regency, year=record.year, value=Decimal("4.90"), by=scenario.staff, version=record.version
        )
    return services.save_related_index_value(
        fact=related_fact("99.00"), by=scenario.staff, record=record, version=record.version
    )


def test_a_member_of_staff_who_changed_a_regencys_draft_never_verifies_it(kind, scenario):
    drafted = changed_by_staff(kind, scenario, entered_by(kind, scenario, scenario.admin))
    submitted = step(reload(drafted), "submit", by=scenario.admin)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(submitted, "verify", by=scenario.staff)

    assert messages_of(refused) == OWN_ENTRY
    assert database_state() == before
    step(reload(submitted), "verify", by=StaffUserFactory())
    assert reload(submitted).state == ReviewState.VERIFIED


def test_only_provincial_staff_verify_or_return_whatever_the_caller(kind, scenario, records):
    before = database_state()

    with pytest.raises(PermissionDenied):
        step(records.submitted, "verify", by=scenario.admin)
    with pytest.raises(PermissionDenied):
        step(records.submitted, "return", by=scenario.admin, comment="Sendiri.")

    assert database_state() == before


def test_another_regencys_admin_takes_no_step_whatever_the_caller(kind, scenario, records):
    before = database_state()

    with pytest.raises(PermissionDenied):
        step(records.draft, "submit", by=scenario.other_admin)
    with pytest.raises(PermissionDenied):
        step(records.verified, "revise", by=scenario.other_admin)

    assert database_state() == before


def test_verifying_a_revision_supersedes_the_published_one(kind, scenario, records):
    revision = step(records.verified, "revise", by=scenario.admin)
    revision = step(revision, "submit", by=scenario.admin)

    step(revision, "verify", by=scenario.staff)

    assert reload(revision).state == ReviewState.VERIFIED
    assert reload(records.verified).state == ReviewState.SUPERSEDED
    assert reload(revision).revises == records.verified
    assert type(revision).objects.published().filter(pk=revision.pk).exists()


def test_a_revision_starts_from_the_published_values(kind, scenario, records):
    published = reload(records.verified)

    revision = step(published, "revise", by=scenario.admin)

    assert (revision.state, revision.value, revision.revises) == (ReviewState.DRAFT, published.value, published)
    assert (revision.created_by, revision.changed_by) == (scenario.admin, scenario.admin)
    assert reload(published).state == ReviewState.VERIFIED


def test_starting_a_revision_twice_answers_with_the_one_already_made(kind, scenario, records):
    made = step(records.verified, "revise", by=scenario.admin)
    before = database_state()

    with pytest.raises(services.RevisionExists) as refused:
        step(reload(records.verified), "revise", by=scenario.staff)

    assert messages_of(refused) == REVISION_EXISTS[kind]
    assert refused.value.revision == made
    assert database_state() == before


def test_a_second_revise_on_the_page_read_before_the_first_opens_the_first(kind, scenario, records):
    read = records.verified.version
    made = step(reload(records.verified), "revise", by=scenario.admin, version=read)

    with pytest.raises(services.RevisionExists) as refused:
        step(records.verified, "revise", by=scenario.admin, version=read)

    assert refused.value.revision == made


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_a_revision_of_an_unpublished_record_is_refused(kind, scenario, records, state):
    unpublished = getattr(records, state)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        step(unpublished, "revise", by=scenario.admin)

    assert messages_of(refused) == CANNOT["revise"][kind]
    assert database_state() == before


def test_a_target_drafted_by_staff_and_published_with_its_result_needs_a_second_reviewer(scenario):
    """The target travels with the official result: whoever entered or changed it does not verify the result
    that would publish it."""
    services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("2.80"), by=scenario.staff)
    draft = Result.objects.get(pk=scenario.draft.pk)
    submitted = services.submit_result(result=draft, version=draft.version, by=scenario.admin)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.verify_result(result=submitted, version=submitted.version, by=scenario.staff)

    assert messages_of(refused) == OWN_ENTRY
    assert database_state() == before
    submitted = Result.objects.get(pk=submitted.pk)
    services.verify_result(result=submitted, version=submitted.version, by=StaffUserFactory())
    assert Target.objects.published().get(regency=scenario.regency, year=2023).value == Decimal("2.80")
