"""Index series: the SPBE index until the 2025 evaluation, the Pemdi index from 2026 (IndexSeries). A regency's
values by year — results, targets, national references — split into runs per series, each value with its
framework, and the one rule every page follows:

    a change, trend or gap is computed only between two values of comparable frameworks
    (Framework.is_comparable_with: the same series).

Why: the two indices differ in method, indicators and bands; no source says a Pemdi value can be read against an
SPBE value, and the ministry set its targets anew (shared/reference/SOURCES.md). So the ranking's change column,
trend words, target gaps, the charts' lines and the downloads all ask this module, and none re-derives it.

Every framework is read in one query per request (`Frameworks.read`), with its series and bands, so that the
framework of any value — its own (`framework_id`) or the one in force for its year — costs no further query.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Framework, PredikatBand
from .trends import Trend, trend_mark


@dataclass(frozen=True)
class Valued:
    """One value of a year with the framework it was stated in."""

    year: int
    value: Decimal
    framework: Framework
    # What the value is (a Result, Target or NationalReference), for a page that shows more of it.
    item: object = None

    @property
    def series(self):
        return self.framework.series

    @property
    def predikat(self) -> PredikatBand | None:
        """From the value's own framework's bands: 2,55 is Cukup under SPBE and Baik under Pemdi."""
        return self.framework.predikat_for(self.value)


@dataclass(frozen=True)
class Run:
    """Consecutive values of one index series, in year order."""

    values: list[Valued]

    @property
    def series(self):
        return self.values[0].framework.series

    @property
    def framework(self) -> Framework:
        """The framework of the run's newest value (whose bands a chart of the run draws)."""
        return self.values[-1].framework

    @property
    def first_year(self) -> int:
        return self.values[0].year

    @property
    def last_year(self) -> int:
        return self.values[-1].year

    @property
    def points(self) -> list[tuple[int, Decimal]]:
        return [(valued.year, valued.value) for valued in self.values]


@dataclass(frozen=True)
class Segment:
    """Consecutive years evaluated with comparable frameworks: where a chart draws one series on its own bands.
    Values always belong to the series in force for their year (Result.clean, Target.framework), so a chart
    splits its lines at a segment's edge and draws a break between two segments."""

    framework: Framework  # the newest framework in force over the years, whose bands the chart draws
    first_year: int
    last_year: int

    @property
    def series(self):
        return self.framework.series

    @property
    def label(self) -> str:
        return self.framework.series.short_name

    @property
    def bands(self) -> list[PredikatBand]:
        return list(self.framework.bands.all())

    def holds(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class Frameworks:
    """Every framework with its series and bands, read once; the framework of a value without more queries."""

    def __init__(self, frameworks: Iterable[Framework]):
        self.all = sorted(frameworks, key=lambda framework: framework.first_year)
        self._by_id = {framework.pk: framework for framework in self.all}

    @classmethod
    def read(cls) -> "Frameworks":
        """Two queries: the frameworks with their series, and their bands."""
        return cls(
            Framework.objects.select_related("series").prefetch_related(
                Prefetch("bands", queryset=PredikatBand.objects.order_by("lower_bound"))
            )
        )

    def in_force(self, year: int) -> Framework | None:
        """As Framework.objects.in_force: of the frameworks that apply to the year, the newest."""
        applying = [framework for framework in self.all if framework.applies_to(year)]
        return applying[-1] if applying else None

    def of(self, year: int, framework_id: int | None = None) -> Framework | None:
        """A value's own framework when it names one, else the one in force for its year."""
        if framework_id is not None and framework_id in self._by_id:
            return self._by_id[framework_id]
        return self.in_force(year)

    def valued(self, year: int, value: Decimal | None, *, framework_id: int | None = None, item=None):
        """The value with its framework, or None when there is no value or no framework for the year."""
        framework = self.of(year, framework_id)
        if value is None or framework is None:
            return None
        return Valued(year=year, value=value, framework=framework, item=item)

    def segments(self, years: Iterable[int]) -> list[Segment]:
        """The years split where the series in force changes (years without a framework are left out)."""
        result: list[Segment] = []
        for year in sorted(set(years)):
            framework = self.in_force(year)
            if framework is None:
                continue
            if result and comparable(result[-1].framework, framework):
                last = result[-1]
                newest = framework if framework.first_year >= last.framework.first_year else last.framework
                result[-1] = Segment(framework=newest, first_year=last.first_year, last_year=year)
            else:
                result.append(Segment(framework=framework, first_year=year, last_year=year))
        return result


def comparable(first: Framework | None, second: Framework | None) -> bool:
    """The one rule: two values meet (a change, a trend, a gap) only when their frameworks are comparable."""
    return first is not None and second is not None and first.is_comparable_with(second)


def change(earlier: Valued | None, later: Valued | None) -> Decimal | None:
    """later − earlier within one series; None across series or when either is missing."""
    if earlier is None or later is None or not comparable(earlier.framework, later.framework):
        return None
    return later.value - earlier.value


def gap(value: Valued | None, target: Valued | None) -> Decimal | None:
    """value − target, negative when behind; only against a target of a comparable framework."""
    return change(target, value)


def break_reason(earlier: Framework | None, later: Framework | None) -> str:
    """The few words a page shows where it computes nothing because the index changed, e.g. "indeks berbeda: SPBE
    → Pemdi"; empty when the two are comparable or either is unknown."""
    if earlier is None or later is None or comparable(earlier, later):
        return ""
    return _("indeks berbeda: %(earlier)s → %(later)s") % {
        "earlier": earlier.series.short_name,
        "later": later.series.short_name,
    }


def runs(values: Iterable[Valued | None]) -> list[Run]:
    """The values in year order, split wherever a value's framework is not comparable with the one before."""
    result: list[Run] = []
    for valued in sorted((valued for valued in values if valued is not None), key=lambda valued: valued.year):
        if result and comparable(result[-1].framework, valued.framework):
            result[-1].values.append(valued)
        else:
            result.append(Run(values=[valued]))
    return result


def comparable_with(values: Iterable[Valued | None], framework: Framework | None) -> list[Valued]:
    """The values that may be read against a value of `framework`."""
    return [valued for valued in values if valued is not None and comparable(valued.framework, framework)]


def trend(results: Sequence[Valued | None], targets: Sequence[Valued | None]) -> Trend:
    """The trend mark within the series of the newest result: its run's last two results against the targets of a
    comparable framework. A first value of a new series has no trend (one result of that series)."""
    result_runs = runs(results)
    if not result_runs:
        return Trend.UNKNOWN
    last = result_runs[-1]
    return trend_mark(
        results=last.points,
        targets=[(target.year, target.value) for target in comparable_with(targets, last.framework)],
    )


def trend_break(results: Sequence[Valued | None]) -> str:
    """Why the newest result has no trend when the result before it is of another series; else empty."""
    ordered = sorted((valued for valued in results if valued is not None), key=lambda valued: valued.year)
    if len(ordered) < 2:
        return ""
    return break_reason(ordered[-2].framework, ordered[-1].framework)
