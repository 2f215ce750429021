from decimal import Decimal
from types import SimpleNamespace

import pytest

from assessments.models import Framework
from assessments.scoring import (
    IncompleteLevels,
    IndicatorSpec,
    LevelOutOfRange,
    band_for,
    compute_index,
    compute_partial_scores,
    compute_scores,
)

LEVELS_2020 = range(1, 6)
LEVELS_2018 = range(0, 6)


def spec(number, weight, *, aspect=1, domain=1):
    return IndicatorSpec(number=number, weight=Decimal(weight), aspect=aspect, domain=domain)


def test_index_domain_and_aspect_scores_of_a_hand_worked_example():
    # (4×50 + 2×30 + 1×20) / 100 = 2.80; domain 2 = (2×30 + 1×20) / 50 = 1.60
    indicators = [
        spec(1, "50", aspect=1, domain=1),
        spec(2, "30", aspect=2, domain=2),
        spec(3, "20", aspect=3, domain=2),
    ]

    scores = compute_scores(levels={1: 4, 2: 2, 3: 1}, indicators=indicators, level_range=LEVELS_2020)

    assert scores.index == Decimal("2.80")
    assert scores.domains == {1: Decimal("4.00"), 2: Decimal("1.60")}
    assert scores.aspects == {1: Decimal("4.00"), 2: Decimal("2.00"), 3: Decimal("1.00")}


def test_index_rounds_half_up_to_two_decimals():
    # (2×12.5 + 1×87.5) / 100 = 1.125, published as 1.13
    indicators = [spec(1, "12.5"), spec(2, "87.5")]

    assert compute_scores(levels={1: 2, 2: 1}, indicators=indicators, level_range=LEVELS_2020).index == Decimal("1.13")


def test_incomplete_levels_are_refused():
    with pytest.raises(IncompleteLevels, match=r"missing indicators \[2\]"):
        compute_scores(levels={1: 3}, indicators=[spec(1, "50"), spec(2, "50")], level_range=LEVELS_2020)


def test_levels_for_unknown_indicators_are_refused():
    with pytest.raises(IncompleteLevels, match=r"unknown indicators \[9\]"):
        compute_scores(levels={1: 3, 9: 3}, indicators=[spec(1, "100")], level_range=LEVELS_2020)


@pytest.mark.parametrize("level", [0, 6, -1])
def test_levels_outside_one_to_five_are_refused(level):
    with pytest.raises(LevelOutOfRange):
        compute_scores(levels={1: level}, indicators=[spec(1, "100")], level_range=LEVELS_2020)


@pytest.mark.parametrize("level", [6, -1])
def test_levels_outside_zero_to_five_are_refused_on_the_2018_scale(level):
    with pytest.raises(LevelOutOfRange):
        compute_scores(levels={1: level}, indicators=[spec(1, "100")], level_range=LEVELS_2018)


def test_level_zero_counts_on_the_2018_scale():
    # (0×40 + 5×60) / 100 = 3.00
    scores = compute_scores(levels={1: 0, 2: 5}, indicators=[spec(1, "40"), spec(2, "60")], level_range=LEVELS_2018)

    assert scores.index == Decimal("3.00")


def test_partial_scores_count_unfilled_indicators_as_nothing_and_say_how_many_are_filled():
    # Filled: indicator 1 at 4 (weight 50), indicator 3 at 2 (weight 20); 2 is empty. (4×50 + 2×20) / 100 = 2.40;
    # domain 2 holds indicators 2 and 3: (0×30 + 2×20) / 50 = 0.80.
    indicators = [
        spec(1, "50", aspect=1, domain=1),
        spec(2, "30", aspect=2, domain=2),
        spec(3, "20", aspect=3, domain=2),
    ]

    partial = compute_partial_scores(levels={1: 4, 2: None, 3: 2}, indicators=indicators, level_range=LEVELS_2020)

    assert partial.index == Decimal("2.40")
    assert partial.domains == {1: Decimal("4.00"), 2: Decimal("0.80")}
    assert (partial.filled, partial.total, partial.complete) == (2, 3, False)


def test_partial_scores_equal_the_final_scores_once_complete():
    indicators = [spec(1, "50", aspect=1, domain=1), spec(2, "50", aspect=2, domain=1)]

    partial = compute_partial_scores(levels={1: 3, 2: 2}, indicators=indicators, level_range=LEVELS_2020)
    final = compute_scores(levels={1: 3, 2: 2}, indicators=indicators, level_range=LEVELS_2020)

    assert partial.complete
    assert (partial.index, partial.domains, partial.aspects) == (final.index, final.domains, final.aspects)


def test_partial_scores_refuse_a_level_outside_the_scale():
    with pytest.raises(LevelOutOfRange):
        compute_partial_scores(levels={1: 0}, indicators=[spec(1, "100")], level_range=LEVELS_2020)


def test_index_of_the_2020_framework_from_real_weights(reference_data):
    specs = Framework.objects.get(code="PermenPANRB-59-2020").indicator_specs()
    # Level 5 on domain 4 (Layanan SPBE, weight 45.5), level 1 elsewhere: (54.5×1 + 45.5×5) / 100 = 2.82
    levels = {item.number: 5 if item.domain == 4 else 1 for item in specs}

    scores = compute_scores(levels=levels, indicators=specs, level_range=range(1, 6))

    assert scores.index == Decimal("2.82")
    assert scores.domains == {1: Decimal("1.00"), 2: Decimal("1.00"), 3: Decimal("1.00"), 4: Decimal("5.00")}


@pytest.mark.parametrize(
    ("value", "predikat"),
    [
        ("0.00", "Kurang"),
        ("1.79", "Kurang"),
        ("1.80", "Cukup"),
        ("2.59", "Cukup"),
        ("2.60", "Baik"),
        ("3.49", "Baik"),
        ("3.50", "Sangat Baik"),
        ("4.19", "Sangat Baik"),
        ("4.20", "Memuaskan"),
        ("5.00", "Memuaskan"),
    ],
)
def test_predikat_boundaries_of_the_2020_framework(reference_data, value, predikat):
    framework = Framework.objects.get(code="PermenPANRB-59-2020")

    assert framework.predikat_for(Decimal(value)).name == predikat


def test_an_unknown_value_has_no_predikat():
    bands = [SimpleNamespace(lower_bound=Decimal("0.00"), name="Kurang")]

    assert band_for(None, bands) is None


def test_the_index_alone_is_the_index_of_the_full_scores():
    # (4×50 + 2×30 + 1×20) / 100 = 2.80, as compute_scores gives it; an entry scored three times weighs a third each.
    indicators = [spec(1, "50", aspect=1, domain=1), spec(2, "30", aspect=2, domain=2), spec(3, "20", aspect=3)]
    entries = [spec(1, "80"), IndicatorSpec(number=35, weight=Decimal("20"), aspect=2, domain=1, entries=3)]
    levels = {1: 2, (35, 1): 3, (35, 2): 0, (35, 3): 3}

    assert compute_index(levels={1: 4, 2: 2, 3: 1}, indicators=indicators, level_range=LEVELS_2020) == Decimal("2.80")
    assert compute_index(levels=levels, indicators=entries, level_range=LEVELS_2018) == Decimal("2.00")
    assert compute_scores(levels=levels, indicators=entries, level_range=LEVELS_2018).index == Decimal("2.00")


def test_the_index_alone_refuses_what_compute_scores_refuses():
    indicators = [spec(1, "50"), spec(2, "50")]

    with pytest.raises(IncompleteLevels):
        compute_index(levels={1: 3}, indicators=indicators, level_range=LEVELS_2020)
    with pytest.raises(IncompleteLevels):
        compute_index(levels={1: 3, 2: 3, 9: 3}, indicators=indicators, level_range=LEVELS_2020)
    with pytest.raises(LevelOutOfRange):
        compute_index(levels={1: 3, 2: 0}, indicators=indicators, level_range=LEVELS_2020)
