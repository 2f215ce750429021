"""Reads of the indicator workspace, shared by the regency's self-assessment, the province's review, the planner
and the pages that show indicator levels. Each runs a fixed number of queries whatever the number of indicators,
regencies or years; callers check the user's rights first.
"""

from collections import defaultdict

from django.db.models import Prefetch

from .indicator_models import IndicatorAssessment, LevelCriterion, LevelName
from .models import Aspect, Domain, Framework, Indicator


def structure_with_criteria(framework: Framework) -> list[Domain]:
    """The framework's domains → aspects → indicators, each indicator with its level criteria in level order
    (four queries)."""
    return list(
        Domain.objects.filter(framework=framework)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "aspects",
                queryset=Aspect.objects.order_by("number").prefetch_related(
                    Prefetch(
                        "indicators",
                        queryset=Indicator.objects.order_by("number").prefetch_related(
                            Prefetch("criteria", queryset=LevelCriterion.objects.order_by("level"))
                        ),
                    )
                ),
            )
        )
    )


def level_names_by_indicator(framework: Framework, indicator_numbers) -> dict[int, dict[int, str]]:
    """{indicator number: {level: name}} for the framework's named levels (one query); an indicator whose
    framework names no levels (5/2018) maps to an empty dict."""
    names = list(LevelName.objects.filter(framework=framework).exclude(name=""))
    return {
        number: {name.level: name.name for name in names if name.first_indicator <= number <= name.last_indicator}
        for number in indicator_numbers
    }


def levels_by_stage(*, regency, year: int, stages) -> dict[str, dict[int, IndicatorAssessment]]:
    """{stage: {indicator number: assessment}} for one regency and year (one query)."""
    found: dict[str, dict[int, IndicatorAssessment]] = defaultdict(dict)
    assessments = IndicatorAssessment.objects.filter(regency=regency, year=year, stage__in=list(stages)).select_related(
        "indicator", "source"
    )
    for assessment in assessments:
        found[assessment.stage][assessment.indicator.number] = assessment
    return {stage: found.get(stage, {}) for stage in stages}
