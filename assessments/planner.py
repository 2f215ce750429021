"""The improvement planner's arithmetic, as pure functions over plain data (like scoring.py), testable by hand.

The index is index = Σ(level_i × w_i) / Σ w_i, over every scored entry i of the framework, w_i its weight and
W = Σ w_i the total weight (100 in 59/2020). An indicator scored once is one entry weighing its weight; one scored
more than once (5/2018's indicator 35, once per public service) is `entries` entries each weighing
weight / entries, keyed (number, part) as scoring keys them (a bare number for an indicator scored once). Raising
one entry by one level therefore adds its weight / W to the index (weight / 100 in 59/2020), the same amount for
every level step of that entry. Levels are taken "as they stand" (scoring.compute_partial_scores): an entry not yet
filled counts nothing, and its first step takes it to level max(lowest level, 1) — level 1 in both 5/2018 and
59/2020 — so that this step, too, adds exactly its weight / W (filling a 5/2018 indicator at level 0 would add
nothing). A value with decimals (2,35: another agency's index converted to the scale) steps to the next whole
level (3), adding its weight × 0,65 / W.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import scoring
from .scoring import Level, LevelKey


@dataclass(frozen=True)
class Step:
    """The next whole level for one scored entry: from `current` (None: not filled) to `next_level`."""

    key: LevelKey
    current: Level | None
    next_level: int
    gain: Decimal  # entry weight × (next_level − current) / W, unrounded

    @property
    def number(self) -> int:
        return scoring.entry_key(self.key)[0]

    @property
    def part(self) -> int:
        return scoring.entry_key(self.key)[1]


@dataclass(frozen=True)
class GoalPlan:
    """A plan people can follow that lifts the (rounded) index from `start` to at least `goal`.

    Keys are the levels' keys (scoring.level_key: the number, or (number, part) for an entry of an indicator scored
    more than once). `fill` names the entries not yet filled, which the plan asks for first (each at the first
    level); `raises` maps every entry the plan touches → the level it takes it to; `steps` counts the single-level
    steps (filling one entry is one, and so is a converted value's step to the next whole level); `reachable` is
    False when even every entry at the top level would not reach the goal (then `raises` holds every step there is
    and `reached` the highest index possible).
    """

    goal: Decimal
    start: Decimal
    steps: int
    raises: dict[LevelKey, int]
    reached: Decimal
    reachable: bool
    fill: tuple[LevelKey, ...] = ()

    @property
    def gap(self) -> Decimal:
        return self.goal - self.start


def first_step_level(level_range: range) -> int:
    return max(level_range.start, 1)


def next_whole_level(current: Level | None, level_range: range) -> int:
    """The level a step leads to: the first level for an unfilled entry, else the next whole level (3 from 2 and
    from 2,35)."""
    return first_step_level(level_range) if current is None else math.floor(current) + 1


def _value(level: Level | None) -> Level:
    return 0 if level is None else level


def total_weight(indicators: Sequence[scoring.IndicatorSpec]) -> Decimal:
    return sum((spec.weight for spec in indicators), Decimal(0))


def _entries(indicators: Sequence[scoring.IndicatorSpec]) -> list[tuple[LevelKey, Decimal]]:
    """(level key, entry weight) of every scored entry, in number and part order."""
    return [(key, spec.entry_weight) for spec in indicators for key in spec.level_keys]


def _weighted(levels: Mapping[LevelKey, Level | None], indicators: Sequence[scoring.IndicatorSpec]) -> Decimal:
    keyed = scoring.by_entry(levels)
    return sum((weight * _value(keyed.get(scoring.entry_key(key))) for key, weight in _entries(indicators)), Decimal(0))


def current_index(*, levels: Mapping[LevelKey, Level | None], indicators: Sequence[scoring.IndicatorSpec]) -> Decimal:
    """The index of levels as they stand, rounded as published (an unfilled entry counts nothing)."""
    return scoring.round_index(_weighted(levels, indicators) / total_weight(indicators))


def next_steps(
    *, levels: Mapping[LevelKey, Level | None], indicators: Sequence[scoring.IndicatorSpec], level_range: range
) -> list[Step]:
    """Every entry below the framework's top level with its next step, the steps adding most first (ties by
    indicator number and part). An entry at the top level has no next step and drops out."""
    weight = total_weight(indicators)
    keyed = scoring.by_entry(levels)
    steps = []
    for key, entry_weight in _entries(indicators):
        level = keyed.get(scoring.entry_key(key))
        if level is not None and level >= level_range.stop - 1:
            continue
        next_level = next_whole_level(level, level_range)
        gain = entry_weight * (next_level - _value(level)) / weight
        steps.append(Step(key=key, current=level, next_level=next_level, gain=gain))
    return sorted(steps, key=lambda step: (-step.gain, scoring.entry_key(step.key)))


def plan_towards(
    *,
    levels: Mapping[LevelKey, Level | None],
    indicators: Sequence[scoring.IndicatorSpec],
    level_range: range,
    goal: Decimal,
) -> GoalPlan:
    """Steps a regency can take, in order, after which the index, rounded half up to two decimals, is at least
    `goal`.

    First every entry not yet filled (a self-assessment is submitted complete, and an unfilled entry counts
    nothing), each at the first level. Then one-level steps spread over the entries: rounds in which each entry
    below the top level rises by at most one level, the entries that weigh most first (each step of entry i adds
    w_i / W whatever whole level it starts from; ties by number and part), stopping as soon as the goal is reached.
    A converted value's first step goes to the next whole level. A plan of one level on many indicators is what a
    team can prepare in one evaluation cycle; taking the heaviest indicator from 1 to 5 would be fewer steps on
    paper and none anyone can follow.
    """
    weight = total_weight(indicators)
    keyed = scoring.by_entry(levels)
    weighted = _weighted(levels, indicators)
    start = scoring.round_index(weighted / weight)
    heaviest_first = sorted(_entries(indicators), key=lambda entry: (-entry[1], scoring.entry_key(entry[0])))
    top = level_range.stop - 1
    now: dict[LevelKey, Level] = {}
    raises: dict[LevelKey, int] = {}
    fill = []
    for key, entry_weight in heaviest_first:
        level = keyed.get(scoring.entry_key(key))
        if level is None:
            # Unfilled counts 0; its first step reaches first_step_level, which is 1: one weight added either way.
            level = first_step_level(level_range)
            weighted += entry_weight * level
            raises[key] = level
            fill.append(key)
        now[key] = level
    steps = len(fill)
    moved = True
    while moved and scoring.round_index(weighted / weight) < goal:
        moved = False
        for key, entry_weight in heaviest_first:
            if scoring.round_index(weighted / weight) >= goal:
                break
            if now[key] < top:
                next_level = math.floor(now[key]) + 1
                weighted += entry_weight * (next_level - now[key])
                now[key] = raises[key] = next_level
                steps += 1
                moved = True
    reached = scoring.round_index(weighted / weight)
    return GoalPlan(
        goal=goal,
        start=start,
        steps=steps,
        raises=raises,
        reached=reached,
        reachable=reached >= goal,
        fill=tuple(fill),
    )


def next_band(value: Decimal, bands: Iterable[scoring.B]) -> scoring.B | None:
    """The lowest band whose lower bound is above `value`; None at the top band."""
    above = [band for band in bands if band.lower_bound > value]
    return min(above, key=lambda band: band.lower_bound) if above else None


def projected(
    *, levels: Mapping[LevelKey, Level | None], indicators: Sequence[scoring.IndicatorSpec], level_range: range
) -> scoring.PartialBreakdown:
    """The index and sub-indices of intended levels (a "what if"), as they would stand: scoring's own partial
    scores, so a complete set of levels projects exactly scoring.compute_scores."""
    return scoring.compute_partial_scores(levels=levels, indicators=indicators, level_range=level_range)
