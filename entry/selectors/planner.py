"""Reads of the improvement planner (`/entri/indikator/<slug>/<year>/rencana/`): the framework with its criteria,
the regency's levels to start from, the bands, the year's published target and the result a plan's follow-ups
attach to. A fixed number of queries whatever the number of indicators or years; callers check the user's rights
first."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from assessments import scoring, series
from assessments.models import (
    AssessmentStage,
    Domain,
    FollowUp,
    Framework,
    Indicator,
    IndicatorAssessment,
    LevelCriterion,
    PredikatBand,
    Result,
    ResultKind,
    Target,
)
from regencies.models import Regency

from .structure import framework_reference, indicator_specs


class StartingPoint:
    SELF = "self"
    OFFICIAL_ROWS = "official_rows"
    OFFICIAL_RESULT = "official_result"
    NONE = "none"


@dataclass(frozen=True)
class PlanEntry:
    """One scored entry the planner shows: an indicator, or one entry of an indicator scored more than once (5/2018's
    indicator 35, once per public service), keyed as scoring keys its level."""

    key: scoring.LevelKey
    indicator: Indicator
    part: int

    @property
    def number(self) -> int:
        return self.indicator.number

    @property
    def entry_name(self) -> str:
        """ "layanan publik 2"; "" for an indicator scored once."""
        return self.indicator.entry_name(self.part)

    @property
    def name(self) -> str:
        """ "35 · layanan publik 2", or the number alone for an indicator scored once."""
        return f"{self.number} · {self.entry_name}" if self.entry_name else str(self.number)


@dataclass
class PlannerData:
    framework: Framework
    domains: list[Domain]
    indicators: list[Indicator]
    specs: list[scoring.IndicatorSpec]
    level_names: dict[int, dict[int, str]]
    # Keyed as scoring keys levels: the number, or (number, part) for an entry of an indicator scored more than once.
    levels: dict[scoring.LevelKey, scoring.Level | None]
    started_from: str
    started_year: int | None
    bands: list[PredikatBand]
    target: Target | None
    result: Result | None
    planned: dict[int, list[FollowUp]] = field(default_factory=dict)
    # Whether the levels, result or target shown were made by seed_demo: the page must then say so.
    shows_demo_data: bool = False
    # {(indicator pk, level): (criteria, evidence hint)}: the texts a step shows of the level it reaches.
    criteria_texts: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)

    def criterion(self, indicator: Indicator, level: int) -> LevelCriterion | None:
        texts = self.criteria_texts.get((indicator.pk, level))
        if texts is None:
            return None
        return LevelCriterion(indicator=indicator, level=level, criteria=texts[0], evidence_hint=texts[1])

    @property
    def filled(self) -> int:
        return sum(1 for level in self.levels.values() if level is not None)

    @property
    def total(self) -> int:
        """Scored entries: one per indicator, three for 5/2018's indicator 35."""
        return len(self.levels)

    @cached_property
    def entries(self) -> dict[scoring.LevelKey, PlanEntry]:
        """Every scored entry by its level key, in number and part order."""
        return {
            key: PlanEntry(key=key, indicator=indicator, part=part)
            for indicator in self.indicators
            for key, part in indicator.scored_entries()
        }


def _official_start(
    regency: Regency, year: int, framework: Framework
) -> tuple[str, int | None, dict[scoring.EntryKey, scoring.Level], bool]:
    """The latest official levels of the framework the public sees up to `year` (one query); whether KemenPAN-RB's
    levels as staff wrote them or a verified official result's; and whether those levels are demo rows."""
    rows = list(
        IndicatorAssessment.objects.public()
        .filter(
            regency=regency,
            year__lte=year,
            stage=AssessmentStage.OFFICIAL,
            indicator__aspect__framework=framework,
        )
        .order_by()
        .values_list("year", "indicator__number", "part", "level", "result_id", "is_demo")
    )
    latest = max((row[0] for row in rows), default=None)
    if latest is None:
        return StartingPoint.NONE, None, {}, False
    chosen = [row for row in rows if row[0] == latest]
    started_from = StartingPoint.OFFICIAL_RESULT if chosen[0][4] is not None else StartingPoint.OFFICIAL_ROWS
    levels = {(number, part): level for _y, number, part, level, _r, _d in chosen}
    return started_from, latest, levels, _any_demo(chosen)


def _any_demo(rows) -> bool:
    return any(row[-1] for row in rows)


def planner_data(*, regency: Regency, year: int, framework: Framework) -> PlannerData:
    """Everything the planner page reads: twelve queries, six once the framework's reference is kept."""
    reference = framework_reference(framework)
    domains = reference.structure
    indicators = [
        indicator for domain in domains for aspect in domain.aspects.all() for indicator in aspect.indicators.all()
    ]
    specs = indicator_specs(domains)
    own_rows = list(
        IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF)
        .filter(indicator__aspect__framework=framework)
        .values_list("indicator__number", "part", "level", "is_demo")
    )
    own = {(number, part): level for number, part, level, _demo in own_rows}
    # The current level of every indicator: the year's official levels once published (they are what the
    # regency stands at), else the workspace's self-assessment, else the latest official levels of an earlier year.
    official = _official_start(regency, year, framework)
    if official[1] != year and any(level is not None for level in own.values()):
        started_from, started_year, known, demo = StartingPoint.SELF, year, own, _any_demo(own_rows)
    else:
        started_from, started_year, known, demo = official
    levels = {key: known.get(scoring.entry_key(key)) for spec in specs for key in spec.level_keys}
    result = (
        Result.objects.published()
        .filter(regency=regency, kind=ResultKind.OFFICIAL, framework=framework)
        .order_by("-year")
        .select_related("framework")
        .first()
    )
    planned: dict[int, list[FollowUp]] = {}
    # The plan's steps of this year, and the recommendations on the latest official result (plans saved there
    # before a plan belonged to its year).
    of_plan = Q(regency=regency, year=year) | (Q(result=result) if result is not None else Q(pk__in=[]))
    for follow_up in FollowUp.objects.filter(of_plan, indicator__isnull=False).select_related("indicator"):
        planned.setdefault(follow_up.indicator.number, []).append(follow_up)
    target = Target.objects.published().filter(regency=regency, year=year).select_related("framework").first()
    if target is not None and not series.comparable(target.framework, framework):
        # A target of another index (an SPBE target beside a Pemdi plan) is no goal for this plan.
        target = None
    return PlannerData(
        framework=framework,
        domains=domains,
        indicators=indicators,
        specs=specs,
        level_names=reference.names_by_indicator([spec.number for spec in specs]),
        levels=levels,
        started_from=started_from,
        started_year=started_year,
        bands=reference.bands,
        target=target,
        result=result,
        planned=planned,
        shows_demo_data=demo or any(row.is_demo for row in (result, target) if row is not None),
        criteria_texts=reference.criteria,
    )
