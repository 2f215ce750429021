"""Result drafts through the services: every refusal writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.models import EvidenceFile, Indicator, IndicatorAssessment, Result, ResultKind, ReviewState
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state
from tests.factories import FrameworkFactory, IndicatorFactory, ResultFactory, ResultLevelFactory


@pytest.fixture
def scenario(db):
    return build_scenario()


def messages_of(refusal) -> str:
    return " ".join(refusal.value.messages)


def test_a_duplicate_result_is_refused(scenario):
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.create_result_draft(
            regency=scenario.regency, year=2023, kind=ResultKind.OFFICIAL, by=scenario.admin, value=Decimal("2.00")
        )

    assert messages_of(refused) == "Hasil untuk wilayah, tahun dan jenis ini sudah ada."
    assert database_state() == before


def test_a_year_without_a_framework_is_refused(db):
    scenario = build_scenario()
    scenario.framework.first_year, scenario.framework.last_year = 2018, 2020
    scenario.framework.save()
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.create_result_draft(
            regency=scenario.regency,
            year=2024,
            kind=ResultKind.OFFICIAL,
            by=scenario.admin,
            value=Decimal("2.00"),
        )

    assert messages_of(refused) == "Tidak ada kerangka evaluasi yang berlaku untuk tahun 2024."
    assert database_state() == before


def test_a_framework_not_applying_to_the_year_is_replaced_by_the_one_that_does(scenario):
    old = FrameworkFactory(first_year=2018, last_year=2019)

    result = services.create_result_draft(
        regency=scenario.other_regency,
        year=2023,
        kind=ResultKind.OFFICIAL,
        by=scenario.other_admin,
        value=Decimal("2.00"),
        framework=old,
    )

    assert result.framework == scenario.framework


def test_updating_a_submitted_result_is_refused(scenario):
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.update_result_draft(
            result=scenario.submitted, version=scenario.submitted.version, by=scenario.admin, value=Decimal("3.00")
        )

    assert messages_of(refused) == "Hanya draf atau entri yang dikembalikan yang dapat diubah."
    assert database_state() == before


def test_a_stale_update_is_refused_with_the_current_row(scenario):
    services.update_result_draft(result=scenario.draft, version=1, by=scenario.admin, value=Decimal("2.10"))
    before = database_state()

    with pytest.raises(services.ConcurrentEdit) as refused:
        services.update_result_draft(
            result=Result.objects.get(pk=scenario.draft.pk), version=1, by=scenario.staff, value=Decimal("3.30")
        )

    assert refused.value.current.value == Decimal("2.10")
    assert database_state() == before


def _indicator(framework, number):
    return Indicator.objects.get(aspect__framework=framework, number=number)


@pytest.fixture
def scored(scenario):
    """A framework of two indicators for 2023 on, weighted alike."""
    framework = FrameworkFactory(first_year=2023)
    first = IndicatorFactory(aspect__framework=framework, number=1, weight=Decimal("50"))
    IndicatorFactory(aspect=first.aspect, number=2, weight=Decimal("50"))
    return framework


def test_removing_the_levels_of_a_submitted_result_is_refused(scenario, scored):
    submitted = ResultFactory(
        regency=scenario.other_regency, year=2023, framework=scored, state=ReviewState.SUBMITTED, source=None
    )
    for number in (1, 2):
        ResultLevelFactory(result=submitted, indicator=_indicator(scored, number))
    before = database_state()

    with pytest.raises(services.WrongState):
        services.update_result_draft(
            result=submitted, version=submitted.version, by=scenario.other_admin, value=Decimal("2.00"), levels={}
        )

    assert database_state() == before
    assert IndicatorAssessment.objects.filter(result=submitted).count() == 2


def test_changing_the_levels_of_a_published_result_is_refused(scenario, scored):
    published = ResultFactory(regency=scenario.other_regency, year=2023, framework=scored, value=Decimal("3.00"))
    for number in (1, 2):
        ResultLevelFactory(result=published, indicator=_indicator(scored, number), level=3)
    before = database_state()

    with pytest.raises(services.WrongState):
        services.update_result_draft(
            result=published, version=published.version, by=scenario.staff, levels={1: 5, 2: 5}
        )

    assert database_state() == before


def test_levels_outside_the_framework_are_refused(scenario, scored):
    draft = ResultFactory(
        regency=scenario.other_regency, year=2023, framework=scored, state=ReviewState.DRAFT, source=None
    )
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.update_result_draft(result=draft, version=draft.version, by=scenario.other_admin, levels={1: 4, 9: 4})

    assert "tidak lengkap atau tidak sesuai kerangka" in messages_of(refused)
    assert database_state() == before


def test_save_result_entry_refuses_a_non_pdf_evidence_and_stores_nothing(scenario, media_root):
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.save_result_entry(
            result=scenario.draft,
            version=scenario.draft.version,
            by=scenario.admin,
            value=Decimal("2.10"),
            levels={},
            evidence_upload=SimpleUploadedFile("bukti.pdf", b"not a pdf"),
        )

    assert messages_of(refused) == "Bukti dukung harus berkas PDF."
    assert database_state() == before
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_save_result_entry_removes_the_stored_file_when_the_save_fails_afterwards(scenario, media_root, monkeypatch):
    from assessments.services import entries

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(entries, "store_draft", fail)

    with pytest.raises(RuntimeError):
        services.save_result_entry(
            result=scenario.draft,
            version=scenario.draft.version,
            by=scenario.admin,
            value=Decimal("2.10"),
            levels={},
            evidence_upload=SimpleUploadedFile("bukti.pdf", PDF_BYTES),
        )

    assert not EvidenceFile.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))
    assert Result.objects.get(pk=scenario.draft.pk).value == Decimal("2.00")
