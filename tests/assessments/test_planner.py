"""The improvement planner's arithmetic, worked by hand (assessments/planner.py)."""

import itertools
from decimal import Decimal
from types import SimpleNamespace

from assessments import planner, scoring
from assessments.scoring import IndicatorSpec

# A small framework on the 59/2020 scale (levels 1–5), weights summing to 100 like 59/2020's:
#   domain 1: indicator 1 (weight 40), indicator 2 (weight 30)
#   domain 2: indicator 3 (weight 20), indicator 4 (weight 10)
SMALL = [
    IndicatorSpec(number=1, weight=Decimal("40"), aspect=1, domain=1),
    IndicatorSpec(number=2, weight=Decimal("30"), aspect=1, domain=1),
    IndicatorSpec(number=3, weight=Decimal("20"), aspect=2, domain=2),
    IndicatorSpec(number=4, weight=Decimal("10"), aspect=2, domain=2),
]
LEVELS_59 = range(1, 6)
BANDS = [
    SimpleNamespace(name=name, lower_bound=Decimal(bound))
    for name, bound in [("Kurang", "0"), ("Cukup", "1.80"), ("Baik", "2.60"), ("Sangat Baik", "3.50")]
]


def test_worked_example_ranking_gap_and_steps_spread_over_indicators():
    levels = {1: 2, 2: 1, 3: 3, 4: 5}
    # Index by hand: (40×2 + 30×1 + 20×3 + 10×5) / 100 = (80 + 30 + 60 + 50) / 100 = 2,20 → predikat Cukup.
    assert planner.current_index(levels=levels, indicators=SMALL) == Decimal("2.20")
    assert scoring.band_for(Decimal("2.20"), BANDS).name == "Cukup"

    # One more level adds weight / 100: indicator 1 +0,40, indicator 2 +0,30, indicator 3 +0,20; indicator 4 is
    # at the top level 5 and drops out.
    steps = planner.next_steps(levels=levels, indicators=SMALL, level_range=LEVELS_59)
    assert [(step.number, step.current, step.next_level, step.gain) for step in steps] == [
        (1, 2, 3, Decimal("0.4")),
        (2, 1, 2, Decimal("0.3")),
        (3, 3, 4, Decimal("0.2")),
    ]

    # Next band: Baik from 2,60, a gap of 0,40: one step of indicator 1 (2 → 3) gives exactly 2,60.
    band = planner.next_band(Decimal("2.20"), BANDS)
    assert band.name == "Baik"
    to_band = planner.plan_towards(levels=levels, indicators=SMALL, level_range=LEVELS_59, goal=band.lower_bound)
    assert (to_band.gap, to_band.steps, to_band.raises, to_band.reached) == (
        Decimal("0.40"),
        1,
        {1: 3},
        Decimal("2.60"),
    )

    # Sangat Baik from 3,50, a gap of 1,30, one level at a time spread over the indicators: a first round raises
    # indicator 1 (2 → 3, +0,40), 2 (1 → 2, +0,30) and 3 (3 → 4, +0,20) to 3,10; a second round's first step,
    # indicator 1 again (3 → 4, +0,40), reaches 3,50: four steps, never one indicator taken from 2 to 5.
    to_top = planner.plan_towards(levels=levels, indicators=SMALL, level_range=LEVELS_59, goal=Decimal("3.50"))
    assert (to_top.steps, to_top.raises, to_top.reached, to_top.reachable) == (
        4,
        {1: 4, 2: 2, 3: 4},
        Decimal("3.50"),
        True,
    )


def test_the_goal_is_compared_on_the_index_rounded_half_up():
    # Three indicators of weight 3 (total 9): each step adds 1/3. From 1,00 two steps give 15/9 = 1,6666…, which
    # KemenPAN-RB publishes as 1,67: a target of 1,67 is reached in two steps, not three.
    thirds = [IndicatorSpec(number=n, weight=Decimal("3"), aspect=1, domain=1) for n in (1, 2, 3)]
    plan = planner.plan_towards(
        levels={1: 1, 2: 1, 3: 1}, indicators=thirds, level_range=LEVELS_59, goal=Decimal("1.67")
    )
    assert (plan.steps, plan.reached) == (2, Decimal("1.67"))


def test_an_unreachable_goal_takes_every_step_and_says_so():
    plan = planner.plan_towards(
        levels={1: 4, 2: 5, 3: 5, 4: 5}, indicators=SMALL, level_range=LEVELS_59, goal=Decimal("5.01")
    )
    assert (plan.reachable, plan.steps, plan.raises, plan.reached) == (False, 1, {1: 5}, Decimal("5.00"))


def test_an_unfilled_indicator_counts_nothing_and_its_first_step_adds_its_weight():
    # 5/2018 scores from 0: filling an indicator at 0 would add nothing, so its first step is to level 1.
    levels = {1: None, 2: 0, 3: 5, 4: 5}
    steps = planner.next_steps(levels=levels, indicators=SMALL, level_range=range(0, 6))
    assert [(step.number, step.current, step.next_level) for step in steps] == [(1, None, 1), (2, 0, 1)]
    # (20×5 + 10×5) / 100 = 1,50; one step of indicator 1 adds 0,40 → 1,90.
    plan = planner.plan_towards(levels=levels, indicators=SMALL, level_range=range(0, 6), goal=Decimal("1.80"))
    assert (plan.start, plan.steps, plan.raises, plan.reached) == (Decimal("1.50"), 1, {1: 1}, Decimal("1.90"))
    assert plan.fill == (1,)


def test_the_plan_asks_first_for_every_indicator_not_filled_then_one_level_steps():
    # Indicators 1 and 3 unfilled: filling both at level 1 gives (40 + 30×2 + 20 + 10×2) / 100 = 1,40; the goal
    # 1,80 then takes indicator 1 (1 → 2, +0,40): three steps, the two fills first, never "belum diisi → 5".
    levels = {1: None, 2: 2, 3: None, 4: 2}
    plan = planner.plan_towards(levels=levels, indicators=SMALL, level_range=LEVELS_59, goal=Decimal("1.80"))
    assert (plan.fill, plan.steps, plan.raises, plan.reached) == ((1, 3), 3, {1: 2, 3: 1}, Decimal("1.80"))


def test_at_the_top_band_there_is_no_next_band():
    assert planner.next_band(Decimal("3.60"), BANDS) is None


def _reachable(levels, indicators, level_range, goal) -> bool:
    top = level_range.stop - 1
    weight = sum(spec.weight for spec in indicators)
    return scoring.round_index(sum(spec.weight * top for spec in indicators) / weight) >= goal


def test_a_spread_plan_reaches_every_reachable_goal_stops_there_and_never_raises_one_indicator_twice_ahead():
    uneven = [
        IndicatorSpec(number=1, weight=Decimal("7"), aspect=1, domain=1),
        IndicatorSpec(number=2, weight=Decimal("5"), aspect=1, domain=1),
        IndicatorSpec(number=3, weight=Decimal("3"), aspect=2, domain=2),
    ]
    weight = sum(spec.weight for spec in uneven)
    checked = 0
    for start in itertools.product(range(1, 6), repeat=3):
        levels = dict(zip((1, 2, 3), start, strict=True))
        for goal in (Decimal("1.80"), Decimal("2.60"), Decimal("3.34"), Decimal("4.20"), Decimal("4.87")):
            plan = planner.plan_towards(levels=levels, indicators=uneven, level_range=LEVELS_59, goal=goal)
            assert plan.reachable == _reachable(levels, uneven, LEVELS_59, goal), (levels, goal)
            ups = {n: plan.raises.get(n, levels[n]) - levels[n] for n in levels}
            assert sum(ups.values()) == plan.steps
            # Spread: an indicator is raised a second time only once every other one below the top was raised.
            for n, up in ups.items():
                assert all(other >= up - 1 or plan.raises.get(m, levels[m]) == 5 for m, other in ups.items()), (
                    levels,
                    goal,
                    n,
                )
            total = sum(spec.weight * plan.raises.get(spec.number, levels[spec.number]) for spec in uneven)
            assert plan.reached == scoring.round_index(total / weight)
            checked += 1
    assert checked == 125 * 5


def test_what_if_projects_index_and_domain_scores():
    projected = planner.projected(levels={1: 3, 2: 2, 3: 3, 4: 5}, indicators=SMALL, level_range=LEVELS_59)
    # (120 + 60 + 60 + 50) / 100 = 2,90; domain 1: (120 + 60) / 70 = 2,571… → 2,57; domain 2: (60 + 50) / 30 = 3,67.
    assert projected.index == Decimal("2.90")
    assert projected.domains == {1: Decimal("2.57"), 2: Decimal("3.67")}
    assert scoring.band_for(projected.index, BANDS).name == "Baik"
