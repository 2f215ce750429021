"""Reads of staff's province view of a year (`/entri/indikator/provinsi/<year>/`): the regency × indicator table
of one stage, the weakest indicators across every regency and each regency's reporting status. A fixed number of
queries whatever the number of regencies and indicators; callers check that the user is provincial staff.

Columns, weakest rows and counts are per scored entry: 5/2018's indicator 35 is three columns, one per public
service, and a workspace of that year is complete at 37 entries.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from assessments import publication, scoring
from assessments.fields import level_text, levels_from_text
from assessments.models import (
    AWAITING_REVIEW_STATES,
    PUBLISHED_STATES,
    Aspect,
    AssessmentStage,
    Domain,
    Framework,
    Indicator,
    IndicatorAssessment,
    Result,
    ResultKind,
)
from regencies.models import Regency

from .structure import framework_reference

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


@dataclass(frozen=True)
class Column:
    """One scored entry of the table: an indicator, or one public service of an indicator scored once per service."""

    indicator: Indicator
    part: int = 1

    @property
    def entry_name(self) -> str:
        return self.indicator.entry_name(self.part)

    @property
    def label(self) -> str:
        """The column's head: "12", "35·2"."""
        return f"{self.indicator.number}·{self.part}" if self.entry_name else str(self.indicator.number)

    @property
    def title(self) -> str:
        return f"{self.indicator.name} · {self.entry_name}" if self.entry_name else self.indicator.name


@dataclass
class WeakIndicator:
    indicator: Indicator
    mean: Decimal
    regencies: int
    part: int = 1

    @property
    def entry_name(self) -> str:
        return self.indicator.entry_name(self.part)


@dataclass
class ProvinceView:
    year: int
    framework: Framework
    stage: str
    domains: list[Domain]
    aspects: list[Aspect]
    indicators: list[Indicator]
    columns: list[Column]
    # (regency, status, [level or None per column, in `columns` order])
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
    across every regency and the reporting status counts: six queries whatever the number of regencies and
    indicators (seven for the official stage's weakest entries read cold, `_weakest`), and the framework's
    reference (one query once kept, seven when read)."""
    structure = framework_reference(framework).structure
    domains = [group for group in structure if group.number is not None]
    aspects = sorted((aspect for group in structure for aspect in group.aspects.all()), key=lambda item: item.number)
    all_indicators = sorted(
        (indicator for aspect in aspects for indicator in aspect.indicators.all()), key=lambda item: item.number
    )
    # A framework without domains (Pemdi) has none to filter by: a domain asked in the address shows every indicator.
    domain = domain if domains else None
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
    columns = [Column(indicator, part) for indicator in indicators for part in range(1, indicator.entries + 1)]
    positions = {(column.indicator.pk, column.part): index for index, column in enumerate(columns)}
    levels: dict[int, list[int | None]] = {regency.pk: [None] * len(columns) for regency in regencies}
    # No ordering: the model's default (regency code, indicator number) joined both tables and sorted the rows.
    # The page's regencies only, every indicator: with the indicators in the query too, PostgreSQL read the year's
    # stage for every regency and filtered (23 000 rows at national size) instead of reading the page's 50
    # regencies from the index (year, stage, regency, …); the shown indicators are picked here.
    rows = (
        IndicatorAssessment.objects.working()
        .filter(year=year, stage=stage, level__isnull=False, regency_id__in=list(levels))
        .order_by()
        .annotate(level_text=level_text())
        .values_list("regency_id", "indicator_id", "part", "level_text")
    )
    level_of = levels_from_text()
    for regency_id, indicator_id, part, text in rows:
        if regency_id in levels and (indicator_id, part) in positions:
            levels[regency_id][positions[indicator_id, part]] = level_of(text)
    statuses = reporting_statuses(
        year=year,
        indicator_ids=[indicator.pk for indicator in all_indicators],
        regency_ids=[item[0] for item in all_regencies],
        entries=sum(indicator.entries for indicator in all_indicators),
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
        columns=columns,
        table=table,
        weakest=_weakest(year=year, stage=stage, indicators=indicators, limit=weakest),
        status_counts=counts,
        regency_count=len(all_regencies),
        first=first,
        # The rows' query always runs, so the page's query count never depends on whether a regency is a demo one.
        shows_demo_data=IndicatorAssessment.objects.working().filter(year=year, is_demo=True).exists()
        or any(item[-1] for item in all_regencies),
    )


# Part of the cache key of the official stage's weakest entries: raise it when what is kept changes shape, because
# the cache (a directory or Redis) outlives a deploy.
WEAKEST_LAYOUT = 1


def _weakest(*, year, stage, indicators, limit) -> list[WeakIndicator]:
    """The `limit` entries of the shown indicators with the lowest mean level of the stage over every regency.
    The official stage's are kept under the publication version: official levels are public, and every service
    that writes them moves it (assessments/services/indicator_review.py). At national size the mean is an
    aggregate over the year's 25 000 rows (7.4 ms of PostgreSQL's time); the other stages change without a new
    version, so theirs are read each time."""
    by_pk = {indicator.pk: indicator for indicator in indicators}

    def read() -> list[tuple[int, int, Decimal, int]]:
        means = (
            IndicatorAssessment.objects.working()
            .filter(year=year, stage=stage, indicator_id__in=list(by_pk), level__isnull=False)
            .values("indicator_id", "part")
            # One row per regency, entry and stage (a unique constraint): counting rows counts regencies. Counting
            # the level (never null here) rather than the id keeps PostgreSQL on the covering index (an index-only
            # scan instead of reading the table's rows).
            .annotate(mean=Avg("level"), regencies=Count("level"))
            .order_by("mean", "indicator_id", "part")[:limit]
        )
        return [
            (item["indicator_id"], item["part"], scoring.round_index(Decimal(str(item["mean"]))), item["regencies"])
            for item in means
        ]

    if stage == AssessmentStage.OFFICIAL:
        shown = hashlib.blake2b(",".join(map(str, sorted(by_pk))).encode(), digest_size=8).hexdigest()
        means = publication.cached(
            f"weakest:{WEAKEST_LAYOUT}:{year}:{shown}:{limit}", read, version=publication.current_version()
        )
    else:
        means = read()
    return [
        WeakIndicator(indicator=by_pk[indicator_id], mean=mean, regencies=regencies, part=part)
        for indicator_id, part, mean, regencies in means
    ]


def reporting_statuses(
    *, year: int, indicator_ids: list[int], regency_ids, entries: int | None = None
) -> dict[int, ReportingStatus]:
    """Every regency's reporting status for the year: not started (no self-assessment row), in progress n/N
    (N the framework's scored entries, `entries`; one per indicator unless given), submitted (the year's newest
    self-assessment result awaits review) or reviewed (verified). Two queries."""
    total = len(indicator_ids) if entries is None else entries
    started: dict[int, int] = {}
    for regency_id, filled in (
        IndicatorAssessment.objects.working()
        .filter(year=year, stage=AssessmentStage.SELF, indicator_id__in=indicator_ids)
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
        statuses[regency_id] = ReportingStatus(code=code, filled=started.get(regency_id, 0), total=total)
    return statuses
