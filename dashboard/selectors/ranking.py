"""The public ranking of one year: ranked rows with rank ties, the province as a reference, the bands."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from assessments import series
from assessments.models import (
    Framework,
    NationalReference,
    PredikatBand,
    Result,
    ResultKind,
    StatedDistribution,
    Target,
)
from assessments.selectors import (
    national_references_of_year,
    published_results_of_kinds,
    published_targets,
    stated_distributions_of,
)
from assessments.trends import Trend
from regencies.models import Regency, StatusFlag


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
    # An interim figure reported during the year's evaluation: shown beside the row, never ranked or counted.
    provisional: Result | None = None
    # The row's values with their frameworks (assessments/series.py): a change, trend or gap only within a series.
    valued: series.Valued | None = None
    previous_valued: series.Valued | None = None
    target_valued: series.Valued | None = None
    # Why the trend is empty when the result before this one is of another index ("indeks berbeda: SPBE → Pemdi").
    trend_note: str = ""
    # The framework of the row's result (with its series): which index and framework the row's value is.
    framework: Framework | None = None

    @property
    def index_name(self) -> str:
        return self.framework.series.short_name if self.framework else ""

    @property
    def framework_name(self) -> str:
        return self.framework.short_name if self.framework else ""

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
        return series.change(self.previous_valued, self.valued)

    @property
    def change_note(self) -> str:
        """Why there is no change although both years have a value: the index changed between them."""
        if self.valued is None or self.previous_valued is None:
            return ""
        return series.break_reason(self.previous_valued.framework, self.valued.framework)

    @property
    def target_value(self) -> Decimal | None:
        return self.target.value if self.target else None

    @property
    def gap(self) -> Decimal | None:
        """Negative when the regency is behind its target; only against a target of the value's own index."""
        return series.gap(self.valued, self.target_valued)

    @property
    def gap_note(self) -> str:
        """Why there is no gap although both are known: the target is stated in another index."""
        if self.valued is None or self.target_valued is None:
            return ""
        return series.break_reason(self.target_valued.framework, self.valued.framework)

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
    # Per year with a published value: how many kabupaten/kota have one (the year picker shows it).
    valued_counts: dict[int, int] = field(default_factory=dict)
    # What a source says the year's split per predikat was, beside (never in) the counts of the portal's values.
    stated_distribution: StatedDistribution | None = None
    # The year the ranking opens on when none is asked for (_year_to_open_on).
    opens_on: int | None = None
    # The framework the year is evaluated with (its series names the index in the header), and the national
    # references of the year in that index, each with its source; none: "belum ada data".
    framework: Framework | None = None
    national: list[NationalReference] = field(default_factory=list)

    @property
    def predikat_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for row in self.rows:
            if row.predikat is not None:
                counts[row.predikat.name] += 1
        return dict(counts)

    @property
    def not_evaluated_count(self) -> int:
        return sum(1 for row in self.rows if row.not_evaluated)

    @property
    def shows_demo_data(self) -> bool:
        return any(row.is_demo for row in [*self.rows, *([self.province] if self.province else [])])

    @cached_property
    def index_break(self) -> str:
        """Why no row has a change this year, when every change would cross from one index to the next (the new
        index's first year: "indeks berbeda: SPBE → Pemdi"); "" when some row has one or none would cross. The
        ranking then leaves out its change and trend columns and says this once, instead of in every row. Read once
        per ranking: the PDF's template asks it twice per row, and each reading scans every row."""
        if any(row.change is not None for row in self.rows):
            return ""
        return next((row.change_note for row in self.rows if row.change_note), "")

    # What a link to another year carries before `tahun=`: nothing for SPBE, the default index.
    index_query = ""

    @property
    def index_name(self) -> str:
        """The index the year is evaluated with ("SPBE", "Pemdi"): the header, titles and file names say it."""
        return self.framework.series.short_name if self.framework else "SPBE"

    @property
    def valued_count(self) -> int:
        """How many ranked kabupaten/kota have a published value this year."""
        return sum(1 for row in self.rows if row.has_value)

    @property
    def regency_count(self) -> int:
        return len(self.rows)

    @property
    def year_options(self) -> list[tuple[int, int]]:
        return [(year, self.valued_counts.get(year, 0)) for year in self.years]

    @property
    def few_values(self) -> bool:
        """Fewer than half the kabupaten/kota have a value: the page then says where more can be read."""
        return not _covers_half(self.valued_count, self.regency_count)

    @property
    def partial_newer_years(self) -> list[tuple[int, int]]:
        """On the year the ranking opens on: the later years whose results are only partly published, with their
        count of values, since the page did not open on them."""
        if self.year is None or self.year != self.opens_on:
            return []
        return [(year, count) for year, count in self.year_options if year > self.year]

    @property
    def fuller_year(self) -> int | None:
        """Another year with more values than this one (the most, the latest among equals), or None."""
        best = max(self.year_options, key=lambda option: (option[1], option[0]), default=None)
        return best[0] if best and best[1] > self.valued_count and best[0] != self.year else None


def _covers_half(valued: int, regencies: int) -> bool:
    return valued * 2 >= regencies


def _year_to_open_on(years: list[int], valued_counts: dict[int, int], regency_count: int) -> int | None:
    """What a visitor sees first: the latest year where at least half the kabupaten/kota have a published value,
    else the year with the most values (the latest among equals). A year whose first results are only starting to
    come in (each new evaluation, and from 2026 the new Pemdi index) is not yet a ranking; it is one link away."""
    for year in years:  # newest first
        if _covers_half(valued_counts.get(year, 0), regency_count):
            return year
    return max(years, key=lambda year: (valued_counts.get(year, 0), year), default=None)


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
    """The ranked kabupaten/kota of a year (default: the year to open on, `_year_to_open_on`), the province as a
    reference, and the bands for the legend. Five queries whatever the number of regencies or years.

    Raises UnknownYear when the year has no published result.
    """
    regencies = _regencies_province_last()
    both = list(published_results_of_kinds(ResultKind.OFFICIAL, ResultKind.PROVISIONAL).order_by("year"))
    results = [result for result in both if result.kind == ResultKind.OFFICIAL]
    provisional = {(result.regency_id, result.year): result for result in both if result.kind != ResultKind.OFFICIAL}
    years = sorted({result.year for result in results if result.evaluated}, reverse=True)
    province_ids = {regency.pk for regency in regencies if regency.is_province}
    valued_counts: dict[int, int] = defaultdict(int)
    for result in results:
        if result.value is not None and result.regency_id not in province_ids:
            valued_counts[result.year] += 1
    opens_on = _year_to_open_on(years, valued_counts, len(regencies) - len(province_ids))
    if year is None:
        year = opens_on
    elif year not in {result.year for result in results}:
        raise UnknownYear(year)

    frameworks = series.Frameworks.read()
    by_regency_year = {(result.regency_id, result.year): result for result in results}
    valued = {key: _valued(frameworks, result) for key, result in by_regency_year.items()}
    result_series: dict[int, list[series.Valued]] = defaultdict(list)
    for (regency_id, result_year), value in valued.items():
        if value is not None and year is not None and result_year <= year:
            result_series[regency_id].append(value)
    targets = {(target.regency_id, target.year): target for target in published_targets()}
    valued_targets = {key: _valued(frameworks, target) for key, target in targets.items()}
    target_series: dict[int, list[series.Valued]] = defaultdict(list)
    for (regency_id, _year), value in valued_targets.items():
        if value is not None:
            target_series[regency_id].append(value)
    flags = {
        flag.regency_id: flag for flag in StatusFlag.objects.latest_per_regency().select_related("source").order_by()
    }

    rows = []
    province = None
    for regency in regencies:
        result = by_regency_year.get((regency.pk, year))
        # A year without a value has no trend: the last two results of earlier years say nothing about it.
        has_value = result is not None and result.value is not None
        row = RankingRow(
            regency=regency,
            year=year,
            result=result,
            previous=by_regency_year.get((regency.pk, year - 1)) if year else None,
            target=targets.get((regency.pk, year)),
            flag=flags.get(regency.pk),
            trend=series.trend(result_series[regency.pk], target_series[regency.pk]) if has_value else Trend.UNKNOWN,
            provisional=provisional.get((regency.pk, year)),
            valued=valued.get((regency.pk, year)),
            previous_valued=valued.get((regency.pk, year - 1)) if year else None,
            target_valued=valued_targets.get((regency.pk, year)),
            trend_note=series.trend_break(result_series[regency.pk]) if has_value else "",
            framework=frameworks.of(year, result.framework_id) if result else None,
        )
        if regency.is_province:
            province = row
        else:
            rows.append(row)
    return Ranking(
        year=year,
        years=years,
        rows=_competition_ranks(rows),
        province=province,
        bands=_bands_of(results, year),
        valued_counts=dict(valued_counts),
        stated_distribution=stated_distributions_of(both).get(year),
        opens_on=opens_on,
        framework=frameworks.in_force(year) if year else None,
        national=national_references_of_year(year, frameworks=frameworks) if year else [],
    )


def _valued(frameworks: series.Frameworks, item: Result | Target) -> series.Valued | None:
    return frameworks.valued(item.year, item.value, framework_id=item.framework_id, item=item)


def _bands_of(results: list[Result], year: int | None) -> list[PredikatBand]:
    """The bands of the framework used that year, read from the prefetched results (no query)."""
    for result in reversed(results):
        if result.year == year or year is None:
            return list(result.framework.bands.all())
    return list(results[-1].framework.bands.all()) if results else []
