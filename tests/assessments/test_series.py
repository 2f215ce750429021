"""The one series helper (assessments/series.py): values split into runs per index series, and a change, trend or
gap only between values of comparable frameworks."""

from decimal import Decimal

import pytest

from assessments import series
from assessments.trends import Trend
from tests.two_series import BOTH_WAYS, two_series

pytestmark = pytest.mark.django_db


def test_the_values_of_two_series_are_two_runs_each_with_its_framework():
    data = two_series(previous_years=3)
    frameworks = series.Frameworks.read()
    values = [frameworks.valued(year, Decimal("2.00"), framework_id=None) for year in (2023, 2024, 2025, 2026)]

    runs = series.runs(values)

    assert [(run.series.short_name, run.first_year, run.last_year) for run in runs] == [
        ("SPBE", 2023, 2025),
        ("Pemdi", 2026, 2026),
    ]
    assert runs[0].framework == data.spbe
    assert runs[1].framework == data.pemdi


def test_no_change_or_gap_across_series_and_the_reason_in_a_few_words():
    data = two_series()
    frameworks = series.Frameworks.read()
    spbe_2025 = frameworks.valued(2025, Decimal("2.40"))
    pemdi_2026 = frameworks.valued(2026, Decimal("2.55"))
    spbe_target_2026 = frameworks.valued(2026, Decimal("3.00"), framework_id=data.spbe.pk)

    assert series.change(spbe_2025, pemdi_2026) is None
    assert series.gap(pemdi_2026, spbe_target_2026) is None
    assert series.break_reason(data.spbe, data.pemdi) == "indeks berbeda: SPBE → Pemdi"
    assert series.change(frameworks.valued(2024, Decimal("2.00")), spbe_2025) == Decimal("0.40")
    assert series.break_reason(data.spbe, data.spbe) == ""


def test_the_predikat_of_a_value_comes_from_its_own_frameworks_bands():
    two_series()
    frameworks = series.Frameworks.read()

    assert frameworks.valued(2025, BOTH_WAYS).predikat.name == "Cukup"
    assert frameworks.valued(2026, BOTH_WAYS).predikat.name == "Baik"


def test_a_first_value_of_a_new_series_has_no_trend_and_says_why():
    data = two_series(previous_years=2)
    frameworks = series.Frameworks.read()
    results = [frameworks.valued(year, value) for year, value in ((2024, Decimal("2.00")), (2025, Decimal("2.55")))]
    pemdi = frameworks.valued(2026, Decimal("2.80"))
    targets = [frameworks.valued(2026, Decimal("3.50"), framework_id=data.spbe.pk)]

    assert series.trend([*results, pemdi], targets) == Trend.UNKNOWN
    assert series.trend_break([*results, pemdi]) == "indeks berbeda: SPBE → Pemdi"
    # Within SPBE the trend is read as before, against the SPBE target.
    assert series.trend(results, [frameworks.valued(2025, Decimal("3.00"))]) != Trend.UNKNOWN
    assert series.trend_break(results) == ""


def test_segments_split_the_years_where_the_series_in_force_changes():
    two_series()
    frameworks = series.Frameworks.read()

    segments = frameworks.segments([2022, 2023, 2025, 2026, 2027])

    assert [(segment.label, segment.first_year, segment.last_year) for segment in segments] == [
        ("SPBE", 2022, 2025),
        ("Pemdi", 2026, 2027),
    ]
    assert next(band.name for band in segments[1].bands) == "Kurang"
    assert segments[1].bands[1].lower_bound == Decimal("1.50")


def test_every_framework_is_read_in_two_queries_and_looked_up_without_more(django_assert_num_queries):
    two_series()
    with django_assert_num_queries(2):
        frameworks = series.Frameworks.read()
        for year in range(2021, 2030):
            valued = frameworks.valued(year, Decimal("2.00"))
            assert valued.predikat is not None
            assert valued.series.short_name in ("SPBE", "Pemdi")
