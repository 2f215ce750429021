"""Horizontal bars of domain and aspect scores (0–5) drawn on the server as SVG, for the profile's public
indicator levels: they show without JavaScript and on a phone. Only geometry is computed here, as strings with a
decimal point; the template writes the elements and the labels through its escaping and number format."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assessments.models import INDEX_MAX

WIDTH = 360
LEFT = 4
RIGHT = 40  # room for the value after the longest bar
LABEL_HEIGHT = 16
BAR_HEIGHT = 14
ROW_GAP = 8
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
PLOT_WIDTH = WIDTH - LEFT - RIGHT


def _n(number: float) -> str:
    return f"{number:.1f}"


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
class Tick:
    x: str
    label: int


@dataclass(frozen=True)
class BarsSvg:
    bars: list[Bar]
    ticks: list[Tick]
    height: int
    width: int = WIDTH
    left: int = LEFT
    bar_height: int = BAR_HEIGHT


def score_bars(*, domains: Sequence[tuple[str, Decimal]], aspects: Sequence[tuple[str, Decimal]]) -> BarsSvg | None:
    rows = [("domain", label, value) for label, value in domains if value is not None]
    rows += [("aspect", label, value) for label, value in aspects if value is not None]
    if not rows:
        return None
    bars = []
    for position, (group, label, value) in enumerate(rows):
        top = position * ROW_HEIGHT
        width = PLOT_WIDTH * float(value) / float(INDEX_MAX)
        bars.append(
            Bar(
                label=label,
                value=value,
                label_y=_n(top + LABEL_HEIGHT - 4),
                bar_y=_n(top + LABEL_HEIGHT),
                width=_n(width),
                value_x=_n(LEFT + width + 4),
                value_y=_n(top + LABEL_HEIGHT + BAR_HEIGHT - 3),
                group=group,
            )
        )
    ticks = [
        Tick(x=_n(LEFT + PLOT_WIDTH * level / float(INDEX_MAX)), label=level) for level in range(int(INDEX_MAX) + 1)
    ]
    return BarsSvg(bars=bars, ticks=ticks, height=len(rows) * ROW_HEIGHT + 4)
