"""The database refuses bad rows itself, whatever form or import let them through."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from assessments.models import ResultKind, ReviewState
from regencies.models import RegencyKind
from tests.factories import (
    DomainFactory,
    FrameworkFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
    StatusFlagFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **fields):
    # PostgreSQL refuses an over-long code before the check constraint runs (DataError); SQLite has no lengths.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        factory(**fields)


@pytest.mark.parametrize("code", ["5301", "53.1", "ab.cd", "53.01.1"])
def test_regency_code_must_be_in_kemendagri_format(code):
    refused(RegencyFactory, code=code)


def test_a_kabupaten_cannot_have_a_province_code():
    refused(RegencyFactory, code="53", kind=RegencyKind.KABUPATEN)


def test_regency_codes_are_unique():
    RegencyFactory(code="53.01")
    refused(RegencyFactory, code="53.01")


@pytest.mark.parametrize("value", ["5.01", "-0.01"])
def test_result_index_must_be_between_0_and_5(value):
    refused(ResultFactory, value=Decimal(value))


def test_result_index_outside_range_gives_a_clear_message():
    result = ResultFactory.build(
        value=Decimal("5.01"), regency=RegencyFactory(), framework=FrameworkFactory(), source=SourceFactory()
    )

    with pytest.raises(ValidationError) as error:
        result.full_clean()

    assert error.value.message_dict == {"value": ["Nilai indeks harus antara 0 dan 5."]}


def test_an_evaluated_result_needs_a_value():
    refused(ResultFactory, value=None, evaluated=True)


def test_a_not_evaluated_result_has_no_value_not_zero():
    refused(ResultFactory, value=Decimal("0.00"), evaluated=False)


@pytest.mark.parametrize("year", [2017, 2051])
def test_result_year_must_be_in_range(year):
    refused(ResultFactory, year=year)


@pytest.mark.parametrize("year", [2017, 2051])
def test_target_year_must_be_in_range(year):
    refused(TargetFactory, year=year)


def test_one_published_result_per_regency_year_and_kind():
    published = ResultFactory()
    refused(ResultFactory, regency=published.regency, year=published.year, framework=published.framework)


def test_official_result_and_self_assessment_are_separate():
    official = ResultFactory(kind=ResultKind.OFFICIAL)

    ResultFactory(regency=official.regency, year=official.year, kind=ResultKind.SELF_ASSESSMENT)


def test_a_draft_revision_may_sit_beside_the_published_result():
    published = ResultFactory()

    ResultFactory(regency=published.regency, year=published.year, state=ReviewState.DRAFT, source=None)


def test_only_one_open_revision_per_regency_year_and_kind():
    draft = ResultFactory(state=ReviewState.DRAFT, source=None)
    refused(ResultFactory, regency=draft.regency, year=draft.year, state=ReviewState.SUBMITTED, source=None)


def test_a_published_result_names_its_source():
    refused(ResultFactory, state=ReviewState.VERIFIED, source=None)


@pytest.mark.parametrize("value", ["5.50", "-1.00"])
def test_target_must_be_between_0_and_5(value):
    refused(TargetFactory, value=Decimal(value))


def test_one_published_target_per_regency_and_year():
    target = TargetFactory()
    refused(TargetFactory, regency=target.regency, year=target.year)


def test_the_database_refuses_an_indicator_level_above_5():
    refused(ResultLevelFactory, level=6)


# The scale is the framework's (issue 14): 59/2020 scores 1–5, 5/2018 from level 0. The database allows 0–5 for
# every framework; model validation, which every service runs, checks the framework's own range.
@pytest.mark.parametrize("level", [0, 6])
def test_indicator_level_outside_a_1_to_5_framework_is_refused_by_validation(level):
    score = ResultLevelFactory(result=ResultFactory(framework=FrameworkFactory(min_level=1)))
    score.level = level

    with pytest.raises(ValidationError) as refusal:
        score.full_clean()

    assert "level" in refusal.value.message_dict


def test_level_0_is_valid_on_a_framework_that_scores_from_0():
    score = ResultLevelFactory(result=ResultFactory(framework=FrameworkFactory(min_level=0)), level=0)

    score.full_clean()


def test_an_indicator_is_scored_once_per_result():
    score = ResultLevelFactory()
    refused(ResultLevelFactory, result=score.result, indicator=score.indicator)


def test_one_status_flag_per_regency_and_date():
    flag = StatusFlagFactory(as_of=date(2025, 2, 10))
    refused(StatusFlagFactory, regency=flag.regency, as_of=date(2025, 2, 10))


def test_framework_years_in_order():
    refused(FrameworkFactory, first_year=2021, last_year=2019)


def test_domain_weight_must_be_positive():
    refused(DomainFactory, weight=Decimal("0"))
