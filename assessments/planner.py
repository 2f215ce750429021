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
    """A plan people can follow that lifts the (rounded) index from `start` to at least `goal`.

    `fill` names the indicators not yet filled, which the plan asks for first (each at the first level);
    `raises` maps every indicator the plan touches → the level it takes it to; `steps` counts the single-level
    steps (filling one indicator is one); `reachable` is False when even every indicator at the top level would not
    reach the goal (then `raises` holds every step there is and `reached` the highest index possible).
    """

    goal: Decimal
    start: Decimal
    steps: int
    raises: dict[int, int]
    reached: Decimal
    reachable: bool
    fill: tuple[int, ...] = ()

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


def plan_towards(
    *,
    levels: Mapping[int, int | None],
    indicators: Sequence[scoring.IndicatorSpec],
    level_range: range,
    goal: Decimal,
) -> GoalPlan:
    """Steps a regency can take, in order, after which the index, rounded half up to two decimals, is at least
    `goal`.

    First every indicator not yet filled (a self-assessment is submitted complete, and an unfilled indicator
    counts nothing), each at the first level. Then one-level steps spread over the indicators: rounds in which each
    indicator below the top level rises by at most one level, the indicators whose next level weighs most first
    (each step of indicator i adds w_i / W whatever level it starts from; ties by number), stopping as soon as
    the goal is reached. A plan of one level on many indicators is what a team can prepare in one evaluation
    cycle; taking the heaviest indicator from 1 to 5 would be fewer steps on paper and none anyone can follow.
    """
    weight = total_weight(indicators)
    weighted = sum((spec.weight * _value(levels.get(spec.number)) for spec in indicators), Decimal(0))
    start = scoring.round_index(weighted / weight)
    heaviest_first = sorted(indicators, key=lambda spec: (-spec.weight, spec.number))
    top = level_range.stop - 1
    now: dict[int, int] = {}
    raises: dict[int, int] = {}
    fill = []
    for spec in heaviest_first:
        level = levels.get(spec.number)
        if level is None:
            # Unfilled counts 0; its first step reaches first_step_level, which is 1: one weight added either way.
            level = first_step_level(level_range)
            weighted += spec.weight * level
            raises[spec.number] = level
            fill.append(spec.number)
        now[spec.number] = level
    steps = len(fill)
    moved = True
    while moved and scoring.round_index(weighted / weight) < goal:
        moved = False
        for spec in heaviest_first:
            if scoring.round_index(weighted / weight) >= goal:
                break
            if now[spec.number] < top:
                now[spec.number] += 1
                weighted += spec.weight
                raises[spec.number] = now[spec.number]
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
    *, levels: Mapping[int, int | None], indicators: Sequence[scoring.IndicatorSpec], level_range: range
) -> scoring.PartialBreakdown:
    """The index and sub-indices of intended levels (a "what if"), as they would stand."""
    return scoring.compute_partial_scores(levels=levels, indicators=indicators, level_range=level_range)
