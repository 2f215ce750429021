"""The provincial staff overview: every regency across the years, counts per predikat, who is behind target."""

from collections import defaultdict
from dataclasses import dataclass, field

from assessments import series
from assessments.models import PredikatBand, Result, StatedDistribution, Target
from assessments.selectors import (
    published_official_results,
    published_targets,
    stated_distributions_of,
    waiting_for_verification,
)
from assessments.trends import Trend
from regencies.models import Regency

from .ranking import RankingRow, _bands_of, _regencies_province_last


@dataclass(frozen=True)
class HeatRow:
    regency: Regency
    cells: list[Result | None]
    latest: Result | None = None


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
    # Kabupaten/kota with no official result for the latest year (a "not evaluated" record is a result).
    without_latest_result: list[Regency] = field(default_factory=list)
    # Per year, what a source says the split per predikat was: shown beside predikat_counts, never added to them.
    stated_distributions: dict[int, StatedDistribution] = field(default_factory=dict)
    # The years split per index series (SPBE, Pemdi): the province's chart draws each on its own bands.
    segments: list[series.Segment] = field(default_factory=list)

    @property
    def latest_valued_count(self) -> int:
        return sum(1 for row in self.heat_rows if row.latest is not None and row.latest.evaluated)

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


def provincial_overview(*, waiting: tuple[list[Result], list[Target]] | None = None) -> Overview:
    """The staff overview: every regency across the years, counts per predikat, who is behind target in the
    latest year, the province's own series and what waits for verification (read here unless `waiting` is
    given). Eight queries, six with `waiting` (every framework with its series and bands: two)."""
    regencies = _regencies_province_last()
    results = list(published_official_results().order_by("year"))
    years = sorted({result.year for result in results})
    latest_year = max((result.year for result in results if result.evaluated), default=None)
    by_regency_year = {(result.regency_id, result.year): result for result in results}
    targets = list(published_targets())
    target_by_key = {(target.regency_id, target.year): target for target in targets}
    frameworks = series.Frameworks.read()

    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    not_evaluated: dict[int, int] = defaultdict(int)
    heat_rows, behind, without, province = [], [], [], None
    for regency in regencies:
        if regency.is_province:
            province = regency
            continue
        heat_rows.append(
            HeatRow(
                regency=regency,
                cells=[by_regency_year.get((regency.pk, year)) for year in years],
                latest=by_regency_year.get((regency.pk, latest_year)),
            )
        )
        for year in years:
            result = by_regency_year.get((regency.pk, year))
            if result is not None and result.predikat is not None:
                counts[year][result.predikat.name] += 1
            elif result is not None and not result.evaluated:
                not_evaluated[year] += 1
        result = by_regency_year.get((regency.pk, latest_year))
        target = target_by_key.get((regency.pk, latest_year))
        row = RankingRow(
            regency=regency,
            year=latest_year,
            result=result,
            previous=None,
            target=target,
            flag=None,
            trend=Trend.UNKNOWN,
            # Behind target only against a target of the result's own index (assessments/series.py).
            valued=frameworks.valued(latest_year, result.value, framework_id=result.framework_id) if result else None,
            target_valued=frameworks.valued(latest_year, target.value, framework_id=target.framework_id)
            if target
            else None,
        )
        if row.gap is not None and row.gap < 0:
            behind.append(row)
        if latest_year is not None and row.result is None:
            without.append(regency)

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
        without_latest_result=without,
        stated_distributions=stated_distributions_of(results),
        segments=frameworks.segments([*years, *(target.year for target in targets)]),
    )
