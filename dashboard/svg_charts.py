"""Charts drawn on the server as SVG: they show at once, on a slow link, without JavaScript, on paper and in the
PDF reports. Three are drawn, from one core:

- the profile's index against its targets over the years, on the predikat bands (plotly draws the same numbers
  afterwards on screen, charts.index_history_figure);
- a related index's stated values over the years, on that index's own scale (0–100 for RB, 0–5 for IPP, percent
  for KIP), never on SPBE's scale and without bands, since none with a source exists;
- horizontal bars of domain and aspect scores (0–5) of the profile's public indicator levels.

Only geometry is computed here, as strings with a decimal point whatever the page's language (SVG attributes are
not localised); the templates write the elements, so every label goes through their escaping and number format.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from assessments.models import INDEX_MAX, PredikatBand

from .charts import COMPARISON_STYLES, NATIONAL_COLOUR, OFFICIAL_COLOUR, SELF_ASSESSMENT_COLOUR, TARGET_COLOUR

# ---- The core: a frame, two axes, ticks and marks ----

TARGET_HALF_WIDTH = 8  # a target is a short horizontal mark this far either side of its year


def _n(number: float) -> str:
    return f"{number:.1f}"


@dataclass(frozen=True)
class Tick:
    at: str  # the coordinate along its axis
    label: Decimal | int

    @property
    def x(self) -> str:
        """The bars' grid lines are vertical: their template reads the coordinate as x."""
        return self.at


@dataclass(frozen=True)
class Frame:
    """A chart's box and the plot inside it; labels sit in the margins, outside the plot."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom


class YearAxis:
    """Years across the plot, with half a year of room on each side (as plotly draws them), so that the first and
    last markers are not cut."""

    def __init__(self, years: Sequence[int], *, start: float, end: float):
        self.years = sorted(years)
        self.start = start
        self.step = (end - start) / (self.years[-1] - self.years[0] + 1)

    def __call__(self, year: int) -> float:
        return self.start + self.step / 2 + (year - self.years[0]) * self.step

    def ticks(self) -> list[Tick]:
        return [Tick(at=_n(self(year)), label=year) for year in self.years]


class ValueAxis:
    """Values from 0 to `top`, drawn from the coordinate `zero` to `full` (upwards when full < zero)."""

    def __init__(self, top: Decimal, *, zero: float, full: float):
        self.top = top
        self.zero = zero
        self.full = full

    def __call__(self, value: Decimal) -> float:
        return self.zero + (self.full - self.zero) * float(value) / float(self.top)

    def ticks(self, values: Sequence[Decimal | int]) -> list[Tick]:
        return [Tick(at=_n(self(Decimal(value))), label=value) for value in values]


@dataclass(frozen=True)
class Mark:
    """A value of a year: a marker at (x, y), or a target's short line from x_from to x_to."""

    x: str
    y: str
    x_from: str
    x_to: str
    year: int
    value: Decimal
    source: str = ""
    first_of_year: bool = True  # a related index draws a second source of a year as an open marker


def _mark(x: float, y: float, *, year: int, value: Decimal, **extra) -> Mark:
    return Mark(
        x=_n(x),
        y=_n(y),
        x_from=_n(x - TARGET_HALF_WIDTH),
        x_to=_n(x + TARGET_HALF_WIDTH),
        year=year,
        value=value,
        **extra,
    )


# ---- The profile's index and targets over the years, on the predikat bands ----

# Band names sit in the right margin, outside the plot, so that no label covers a marker.
INDEX_FRAME = Frame(width=480, height=270, left=28, right=96, top=10, bottom=30)


@dataclass(frozen=True)
class Series:
    key: str  # "official", "self", "target", "national": the template picks the marker and the legend's words
    colour: str
    dash: str
    width: int
    points: list[Mark]
    # The index series the line belongs to ("SPBE", "Pemdi") where the chart spans more than one; else empty.
    label: str = ""
    # The comparison's series: the regency it belongs to and the marker shape that tells it apart without colour.
    name: str = ""
    symbol: str = "circle"

    @property
    def path(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def markers(self) -> list[tuple[Mark, str]]:
        """Each point with the outline of its marker shape, as an SVG path (the comparison's four shapes)."""
        return [(point, _marker_outline(self.symbol, float(point.x), float(point.y))) for point in self.points]

    @property
    def legend_marker(self) -> str:
        return _marker_outline(self.symbol, 17, 7)


MARKER_RADIUS = 5.5


def _marker_outline(symbol: str, x: float, y: float) -> str:
    r = MARKER_RADIUS
    corners = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "diamond": [(0, -r * 1.3), (r * 1.3, 0), (0, r * 1.3), (-r * 1.3, 0)],
        "triangle-up": [(0, -r * 1.3), (r * 1.2, r), (-r * 1.2, r)],
    }.get(symbol)
    if corners is None:  # a circle, as two arcs
        return f"M{_n(x - r)},{_n(y)}a{r},{r} 0 1,0 {_n(2 * r)},0a{r},{r} 0 1,0 {_n(-2 * r)},0Z"
    return "M" + "L".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in corners) + "Z"


@dataclass(frozen=True)
class BandArea:
    name: str
    colour: str
    y: str
    height: str
    label_y: str
    x: str = ""
    width: str = ""
    labelled: bool = True  # only the newest series' bands are named in the right margin


@dataclass(frozen=True)
class SeriesBreak:
    """Where one index series ends and the next begins: a dashed vertical line with "SPBE → Pemdi"."""

    x: str
    label: str
    y_from: str
    y_to: str
    label_y: str


@dataclass(frozen=True)
class IndexSvg:
    bands: list[BandArea]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    series: list[Series]
    breaks: list[SeriesBreak] = field(default_factory=list)
    width: int = INDEX_FRAME.width
    height: int = INDEX_FRAME.height
    plot_left: int = INDEX_FRAME.left
    plot_right: int = INDEX_FRAME.plot_right
    plot_width: int = INDEX_FRAME.plot_right - INDEX_FRAME.left
    label_x: int = INDEX_FRAME.plot_right + 6
    y_label_x: int = INDEX_FRAME.left - 6
    x_label_y: int = INDEX_FRAME.plot_bottom + 21

    @property
    def legend(self) -> list[Series]:
        """One entry per kind of line, in the order a reader looks for them: official results first."""
        seen: dict[str, Series] = {}
        for line in reversed(self.series):
            seen.setdefault(line.key, line)
        return list(seen.values())

    @property
    def legend_by_name(self) -> list[Series]:
        """The comparison's legend: regency by regency, each one's results before its targets (one entry for a
        regency's line of each kind, whichever index series it spans)."""
        names = list(dict.fromkeys(series.name for series in self.series))
        seen: dict[tuple[str, str], Series] = {}
        for line in self.series:
            seen.setdefault((line.name, line.key), line)
        return sorted(seen.values(), key=lambda series: (names.index(series.name), series.key != "official"))


@dataclass(frozen=True)
class ChartSegment:
    """Years of one index series with its bands (assessments.series.Segment gives them)."""

    first_year: int
    last_year: int
    label: str
    bands: Sequence[PredikatBand]

    def holds(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


# Drawn in this order so that official results lie on top.
INDEX_LINES = (
    ("national", NATIONAL_COLOUR, "1 3", 2),
    ("target", TARGET_COLOUR, "6 4", 2),
    ("self", SELF_ASSESSMENT_COLOUR, "2 3", 2),
    ("official", OFFICIAL_COLOUR, "", 3),
)


@dataclass(frozen=True)
class _IndexAxes:
    """What the profile's and the comparison's charts share: the years across, 0–5 upwards, each index series'
    predikat bands behind its own years, and a break between two series."""

    x: YearAxis
    y: ValueAxis
    segments: Sequence[ChartSegment]
    bands: list[BandArea]
    breaks: list[SeriesBreak]

    @property
    def several(self) -> bool:
        return len(self.segments) > 1

    def runs(self, values: Sequence[tuple[int, Decimal]]):
        """The values split by index series, each run with its series' label (empty on a one-series chart), so
        that no line joins two series."""
        for segment in self.segments:
            in_segment = sorted((year, value) for year, value in values if segment.holds(year))
            if in_segment:
                points = [_mark(self.x(year), self.y(value), year=year, value=value) for year, value in in_segment]
                yield points, segment.label if self.several else ""

    def svg(self, series: list[Series]) -> IndexSvg:
        return IndexSvg(
            bands=self.bands,
            y_ticks=self.y.ticks(range(int(INDEX_MAX) + 1)),
            x_ticks=self.x.ticks(),
            series=series,
            breaks=self.breaks,
        )


def _index_axes(years, bands: Sequence[PredikatBand], segments: Sequence[ChartSegment] | None) -> _IndexAxes:
    if not segments:
        segments = [ChartSegment(first_year=min(years), last_year=max(years), label="", bands=bands)]
    frame = INDEX_FRAME
    x = YearAxis(years, start=frame.left, end=frame.plot_right)
    y = ValueAxis(INDEX_MAX, zero=frame.plot_bottom, full=frame.top)
    band_areas = []
    for position, segment in enumerate(segments):
        left = frame.left if position == 0 else x(segment.first_year) - x.step / 2
        right = frame.plot_right if position == len(segments) - 1 else x(segment.last_year) + x.step / 2
        ordered = sorted(segment.bands, key=lambda band: band.lower_bound)
        for band, upper in zip(ordered, [*(band.lower_bound for band in ordered[1:]), INDEX_MAX], strict=True):
            top, bottom = y(upper), y(band.lower_bound)
            band_areas.append(
                BandArea(
                    name=band.name,
                    colour=band.color,
                    y=_n(top),
                    height=_n(bottom - top),
                    label_y=_n((top + bottom) / 2),
                    x=_n(left),
                    width=_n(right - left),
                    labelled=position == len(segments) - 1,
                )
            )
    breaks = [
        SeriesBreak(
            x=_n((x(before.last_year) + x(after.first_year)) / 2),
            label=f"{before.label} → {after.label}",
            y_from=_n(frame.top),
            y_to=_n(frame.plot_bottom),
            label_y=_n(frame.top + 12),
        )
        for before, after in pairwise(segments)
    ]
    return _IndexAxes(x=x, y=y, segments=segments, bands=band_areas, breaks=breaks)


def index_history_svg(
    *,
    official: Sequence[tuple[int, Decimal]],
    self_assessed: Sequence[tuple[int, Decimal]],
    targets: Sequence[tuple[int, Decimal]],
    bands: Sequence[PredikatBand] = (),
    national: Sequence[tuple[int, Decimal]] = (),
    segments: Sequence[ChartSegment] | None = None,
) -> IndexSvg | None:
    """The index, self-assessments, targets and the national reference over the years. With `segments` (one per
    index series) each series is drawn on its own bands, lines never join two series, and a break is drawn
    between them; without, one series on `bands`."""
    points_of = {"official": official, "self": self_assessed, "target": targets, "national": national}
    years = {year for points in points_of.values() for year, _value in points}
    if not years:
        return None
    axes = _index_axes(years, bands, segments)
    series = [
        Series(key=key, colour=colour, dash=dash, width=width, points=points, label=label)
        for key, colour, dash, width in INDEX_LINES
        for points, label in axes.runs(points_of[key])
    ]
    return axes.svg(series)


def comparison_svg(
    *,
    lines: Sequence[tuple[str, Sequence[tuple[int, Decimal]], Sequence[tuple[int, Decimal]]]],
    bands: Sequence[PredikatBand] = (),
    segments: Sequence[ChartSegment] | None = None,
) -> IndexSvg | None:
    """The comparison's chart as plotly draws it (charts.comparison_figure): per regency, in its colour and marker,
    its official results as a solid line and its targets dashed, each index series on its own bands with a break
    between them. `lines` holds (name, official, targets)."""
    years = {year for _name, official, targets in lines for year, _value in [*official, *targets]}
    if not years:
        return None
    axes = _index_axes(years, bands, segments)
    series = []
    for (name, official, targets), (colour, symbol) in zip(lines, COMPARISON_STYLES, strict=False):
        for key, dash, width, values in (("target", "6 4", 2, targets), ("official", "", 3, official)):
            for points, label in axes.runs(values):
                series.append(Series(key, colour, dash, width, points, label=label, name=name, symbol=symbol))
    return axes.svg(series)


# ---- A related index over the years, on its own scale ----

RELATED_FRAME = Frame(width=360, height=200, left=40, right=12, top=10, bottom=30)
RELATED_STEPS = 5
# "0–100", "0–5, dengan kategori huruf": the upper end as written; "persen": 100.
SCALE_RANGE = re.compile(r"0\s*[–-]\s*(\d+(?:[.,]\d+)?)")


def scale_max(scale: str, values: list[Decimal]) -> Decimal:
    """The top of the index's own scale, read from how the family states it; else the values' next round top."""
    found = SCALE_RANGE.search(scale)
    if found:
        return Decimal(found.group(1).replace(",", "."))
    if "persen" in scale.lower() or "percent" in scale.lower():
        return Decimal(100)
    top = max(values, default=Decimal(1))
    return Decimal(math.ceil(float(top) / 10) * 10 or 1)


@dataclass(frozen=True)
class RelatedSvg:
    values: list[Mark]
    targets: list[Mark]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    colour: str = OFFICIAL_COLOUR
    target_colour: str = TARGET_COLOUR
    width: int = RELATED_FRAME.width
    height: int = RELATED_FRAME.height
    plot_left: int = RELATED_FRAME.left
    plot_right: int = RELATED_FRAME.plot_right
    y_label_x: int = RELATED_FRAME.left - 6
    x_label_y: int = RELATED_FRAME.plot_bottom + 21

    @property
    def path(self) -> str:
        """The line joins the first source's value of each year."""
        return " ".join(f"{mark.x},{mark.y}" for mark in self.values if mark.first_of_year)


def related_index_svg(*, facts, scale: str) -> RelatedSvg | None:
    """`facts`: the index's published facts of one regency (RelatedIndexValue). None when fewer than two years
    have a stated value. Every stated value is a marker, so that two sources that differ in a year are both drawn;
    targets are short lines."""
    dated = [fact for fact in facts if fact.year is not None and fact.value is not None]
    stated = [fact for fact in dated if not fact.is_target]
    if len({fact.year for fact in stated}) < 2:
        return None
    frame = RELATED_FRAME
    top = max(scale_max(scale, [fact.value for fact in dated]), *(fact.value for fact in dated))
    x = YearAxis({fact.year for fact in dated}, start=frame.left, end=frame.plot_right)
    y = ValueAxis(top, zero=frame.plot_bottom, full=frame.top)

    def marks(items) -> list[Mark]:
        seen: set[int] = set()
        result = []
        for fact in sorted(items, key=lambda fact: fact.year):
            result.append(
                _mark(
                    x(fact.year),
                    y(fact.value),
                    year=fact.year,
                    value=fact.value,
                    source=fact.source_title,
                    first_of_year=fact.year not in seen,
                )
            )
            seen.add(fact.year)
        return result

    return RelatedSvg(
        values=marks(stated),
        targets=marks([fact for fact in dated if fact.is_target]),
        y_ticks=y.ticks([top * Decimal(level) / RELATED_STEPS for level in range(RELATED_STEPS + 1)]),
        x_ticks=x.ticks(),
    )


# ---- Bars of domain and aspect scores (0–5) ----

BARS_WIDTH = 360
BARS_LEFT = 4
BARS_RIGHT = 40  # room for the value after the longest bar
LABEL_HEIGHT = 16
BAR_HEIGHT = 14
ROW_GAP = 8
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    label_y: str
    bar_y: str
    width: str
    value_x: str
    value_y: str
    group: str  # "domain" or "aspect": the template colours by it


@dataclass(frozen=True)
class BarsSvg:
    bars: list[Bar]
    ticks: list[Tick]
    height: int
    width: int = BARS_WIDTH
    left: int = BARS_LEFT
    bar_height: int = BAR_HEIGHT


def score_bars(*, domains: Sequence[tuple[str, Decimal]], aspects: Sequence[tuple[str, Decimal]]) -> BarsSvg | None:
    rows = [("domain", label, value) for label, value in domains if value is not None]
    rows += [("aspect", label, value) for label, value in aspects if value is not None]
    if not rows:
        return None
    x = ValueAxis(INDEX_MAX, zero=BARS_LEFT, full=BARS_WIDTH - BARS_RIGHT)
    bars = []
    for position, (group, label, value) in enumerate(rows):
        top = position * ROW_HEIGHT
        end = x(value)
        bars.append(
            Bar(
                label=label,
                value=value,
                label_y=_n(top + LABEL_HEIGHT - 4),
                bar_y=_n(top + LABEL_HEIGHT),
                width=_n(end - BARS_LEFT),
                value_x=_n(end + 4),
                value_y=_n(top + LABEL_HEIGHT + BAR_HEIGHT - 3),
                group=group,
            )
        )
    return BarsSvg(bars=bars, ticks=x.ticks(range(int(INDEX_MAX) + 1)), height=len(rows) * ROW_HEIGHT + 4)
