"""A related index's values over the years, drawn on the server as SVG on the index's own scale (0–100 for RB,
0–5 for IPP, percent for KIP): never on SPBE's scale and without bands, since none with a source exists.

Drawn only where at least two years have a stated value. Every stated value is a marker, so that two sources
that differ in a year are both drawn; the line joins the first source's value of each year. Targets are short
dashes. Geometry only, as strings with a decimal point; the template writes the elements and the labels.
"""

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from .charts import OFFICIAL_COLOUR, TARGET_COLOUR

WIDTH = 360
HEIGHT = 200
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 10, 30
PLOT_RIGHT = WIDTH - RIGHT
PLOT_BOTTOM = HEIGHT - BOTTOM
TARGET_HALF_WIDTH = 8
STEPS = 5
# "0–100", "0–5, dengan kategori huruf": the upper end as written; "persen": 100.
SCALE_RANGE = re.compile(r"0\s*[–-]\s*(\d+(?:[.,]\d+)?)")


def _n(number: float) -> str:
    return f"{number:.1f}"


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
class Mark:
    x: str
    y: str
    x_from: str
    x_to: str
    year: int
    value: Decimal
    source: str
    first_of_year: bool


@dataclass(frozen=True)
class Tick:
    at: str
    label: Decimal | int


@dataclass(frozen=True)
class RelatedSvg:
    values: list[Mark]
    targets: list[Mark]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    colour: str = OFFICIAL_COLOUR
    target_colour: str = TARGET_COLOUR
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = PLOT_RIGHT
    y_label_x: int = LEFT - 6
    x_label_y: int = PLOT_BOTTOM + 21

    @property
    def path(self) -> str:
        return " ".join(f"{mark.x},{mark.y}" for mark in self.values if mark.first_of_year)


def related_index_svg(*, facts, scale: str) -> RelatedSvg | None:
    """`facts`: the index's published facts of one regency (RelatedIndexValue). None when fewer than two years
    have a stated value."""
    dated = [fact for fact in facts if fact.year is not None and fact.value is not None]
    stated = [fact for fact in dated if not fact.is_target]
    if len({fact.year for fact in stated}) < 2:
        return None
    years = sorted({fact.year for fact in dated})
    top = scale_max(scale, [fact.value for fact in dated])
    top = max(top, *(fact.value for fact in dated))
    step = (PLOT_RIGHT - LEFT) / (years[-1] - years[0] + 1)

    def x(year: int) -> float:
        return LEFT + step / 2 + (year - years[0]) * step

    def y(value: Decimal) -> float:
        return TOP + (PLOT_BOTTOM - TOP) * (1 - float(value) / float(top))

    def marks(items) -> list[Mark]:
        seen: set[int] = set()
        result = []
        for fact in sorted(items, key=lambda fact: fact.year):
            result.append(
                Mark(
                    x=_n(x(fact.year)),
                    y=_n(y(fact.value)),
                    x_from=_n(x(fact.year) - TARGET_HALF_WIDTH),
                    x_to=_n(x(fact.year) + TARGET_HALF_WIDTH),
                    year=fact.year,
                    value=fact.value,
                    source=fact.source_title,
                    first_of_year=fact.year not in seen,
                )
            )
            seen.add(fact.year)
        return result

    ticks = [top * Decimal(level) / STEPS for level in range(STEPS + 1)]
    return RelatedSvg(
        values=marks(stated),
        targets=marks([fact for fact in dated if fact.is_target]),
        y_ticks=[Tick(at=_n(y(value)), label=value) for value in ticks],
        x_ticks=[Tick(at=_n(x(year)), label=year) for year in years],
    )
