"""Reads of the regency's self-assessment workspace: the whole workspace of one regency and year, one indicator's
page, and the reporting status per regency and year for the entry list. Each runs a fixed number of queries
whatever the number of indicators, regencies or years; callers check the user's rights first.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from . import scoring
from .indicator_models import AssessmentStage, IndicatorAssessment, LevelCriterion
from .indicator_selectors import level_names_by_indicator, levels_by_stage
from .models import EvidenceFile, FollowUp, Framework, Indicator, Result, ResultKind, ReviewState
from .selectors import framework_structure
from .services.self_assessment import version_total


def self_result(*, regency, year: int) -> Result | None:
    """The year's self-assessment revision the workspace leads to: the open one, else the published one."""
    results = list(
        Result.objects.filter(regency=regency, year=year, kind=ResultKind.SELF_ASSESSMENT)
        .exclude(state=ReviewState.SUPERSEDED)
        .order_by("pk")
    )
    open_ones = [result for result in results if result.is_open]
    return (open_ones or results or [None])[-1]


@dataclass
class IndicatorRow:
    indicator: Indicator
    assessment: IndicatorAssessment | None
    level_name: str
    province: IndicatorAssessment | None
    official: IndicatorAssessment | None
    # The chosen level's criteria text ("" where the copies have none, None when no level is chosen).
    chosen_criteria: str | None = None
    # The list item's markup, joined by the view (entry/views/workspace_rows.py).
    html: str = ""

    @property
    def is_filled(self) -> bool:
        return self.assessment is not None and self.assessment.level is not None


@dataclass
class Workspace:
    regency: object
    year: int
    framework: Framework
    domains: (
        list  # [{"domain", "score", "filled", "total", "aspects": [{"aspect", "score", "filled", "total", "rows"}]}]
    )
    breakdown: scoring.PartialBreakdown
    result: Result | None
    seen_versions: int
    level_names: dict[int, dict[int, str]] = field(default_factory=dict)

    @property
    def is_locked(self) -> bool:
        return self.result is not None and self.result.awaits_review

    @property
    def remaining(self) -> int:
        return self.breakdown.total - self.breakdown.filled

    @property
    def can_submit(self) -> bool:
        return self.breakdown.complete and not self.is_locked

    @property
    def shows_demo_data(self) -> bool:
        """Whether anything shown was made by seed_demo: the page must then say so."""
        rows = [row for domain in self.domains for aspect in domain["aspects"] for row in aspect["rows"]]
        shown = [stage for row in rows for stage in (row.assessment, row.province, row.official) if stage]
        return any(item.is_demo for item in [*shown, *([self.result] if self.result else [])])


def workspace(*, regency, year: int, framework: Framework) -> Workspace:
    """Domains → aspects → indicators with each one's self-assessment (evidence counted, the chosen level's
    criteria), review and official level, and the sub-indices of the levels as they stand. Nine queries."""
    structure = framework_structure(framework)
    rows = list(
        IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF)
        .select_related("indicator")
        .annotate(evidence_count=Count("evidence_files"))
        .order_by()  # a dictionary by number below; the model's ordering joined the regency for nothing
    )
    own = {row.indicator.number: row for row in rows}
    others = levels_by_stage(regency=regency, year=year, stages=[AssessmentStage.PROVINCE, AssessmentStage.OFFICIAL])
    numbers = [
        indicator.number
        for domain in structure
        for aspect in domain.aspects.all()
        for indicator in aspect.indicators.all()
    ]
    names = level_names_by_indicator(framework, numbers)
    specs = [
        scoring.IndicatorSpec(
            number=indicator.number, weight=indicator.weight, aspect=aspect.number, domain=domain.number
        )
        for domain in structure
        for aspect in domain.aspects.all()
        for indicator in aspect.indicators.all()
    ]
    levels = {number: row.level for number, row in own.items() if row.level is not None}
    chosen = {
        (criterion.indicator_id, criterion.level): criterion.criteria
        for criterion in LevelCriterion.objects.filter(
            Exists(
                IndicatorAssessment.objects.filter(
                    regency=regency,
                    year=year,
                    stage=AssessmentStage.SELF,
                    indicator=OuterRef("indicator"),
                    level=OuterRef("level"),
                )
            ),
            indicator__aspect__domain__framework=framework,
        ).only("indicator_id", "level", "criteria")
    }
    breakdown = scoring.compute_partial_scores(levels=levels, indicators=specs, level_range=framework.levels)
    domains = []
    for domain in structure:
        aspects = []
        for aspect in domain.aspects.all():
            aspect_rows = [
                IndicatorRow(
                    indicator=indicator,
                    assessment=own.get(indicator.number),
                    level_name=names[indicator.number].get(own[indicator.number].level, "")
                    if indicator.number in own
                    else "",
                    province=others[AssessmentStage.PROVINCE].get(indicator.number),
                    official=others[AssessmentStage.OFFICIAL].get(indicator.number),
                    chosen_criteria=chosen.get((indicator.pk, levels[indicator.number]), "")
                    if indicator.number in levels
                    else None,
                )
                for indicator in aspect.indicators.all()
            ]
            aspects.append(
                {
                    "aspect": aspect,
                    "score": breakdown.aspects.get(aspect.number, Decimal(0)),
                    "filled": sum(row.is_filled for row in aspect_rows),
                    "total": len(aspect_rows),
                    "rows": aspect_rows,
                }
            )
        domains.append(
            {
                "domain": domain,
                "score": breakdown.domains.get(domain.number, Decimal(0)),
                "filled": sum(aspect["filled"] for aspect in aspects),
                "total": sum(aspect["total"] for aspect in aspects),
                "aspects": aspects,
            }
        )
    return Workspace(
        regency=regency,
        year=year,
        framework=framework,
        domains=domains,
        breakdown=breakdown,
        result=self_result(regency=regency, year=year),
        seen_versions=version_total(rows),
        level_names=names,
    )


@dataclass
class LevelOption:
    level: int
    name: str
    criterion: LevelCriterion | None


@dataclass
class IndicatorPage:
    indicator: Indicator
    options: list[LevelOption]
    assessment: IndicatorAssessment | None
    evidence: list[EvidenceFile]
    province: IndicatorAssessment | None
    official: IndicatorAssessment | None
    follow_ups: list[FollowUp]
    result: Result | None
    previous_number: int | None
    next_number: int | None

    @property
    def is_locked(self) -> bool:
        return self.result is not None and self.result.awaits_review

    @property
    def shows_demo_data(self) -> bool:
        shown = [self.assessment, self.province, self.official, self.result, *self.follow_ups]
        return any(item.is_demo for item in shown if item is not None)


def indicator_page(*, regency, year: int, framework: Framework, number: int) -> IndicatorPage | None:
    """One indicator of the workspace: every level of the framework with its name and criteria (an empty slot
    where no copy has one), the self-assessment with its evidence files, the review and official levels, the
    recommendations tied to it and its neighbours. Eight queries; None when the framework has no such indicator.
    """
    indicator = (
        Indicator.objects.filter(aspect__domain__framework=framework, number=number)
        .select_related("aspect__domain")
        .prefetch_related(Prefetch("criteria", queryset=LevelCriterion.objects.order_by("level")))
        .first()
    )
    if indicator is None:
        return None
    names = level_names_by_indicator(framework, [number])[number]
    criteria = {criterion.level: criterion for criterion in indicator.criteria.all()}
    stages = IndicatorAssessment.objects.filter(regency=regency, year=year, indicator=indicator).select_related(
        "source", "updated_by"
    )
    by_stage = {row.stage: row for row in stages}
    own = by_stage.get(AssessmentStage.SELF)
    neighbours = Indicator.objects.filter(aspect__domain__framework=framework).aggregate(
        previous=_max_below(number), following=_min_above(number)
    )
    return IndicatorPage(
        indicator=indicator,
        options=[LevelOption(level, names.get(level, ""), criteria.get(level)) for level in framework.levels],
        assessment=own,
        evidence=list(own.evidence_files.order_by("uploaded_at", "pk")) if own else [],
        province=by_stage.get(AssessmentStage.PROVINCE),
        official=by_stage.get(AssessmentStage.OFFICIAL),
        follow_ups=list(
            FollowUp.objects.filter(indicator=indicator, result__regency=regency)
            .select_related("result")
            .order_by("-result__year", "due_date", "pk")
        ),
        result=self_result(regency=regency, year=year),
        previous_number=neighbours["previous"],
        next_number=neighbours["following"],
    )


def _max_below(number: int):
    return Max("number", filter=Q(number__lt=number))


def _min_above(number: int):
    return Min("number", filter=Q(number__gt=number))


@dataclass
class WorkspaceCell:
    """One regency and year of the entry list's table: where its self-assessment stands."""

    year: int
    status: str  # "not_started", "in_progress", "returned", "submitted", "verified"
    filled: int
    total: int

    @property
    def label(self) -> str:
        counted = f"{self.filled}/{self.total}"
        return {
            "not_started": _("belum mulai"),
            "in_progress": counted,
            "returned": _("dikembalikan %(count)s") % {"count": counted},
            "submitted": _("diajukan"),
            "verified": _("terverifikasi"),
        }[self.status]


def workspace_table(*, regencies, results, until_year: int) -> tuple[list[int], list[tuple[object, list]]]:
    """The years a framework covers (newest first, none after `until_year`) and, per regency, a cell per year.
    `results` are the list's results already read (the self-assessment revisions among them give the submitted
    and verified states). Three queries whatever the number of regencies and years."""
    frameworks = list(Framework.objects.annotate(indicator_count=Count("domains__aspects__indicators")))
    totals = {}
    for framework in frameworks:
        for year in range(framework.first_year, min(framework.last_year or until_year, until_year) + 1):
            totals[year] = framework.indicator_count
    years = sorted(totals, reverse=True)
    regencies = list(regencies.order_by("code"))
    filled = {
        (row["regency"], row["year"]): row["filled"]
        for row in IndicatorAssessment.objects.filter(regency__in=regencies, year__in=years, stage=AssessmentStage.SELF)
        .values("regency", "year")
        .annotate(filled=Count("pk", filter=Q(level__isnull=False)))
    }
    own_results = {
        (result.regency_id, result.year): result
        for result in sorted(results, key=lambda result: (result.is_open, result.pk))
        if result.kind == ResultKind.SELF_ASSESSMENT
    }
    table = []
    for regency in regencies:
        cells = []
        for year in years:
            key = (regency.pk, year)
            result = own_results.get(key)
            if result is not None and result.awaits_review:
                status = "submitted"
            elif result is not None and result.is_returned:
                status = "returned"
            elif result is not None and result.is_published and filled.get(key, totals[year]) == totals[year]:
                # Verified, and not reopened since (a level cleared after verification shows as in progress).
                status = "verified"
            elif key in filled:
                status = "in_progress"
            else:
                status = "not_started"
            cells.append(WorkspaceCell(year=year, status=status, filled=filled.get(key, 0), total=totals[year]))
        table.append((regency, cells))
    return years, table
