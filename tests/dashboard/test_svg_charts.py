"""The server-drawn charts share one core (dashboard/svg_charts.py): years across with half a year of room on each
side, values on a linear axis from 0, coordinates with a decimal point. Pure geometry, no database."""

from decimal import Decimal
from types import SimpleNamespace

from dashboard import svg_charts
from dashboard.svg_charts import INDEX_FRAME, RELATED_FRAME, ValueAxis, YearAxis

CUTS = (("Kurang", "0"), ("Cukup", "1.8"), ("Baik", "2.6"), ("Sangat Baik", "3.5"), ("Memuaskan", "4.2"))
BANDS = [SimpleNamespace(name=name, color="#eee", lower_bound=Decimal(lower)) for name, lower in CUTS]


def fact(year, value, *, target=False, source="ANTARA"):
    return SimpleNamespace(year=year, value=Decimal(value), is_target=target, source_title=source)


def test_years_sit_in_the_middle_of_equal_steps():
    axis = YearAxis([2023, 2021, 2022], start=0, end=300)

    assert [axis(year) for year in (2021, 2022, 2023)] == [50, 150, 250]
    assert [tick.label for tick in axis.ticks()] == [2021, 2022, 2023]


def test_values_run_from_zero_to_the_top_either_way():
    upwards = ValueAxis(Decimal(5), zero=240, full=10)
    rightwards = ValueAxis(Decimal(100), zero=4, full=104)

    assert upwards(Decimal(0)) == 240
    assert upwards(Decimal(5)) == 10
    assert rightwards(Decimal(25)) == 29
    assert [tick.at for tick in upwards.ticks([0, 5])] == ["240.0", "10.0"]


def test_the_index_chart_draws_each_series_and_lists_official_results_first():
    svg = svg_charts.index_history_svg(
        official=[(2021, Decimal("1.60")), (2022, Decimal("1.85"))],
        self_assessed=[(2022, Decimal("2.10"))],
        targets=[(2021, Decimal("2.13")), (2022, Decimal("3.86"))],
        bands=BANDS,
    )

    assert [line.key for line in svg.series] == ["target", "self", "official"]  # official drawn on top
    assert [line.key for line in svg.legend] == ["official", "self", "target"]
    official = svg.series[-1]
    assert float(official.points[1].y) < float(official.points[0].y)  # 1,85 above 1,60
    assert [band.name for band in svg.bands] == ["Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"]
    assert svg.y_ticks[0].at == f"{INDEX_FRAME.plot_bottom:.1f}"
    assert [tick.label for tick in svg.x_ticks] == [2021, 2022]


def test_no_index_chart_without_a_single_value():
    assert svg_charts.index_history_svg(official=[], self_assessed=[], targets=[], bands=BANDS) is None


def test_a_related_index_is_drawn_on_its_own_scale_with_both_sources_of_a_year():
    svg = svg_charts.related_index_svg(
        facts=[
            fact(2023, "64.59"),
            fact(2024, "69.19"),
            fact(2024, "70", source="other"),
            fact(2024, "64.26", target=True),
        ],
        scale="0–100",
    )

    assert svg.y_ticks[-1].label == Decimal(100)
    assert svg.y_ticks[0].at == f"{RELATED_FRAME.plot_bottom:.1f}"
    assert [(mark.year, mark.first_of_year) for mark in svg.values] == [(2023, True), (2024, True), (2024, False)]
    assert len(svg.path.split()) == 2  # the line joins the first source of each year
    assert [mark.value for mark in svg.targets] == [Decimal("64.26")]


def test_a_related_index_with_one_year_has_no_chart():
    assert svg_charts.related_index_svg(facts=[fact(2025, "4.02"), fact(2025, "4.002")], scale="0–5") is None


def test_scale_max_reads_the_stated_scale():
    assert svg_charts.scale_max("0–5, dengan kategori huruf", []) == Decimal(5)
    assert svg_charts.scale_max("persen, dengan kategori", []) == Decimal(100)
    assert svg_charts.scale_max("", [Decimal("37")]) == Decimal(40)


def test_bars_run_from_the_left_edge_in_proportion_to_the_score():
    bars = svg_charts.score_bars(
        domains=[("1. Kebijakan Internal", Decimal("5")), ("2. Tata Kelola", None)],
        aspects=[("1. Kebijakan", Decimal("2.5"))],
    )

    assert [(bar.group, bar.width) for bar in bars.bars] == [("domain", "316.0"), ("aspect", "158.0")]
    assert [tick.x for tick in bars.ticks] == ["4.0", "67.2", "130.4", "193.6", "256.8", "320.0"]
    assert bars.height == 2 * svg_charts.ROW_HEIGHT + 4


def test_no_bars_without_a_score():
    assert svg_charts.score_bars(domains=[("1. Kebijakan Internal", None)], aspects=[]) is None
