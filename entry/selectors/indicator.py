"""Reads of one indicator's page of the self-assessment workspace (`/entri/indikator/<slug>/<year>/<number>/`):
every level of the framework with its name and criteria, the regency's own level with its evidence, the
province's and the official level, the recommendations tied to the indicator and its neighbours. Callers check the
user's rights first.
"""

from dataclasses import dataclass

from django.db.models import Max, Min, Prefetch, Q
from django.db.models.functions import Coalesce

from assessments import evidence_checks
from assessments.models import (
    AssessmentStage,
    EvidenceFile,
    FollowUp,
    Framework,
    Indicator,
    IndicatorAssessment,
    LevelCriterion,
    Result,
)

from ..lettered import lettered_parts
from .evidence_gaps import evidence_facts
from .structure import level_names_by_indicator
from .workspace import self_result


@dataclass
class LevelOption:
    level: int
    name: str
    criterion: LevelCriterion | None


@dataclass
class IndicatorPage:
    indicator: Indicator
    # Which entry of the indicator the page shows (1; 1–3 for 5/2018's indicator 35, one per public service).
    part: int
    options: list[LevelOption]
    assessment: IndicatorAssessment | None
    evidence: list[EvidenceFile]
    province: IndicatorAssessment | None
    official: IndicatorAssessment | None
    follow_ups: list[FollowUp]
    result: Result | None
    previous_number: int | None
    next_number: int | None
    year: int = 0
    first_level: int = 1

    @property
    def evidence_gaps(self) -> list[str]:
        """What is still missing or doubtful for the level claimed (assessments/evidence_checks.py); no query."""
        claimed = self.assessment.level if self.assessment else None
        texts = [self.indicator.evidence_note]
        texts += [
            text
            for option in self.options
            if option.criterion and claimed is not None and option.level <= claimed
            for text in (option.criterion.criteria, option.criterion.fulfilment, option.criterion.evidence_hint)
        ]
        return evidence_checks.evidence_gaps(
            claimed=claimed,
            first_level=self.first_level,
            files=[evidence_facts(file) for file in self.evidence],
            year=self.year,
            years=evidence_checks.years_asked(texts),
        )

    @property
    def parts(self) -> range:
        return range(1, self.indicator.entries + 1)

    @property
    def is_locked(self) -> bool:
        return self.result is not None and self.result.awaits_review

    @property
    def explanation_parts(self) -> list[str]:
        """The explanation's a./b./c. parts, to show as a list ([] when it is not written in parts)."""
        return lettered_parts(self.indicator.explanation)

    @property
    def shows_demo_data(self) -> bool:
        shown = [self.assessment, self.province, self.official, self.result, *self.follow_ups]
        return any(item.is_demo for item in shown if item is not None)


def indicator_page(*, regency, year: int, framework: Framework, number: int, part: int = 1) -> IndicatorPage | None:
    """One entry of one indicator of the workspace: every level of the framework with its name and criteria (an
    empty slot where no copy has one), the self-assessment with its evidence files and the source of a value taken
    from another agency's index, the review and official levels, the recommendations tied to it and its
    neighbours. Eight queries; None when the framework has no such indicator or entry.
    """
    indicator = (
        Indicator.objects.filter(aspect__framework=framework, number=number)
        .select_related("aspect__domain", "aspect__framework")
        .prefetch_related(Prefetch("criteria", queryset=LevelCriterion.objects.order_by("level")))
        .first()
    )
    if indicator is None or not 1 <= part <= indicator.entries:
        return None
    names = level_names_by_indicator(framework, [number])[number]
    criteria = {criterion.level: criterion for criterion in indicator.criteria.all()}
    stages = (
        IndicatorAssessment.objects.working()
        .filter(regency=regency, year=year, indicator=indicator, part=part)
        .select_related("source", "updated_by")
    )
    by_stage = {row.stage: row for row in stages}
    own = by_stage.get(AssessmentStage.SELF)
    neighbours = Indicator.objects.filter(aspect__framework=framework).aggregate(
        previous=_max_below(number), following=_min_above(number)
    )
    return IndicatorPage(
        indicator=indicator,
        part=part,
        options=[LevelOption(level, names.get(level, ""), criteria.get(level)) for level in framework.levels],
        assessment=own,
        evidence=list(own.evidence_files.order_by("uploaded_at", "pk")) if own else [],
        province=by_stage.get(AssessmentStage.PROVINCE),
        official=by_stage.get(AssessmentStage.OFFICIAL),
        follow_ups=list(
            FollowUp.objects.filter(Q(result__regency=regency) | Q(regency=regency), indicator=indicator)
            .select_related("result")
            .order_by(Coalesce("result__year", "year").desc(), "due_date", "pk")
        ),
        result=self_result(regency=regency, year=year),
        previous_number=neighbours["previous"],
        next_number=neighbours["following"],
        year=year,
        first_level=framework.min_level,
    )


def _max_below(number: int):
    return Max("number", filter=Q(number__lt=number))


def _min_above(number: int):
    return Min("number", filter=Q(number__gt=number))
