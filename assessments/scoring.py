"""The SPBE arithmetic, as pure functions over plain data so that it can be tested by hand.

PermenPAN-RB 59/2020: index = Σ(level × indicator weight) / 100, where the weights of a framework sum to 100.
A domain's or an aspect's sub-index is the same sum over its own indicators divided by its own total weight,
so it also reads on the 1–5 scale.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar

MIN_LEVEL = 1
MAX_LEVEL = 5
TWO_PLACES = Decimal("0.01")


class IncompleteLevels(ValueError):
    """The levels do not cover every indicator of the framework, or name indicators it does not have."""


class LevelOutOfRange(ValueError):
    pass


@dataclass(frozen=True)
class IndicatorSpec:
    number: int
    weight: Decimal
    aspect: int
    domain: int


@dataclass(frozen=True)
class ScoreBreakdown:
    index: Decimal
    domains: dict[int, Decimal]
    aspects: dict[int, Decimal]


def round_index(value: Decimal) -> Decimal:
    """KemenPAN-RB publishes indices to two decimals, rounding half up."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def compute_scores(*, levels: Mapping[int, int], indicators: Sequence[IndicatorSpec]) -> ScoreBreakdown:
    """Index, domain and aspect sub-indices from a complete set of levels keyed by indicator number."""
    expected = {spec.number for spec in indicators}
    missing = sorted(expected - levels.keys())
    unknown = sorted(levels.keys() - expected)
    if missing or unknown:
        raise IncompleteLevels(f"missing indicators {missing}, unknown indicators {unknown}")
    for number, level in levels.items():
        if not MIN_LEVEL <= level <= MAX_LEVEL:
            raise LevelOutOfRange(f"indicator {number}: level {level} is outside {MIN_LEVEL}–{MAX_LEVEL}")

    total = sum((spec.weight * levels[spec.number] for spec in indicators), Decimal(0))
    total_weight = sum((spec.weight for spec in indicators), Decimal(0))
    return ScoreBreakdown(
        index=round_index(total / total_weight),
        domains=_sub_indices(levels, indicators, key=lambda spec: spec.domain),
        aspects=_sub_indices(levels, indicators, key=lambda spec: spec.aspect),
    )


def _sub_indices(levels, indicators, *, key) -> dict[int, Decimal]:
    weighted: dict[int, Decimal] = {}
    weights: dict[int, Decimal] = {}
    for spec in indicators:
        group = key(spec)
        weighted[group] = weighted.get(group, Decimal(0)) + spec.weight * levels[spec.number]
        weights[group] = weights.get(group, Decimal(0)) + spec.weight
    return {group: round_index(weighted[group] / weights[group]) for group in sorted(weighted)}


class Band(Protocol):
    lower_bound: Decimal


B = TypeVar("B", bound=Band)


def band_for(value: Decimal | None, bands: Iterable[B]) -> B | None:
    """The band whose lower bound is the highest one not above the value; None for an unknown value."""
    if value is None:
        return None
    chosen = None
    for band in sorted(bands, key=lambda band: band.lower_bound):
        if value >= band.lower_bound:
            chosen = band
    return chosen
