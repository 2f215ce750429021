"""The province's review and official-level writes: every refusal branch writes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import publication
from assessments.models import AssessmentStage, IndicatorAssessment, Source
from assessments.services import CitedSource, ConcurrentEdit, indicator_review
from tests.factories import FrameworkFactory, IndicatorFactory
from tests.indicator_review_data import build_review_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return build_review_data()


def province(data, **overrides):
    arguments = {
        "regency": data.regency,
        "year": 2023,
        "indicator": data.indicators[1],
        "level": 3,
        "note": "Bukti kebijakan belum ditandatangani.",
        "version": None,
        "by": data.staff,
    }
    return indicator_review.set_province_level(**{**arguments, **overrides})


def official(data, **overrides):
    arguments = {
        "regency": data.regency,
        "year": 2023,
        "indicator": data.indicators[1],
        "level": 2,
        "source": data.source,
        "version": None,
        "by": data.staff,
    }
    return indicator_review.set_official_level(**{**arguments, **overrides})


def test_staff_set_the_province_level_with_a_note(data):
    row = province(data)

    assert (row.stage, row.level, row.explanation, row.version) == (
        AssessmentStage.PROVINCE,
        3,
        "Bukti kebijakan belum ditandatangani.",
        1,
    )
    changed = province(data, level=2, note="", version=row.version)
    assert (changed.pk, changed.level, changed.version) == (row.pk, 2, 2)


def test_a_regency_admin_may_not_write_the_province_level(data):
    with pytest.raises(PermissionDenied):
        province(data, by=data.admin)
    with pytest.raises(PermissionDenied):
        official(data, by=data.admin)
    assert not IndicatorAssessment.objects.exists()


def test_a_stale_version_is_refused_with_the_current_row(data):
    row = province(data)
    province(data, level=4, version=row.version)

    with pytest.raises(ConcurrentEdit) as conflict:
        province(data, level=1, version=row.version)

    assert conflict.value.current.level == 4
    assert IndicatorAssessment.objects.get().level == 4


def test_a_version_for_a_row_that_does_not_exist_is_refused(data):
    with pytest.raises(ValidationError):
        province(data, version=3)
    assert not IndicatorAssessment.objects.exists()


def test_a_level_outside_the_framework_scale_is_refused(data):
    with pytest.raises(ValidationError) as error:
        province(data, level=0)
    framework = data.indicators[1].aspect.framework
    assert error.value.message_dict["level"] == [f"{framework.short_name}: Tingkat kematangan harus antara 1 dan 5."]
    assert not IndicatorAssessment.objects.exists()


def test_level_zero_is_a_real_level_of_a_framework_scoring_from_zero(data):
    framework = FrameworkFactory(first_year=2018, last_year=2019, min_level=0, max_level=5)
    indicator = IndicatorFactory(aspect__framework=framework)

    row = province(data, year=2019, indicator=indicator, level=0)

    assert row.level == 0


def test_a_year_outside_the_framework_is_refused(data):
    framework = FrameworkFactory(first_year=2018, last_year=2019)
    indicator = IndicatorFactory(aspect__framework=framework)

    with pytest.raises(ValidationError) as error:
        province(data, year=2023, indicator=indicator)
    assert "year" in error.value.message_dict
    assert not IndicatorAssessment.objects.exists()


def test_a_note_starting_like_a_formula_is_refused(data):
    with pytest.raises(ValidationError) as error:
        province(data, note="=HYPERLINK(1)")
    assert "note" in error.value.message_dict
    assert not IndicatorAssessment.objects.exists()


def test_a_note_too_long_is_refused(data):
    with pytest.raises(ValidationError):
        province(data, note="x" * (indicator_review.NOTE_MAX + 1))
    assert not IndicatorAssessment.objects.exists()


def test_an_official_level_cites_its_source_and_bumps_the_publication(data):
    before = publication.current_version()

    row = official(data)

    assert (row.stage, row.level, row.source) == (AssessmentStage.OFFICIAL, 2, data.source)
    assert publication.current_version() == before + 1


def test_an_official_level_without_a_source_is_refused(data):
    before = publication.current_version()

    with pytest.raises(ValidationError) as error:
        official(data, source=None)

    assert error.value.message_dict["source"] == ["Tingkat resmi harus menyebut sumbernya."]
    assert not IndicatorAssessment.objects.exists()
    assert publication.current_version() == before


def test_an_official_level_may_describe_a_new_source(data):
    row = official(
        data,
        source=CitedSource(
            title="Keputusan Menteri PANRB tentang Hasil Evaluasi SPBE 2023",
            publisher="Kementerian PANRB",
            kind="decree",
            reference="1/2024",
            published_on=date(2024, 1, 15),
            url="https://example.org/keputusan",
        ),
    )

    assert row.source.reference == "1/2024"
    assert row.source.publisher == "Kementerian PANRB"


def test_a_new_source_dated_in_the_future_is_refused(data):
    sources = Source.objects.count()

    with pytest.raises(ValidationError) as error:
        official(
            data,
            source=CitedSource(
                title="Besok", publisher="Kementerian PANRB", published_on=timezone.localdate() + timedelta(days=1)
            ),
        )

    assert error.value.message_dict["source_date"] == ["Tanggal sumber tidak boleh di masa depan."]
    assert Source.objects.count() == sources
    assert not IndicatorAssessment.objects.exists()


def test_a_new_source_with_a_formula_title_is_refused(data):
    with pytest.raises(ValidationError) as error:
        official(data, source=CitedSource(title="=cmd", publisher="X", published_on=date(2024, 1, 1)))
    assert "source_title" in error.value.message_dict
    assert not IndicatorAssessment.objects.exists()


def test_clearing_an_official_level_drops_its_source(data):
    row = official(data)

    cleared = official(data, level=None, source=None, version=row.version)

    assert (cleared.level, cleared.source) == (None, None)


def test_the_import_write_refuses_a_regency_admin(data):
    with pytest.raises(PermissionDenied):
        indicator_review.write_official_levels(
            year=2023, framework=data.framework, rows=[(data.regency, {1: 2}, data.source)], by=data.admin
        )
    assert not IndicatorAssessment.objects.exists()
