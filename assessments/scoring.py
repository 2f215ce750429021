"""The SPBE arithmetic, as pure functions over plain data so that it can be tested by hand.

PermenPAN-RB 59/2020: index = Σ(level × indicator weight) / 100, where the weights of a framework sum to 100.
A domain's or an aspect's sub-index is the same sum over its own indicators divided by its own total weight,
so it also reads on the 1–5 scale.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol, TypeVar

# The widest scale any framework uses (5/2018 scores 0–5, 59/2020 1–5); each framework names its own range.
LOWEST_LEVEL = 0
HIGHEST_LEVEL = 5
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
    domain: int | None  # None in a framework without domains (Pemdi)


@dataclass(frozen=True)
class ScoreBreakdown:
    index: Decimal
    domains: dict[int, Decimal]
    aspects: dict[int, Decimal]


def round_index(value: Decimal) -> Decimal:
    """KemenPAN-RB publishes indices to two decimals, rounding half up."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def compute_scores(
    *, levels: Mapping[int, int], indicators: Sequence[IndicatorSpec], level_range: range
) -> ScoreBreakdown:
    """Index, domain and aspect sub-indices from a complete set of levels keyed by indicator number, each level
    on the framework's scale (`level_range`, e.g. range(1, 6) for 59/2020, range(0, 6) for 5/2018)."""
    expected = {spec.number for spec in indicators}
    missing = sorted(expected - levels.keys())
    unknown = sorted(levels.keys() - expected)
    if missing or unknown:
        raise IncompleteLevels(f"missing indicators {missing}, unknown indicators {unknown}")
    _check_range(levels, level_range)

    total = sum((spec.weight * levels[spec.number] for spec in indicators), Decimal(0))
    total_weight = sum((spec.weight for spec in indicators), Decimal(0))
    return ScoreBreakdown(
        index=round_index(total / total_weight),
        domains=_sub_indices(levels, indicators, key=lambda spec: spec.domain),
        aspects=_sub_indices(levels, indicators, key=lambda spec: spec.aspect),
    )


def _check_range(levels: Mapping[int, int], level_range: range) -> None:
    for number, level in levels.items():
        if level not in level_range:
            raise LevelOutOfRange(
                f"indicator {number}: level {level} is outside {level_range.start}–{level_range.stop - 1}"
            )


@dataclass(frozen=True)
class PartialBreakdown:
    """The scores of levels as they stand: an indicator not yet filled adds nothing, so each figure only grows as
    levels are filled and equals the final score once `complete`. `filled`/`total` count indicators."""

    index: Decimal
    domains: dict[int, Decimal]
    aspects: dict[int, Decimal]
    filled: int
    total: int

    @property
    def complete(self) -> bool:
        return self.filled == self.total


def compute_partial_scores(
    *, levels: Mapping[int, int | None], indicators: Sequence[IndicatorSpec], level_range: range
) -> PartialBreakdown:
    """Scores of a self-assessment in progress, keyed like compute_scores; a missing or None level counts 0."""
    expected = {spec.number for spec in indicators}
    filled = {number: level for number, level in levels.items() if level is not None}
    unknown = sorted(filled.keys() - expected)
    if unknown:
        raise IncompleteLevels(f"unknown indicators {unknown}")
    _check_range(filled, level_range)
    as_they_stand = {spec.number: filled.get(spec.number, 0) for spec in indicators}
    total_weight = sum((spec.weight for spec in indicators), Decimal(0))
    total = sum((spec.weight * as_they_stand[spec.number] for spec in indicators), Decimal(0))
    return PartialBreakdown(
        index=round_index(total / total_weight),
        domains=_sub_indices(as_they_stand, indicators, key=lambda spec: spec.domain),
        aspects=_sub_indices(as_they_stand, indicators, key=lambda spec: spec.aspect),
        filled=len(filled.keys() & expected),
        total=len(expected),
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
