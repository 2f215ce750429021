"""The planner keys every step by scored entry as scoring does, and steps a converted value (2,35) to the next whole
level (assessments/planner.py), worked by hand."""

from decimal import Decimal

from assessments import planner, scoring
from assessments.scoring import IndicatorSpec

# A 5/2018-shaped framework on 0–5: indicator 1 weighs 40, indicator 2 weighs 60 and is scored three times (once
# per public service), each entry weighing 20.
WITH_PARTS = [
    IndicatorSpec(number=1, weight=Decimal("40"), aspect=1, domain=1),
    IndicatorSpec(number=2, weight=Decimal("60"), aspect=1, domain=1, entries=3),
]
LEVELS_2018 = range(0, 6)
# A Pemdi-shaped one on 1–5: indicator 1 (weight 25) a maturity level, indicator 2 (weight 75) a converted value.
CONVERTED = [
    IndicatorSpec(number=1, weight=Decimal("25"), aspect=1, domain=None),
    IndicatorSpec(number=2, weight=Decimal("75"), aspect=1, domain=None),
]
LEVELS_PEMDI = range(1, 6)


def test_each_entry_is_its_own_step_keyed_number_and_part_and_the_index_is_scorings():
    levels = {1: 2, (2, 1): 1, (2, 2): 3, (2, 3): 5}
    # (40×2 + 20×1 + 20×3 + 20×5) / 100 = 2,60, as scoring computes it.
    scored = scoring.compute_scores(levels=levels, indicators=WITH_PARTS, level_range=LEVELS_2018).index
    assert planner.current_index(levels=levels, indicators=WITH_PARTS) == scored == Decimal("2.60")

    steps = planner.next_steps(levels=levels, indicators=WITH_PARTS, level_range=LEVELS_2018)
    # Entry 2.3 is at the top; each other entry of indicator 2 adds 20/100, indicator 1 40/100.
    assert [(step.key, step.number, step.part, step.current, step.next_level, step.gain) for step in steps] == [
        (1, 1, 1, 2, 3, Decimal("0.4")),
        ((2, 1), 2, 1, 1, 2, Decimal("0.2")),
        ((2, 2), 2, 2, 3, 4, Decimal("0.2")),
    ]
    raised = planner.projected(levels={**levels, (2, 2): 4}, indicators=WITH_PARTS, level_range=LEVELS_2018)
    assert raised.index == Decimal("2.80")


def test_a_plan_raises_entries_and_fills_the_unfilled_ones_first_keyed_as_scoring_keys_them():
    levels = {1: 2, (2, 1): None, (2, 2): 3, (2, 3): 5}
    # As they stand: (80 + 60 + 100) / 100 = 2,40; filling 2.1 at 1 gives 2,60; the goal 3,00 then takes
    # indicator 1 (2 → 3, +0,40): two steps.
    plan = planner.plan_towards(levels=levels, indicators=WITH_PARTS, level_range=LEVELS_2018, goal=Decimal("3.00"))
    assert (plan.start, plan.fill, plan.raises, plan.steps, plan.reached) == (
        Decimal("2.40"),
        ((2, 1),),
        {(2, 1): 1, 1: 3},
        2,
        Decimal("3.00"),
    )


def test_a_converted_value_steps_to_the_next_whole_level():
    levels = {1: 3, 2: Decimal("2.35")}
    # (25×3 + 75×2,35) / 100 = 2,5125 → 2,51.
    assert planner.current_index(levels=levels, indicators=CONVERTED) == Decimal("2.51")
    steps = planner.next_steps(levels=levels, indicators=CONVERTED, level_range=LEVELS_PEMDI)
    # From 2,35 the next step is 3: 75 × 0,65 / 100 = 0,4875; indicator 1 one level: 0,25.
    assert [(step.key, step.current, step.next_level, step.gain) for step in steps] == [
        (2, Decimal("2.35"), 3, Decimal("0.4875")),
        (1, 3, 4, Decimal("0.25")),
    ]
    # The goal 3,50: 2 → 3 (3,00), 1 → 4 (3,25), 2 → 4 (4,00): three steps, spread.
    plan = planner.plan_towards(levels=levels, indicators=CONVERTED, level_range=LEVELS_PEMDI, goal=Decimal("3.50"))
    assert (plan.raises, plan.steps, plan.reached) == ({2: 4, 1: 4}, 3, Decimal("4.00"))
    projected = planner.projected(levels={1: 3, 2: 3}, indicators=CONVERTED, level_range=LEVELS_PEMDI)
    assert projected.index == Decimal("3.00")
