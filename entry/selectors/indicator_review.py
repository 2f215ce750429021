"""Reads of the province's review of one regency's year (`/entri/indikator/<slug>/<year>/reviu/`): its three
stages side by side, one row per scored entry (5/2018's indicator 35 once for each of three public services), with
the differences and the scores of each stage; and of the form where staff set one entry's province and official
level (`…/<year>/<number>/reviu/?bagian=2`).

Each runs a fixed number of queries whatever the number of regencies, indicators or years; callers check the
user's rights first.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Q
from django.utils.translation import get_language

from assessments import scoring
from assessments.models import (
    Aspect,
    AssessmentStage,
    Domain,
    EvidenceFile,
    FollowUp,
    Framework,
    Indicator,
    IndicatorAssessment,
    Result,
    ResultKind,
    ReviewState,
)
from regencies.models import Regency

from .structure import framework_structure, indicator_specs

STAGES = [AssessmentStage.SELF, AssessmentStage.PROVINCE, AssessmentStage.OFFICIAL]
# The differences the review page sums: the later stage minus the earlier one.
PAIRS = [
    (AssessmentStage.PROVINCE, AssessmentStage.SELF),
    (AssessmentStage.OFFICIAL, AssessmentStage.SELF),
    (AssessmentStage.OFFICIAL, AssessmentStage.PROVINCE),
]


@dataclass
class StageScore:
    """A stage's score over a set of indicators: a value only once every one of them has a level."""

    stage: str
    label: str
    filled: int
    total: int
    value: Decimal | None

    @property
    def complete(self) -> bool:
        return self.filled == self.total


@dataclass
class Difference:
    later: str
    earlier: str
    label: str
    compared: int = 0
    differing: int = 0
    total: int = 0  # sum of (later − earlier) level steps over the indicators both stages know


@dataclass
class ReviewRow:
    """One scored entry: an indicator, or one public service of an indicator scored once per service (`part`)."""

    indicator: Indicator
    rows: dict[str, IndicatorAssessment | None]
    evidence: list[EvidenceFile] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    part: int = 1
    # A recommendation belongs to the indicator, not to one entry: it is listed on the first entry's row, and the
    # others point there (the anchor of that row; "" where there is nothing to point to).
    follow_ups_at: str = ""

    @property
    def key(self) -> scoring.LevelKey:
        return scoring.level_key(self.indicator.number, self.part, self.indicator.entries)

    @property
    def is_one_of_several(self) -> bool:
        return self.indicator.entries > 1

    @property
    def entry_name(self) -> str:
        """ "layanan publik 2"; "" for an indicator scored once."""
        return self.indicator.entry_name(self.part)

    @property
    def anchor(self) -> str:
        """The row's id on the page: `indikator-12`, `indikator-35-2`."""
        return anchor(self.indicator, self.part)

    @property
    def first_entry_name(self) -> str:
        """ "layanan publik 1": the entry whose row lists the indicator's recommendations."""
        return self.indicator.entry_name(1)

    def level(self, stage: str) -> int | None:
        row = self.rows.get(stage)
        return row.level if row else None

    @property
    def levels(self) -> list[int | None]:
        """The self-assessment, province and official levels, in that order."""
        return [self.level(stage) for stage in STAGES]

    @property
    def self_level(self):
        return self.level(AssessmentStage.SELF)

    @property
    def province_level(self):
        return self.level(AssessmentStage.PROVINCE)

    @property
    def official_level(self):
        return self.level(AssessmentStage.OFFICIAL)

    @property
    def province_row(self):
        return self.rows.get(AssessmentStage.PROVINCE)

    @property
    def official_row(self):
        return self.rows.get(AssessmentStage.OFFICIAL)

    @property
    def self_row(self):
        return self.rows.get(AssessmentStage.SELF)

    @cached_property
    def deltas(self) -> list[tuple[str, int]]:
        """(label, later − earlier) for each pair of stages that both have a level and differ."""
        found = []
        for later, earlier in PAIRS:
            a, b = self.level(later), self.level(earlier)
            if a is not None and b is not None and a != b:
                found.append((_pair_label(later, earlier), a - b))
        return found

    @property
    def differs(self) -> bool:
        return bool(self.deltas)


@dataclass
class ReviewPart:
    """A domain (or the whole framework) with each stage's score and the differences summed."""

    name: str
    scores: list[StageScore]
    differences: list[Difference]
    aspects: list[tuple[Aspect, list[ReviewRow]]] = field(default_factory=list)


@dataclass
class Review:
    regency: Regency
    year: int
    framework: Framework
    overall: ReviewPart
    domains: list[tuple[Domain, ReviewPart]]
    result: Result | None  # the result a new recommendation of this year follows

    @property
    def rows(self) -> list[ReviewRow]:
        return [row for _domain, part in self.domains for _aspect, rows in part.aspects for row in rows]


def _pair_label(later: str, earlier: str) -> str:
    # Three labels per language, asked for by every row: translated once each.
    key = (get_language(), later, earlier)
    if key not in _PAIR_LABELS:
        _PAIR_LABELS[key] = f"{AssessmentStage(later).label} − {AssessmentStage(earlier).label}"
    return _PAIR_LABELS[key]


_PAIR_LABELS: dict[tuple, str] = {}


def review(*, regency: Regency, year: int, framework: Framework) -> Review:
    """Every indicator's three stages for one regency and year, with evidence names, recommendations and the
    scores and differences per domain and overall (seven queries)."""
    structure = framework_structure(framework)
    # Unordered (a dictionary by indicator and stage): the model's default ordering joins regencies and indicators.
    assessments = (
        IndicatorAssessment.objects.working().filter(regency=regency, year=year).select_related("source").order_by()
    )
    by_entry: dict[tuple[int, int], dict[str, IndicatorAssessment]] = {}
    for row in assessments:
        by_entry.setdefault((row.indicator_id, row.part), {})[row.stage] = row
    self_ids = [rows[AssessmentStage.SELF].pk for rows in by_entry.values() if AssessmentStage.SELF in rows]
    evidence: dict[int, list[EvidenceFile]] = {}
    for item in EvidenceFile.objects.filter(indicator_assessment_id__in=self_ids).order_by("original_name"):
        evidence.setdefault(item.indicator_assessment_id, []).append(item)
    follow_ups: dict[int, list[FollowUp]] = {}
    for item in FollowUp.objects.filter(of_year(regency, year), indicator__isnull=False).order_by("pk"):
        follow_ups.setdefault(item.indicator_id, []).append(item)

    domains = []
    all_rows: list[ReviewRow] = []
    for domain in structure:
        aspects = []
        domain_rows = []
        for aspect in domain.aspects.all():
            rows = []
            for indicator in aspect.indicators.all():
                for part in range(1, indicator.entries + 1):
                    stages = by_entry.get((indicator.pk, part), {})
                    self_row = stages.get(AssessmentStage.SELF)
                    recommended = follow_ups.get(indicator.pk, [])
                    row = ReviewRow(
                        indicator=indicator,
                        part=part,
                        rows={stage: stages.get(stage) for stage in STAGES},
                        evidence=evidence.get(self_row.pk, []) if self_row else [],
                        follow_ups=recommended if part == 1 else [],
                        follow_ups_at=anchor(indicator, 1) if part > 1 and recommended else "",
                    )
                    rows.append(row)
            aspects.append((aspect, rows))
            domain_rows.extend(rows)
        all_rows.extend(domain_rows)
        domains.append((domain, domain_rows, aspects))

    specs = indicator_specs(structure)
    partial = {stage: _partial(all_rows, specs, framework, stage) for stage in STAGES}
    parts = []
    for domain, domain_rows, aspects in domains:
        part = ReviewPart(
            name=domain.name,
            scores=[_score(stage, domain_rows, partial[stage], domain.number) for stage in STAGES],
            differences=_differences(domain_rows),
            aspects=aspects,
        )
        parts.append((domain, part))
    overall = ReviewPart(
        name="",
        scores=[_score(stage, all_rows, partial[stage], None) for stage in STAGES],
        differences=_differences(all_rows),
    )
    return Review(
        regency=regency,
        year=year,
        framework=framework,
        overall=overall,
        domains=parts,
        result=followed_result(regency=regency, year=year),
    )


def followed_result(*, regency: Regency, year: int) -> Result | None:
    """The result a recommendation of this year belongs to: the official one if any, else the self-assessment;
    the newest revision of it (one query)."""
    results = list(
        Result.objects.filter(regency=regency, year=year)
        .exclude(state=ReviewState.SUPERSEDED)
        .exclude(kind=ResultKind.PROVISIONAL)
        .order_by("-pk")
    )
    for kind in (ResultKind.OFFICIAL, ResultKind.SELF_ASSESSMENT):
        for result in results:
            if result.kind == kind:
                return result
    return None


def stage_rows(*, regency: Regency, year: int, indicator: Indicator, part: int = 1) -> dict[str, IndicatorAssessment]:
    """{stage: the stage's own row} of one entry of an indicator of a regency's year (one query)."""
    return {
        row.stage: row
        for row in IndicatorAssessment.objects.working()
        .filter(regency=regency, year=year, indicator=indicator, part=part)
        .select_related("source")
    }


def anchor(indicator: Indicator, part: int) -> str:
    """The id of an entry's row on the review page, which the form returns to."""
    return f"indikator-{indicator.number}-{part}" if indicator.entries > 1 else f"indikator-{indicator.number}"


def indicator_follow_ups(*, regency: Regency, year: int, indicator: Indicator) -> list[FollowUp]:
    """The recommendations of the year's results tied to one indicator, oldest first (one query)."""
    return list(FollowUp.objects.filter(of_year(regency, year), indicator=indicator).order_by("pk"))


def of_year(regency: Regency, year: int) -> Q:
    """The follow-ups of a regency's year: its results' recommendations and its plan's steps."""
    return Q(result__regency=regency, result__year=year) | Q(regency=regency, year=year)


def _partial(rows, specs, framework, stage) -> scoring.PartialBreakdown:
    levels = {row.key: row.level(stage) for row in rows}
    return scoring.compute_partial_scores(levels=levels, indicators=specs, level_range=framework.levels)


def _score(stage, rows, partial, domain_number) -> StageScore:
    filled = sum(1 for row in rows if row.level(stage) is not None)
    complete = filled == len(rows) and rows
    if domain_number is None:
        value = partial.index if complete else None
    else:
        value = partial.domains.get(domain_number) if complete else None
    return StageScore(stage=stage, label=AssessmentStage(stage).label, filled=filled, total=len(rows), value=value)


def _differences(rows) -> list[Difference]:
    found = []
    for later, earlier in PAIRS:
        difference = Difference(later=later, earlier=earlier, label=_pair_label(later, earlier))
        for row in rows:
            a, b = row.level(later), row.level(earlier)
            if a is None or b is None:
                continue
            difference.compared += 1
            if a != b:
                difference.differing += 1
                difference.total += a - b
        found.append(difference)
    return found
