"""The profile's index-and-target chart drawn on the server as SVG: it shows at once, on a slow link and without
JavaScript, from the same numbers plotly draws afterwards (charts.index_history_figure).

Only geometry is computed here, as strings with a decimal point whatever the page's language (SVG attributes are
not localised); the template writes the elements, so every label goes through its escaping and number format."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assessments.models import INDEX_MAX, PredikatBand

from .charts import OFFICIAL_COLOUR, SELF_ASSESSMENT_COLOUR, TARGET_COLOUR

WIDTH = 480
HEIGHT = 270
# Band names sit in the right margin, outside the plot, so that no label covers a marker.
LEFT, RIGHT, TOP, BOTTOM = 28, 96, 10, 30
PLOT_RIGHT = WIDTH - RIGHT
PLOT_BOTTOM = HEIGHT - BOTTOM
TARGET_HALF_WIDTH = 8


def _n(number: float) -> str:
    return f"{number:.1f}"


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    x_from: str  # the ends of a target's short horizontal mark
    x_to: str
    year: int
    value: Decimal


@dataclass(frozen=True)
class Series:
    key: str  # "official", "self", "target": the template picks the marker by it
    colour: str
    dash: str
    width: int
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class BandArea:
    name: str
    colour: str
    y: str
    height: str
    label_y: str


@dataclass(frozen=True)
class Tick:
    at: str
    label: int


@dataclass(frozen=True)
class IndexSvg:
    bands: list[BandArea]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = PLOT_RIGHT
    plot_width: int = PLOT_RIGHT - LEFT
    label_x: int = PLOT_RIGHT + 6
    y_label_x: int = LEFT - 6
    x_label_y: int = PLOT_BOTTOM + 21


def _y(value: Decimal) -> float:
    return TOP + (PLOT_BOTTOM - TOP) * (1 - float(value) / float(INDEX_MAX))


def index_history_svg(
    *,
    official: Sequence[tuple[int, Decimal]],
    self_assessed: Sequence[tuple[int, Decimal]],
    targets: Sequence[tuple[int, Decimal]],
    bands: Sequence[PredikatBand],
) -> IndexSvg | None:
    years = sorted({year for series in (official, self_assessed, targets) for year, _value in series})
    if not years:
        return None
    # Half a year of room on each side, as the plotly chart has, so the first and last markers are not cut.
    step = (PLOT_RIGHT - LEFT) / (years[-1] - years[0] + 1)

    def x(year: int) -> float:
        return LEFT + step / 2 + (year - years[0]) * step

    ordered = sorted(bands, key=lambda band: band.lower_bound)
    band_areas = []
    for band, upper in zip(ordered, [*(band.lower_bound for band in ordered[1:]), INDEX_MAX], strict=True):
        top, bottom = _y(upper), _y(band.lower_bound)
        band_areas.append(
            BandArea(
                name=band.name, colour=band.color, y=_n(top), height=_n(bottom - top), label_y=_n((top + bottom) / 2)
            )
        )
    series = [
        Series(
            key=key,
            colour=colour,
            dash=dash,
            width=width,
            points=[
                Point(
                    x=_n(x(year)),
                    y=_n(_y(value)),
                    x_from=_n(x(year) - TARGET_HALF_WIDTH),
                    x_to=_n(x(year) + TARGET_HALF_WIDTH),
                    year=year,
                    value=value,
                )
                for year, value in sorted(points)
            ],
        )
        # Drawn in this order so that official results lie on top.
        for key, colour, dash, width, points in (
            ("target", TARGET_COLOUR, "6 4", 2, targets),
            ("self", SELF_ASSESSMENT_COLOUR, "2 3", 2, self_assessed),
            ("official", OFFICIAL_COLOUR, "", 3, official),
        )
        if points
    ]
    return IndexSvg(
        bands=band_areas,
        y_ticks=[Tick(at=_n(_y(Decimal(level))), label=level) for level in range(int(INDEX_MAX) + 1)],
        x_ticks=[Tick(at=_n(x(year)), label=year) for year in years],
        series=series,
    )
