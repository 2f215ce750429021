"""The one store of indicator levels (issue 21) and the one answer to "which levels does the public see"
(`IndicatorAssessment.objects.public()`): a draft's levels stay private until the draft is verified, staff's
official levels are public once written, the province's desk review and the workspace never are, and a verified
revision keeps the levels it was verified with. The store holds the Pemdi index's decimals and 5/2018's parts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments import services
from assessments.models import IndicatorAssessment, Result, ReviewState
from assessments.public_levels import public_indicator_levels
from assessments.services import indicator_review
from tests.factories import (
    IndicatorAssessmentFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
    StaffUserFactory,
)
from tests.workspace_helpers import build_workspace, self_rows

pytestmark = pytest.mark.django_db

YEAR = 2023


@pytest.fixture
def ws():
    return build_workspace()


def public(regency) -> set[tuple]:
    return set(IndicatorAssessment.objects.public().filter(regency=regency).values_list("year", "stage", "level"))


def publish(result: Result) -> Result:
    result.state = ReviewState.VERIFIED
    result.save()
    return result


def draft_with_levels(ws, levels, *, kind="official") -> Result:
    return services.create_result_draft(
        regency=ws.regency,
        year=YEAR,
        kind=kind,
        by=ws.admin,
        levels=dict(zip((indicator.number for indicator in ws.indicators), levels, strict=True)),
        cited=SourceFactory(),
        framework=ws.new,
    )


def test_a_drafts_levels_are_public_only_once_the_draft_is_verified(ws):
    draft = draft_with_levels(ws, [2, 3, 4])
    assert draft.indicator_levels.count() == 3
    assert public(ws.regency) == set()

    draft.state = ReviewState.SUBMITTED
    draft.save()
    assert public(ws.regency) == set()

    publish(draft)
    assert public(ws.regency) == {(YEAR, "official", 2), (YEAR, "official", 3), (YEAR, "official", 4)}


def test_staffs_official_levels_are_public_once_written_with_their_source(ws):
    source = SourceFactory(title="LHE SPBE 2023")

    indicator_review.set_official_level(
        regency=ws.regency, year=YEAR, indicator=ws.indicators[0], level=4, source=source, version=0, by=ws.staff
    )

    assert public(ws.regency) == {(YEAR, "official", 4)}
    assert IndicatorAssessment.objects.public().get().source == source


def test_staffs_official_levels_of_a_year_replace_a_verified_results_levels_of_that_year_only(ws):
    publish(draft_with_levels(ws, [2, 2, 2]))
    earlier = ResultFactory(regency=ws.regency, year=2022, framework=ws.new)
    ResultLevelFactory(result=earlier, indicator=ws.indicators[0], level=1)
    IndicatorAssessmentFactory(
        regency=ws.regency, year=YEAR, indicator=ws.indicators[0], stage="official", level=5, source=SourceFactory()
    )

    assert public(ws.regency) == {(YEAR, "official", 5), (2022, "official", 1)}


def test_the_desk_review_the_workspace_and_a_provisional_results_levels_are_never_public(ws):
    IndicatorAssessmentFactory(regency=ws.regency, year=YEAR, indicator=ws.indicators[0], stage="province", level=1)
    IndicatorAssessmentFactory(regency=ws.regency, year=YEAR, indicator=ws.indicators[0], stage="self", level=2)
    provisional = ResultFactory(regency=ws.regency, year=YEAR, framework=ws.new, kind="provisional")
    ResultLevelFactory(result=provisional, indicator=ws.indicators[0], level=3)

    assert public(ws.regency) == set()


def test_a_verified_revision_keeps_its_levels_while_the_next_one_is_edited(ws):
    verified = publish(draft_with_levels(ws, [2, 3, 4]))
    revision = services.start_revision(result=verified, by=ws.admin)

    services.update_result_draft(
        result=revision,
        version=revision.version,
        by=ws.admin,
        levels={1: 5, 2: 5, 3: 5},
        cited=SourceFactory(),
    )

    assert sorted(verified.indicator_levels.values_list("level", flat=True)) == [2, 3, 4]
    assert public(ws.regency) == {(YEAR, "official", 2), (YEAR, "official", 3), (YEAR, "official", 4)}
    verified.state = ReviewState.SUPERSEDED
    verified.save()
    publish(Result.objects.get(pk=revision.pk))
    assert public(ws.regency) == {(YEAR, "official", 5)}
    assert sorted(verified.indicator_levels.values_list("level", flat=True)) == [2, 3, 4]


def test_a_verified_self_assessment_keeps_its_levels_when_the_workspace_changes_again(ws):
    for indicator in ws.indicators:
        services.save_indicator_assessment(
            regency=ws.regency, year=YEAR, indicator=indicator, level=3, explanation="", by=ws.admin, version=0
        )
    seen = sum(self_rows(ws.regency, YEAR).values_list("version", flat=True))
    result = services.submit_self_assessment(regency=ws.regency, year=YEAR, seen_versions=seen, by=ws.admin)
    result.source = SourceFactory()
    publish(result)
    row = self_rows(ws.regency, YEAR).get(indicator=ws.indicators[0])

    services.save_indicator_assessment(
        regency=ws.regency,
        year=YEAR,
        indicator=ws.indicators[0],
        level=5,
        explanation="",
        by=ws.admin,
        version=row.version,
    )

    assert self_rows(ws.regency, YEAR).get(pk=row.pk).level == 5
    assert public(ws.regency) == {(YEAR, "self", 3)}
    assert sorted(result.indicator_levels.values_list("level", flat=True)) == [3, 3, 3]


def test_the_store_holds_a_two_decimal_value_and_several_parts_of_one_indicator(ws):
    # Ready for issue 22: a Pemdi indicator converted from another agency's index (3,45), and 5/2018's indicator
    # 35 scored once per public service (parts 1–3). The database holds both; whole levels read back as ints.
    key = {"regency": ws.regency, "year": 2026, "indicator": ws.indicators[0], "stage": "self"}
    for part, level in ((1, Decimal("3.45")), (2, Decimal("4.00")), (3, 1)):
        IndicatorAssessment.objects.create(**key, part=part, level=level)

    levels = list(IndicatorAssessment.objects.filter(**key).order_by("part").values_list("part", "level"))

    assert levels == [(1, Decimal("3.45")), (2, 4), (3, 1)]
    assert [type(level) for _part, level in levels] == [Decimal, int, int]
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorAssessment.objects.create(**key, part=2, level=2)


def test_a_whole_level_scale_refuses_decimals_and_parts_in_validation(ws):
    row = IndicatorAssessment(regency=ws.regency, year=YEAR, indicator=ws.indicators[0], stage="self")

    row.level = Decimal("3.45")
    with pytest.raises(ValidationError) as refusal:
        row.full_clean()
    framework = ws.indicators[0].aspect.framework
    assert refusal.value.message_dict["level"] == [f"{framework.short_name}: Tingkat kematangan harus bilangan bulat."]

    row.level, row.part = 3, 2
    with pytest.raises(ValidationError) as refusal:
        row.full_clean()
    assert "part" in refusal.value.message_dict


@pytest.mark.parametrize(
    "fields",
    [
        {"stage": "province"},  # the province's desk review is never a result's, so never public
        {"level": None},  # a result's level is chosen
    ],
)
def test_the_database_refuses_a_result_level_it_could_not_show(ws, fields):
    result = ResultFactory(regency=ws.regency, year=YEAR, framework=ws.new)
    row = IndicatorAssessment.of_result(result, indicator=ws.indicators[0], level=3)
    for name, value in fields.items():
        setattr(row, name, value)

    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_a_result_level_must_follow_its_results_regency_year_and_kind(ws):
    result = ResultFactory(regency=ws.regency, year=YEAR, framework=ws.new, kind="self")
    row = IndicatorAssessment.of_result(result, indicator=ws.indicators[0], level=3)
    assert (row.regency_id, row.year, row.stage) == (ws.regency.pk, YEAR, "self")

    row.stage = "official"
    with pytest.raises(ValidationError, match="mengikuti wilayah, tahun dan jenis"):
        row.full_clean()


def test_official_levels_written_by_staff_cite_a_source_results_levels_cite_their_results(ws):
    staff = StaffUserFactory()
    source = SourceFactory(title="LHE", published_on=date(2024, 3, 1))
    indicator_review.set_official_level(
        regency=ws.regency, year=YEAR, indicator=ws.indicators[0], level=4, source=source, version=0, by=staff
    )
    result = publish(ResultFactory(regency=ws.regency, year=2022, framework=ws.new, source=SourceFactory(title="SK")))
    ResultLevelFactory(result=result, indicator=ws.indicators[0], level=2)

    rows = public_indicator_levels(regency=ws.regency)

    assert [(row["year_value"], row["level_value"], row["source_title"]) for row in rows] == [
        (2022, 2, "SK"),
        (YEAR, 4, "LHE"),
    ]
