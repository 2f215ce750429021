from decimal import Decimal

import pytest

from assessments.trends import MODERATE_SHARE, ON_TRACK_SHARE, TREND_LEGEND, Trend, trend_mark


def d(value: str) -> Decimal:
    return Decimal(value)


# Needed growth in these cases: from 2,00 in 2023 to a target of 3,00 in 2025 is 0,50 a year.
TARGETS = [(2025, d("3.00"))]


def test_met_when_the_last_value_reaches_the_target():
    assert trend_mark(results=[(2022, d("2.50")), (2023, d("3.00"))], targets=TARGETS) == Trend.MET


def test_on_track_when_observed_growth_equals_the_needed_growth():
    results = [(2022, d("1.50")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.ON_TRACK


def test_moderate_at_exactly_half_the_needed_growth():
    results = [(2022, d("1.75")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.MODERATE


def test_moderate_just_below_the_needed_growth():
    results = [(2022, d("1.51")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.MODERATE


def test_too_slow_just_below_half_the_needed_growth():
    # Rising, so not "stagnating": the word must not contradict the +0,24 shown beside it.
    results = [(2022, d("1.76")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.TOO_SLOW


def test_stagnating_when_the_value_does_not_change():
    results = [(2022, d("2.00")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.STAGNATING


def test_declining_when_the_value_falls():
    results = [(2022, d("2.01")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.DECLINING


def test_unknown_with_a_single_result():
    assert trend_mark(results=[(2023, d("2.00"))], targets=TARGETS) == Trend.UNKNOWN


def test_unknown_without_a_target():
    assert trend_mark(results=[(2022, d("1.00")), (2023, d("2.00"))], targets=[]) == Trend.UNKNOWN


def test_growth_is_per_year_when_results_are_years_apart():
    # 0,60 over three years is 0,20 a year: less than half of the 0,50 needed.
    results = [(2020, d("1.40")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.TOO_SLOW


def test_the_next_target_is_the_first_after_the_last_result():
    results = [(2022, d("1.50")), (2023, d("2.00"))]
    targets = [(2022, d("1.00")), (2024, d("2.50")), (2030, d("5.00"))]

    assert trend_mark(results=results, targets=targets) == Trend.ON_TRACK


def test_a_target_for_the_last_results_year_leaves_one_year_to_close_the_gap():
    # Kabupaten Kupang: 1,60 → 1,85 against 3,86 for 2022; 0,25 a year against 2,01 needed.
    results = [(2021, d("1.60")), (2022, d("1.85"))]

    assert trend_mark(results=results, targets=[(2021, d("2.13")), (2022, d("3.86"))]) == Trend.TOO_SLOW


def test_the_smallest_rise_is_too_slow_not_stagnating():
    results = [(2022, d("1.99")), (2023, d("2.00"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.TOO_SLOW


def test_results_are_read_in_year_order_whatever_the_input_order():
    results = [(2023, d("2.00")), (2022, d("1.50"))]

    assert trend_mark(results=results, targets=TARGETS) == Trend.ON_TRACK


def test_thresholds_are_ordered():
    assert ON_TRACK_SHARE > MODERATE_SHARE > 0


@pytest.mark.parametrize("trend", list(Trend))
def test_every_trend_has_a_legend_entry(trend):
    assert TREND_LEGEND[trend].label
    assert TREND_LEGEND[trend].explanation
