"""Targets through the services: the version check, the ownership rule, the review lock."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import ResultKind, ReviewState, Target
from tests.entry_helpers import build_scenario, database_state, new_document
from tests.factories import TargetFactory


@pytest.fixture
def scenario(db):
    return build_scenario()


def messages_of(refusal) -> str:
    return " ".join(refusal.value.messages)


def test_saving_a_target_under_review_is_refused(scenario):
    TargetFactory(regency=scenario.regency, year=2022, state=ReviewState.SUBMITTED, source=None)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.save_target_draft(regency=scenario.regency, year=2022, value=Decimal("3.10"), by=scenario.admin)

    assert messages_of(refused) == "Target tahun ini sedang diperiksa staf provinsi dan belum dapat diubah."
    assert database_state() == before


def test_a_target_equal_to_the_published_one_starts_no_revision(scenario):
    published = Target.objects.get(regency=scenario.regency, year=2021)
    before = database_state()

    saved = services.save_target_draft(regency=scenario.regency, year=2021, value=Decimal("2.20"), by=scenario.admin)

    assert saved == published
    assert database_state() == before


def test_a_changed_published_target_gets_a_draft_revision_and_stays_public(scenario):
    draft = services.save_target_draft(
        regency=scenario.regency,
        year=2021,
        value=Decimal("2.60"),
        by=scenario.admin,
        cited=new_document("Perjanjian Kinerja 2021", "Pemerintah Kabupaten"),
    )

    assert (draft.state, draft.revises.value) == (ReviewState.DRAFT, Decimal("2.20"))
    assert Target.objects.published().get(regency=scenario.regency, year=2021).value == Decimal("2.20")


def test_a_target_outside_0_to_5_is_refused(scenario):
    before = database_state()

    with pytest.raises(ValidationError):
        services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("7.00"), by=scenario.admin)

    assert database_state() == before


def test_a_self_assessment_never_carries_the_target(scenario):
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.save_result_entry(
            regency=scenario.regency,
            year=2020,
            kind=ResultKind.SELF_ASSESSMENT,
            by=scenario.admin,
            value=Decimal("2.00"),
            levels=None,
            target=services.TargetInput(value=Decimal("2.50")),
        )

    assert "Target tahun ini diisi bersama hasil evaluasi resmi, bukan evaluasi mandiri." in messages_of(refused)
    assert database_state() == before


@pytest.fixture
def shown(scenario) -> Target:
    """The open 2023 target an edit form of the scenario's 2023 draft showed."""
    return TargetFactory(
        regency=scenario.regency, year=2023, value=Decimal("2.50"), state=ReviewState.DRAFT, source=None
    )


def save_with(scenario, target: services.TargetInput):
    draft = type(scenario.draft).objects.get(pk=scenario.draft.pk)
    return services.save_result_entry(
        result=draft, version=draft.version, by=scenario.staff, value=Decimal("2.10"), levels={}, target=target
    )


def test_a_stale_target_version_is_refused_with_the_current_target(scenario, shown):
    services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("3.00"), by=scenario.admin)
    before = database_state()

    with pytest.raises(services.ConcurrentEdit) as refused:
        save_with(scenario, services.TargetInput(value=Decimal("2.75"), revision=shown.pk, version=shown.version))

    assert refused.value.current.value == Decimal("3.00")
    assert database_state() == before


def test_a_target_appearing_after_the_form_showed_none_is_not_overwritten(scenario):
    TargetFactory(regency=scenario.regency, year=2023, value=Decimal("3.00"), state=ReviewState.DRAFT, source=None)

    with pytest.raises(services.ConcurrentEdit):
        save_with(scenario, services.TargetInput(value=Decimal("2.75")))

    assert Target.objects.get(regency=scenario.regency, year=2023).value == Decimal("3.00")


def test_a_target_left_as_shown_is_not_written_even_when_stale(scenario, shown):
    services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("3.00"), by=scenario.admin)
    version = Target.objects.get(pk=shown.pk).version

    save_with(scenario, services.TargetInput(value=Decimal("2.50"), revision=shown.pk, version=shown.version))

    target = Target.objects.get(pk=shown.pk)
    assert (target.value, target.version) == (Decimal("3.00"), version)


def test_a_target_under_review_refuses_the_whole_entry(scenario):
    TargetFactory(regency=scenario.regency, year=2023, value=Decimal("2.50"), state=ReviewState.SUBMITTED, source=None)
    shown = Target.objects.get(regency=scenario.regency, year=2023)
    before = database_state()

    with pytest.raises(services.WrongState):
        save_with(scenario, services.TargetInput(value=Decimal("2.90"), revision=shown.pk, version=shown.version))

    assert database_state() == before


def test_a_new_official_entry_saves_its_target_with_it(scenario):
    result = services.save_result_entry(
        regency=scenario.other_regency,
        year=2023,
        kind=ResultKind.OFFICIAL,
        by=scenario.other_admin,
        value=Decimal("2.00"),
        levels=None,
        target=services.TargetInput(value=Decimal("2.40")),
    )

    assert Target.objects.get(regency=result.regency, year=2023).value == Decimal("2.40")
    assert result.state == ReviewState.DRAFT
