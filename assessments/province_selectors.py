"""Reads of the province's side of the indicator workspace: one regency's three stages side by side (the review
page) and the province view of a year (regency × indicator table, weakest indicators, reporting status).

Each runs a fixed number of queries whatever the number of regencies, indicators or years; callers check the
user's rights first.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Avg, Count, Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regencies.models import Regency

from . import scoring
from .indicator_models import AssessmentStage, IndicatorAssessment
from .models import (
    AWAITING_REVIEW_STATES,
    PUBLISHED_STATES,
    Aspect,
    Domain,
    EvidenceFile,
    FollowUp,
    Framework,
    Indicator,
    Result,
    ResultKind,
    ReviewState,
)

STAGES = [AssessmentStage.SELF, AssessmentStage.PROVINCE, AssessmentStage.OFFICIAL]
# The differences the review page sums: the later stage minus the earlier one.
PAIRS = [
    (AssessmentStage.PROVINCE, AssessmentStage.SELF),
    (AssessmentStage.OFFICIAL, AssessmentStage.SELF),
    (AssessmentStage.OFFICIAL, AssessmentStage.PROVINCE),
]


def framework_of_year(year: int) -> Framework | None:
    return Framework.objects.for_year(year).order_by("-first_year").first()


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
    indicator: Indicator
    rows: dict[str, IndicatorAssessment | None]
    evidence: list[EvidenceFile] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    # The page's markup for the row's cells and links, joined by the view (entry/views/review_rows.py).
    html_cells: str = ""
    html_actions: str = ""
    html_details: str = ""

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


def framework_structure(framework: Framework) -> list[Domain]:
    """Domains → aspects → indicators in number order (three queries)."""
    return list(
        Domain.objects.filter(framework=framework)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "aspects",
                queryset=Aspect.objects.order_by("number").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("number"))
                ),
            )
        )
    )


def review(*, regency: Regency, year: int, framework: Framework) -> Review:
    """Every indicator's three stages for one regency and year, with evidence names, recommendations and the
    scores and differences per domain and overall (seven queries)."""
    structure = framework_structure(framework)
    # Unordered (a dictionary by indicator and stage): the model's default ordering joins regencies and indicators.
    assessments = IndicatorAssessment.objects.filter(regency=regency, year=year).select_related("source").order_by()
    by_indicator: dict[int, dict[str, IndicatorAssessment]] = {}
    for row in assessments:
        by_indicator.setdefault(row.indicator_id, {})[row.stage] = row
    self_ids = [rows[AssessmentStage.SELF].pk for rows in by_indicator.values() if AssessmentStage.SELF in rows]
    evidence: dict[int, list[EvidenceFile]] = {}
    for item in EvidenceFile.objects.filter(indicator_assessment_id__in=self_ids).order_by("original_name"):
        evidence.setdefault(item.indicator_assessment_id, []).append(item)
    follow_ups: dict[int, list[FollowUp]] = {}
    for item in FollowUp.objects.filter(result__regency=regency, result__year=year, indicator__isnull=False).order_by(
        "pk"
    ):
        follow_ups.setdefault(item.indicator_id, []).append(item)

    specs: list[scoring.IndicatorSpec] = []
    domains = []
    all_rows: list[ReviewRow] = []
    for domain in structure:
        aspects = []
        domain_rows = []
        for aspect in domain.aspects.all():
            rows = []
            for indicator in aspect.indicators.all():
                stages = by_indicator.get(indicator.pk, {})
                self_row = stages.get(AssessmentStage.SELF)
                row = ReviewRow(
                    indicator=indicator,
                    rows={stage: stages.get(stage) for stage in STAGES},
                    evidence=evidence.get(self_row.pk, []) if self_row else [],
                    follow_ups=follow_ups.get(indicator.pk, []),
                )
                rows.append(row)
                specs.append(
                    scoring.IndicatorSpec(
                        number=indicator.number, weight=indicator.weight, aspect=aspect.number, domain=domain.number
                    )
                )
            aspects.append((aspect, rows))
            domain_rows.extend(rows)
        all_rows.extend(domain_rows)
        domains.append((domain, domain_rows, aspects))

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


def _partial(rows, specs, framework, stage) -> scoring.PartialBreakdown:
    levels = {row.indicator.number: row.level(stage) for row in rows}
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


# The province view of a year ---------------------------------------------------------------------------------

NOT_STARTED, IN_PROGRESS, SUBMITTED, REVIEWED = "not_started", "in_progress", "submitted", "reviewed"


@dataclass
class ReportingStatus:
    code: str
    filled: int
    total: int

    @property
    def label(self) -> str:
        """As the province view writes it: belum mulai / sedang diisi n/N / diajukan / diperiksa."""
        if self.code == IN_PROGRESS:
            return _("sedang diisi %(filled)s/%(total)s") % {"filled": self.filled, "total": self.total}
        return {NOT_STARTED: _("belum mulai"), SUBMITTED: _("diajukan"), REVIEWED: _("diperiksa")}[self.code]


@dataclass
class WeakIndicator:
    indicator: Indicator
    mean: Decimal
    regencies: int


@dataclass
class ProvinceView:
    year: int
    framework: Framework
    stage: str
    domains: list[Domain]
    aspects: list[Aspect]
    indicators: list[Indicator]
    # (regency, status, [level or None per indicator, in `indicators` order])
    table: list[tuple[Regency, ReportingStatus, list[int | None]]]
    weakest: list[WeakIndicator]
    status_counts: dict[str, int]
    regency_count: int
    first: int  # position of the table's first regency among all, from 0
    # Whether anything counted or shown was made by seed_demo: the page must then say so.
    shows_demo_data: bool = False


def province_view(
    *,
    year: int,
    framework: Framework,
    stage: str,
    domain: int | None = None,
    aspect: int | None = None,
    weakest: int = 10,
    first: int = 0,
    limit: int | None = None,
) -> ProvinceView:
    """The regency × indicator table of one stage (regencies `first` … `first + limit`), the weakest indicators
    across every regency and the reporting status counts (eight queries whatever the number of regencies and
    indicators)."""
    domains = list(Domain.objects.filter(framework=framework).order_by("number"))
    aspects = list(Aspect.objects.filter(domain__framework=framework).select_related("domain").order_by("number"))
    all_indicators = list(
        Indicator.objects.filter(aspect__domain__framework=framework)
        .select_related("aspect__domain")
        .order_by("number")
    )
    indicators = [
        indicator
        for indicator in all_indicators
        if (domain is None or indicator.aspect.domain.number == domain)
        and (aspect is None or indicator.aspect.number == aspect)
    ]
    # Every regency's id (the status counts) but model instances for the table's page only: at national size,
    # building 550 instances cost more than the query.
    all_regencies = list(
        Regency.objects.ranked().order_by("name").values_list("pk", "name", "kind", "slug", "code", "is_demo")
    )
    regencies = [
        Regency(pk=pk, name=name, kind=kind, slug=slug, code=code)
        for pk, name, kind, slug, code, _demo in (all_regencies[first : first + limit] if limit else all_regencies)
    ]
    positions = {indicator.pk: index for index, indicator in enumerate(indicators)}
    levels: dict[int, list[int | None]] = {regency.pk: [None] * len(indicators) for regency in regencies}
    # No ordering: the model's default (regency code, indicator number) joined both tables and sorted the rows.
    rows = (
        IndicatorAssessment.objects.filter(
            year=year, stage=stage, indicator_id__in=list(positions), level__isnull=False, regency_id__in=list(levels)
        )
        .order_by()
        .values_list("regency_id", "indicator_id", "level")
    )
    for regency_id, indicator_id, level in rows:
        if regency_id in levels:
            levels[regency_id][positions[indicator_id]] = level
    statuses = reporting_statuses(
        year=year,
        indicator_ids=[indicator.pk for indicator in all_indicators],
        regency_ids=[item[0] for item in all_regencies],
    )
    table = [(regency, statuses[regency.pk], levels[regency.pk]) for regency in regencies]
    counts = dict.fromkeys((NOT_STARTED, IN_PROGRESS, SUBMITTED, REVIEWED), 0)
    for status in statuses.values():
        counts[status.code] += 1
    return ProvinceView(
        year=year,
        framework=framework,
        stage=stage,
        domains=domains,
        aspects=aspects,
        indicators=indicators,
        table=table,
        weakest=_weakest(year=year, stage=stage, indicators=indicators, limit=weakest),
        status_counts=counts,
        regency_count=len(all_regencies),
        first=first,
        shows_demo_data=any(item[-1] for item in all_regencies)
        or IndicatorAssessment.objects.filter(year=year, is_demo=True).exists(),
    )


def _weakest(*, year, stage, indicators, limit) -> list[WeakIndicator]:
    by_pk = {indicator.pk: indicator for indicator in indicators}
    means = (
        IndicatorAssessment.objects.filter(year=year, stage=stage, indicator_id__in=list(by_pk), level__isnull=False)
        .values("indicator_id")
        # One row per regency, indicator and stage (a unique constraint): counting rows counts regencies. Counting
        # the level (never null here) rather than the id keeps PostgreSQL on the covering index (an index-only
        # scan instead of reading the table's rows).
        .annotate(mean=Avg("level"), regencies=Count("level"))
        .order_by("mean", "indicator_id")[:limit]
    )
    return [
        WeakIndicator(
            indicator=by_pk[item["indicator_id"]],
            mean=scoring.round_index(Decimal(str(item["mean"]))),
            regencies=item["regencies"],
        )
        for item in means
    ]


def reporting_statuses(*, year: int, indicator_ids: list[int], regency_ids) -> dict[int, ReportingStatus]:
    """Every regency's reporting status for the year: not started (no self-assessment row), in progress n/N,
    submitted (the year's newest self-assessment result awaits review) or reviewed (verified). Two queries."""
    started: dict[int, int] = {}
    for regency_id, filled in (
        IndicatorAssessment.objects.filter(year=year, stage=AssessmentStage.SELF, indicator_id__in=indicator_ids)
        .values("regency_id")
        # Count(level) counts the rows with a level; SQLite answers it twice as fast as a filtered count. No
        # ordering: the model's default joined the regencies and indicators to the grouped rows for nothing.
        .annotate(filled=Count("level"))
        .order_by()
        .values_list("regency_id", "filled")
    ):
        started[regency_id] = filled
    latest: dict[int, str] = {}
    results = Result.objects.filter(year=year, kind=ResultKind.SELF_ASSESSMENT).order_by("pk")
    for regency_id, state in results.values_list("regency_id", "state"):
        latest[regency_id] = state
    statuses = {}
    for regency_id in regency_ids:
        state = latest.get(regency_id)
        if state in PUBLISHED_STATES:
            code = REVIEWED
        elif state in AWAITING_REVIEW_STATES:
            code = SUBMITTED
        elif regency_id in started:
            code = IN_PROGRESS
        else:
            code = NOT_STARTED
        statuses[regency_id] = ReportingStatus(code=code, filled=started.get(regency_id, 0), total=len(indicator_ids))
    return statuses
