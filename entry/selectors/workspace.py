"""Reads of the regency's self-assessment workspace of one regency and year (`/entri/indikator/<slug>/<year>/`):
every indicator grouped by domain and aspect with its own level, the province's and the official level beside it,
and the index as it stands. A fixed number of queries whatever the number of indicators; callers check the user's
rights first.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.urls import reverse

from assessments import scoring
from assessments.models import (
    AssessmentStage,
    Framework,
    Indicator,
    IndicatorAssessment,
    Result,
    ResultKind,
    ReviewState,
)
from assessments.services.self_assessment import version_total

from .evidence_gaps import gaps_by_indicator
from .structure import framework_reference, indicator_specs


def self_result(*, regency, year: int) -> Result | None:
    """The year's self-assessment revision the workspace leads to: the open one, else the published one."""
    results = list(
        Result.objects.filter(regency=regency, year=year, kind=ResultKind.SELF_ASSESSMENT)
        .exclude(state=ReviewState.SUPERSEDED)
        .order_by("pk")
    )
    open_ones = [result for result in results if result.is_open]
    return (open_ones or results or [None])[-1]


def levels_by_stage(*, regency, year: int, stages) -> dict[str, dict[tuple[int, int], IndicatorAssessment]]:
    """{stage: {(indicator number, part): the stage's own row}} for one regency and year (one query)."""
    found: dict[str, dict[tuple[int, int], IndicatorAssessment]] = defaultdict(dict)
    # The workspace shows their level beside its own (and whether they are demo rows): the indicator's texts and
    # the row's source were read for nothing.
    assessments = (
        IndicatorAssessment.objects.working()
        .filter(regency=regency, year=year, stage__in=list(stages))
        .select_related("indicator")
        .only("stage", "part", "level", "is_demo", "indicator__number")
        .order_by()
    )
    for assessment in assessments:
        found[assessment.stage][(assessment.indicator.number, assessment.part)] = assessment
    return {stage: found.get(stage, {}) for stage in stages}


@dataclass
class IndicatorRow:
    """One scored entry of an indicator: the indicator itself, or one of its public services (`part`)."""

    indicator: Indicator
    part: int
    assessment: IndicatorAssessment | None
    level_name: str
    province: IndicatorAssessment | None
    official: IndicatorAssessment | None
    # The chosen level's criteria text ("" where the copies have none, None when no level is chosen).
    chosen_criteria: str | None = None
    # What is still missing for the level claimed (selectors/evidence_gaps.py).
    evidence_gaps: list[str] = field(default_factory=list)
    # The indicator's page (without the part: `?bagian=`).
    url: str = ""

    @property
    def is_filled(self) -> bool:
        return self.assessment is not None and self.assessment.level is not None

    @property
    def is_one_of_several(self) -> bool:
        return self.indicator.entries > 1


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
    def indicators_with_evidence_gaps(self) -> int:
        return sum(bool(row.evidence_gaps) for domain in self.domains for a in domain["aspects"] for row in a["rows"])

    @property
    def can_submit(self) -> bool:
        return self.breakdown.complete and not self.is_locked

    @property
    def shows_demo_data(self) -> bool:
        """Whether anything shown was made by seed_demo: the page must then say so."""
        rows = [row for domain in self.domains for aspect in domain["aspects"] for row in aspect["rows"]]
        shown = [stage for row in rows for stage in (row.assessment, row.province, row.official) if stage]
        return any(item.is_demo for item in [*shown, *([self.result] if self.result else [])])


def _criteria_text(reference, indicator, level) -> str | None:
    """The chosen level's criteria ("" where the copies have none), None when no level is chosen."""
    if level is None:
        return None
    return reference.criteria.get((indicator.pk, level), ("",))[0]


def workspace(*, regency, year: int, framework: Framework) -> Workspace:
    """Domains → aspects → indicators with each one's self-assessment (evidence counted, the chosen level's
    criteria, what is still missing for the level claimed), review and official level, and the sub-indices of the
    levels as they stand. Thirteen queries; seven once the framework's reference is kept."""
    reference = framework_reference(framework)
    structure = reference.structure
    rows = list(
        IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF)
        .select_related("indicator")
        .annotate(evidence_count=Count("evidence_files"))
        .order_by()  # a dictionary by number below; the model's ordering joined the regency for nothing
    )
    own = {(row.indicator.number, row.part): row for row in rows}
    others = levels_by_stage(regency=regency, year=year, stages=[AssessmentStage.PROVINCE, AssessmentStage.OFFICIAL])
    specs = indicator_specs(structure)
    names = reference.names_by_indicator([spec.number for spec in specs])
    levels = {key: row.level for key, row in own.items() if row.level is not None}
    breakdown = scoring.compute_partial_scores(levels=levels, indicators=specs, level_range=framework.levels)
    notes = {
        indicator.pk: indicator.evidence_note
        for domain in structure
        for aspect in domain.aspects.all()
        for indicator in aspect.indicators.all()
    }
    gaps = gaps_by_indicator(framework=framework, year=year, rows=rows, evidence_notes=notes)
    # One reverse for the list, not one an indicator: the pages' addresses differ only in the number, at the end.
    stem = reverse("entry:indicator", args=[regency.slug, year, 1])[: -len("1/")]
    domains = []
    for domain in structure:
        aspects = []
        for aspect in domain.aspects.all():
            aspect_rows = [
                IndicatorRow(
                    indicator=indicator,
                    part=key[1],
                    assessment=own.get(key),
                    level_name=names[indicator.number].get(own[key].level, "") if key in own else "",
                    province=others[AssessmentStage.PROVINCE].get(key),
                    official=others[AssessmentStage.OFFICIAL].get(key),
                    chosen_criteria=_criteria_text(reference, indicator, levels.get(key)),
                    evidence_gaps=gaps.get(indicator.number, []),
                    url=f"{stem}{indicator.number}/",
                )
                for indicator in aspect.indicators.all()
                for key in ((indicator.number, part) for part in range(1, indicator.entries + 1))
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
