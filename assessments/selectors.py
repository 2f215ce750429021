"""Reads. Each function runs a fixed number of queries whatever the number of regencies or years."""

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from regencies.models import Regency, StatusFlag

from .models import (
    PUBLISHED_STATES,
    Aspect,
    Domain,
    FollowUp,
    Framework,
    Indicator,
    PredikatBand,
    Result,
    ResultKind,
    ReviewState,
    Source,
    Target,
)
from .trends import Trend, trend_mark


def published_official_results():
    return (
        Result.objects.published()
        .filter(kind=ResultKind.OFFICIAL)
        .select_related("source", "framework", "regency")
        .prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.order_by("lower_bound")))
    )


def published_targets():
    # Ordered by year alone: the model's default order joins the regencies for nothing (docs/performance.md).
    return Target.objects.published().select_related("source").order_by("year")


class UnknownYear(LookupError):
    """No published result exists for the year asked for."""


@dataclass(frozen=True)
class RankingRow:
    """One regency in the ranking of one year. result is None when no source gives a value for that year."""

    regency: Regency
    year: int
    result: Result | None
    previous: Result | None
    target: Target | None
    flag: StatusFlag | None
    trend: Trend
    rank: int | None = None

    @property
    def value(self) -> Decimal | None:
        return self.result.value if self.result else None

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def not_evaluated(self) -> bool:
        return self.result is not None and not self.result.evaluated

    @property
    def predikat(self) -> PredikatBand | None:
        return self.result.predikat if self.result else None

    @property
    def predikat_name(self) -> str:
        return self.predikat.name if self.predikat else ""

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None or self.previous.value is None:
            return None
        return self.value - self.previous.value

    @property
    def target_value(self) -> Decimal | None:
        return self.target.value if self.target else None

    @property
    def gap(self) -> Decimal | None:
        """Negative when the regency is behind its target."""
        if self.value is None or self.target is None:
            return None
        return self.value - self.target.value

    @property
    def flag_label(self) -> str:
        return self.flag.get_flag_display() if self.flag else ""

    @property
    def is_demo(self) -> bool:
        """Whether anything on this row comes from `manage.py seed_demo` (read from the loaded rows, no query)."""
        return any(item is not None and item.is_demo for item in (self.regency, self.result, self.target, self.flag))


@dataclass(frozen=True)
class Ranking:
    year: int | None
    years: list[int]
    rows: list[RankingRow]
    province: RankingRow | None
    bands: list[PredikatBand]

    @property
    def shows_demo_data(self) -> bool:
        return any(row.is_demo for row in [*self.rows, *([self.province] if self.province else [])])


def _regencies_province_last():
    return sorted(Regency.objects.all(), key=lambda regency: (regency.is_province, regency.code))


def _competition_ranks(rows: list[RankingRow]) -> list[RankingRow]:
    """Ranks 1, 2, 2, 4: equal values share a rank and the next rank skips. Rows without a value get none."""
    valued = sorted((row for row in rows if row.has_value), key=lambda row: (-row.value, row.regency.code))
    ranked = []
    for position, row in enumerate(valued, start=1):
        tied_with_previous = ranked and ranked[-1].value == row.value
        ranked.append(replace(row, rank=ranked[-1].rank if tied_with_previous else position))
    missing = sorted(
        (row for row in rows if not row.has_value), key=lambda row: (not row.not_evaluated, row.regency.code)
    )
    return ranked + missing


def ranking_for_year(*, year: int | None) -> Ranking:
    """The ranked kabupaten/kota of a year (default: the latest year with a published result), the province as
    a reference, and the bands for the legend. Five queries whatever the number of regencies or years.

    Raises UnknownYear when the year has no published result.
    """
    regencies = _regencies_province_last()
    results = list(published_official_results().order_by("year"))
    years = sorted({result.year for result in results if result.evaluated}, reverse=True)
    if year is None:
        year = years[0] if years else None
    elif year not in {result.year for result in results}:
        raise UnknownYear(year)

    by_regency_year = {(result.regency_id, result.year): result for result in results}
    series: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for result in results:
        if result.value is not None and year is not None and result.year <= year:
            series[result.regency_id].append((result.year, result.value))
    targets = {(target.regency_id, target.year): target for target in published_targets()}
    target_series: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for target in targets.values():
        target_series[target.regency_id].append((target.year, target.value))
    flags = {
        flag.regency_id: flag for flag in StatusFlag.objects.latest_per_regency().select_related("source").order_by()
    }

    rows = []
    province = None
    for regency in regencies:
        row = RankingRow(
            regency=regency,
            year=year,
            result=by_regency_year.get((regency.pk, year)),
            previous=by_regency_year.get((regency.pk, year - 1)) if year else None,
            target=targets.get((regency.pk, year)),
            flag=flags.get(regency.pk),
            trend=trend_mark(results=series[regency.pk], targets=target_series[regency.pk]),
        )
        if regency.is_province:
            province = row
        else:
            rows.append(row)
    return Ranking(
        year=year, years=years, rows=_competition_ranks(rows), province=province, bands=_bands_of(results, year)
    )


def _bands_of(results: list[Result], year: int | None) -> list[PredikatBand]:
    """The bands of the framework used that year, read from the prefetched results (no query)."""
    for result in reversed(results):
        if result.year == year or year is None:
            return list(result.framework.bands.all())
    return list(results[-1].framework.bands.all()) if results else []


@dataclass(frozen=True)
class HeatRow:
    regency: Regency
    cells: list[Result | None]


@dataclass(frozen=True)
class Overview:
    years: list[int]
    latest_year: int | None
    heat_rows: list[HeatRow]
    bands: list[PredikatBand]
    predikat_counts: dict[int, dict[str, int]]
    not_evaluated_counts: dict[int, int]
    behind_target: list[RankingRow]
    province: Regency | None
    province_results: list[Result]
    province_targets: list[Target]
    waiting_results: list[Result]
    waiting_targets: list[Target]

    @property
    def published_is_demo(self) -> bool:
        cells = (cell for row in self.heat_rows for cell in row.cells if cell is not None)
        return any(row.regency.is_demo for row in self.heat_rows) or any(cell.is_demo for cell in cells)

    @property
    def shows_demo_data(self) -> bool:
        return self.published_is_demo or any(item.is_demo for item in [*self.waiting_results, *self.waiting_targets])

    @property
    def waiting_count(self) -> int:
        return len(self.waiting_results) + len(self.waiting_targets)


def waiting_for_verification() -> tuple[list[Result], list[Target]]:
    """Submitted results and targets, oldest submission first (two queries)."""
    results = list(
        Result.objects.filter(state=ReviewState.SUBMITTED).select_related("regency").order_by("submitted_at", "pk")
    )
    targets = list(
        Target.objects.filter(state=ReviewState.SUBMITTED).select_related("regency").order_by("submitted_at", "pk")
    )
    return results, targets


def provincial_overview(*, waiting: tuple[list[Result], list[Target]] | None = None) -> Overview:
    """The staff overview: every regency across the years, counts per predikat, who is behind target in the
    latest year, the province's own series and what waits for verification (read here unless `waiting` is
    given). Six queries, four with `waiting`."""
    regencies = _regencies_province_last()
    results = list(published_official_results().order_by("year"))
    years = sorted({result.year for result in results})
    latest_year = max((result.year for result in results if result.evaluated), default=None)
    by_regency_year = {(result.regency_id, result.year): result for result in results}
    targets = list(published_targets())
    target_by_key = {(target.regency_id, target.year): target for target in targets}

    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    not_evaluated: dict[int, int] = defaultdict(int)
    heat_rows, behind, province = [], [], None
    for regency in regencies:
        if regency.is_province:
            province = regency
            continue
        heat_rows.append(HeatRow(regency=regency, cells=[by_regency_year.get((regency.pk, year)) for year in years]))
        for year in years:
            result = by_regency_year.get((regency.pk, year))
            if result is not None and result.predikat is not None:
                counts[year][result.predikat.name] += 1
            elif result is not None and not result.evaluated:
                not_evaluated[year] += 1
        row = RankingRow(
            regency=regency,
            year=latest_year,
            result=by_regency_year.get((regency.pk, latest_year)),
            previous=None,
            target=target_by_key.get((regency.pk, latest_year)),
            flag=None,
            trend=Trend.UNKNOWN,
        )
        if row.gap is not None and row.gap < 0:
            behind.append(row)

    waiting_results, waiting_targets = waiting if waiting is not None else waiting_for_verification()
    return Overview(
        years=years,
        latest_year=latest_year,
        heat_rows=heat_rows,
        bands=_bands_of(results, latest_year),
        predikat_counts={year: dict(counts[year]) for year in years},
        not_evaluated_counts=dict(not_evaluated),
        behind_target=sorted(behind, key=lambda row: (row.gap, row.regency.code)),
        province=province,
        province_results=[r for r in results if province and r.regency_id == province.pk],
        province_targets=[t for t in targets if province and t.regency_id == province.pk],
        waiting_results=waiting_results,
        waiting_targets=waiting_targets,
    )


# Reads of the entry workspace. Only views that checked the user's rights call these with a regency set.


def framework_structure(framework) -> list:
    """The framework's domains, each with its aspects and their indicators prefetched (three queries)."""
    return list(
        Domain.objects.filter(framework=framework).prefetch_related(
            Prefetch(
                "aspects",
                queryset=Aspect.objects.order_by("number").prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("number"))
                ),
            )
        )
    )


def entry_results(*, regencies) -> list[Result]:
    """Every revision that is not superseded for the given regencies, newest year first."""
    return list(
        Result.objects.filter(regency__in=regencies)
        .exclude(state=ReviewState.SUPERSEDED)
        .select_related("regency", "framework", "source")
        .order_by("-year", "regency__code", "kind", "state")
    )


def verification_queue() -> list[tuple[Result, Result | None, Target | None, Target | None]]:
    """Submitted results, each with the published value it is compared with and the targets (four queries).

    The comparison is the published revision it would replace or, for a year not yet published, the regency's
    latest earlier published result of the same kind, so that staff always see the old value beside the new one.
    """
    submitted = list(
        Result.objects.filter(state=ReviewState.SUBMITTED)
        .select_related("regency", "submitted_by", "source")
        .order_by("submitted_at")
    )
    regency_ids = {result.regency_id for result in submitted}
    published: dict[tuple, list[Result]] = {}
    for result in Result.objects.published().filter(regency_id__in=regency_ids).order_by("year"):
        published.setdefault((result.regency_id, result.kind), []).append(result)
    targets = Target.objects.filter(regency_id__in=regency_ids, state__in=[ReviewState.SUBMITTED, ReviewState.VERIFIED])
    submitted_targets = {(t.regency_id, t.year): t for t in targets if t.state == ReviewState.SUBMITTED}
    verified_targets = {(t.regency_id, t.year): t for t in targets if t.state == ReviewState.VERIFIED}
    rows = []
    for result in submitted:
        earlier = [p for p in published.get((result.regency_id, result.kind), []) if p.year <= result.year]
        rows.append(
            (
                result,
                earlier[-1] if earlier else None,
                submitted_targets.get((result.regency_id, result.year)),
                verified_targets.get((result.regency_id, result.year)),
            )
        )
    return rows


def follow_ups_for_regency(*, regency: Regency, include_unverified: bool) -> list[FollowUp]:
    """The regency's follow-ups, newest evaluation first: verified ones for the public, all for its editors."""
    follow_ups = FollowUp.objects.filter(result__regency=regency).select_related("result")
    if not include_unverified:
        follow_ups = follow_ups.published()
    return list(follow_ups.order_by("-result__year", "due_date", "pk"))


@dataclass(frozen=True)
class MethodPage:
    frameworks: list
    sources: list


def public_sources() -> list:
    """Sources behind something the public sees: a published (or once published) result or target, or a status
    flag. A source cited only by a draft names a document the regency has not yet had verified, so it stays out."""
    return list(
        Source.objects.filter(
            Q(results__state__in=PUBLISHED_STATES)
            | Q(targets__state__in=PUBLISHED_STATES)
            | Q(status_flags__isnull=False)
        )
        .distinct()
        .order_by("-published_on", "title")
    )


def method_page() -> MethodPage:
    """Every framework with its bands and its domains → aspects (with indicator counts and weights), and every
    public source. Five queries whatever the number of frameworks, indicators or sources."""
    aspects = Aspect.objects.order_by("number").annotate(
        indicator_count=Count("indicators"), indicator_weight=Sum("indicators__weight")
    )
    frameworks = list(
        Framework.objects.order_by("-first_year").prefetch_related(
            Prefetch("bands", queryset=PredikatBand.objects.order_by("lower_bound")),
            Prefetch(
                "domains",
                queryset=Domain.objects.order_by("number").prefetch_related(Prefetch("aspects", queryset=aspects)),
            ),
        )
    )
    for framework in frameworks:
        bands = list(framework.bands.all())
        for band, upper in zip(bands, [*(band.lower_bound for band in bands[1:]), None], strict=True):
            # None marks the top band, which includes the index maximum itself.
            band.upper_bound = upper
        domains = list(framework.domains.all())
        framework.domain_count = len(domains)
        framework.aspect_count = sum(len(domain.aspects.all()) for domain in domains)
        framework.indicator_count = sum(aspect.indicator_count for domain in domains for aspect in domain.aspects.all())
        for domain in domains:
            domain.indicator_count = sum(aspect.indicator_count for aspect in domain.aspects.all())
    return MethodPage(frameworks=frameworks, sources=public_sources())
