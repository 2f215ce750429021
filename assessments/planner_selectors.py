"""Reads of the improvement planner: the framework with its criteria, the regency's levels to start from, the
bands, the year's published target and the result a plan's follow-ups attach to. A fixed number of queries
whatever the number of indicators or years; callers check the user's rights first."""

from dataclasses import dataclass, field

from regencies.models import Regency

from . import scoring
from .indicator_models import AssessmentStage, IndicatorAssessment, LevelCriterion
from .indicator_selectors import level_names_by_indicator, structure_with_criteria
from .models import Domain, FollowUp, Framework, Indicator, IndicatorScore, PredikatBand, Result, ResultKind, Target


class StartingPoint:
    SELF = "self"
    OFFICIAL_ROWS = "official_rows"
    OFFICIAL_RESULT = "official_result"
    NONE = "none"


@dataclass
class PlannerData:
    framework: Framework
    domains: list[Domain]
    indicators: list[Indicator]
    specs: list[scoring.IndicatorSpec]
    level_names: dict[int, dict[int, str]]
    levels: dict[int, int | None]
    started_from: str
    started_year: int | None
    bands: list[PredikatBand]
    target: Target | None
    result: Result | None
    planned: dict[int, list[FollowUp]] = field(default_factory=dict)
    # Whether the levels, result or target shown were made by seed_demo: the page must then say so.
    shows_demo_data: bool = False

    def criterion(self, indicator: Indicator, level: int) -> LevelCriterion | None:
        for criterion in indicator.criteria.all():
            if criterion.level == level:
                return criterion
        return None

    @property
    def filled(self) -> int:
        return sum(1 for level in self.levels.values() if level is not None)


def _official_start(regency: Regency, year: int, framework: Framework) -> tuple[str, int | None, dict[int, int], bool]:
    """The latest published official levels of the framework up to `year`: KemenPAN-RB's OFFICIAL rows, else the
    indicator scores of a verified official result (two queries); and whether those levels are demo rows."""
    rows = list(
        IndicatorAssessment.objects.filter(
            regency=regency,
            year__lte=year,
            stage=AssessmentStage.OFFICIAL,
            level__isnull=False,
            indicator__aspect__domain__framework=framework,
        ).values_list("year", "indicator__number", "level", "is_demo")
    )
    scores = list(
        IndicatorScore.objects.filter(
            result__in=Result.objects.published().filter(
                regency=regency, year__lte=year, kind=ResultKind.OFFICIAL, framework=framework
            )
        ).values_list("result__year", "indicator__number", "level", "result__is_demo")
    )
    best_rows = max((row[0] for row in rows), default=None)
    best_scores = max((row[0] for row in scores), default=None)
    if best_rows is not None and (best_scores is None or best_rows >= best_scores):
        chosen = [row for row in rows if row[0] == best_rows]
        return StartingPoint.OFFICIAL_ROWS, best_rows, {n: level for _y, n, level, _d in chosen}, _any_demo(chosen)
    if best_scores is not None:
        chosen = [row for row in scores if row[0] == best_scores]
        return StartingPoint.OFFICIAL_RESULT, best_scores, {n: lv for _y, n, lv, _d in chosen}, _any_demo(chosen)
    return StartingPoint.NONE, None, {}, False


def _any_demo(rows) -> bool:
    return any(row[-1] for row in rows)


def planner_data(*, regency: Regency, year: int, framework: Framework) -> PlannerData:
    """Everything the planner page reads: at most fourteen queries."""
    domains = structure_with_criteria(framework)
    indicators = [
        indicator for domain in domains for aspect in domain.aspects.all() for indicator in aspect.indicators.all()
    ]
    specs = [
        scoring.IndicatorSpec(
            number=indicator.number, weight=indicator.weight, aspect=aspect.number, domain=domain.number
        )
        for domain in domains
        for aspect in domain.aspects.all()
        for indicator in aspect.indicators.all()
    ]
    own_rows = list(
        IndicatorAssessment.objects.filter(
            regency=regency, year=year, stage=AssessmentStage.SELF, indicator__aspect__domain__framework=framework
        ).values_list("indicator__number", "level", "is_demo")
    )
    own = {number: level for number, level, _demo in own_rows}
    if any(level is not None for level in own.values()):
        started_from, started_year, known, demo = StartingPoint.SELF, year, own, _any_demo(own_rows)
    else:
        started_from, started_year, known, demo = _official_start(regency, year, framework)
    levels = {spec.number: known.get(spec.number) for spec in specs}
    result = (
        Result.objects.published()
        .filter(regency=regency, kind=ResultKind.OFFICIAL, framework=framework)
        .order_by("-year")
        .select_related("framework")
        .first()
    )
    planned: dict[int, list[FollowUp]] = {}
    if result is not None:
        for follow_up in FollowUp.objects.filter(result=result, indicator__isnull=False).select_related("indicator"):
            planned.setdefault(follow_up.indicator.number, []).append(follow_up)
    target = Target.objects.published().filter(regency=regency, year=year).first()
    return PlannerData(
        framework=framework,
        domains=domains,
        indicators=indicators,
        specs=specs,
        level_names=level_names_by_indicator(framework, [spec.number for spec in specs]),
        levels=levels,
        started_from=started_from,
        started_year=started_year,
        bands=list(PredikatBand.objects.filter(framework=framework).order_by("lower_bound")),
        target=target,
        result=result,
        planned=planned,
        shows_demo_data=demo or any(row.is_demo for row in (result, target) if row is not None),
    )


@dataclass(frozen=True)
class ExportRow:
    """One indicator of a regency's workspace at every stage, for the XLSX export."""

    indicator: Indicator
    self_row: IndicatorAssessment | None
    evidence_names: list[str]
    province_row: IndicatorAssessment | None
    official_row: IndicatorAssessment | None


def workspace_export_rows(*, regency: Regency, year: int, framework: Framework) -> list[ExportRow]:
    """Every indicator of the framework in number order with its three stages and its evidence file names
    (three queries)."""
    indicators = list(
        Indicator.objects.filter(aspect__domain__framework=framework).order_by("number").select_related("aspect")
    )
    stages = {stage: {} for stage in AssessmentStage.values}
    rows = (
        IndicatorAssessment.objects.filter(regency=regency, year=year, indicator__aspect__domain__framework=framework)
        .select_related("source")
        .prefetch_related("evidence_files")
    )
    for row in rows:
        stages[row.stage][row.indicator_id] = row
    found = []
    for indicator in indicators:
        own = stages[AssessmentStage.SELF].get(indicator.pk)
        found.append(
            ExportRow(
                indicator=indicator,
                self_row=own,
                evidence_names=sorted(evidence.original_name for evidence in own.evidence_files.all()) if own else [],
                province_row=stages[AssessmentStage.PROVINCE].get(indicator.pk),
                official_row=stages[AssessmentStage.OFFICIAL].get(indicator.pk),
            )
        )
    return found
