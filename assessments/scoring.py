"""The index arithmetic of every framework, as pure functions over plain data so that it can be tested by hand.

PermenPAN-RB 59/2020: index = Σ(level × indicator weight) / 100, where the weights of a framework sum to 100.
A domain's or an aspect's sub-index is the same sum over its own indicators divided by its own total weight,
so it also reads on the framework's scale. PermenPANRB 8/2026 (Pemdi) aggregates the same way (aspect index the
weighted mean of its indicators, the index Σ aspect weight × aspect index), with no domains: `domains` is then
empty. A value may be a decimal (2,35: another agency's index converted to 1–5).

An indicator scored more than once (5/2018's indicator 35, once for each of three public services) has
`entries` > 1: its levels are keyed (number, part), part 1..entries, each entry weighing weight / entries. Every
other indicator's level is keyed by its number alone (or (number, 1)).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from operator import mul
from typing import Protocol, TypeVar

# The widest scale any framework uses (5/2018 scores 0–5, 59/2020 and 8/2026 1–5); each framework names its own.
LOWEST_LEVEL = 0
HIGHEST_LEVEL = 5
TWO_PLACES = Decimal("0.01")

Level = int | Decimal
EntryKey = tuple[int, int]
LevelKey = int | EntryKey


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
    entries: int = 1

    # Kept once built: an import's check scores every row of a file with the same specs.
    @cached_property
    def keys(self) -> tuple[EntryKey, ...]:
        return tuple((self.number, part) for part in range(1, self.entries + 1))

    @property
    def level_keys(self) -> list["LevelKey"]:
        """The keys of the indicator's levels as callers write them (`level_key`)."""
        return [level_key(self.number, part, self.entries) for part in range(1, self.entries + 1)]

    @cached_property
    def entry_weight(self) -> Decimal:
        return self.weight / self.entries


@dataclass(frozen=True)
class ScoreBreakdown:
    index: Decimal
    domains: dict[int, Decimal]
    aspects: dict[int, Decimal]


def round_index(value: Decimal) -> Decimal:
    """KemenPAN-RB publishes indices to two decimals, rounding half up."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def entry_key(key: LevelKey) -> EntryKey:
    """(number, part) of a level's key: a bare number is its indicator's first (or only) entry."""
    return key if isinstance(key, tuple) else (key, 1)


def level_key(number: int, part: int, entries: int) -> LevelKey:
    """How a level is keyed for scoring, on the result form and in the planner: the indicator's number, or
    (number, part) for an indicator scored more than once (the result form's `level_35_2`)."""
    return number if entries == 1 else (number, part)


def by_entry(levels: Mapping) -> dict[EntryKey, Level | None]:
    """Levels keyed either way, keyed (number, part) (entry_key, written inline: an import keys every row's)."""
    return {key if isinstance(key, tuple) else (key, 1): level for key, level in levels.items()}


def _labels(keys: Iterable[EntryKey], indicators: Sequence[IndicatorSpec]) -> str:
    """[2, 35.2]: an indicator scored once by its number, an entry of one scored more often as number.part."""
    several = {spec.number for spec in indicators if spec.entries > 1}
    return "[" + ", ".join(f"{n}.{part}" if n in several else f"{n}" for n, part in sorted(keys)) + "]"


def compute_scores(*, levels: Mapping, indicators: Sequence[IndicatorSpec], level_range: range) -> ScoreBreakdown:
    """Index, domain and aspect sub-indices from a complete set of levels keyed by indicator number (or
    (number, part) for an indicator scored more than once), each level on the framework's scale (`level_range`,
    e.g. range(1, 6) for 59/2020, range(0, 6) for 5/2018)."""
    return _breakdown(_complete(levels, indicators, level_range), indicators)


def compute_index(*, levels: Mapping, indicators: Sequence[IndicatorSpec], level_range: range) -> Decimal:
    """The index alone of a complete set of levels, as compute_scores computes and checks it, without the domain
    and aspect sub-indices."""
    return _index(_complete(levels, indicators, level_range), indicators)


class IndexOfLevels:
    """compute_index for many sets of levels of one framework, as the official import scores every row of a file:
    the entries, their weights and the scale are read once, and each set is checked and computed as compute_index
    does (500 rows cost 12 ms through compute_index, 5 ms here)."""

    def __init__(self, *, indicators: Sequence[IndicatorSpec], level_range: range):
        self.indicators = indicators
        self.level_range = level_range
        self.keys = tuple(key for spec in indicators for key in spec.keys)
        self.expected = frozenset(self.keys)
        self.weights = tuple(spec.entry_weight for spec in indicators for _key in spec.keys)
        self.total_weight = sum((spec.weight for spec in indicators), Decimal(0))

    def __call__(self, levels: Mapping) -> Decimal:
        keyed = levels if levels.keys() == self.expected else by_entry(levels)
        if keyed.keys() != self.expected:
            _complete(levels, self.indicators, self.level_range)  # raises IncompleteLevels, naming the entries
        values = [keyed[key] for key in self.keys]
        if min(values) < self.level_range.start or max(values) >= self.level_range.stop:
            _check_range(keyed, self.level_range)  # raises LevelOutOfRange, naming the indicator
        return _weighted_index(values, self.weights, self.total_weight)


def _complete(levels: Mapping, indicators: Sequence[IndicatorSpec], level_range: range) -> dict[EntryKey, Level]:
    """The levels keyed (number, part), refused unless they are every entry's and on the scale."""
    keyed = by_entry(levels)
    expected = {key for spec in indicators for key in spec.keys}
    missing = expected - keyed.keys()
    unknown = keyed.keys() - expected
    if missing or unknown:
        raise IncompleteLevels(
            f"missing indicators {_labels(missing, indicators)}, unknown indicators {_labels(unknown, indicators)}"
        )
    _check_range(keyed, level_range)
    return keyed


def _index(levels: Mapping[EntryKey, Level], indicators: Sequence[IndicatorSpec]) -> Decimal:
    return _weighted_index(
        [levels[key] for spec in indicators for key in spec.keys],
        [spec.entry_weight for spec in indicators for _key in spec.keys],
        sum((spec.weight for spec in indicators), Decimal(0)),
    )


def _weighted_index(levels: Sequence[Level], entry_weights: Sequence[Decimal], total_weight: Decimal) -> Decimal:
    """Σ(level × entry weight) / Σ weight, rounded as published: the one formula of the index (levels and their
    entries' weights in the same order)."""
    return round_index(sum(map(mul, entry_weights, levels), Decimal(0)) / total_weight)


def _breakdown(levels: Mapping[EntryKey, Level], indicators: Sequence[IndicatorSpec]) -> ScoreBreakdown:
    return ScoreBreakdown(
        index=_index(levels, indicators),
        domains=_sub_indices(levels, [spec for spec in indicators if spec.domain is not None], key="domain"),
        aspects=_sub_indices(levels, indicators, key="aspect"),
    )


def _check_range(levels: Mapping[EntryKey, Level], level_range: range) -> None:
    lowest, highest = level_range.start, level_range.stop - 1
    for (number, _part), level in levels.items():
        if not lowest <= level <= highest:
            raise LevelOutOfRange(f"indicator {number}: level {level} is outside {lowest}–{highest}")


@dataclass(frozen=True)
class PartialBreakdown:
    """The scores of levels as they stand: an entry not yet filled adds nothing, so each figure only grows as
    levels are filled and equals the final score once `complete`. `filled`/`total` count scored entries (one per
    indicator, three for 5/2018's indicator 35)."""

    index: Decimal
    domains: dict[int, Decimal]
    aspects: dict[int, Decimal]
    filled: int
    total: int

    @property
    def complete(self) -> bool:
        return self.filled == self.total


def compute_partial_scores(
    *, levels: Mapping, indicators: Sequence[IndicatorSpec], level_range: range
) -> PartialBreakdown:
    """Scores of a self-assessment in progress, keyed like compute_scores; a missing or None level counts 0."""
    expected = {key for spec in indicators for key in spec.keys}
    filled = {key: level for key, level in by_entry(levels).items() if level is not None}
    unknown = filled.keys() - expected
    if unknown:
        raise IncompleteLevels(f"unknown indicators {_labels(unknown, indicators)}")
    _check_range(filled, level_range)
    as_they_stand = {key: filled.get(key, 0) for key in expected}
    scores = _breakdown(as_they_stand, indicators)
    return PartialBreakdown(
        index=scores.index,
        domains=scores.domains,
        aspects=scores.aspects,
        filled=len(filled.keys() & expected),
        total=len(expected),
    )


def _sub_indices(levels: Mapping[EntryKey, Level], indicators: Sequence[IndicatorSpec], *, key: str):
    weighted: dict[int, Decimal] = {}
    weights: dict[int, Decimal] = {}
    for spec in indicators:
        group = getattr(spec, key)
        weighted[group] = weighted.get(group, Decimal(0)) + sum(
            (spec.entry_weight * levels[entry] for entry in spec.keys), Decimal(0)
        )
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
