"""The improvement planner's arithmetic, as pure functions over plain data (like scoring.py), testable by hand.

The index is index = Σ(level_i × w_i) / Σ w_i, over every indicator i of the framework, w_i its weight and
W = Σ w_i the total weight (100 in 59/2020). Raising one indicator by one
level therefore adds weight / W to the index (weight / 100 in 59/2020), the same amount for every level step of
that indicator. Levels are taken "as they stand" (scoring.compute_partial_scores): an indicator not yet filled
counts nothing, and its first step takes it to level max(lowest level, 1) — level 1 in both 5/2018 and 59/2020 —
so that this step, too, adds exactly weight / W (filling a 5/2018 indicator at level 0 would add nothing).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import scoring


@dataclass(frozen=True)
class Step:
    """One more level for one indicator: from `current` (None: not filled) to `next_level`."""

    number: int
    current: int | None
    next_level: int
    gain: Decimal  # weight / W, unrounded


@dataclass(frozen=True)
class GoalPlan:
    """The fewest level steps that lift the (rounded) index from `start` to at least `goal`.

    `raises` maps indicator number → the level the plan takes it to; `steps` counts the single-level steps;
    `reachable` is False when even every indicator at the top level would not reach the goal (then `raises`
    holds every step there is and `reached` the highest index possible).
    """

    goal: Decimal
    start: Decimal
    steps: int
    raises: dict[int, int]
    reached: Decimal
    reachable: bool

    @property
    def gap(self) -> Decimal:
        return self.goal - self.start


def first_step_level(level_range: range) -> int:
    return max(level_range.start, 1)


def _value(level: int | None) -> int:
    return 0 if level is None else level


def total_weight(indicators: Sequence[scoring.IndicatorSpec]) -> Decimal:
    return sum((spec.weight for spec in indicators), Decimal(0))


def current_index(*, levels: Mapping[int, int | None], indicators: Sequence[scoring.IndicatorSpec]) -> Decimal:
    """The index of levels as they stand, rounded as published (an unfilled indicator counts nothing)."""
    weighted = sum((spec.weight * _value(levels.get(spec.number)) for spec in indicators), Decimal(0))
    return scoring.round_index(weighted / total_weight(indicators))


def next_steps(
    *, levels: Mapping[int, int | None], indicators: Sequence[scoring.IndicatorSpec], level_range: range
) -> list[Step]:
    """Every indicator below the framework's top level with its next step, the steps adding most first (ties by
    indicator number). An indicator at the top level has no next step and drops out."""
    weight = total_weight(indicators)
    steps = []
    for spec in indicators:
        level = levels.get(spec.number)
        if level is not None and level >= level_range.stop - 1:
            continue
        next_level = first_step_level(level_range) if level is None else level + 1
        steps.append(Step(number=spec.number, current=level, next_level=next_level, gain=spec.weight / weight))
    return sorted(steps, key=lambda step: (-step.gain, step.number))


def fewest_steps(
    *,
    levels: Mapping[int, int | None],
    indicators: Sequence[scoring.IndicatorSpec],
    level_range: range,
    goal: Decimal,
) -> GoalPlan:
    """The fewest single-level steps after which the index, rounded half up to two decimals, is at least `goal`.

    Why taking the heaviest remaining step each time is optimal: indicator i can still rise k_i = top − level_i
    steps, and each of its steps adds the same amount g_i = w_i / W, whatever level it starts from. Any plan of n
    steps is thus a choice of n items from the multiset M that holds g_i k_i times for each i, and it lifts the
    exact index by the sum of the items chosen. For a given n, that sum is largest when the n items are the n
    largest of M — the greedy prefix of length n. Rounding half up is non-decreasing, so "rounded index ≥ goal" holds
    for some n-step plan if and only if it holds for the greedy prefix of length n. The greedy stops at the first
    n where it holds, so no plan with fewer steps can reach the goal.
    """
    weight = total_weight(indicators)
    weighted = sum((spec.weight * _value(levels.get(spec.number)) for spec in indicators), Decimal(0))
    start = scoring.round_index(weighted / weight)
    raises: dict[int, int] = {}
    steps = 0
    top = level_range.stop - 1
    for spec in sorted(indicators, key=lambda spec: (-spec.weight, spec.number)):
        if scoring.round_index(weighted / weight) >= goal:
            break
        level = levels.get(spec.number)
        while scoring.round_index(weighted / weight) < goal and (level is None or level < top):
            # Unfilled counts 0; its first step reaches first_step_level, which is 1: one weight added either way.
            before = _value(level)
            level = first_step_level(level_range) if level is None else level + 1
            weighted += spec.weight * (level - before)
            steps += 1
            raises[spec.number] = level
    reached = scoring.round_index(weighted / weight)
    return GoalPlan(goal=goal, start=start, steps=steps, raises=raises, reached=reached, reachable=reached >= goal)


def next_band(value: Decimal, bands: Iterable[scoring.B]) -> scoring.B | None:
    """The lowest band whose lower bound is above `value`; None at the top band."""
    above = [band for band in bands if band.lower_bound > value]
    return min(above, key=lambda band: band.lower_bound) if above else None


def projected(
    *, levels: Mapping[int, int | None], indicators: Sequence[scoring.IndicatorSpec], level_range: range
) -> scoring.PartialBreakdown:
    """The index and sub-indices of intended levels (a "what if"), as they would stand."""
    return scoring.compute_partial_scores(levels=levels, indicators=indicators, level_range=level_range)
