import json
from decimal import Decimal

import pytest
from django.utils import translation

from dashboard.charts import index_history_figure, predikat_counts_figure
from dashboard.svg_charts import BARS_LEFT, BARS_RIGHT, BARS_WIDTH, score_bars
from tests.factories import STANDARD_BANDS

PLOT_WIDTH = BARS_WIDTH - BARS_LEFT - BARS_RIGHT


class Band:
    def __init__(self, name, lower_bound, color):
        self.name, self.lower_bound, self.color = name, Decimal(lower_bound), color


BANDS = [Band(*band) for band in STANDARD_BANDS]


def test_index_history_draws_results_and_targets_as_floats():
    figure = index_history_figure(
        official=[(2021, Decimal("1.60")), (2022, Decimal("1.85"))],
        self_assessed=[],
        targets=[(2021, Decimal("2.13")), (2022, Decimal("3.86"))],
        bands=BANDS,
    )

    assert [trace["name"] for trace in figure["data"]] == ["Hasil evaluasi resmi", "Target"]
    assert figure["data"][0]["y"] == [1.6, 1.85]
    assert figure["data"][1]["line"]["dash"] == "dash"
    assert figure["layout"]["xaxis"]["tickvals"] == [2021, 2022]
    json.dumps(figure)


def test_index_history_puts_one_background_band_per_predikat_up_to_five():
    figure = index_history_figure(official=[(2022, Decimal("2.00"))], self_assessed=[], targets=[], bands=BANDS)

    shapes = figure["layout"]["shapes"]
    assert [(shape["y0"], shape["y1"]) for shape in shapes] == [(0, 1.8), (1.8, 2.6), (2.6, 3.5), (3.5, 4.2), (4.2, 5)]
    assert [shape["fillcolor"] for shape in shapes] == [color for _name, _bound, color in STANDARD_BANDS]
    assert all(shape["layer"] == "below" for shape in shapes)
    assert [note["text"] for note in figure["layout"]["annotations"]] == [name for name, *_ in STANDARD_BANDS]


def test_self_assessment_gets_its_own_dotted_trace():
    figure = index_history_figure(
        official=[(2022, Decimal("2.00"))], self_assessed=[(2023, Decimal("2.50"))], targets=[], bands=BANDS
    )

    self_trace = figure["data"][1]
    assert self_trace["name"] == "Evaluasi mandiri"
    assert self_trace["line"]["dash"] == "dot"
    assert self_trace["marker"]["symbol"] == "diamond-open"


@pytest.mark.parametrize(("language", "separators"), [("id", ",."), ("en", ".,")])
def test_charts_use_the_readers_decimal_mark(language, separators):
    with translation.override(language):
        figure = index_history_figure(official=[(2022, Decimal("2.00"))], self_assessed=[], targets=[], bands=BANDS)

    assert figure["layout"]["separators"] == separators


def test_charts_carry_no_heavy_default_template():
    figure = index_history_figure(official=[(2022, Decimal("2.00"))], self_assessed=[], targets=[], bands=BANDS)

    assert len(json.dumps(figure["layout"]["template"])) < 200


def test_predikat_counts_are_stacked_in_band_colours_with_zero_for_missing_years():
    figure = predikat_counts_figure(years=[2022, 2023], counts={2022: {"Cukup": 2}, 2023: {"Baik": 1}}, bands=BANDS)

    assert figure["layout"]["barmode"] == "stack"
    by_name = {trace["name"]: trace for trace in figure["data"]}
    assert by_name["Cukup"]["y"] == [2, 0]
    assert by_name["Baik"]["y"] == [0, 1]
    assert by_name["Baik"]["marker"]["color"] == "#d4e79e"


def test_the_domain_and_aspect_bars_list_domains_then_aspects():
    # The profile's one drawing of domain and aspect scores (the plotly copy of it was removed in issue 21).
    bars = score_bars(
        domains=[("1. Kebijakan", Decimal("3.00"))],
        aspects=[("1. Tata Kelola", Decimal("2.50")), ("2. Layanan", Decimal("3.50"))],
    )

    assert [(bar.group, bar.label) for bar in bars.bars] == [
        ("domain", "1. Kebijakan"),
        ("aspect", "1. Tata Kelola"),
        ("aspect", "2. Layanan"),
    ]
    assert [bar.width for bar in bars.bars[1:]] == [f"{PLOT_WIDTH * 2.5 / 5:.1f}", f"{PLOT_WIDTH * 3.5 / 5:.1f}"]
