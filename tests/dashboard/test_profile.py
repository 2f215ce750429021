from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ResultKind
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FollowUpFactory,
    FrameworkFactory,
    IndicatorFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    StatusFlagFactory,
    TargetFactory,
)
from tests.pages import chart_data


def profile_url(slug: str) -> str:
    return reverse("dashboard:regency", kwargs={"slug": slug})


def test_regency_page_lists_results_targets_flags_and_sources(client, reference_data):
    html = client.get(profile_url("kabupaten-kupang")).content.decode()

    assert "<h1>Kabupaten Kupang</h1>" in html
    for value in ("1,60", "1,85", "2,13", "3,86", "\u22122,01"):
        assert value in html
    assert "ANTARA" in html
    assert "Masih menyesuaikan indikator pusat" in html


def test_profile_chart_receives_results_targets_and_predikat_bands(client, reference_data):
    html = client.get(profile_url("kabupaten-kupang")).content.decode()

    figure = chart_data(html, "chart-index-data")
    # Since issue 22 the national index of those years is a third trace, named as such.
    official, target, national = figure["data"]
    assert national["name"] == "Indeks nasional (acuan)"
    assert national["y"] == [2.24, 2.34]
    assert official["x"] == [2021, 2022]
    assert official["y"] == [1.6, 1.85]
    assert target["y"] == [2.13, 3.86]
    assert [shape["y0"] for shape in figure["layout"]["shapes"]] == [0.0, 1.8, 2.6, 3.5, 4.2]
    assert 'data-chart="chart-index-data"' in html


def test_profile_loads_plotly_from_our_own_static_files(client, reference_data):
    html = client.get(profile_url("kabupaten-kupang")).content.decode()

    # Issue 26: plotly is no longer a script tag of the page; charts.js loads it from the address it carries,
    # when the person asks to explore the chart or, on a wide screen, once the page is idle.
    assert (
        '<script src="/static/js/charts.js" data-plotly="/static/vendor/plotly/plotly-basic.min.js" defer></script>'
        in html
    )
    assert '<script src="/static/vendor/plotly' not in html
    assert "<script>" not in html


def test_profile_shows_the_compliant_flag_with_its_date(client, reference_data):
    html = client.get(profile_url("kabupaten-manggarai-barat")).content.decode()

    assert "Sesuai penilaian pusat" in html
    assert "10 Februari 2025" in html
    assert "3,47" in html


def test_profile_of_a_regency_without_results_says_so_and_loads_no_chart(client, reference_data):
    html = client.get(profile_url("kabupaten-alor")).content.decode()

    assert "Belum ada hasil atau target yang dipublikasikan" in html
    assert "plotly" not in html


def test_profile_shows_not_evaluated_never_zero(client, reference_data):
    html = client.get(profile_url("kabupaten-ende")).content.decode()

    assert "tidak dievaluasi" in html
    assert "0,00" not in html


def test_self_assessment_is_drawn_apart_from_official_results(client, db):
    regency = RegencyFactory()
    framework = FrameworkFactory()
    ResultFactory(regency=regency, framework=framework, year=2022, value=Decimal("2.00"))
    ResultFactory(
        regency=regency, framework=framework, year=2023, value=Decimal("2.40"), kind=ResultKind.SELF_ASSESSMENT
    )

    figure = chart_data(client.get(profile_url(regency.slug)).content.decode(), "chart-index-data")

    names = [trace["name"] for trace in figure["data"]]
    assert names == ["Hasil evaluasi resmi", "Evaluasi mandiri"]
    assert figure["data"][1]["marker"]["symbol"] == "diamond-open"
    assert figure["data"][1]["y"] == [2.4]


def test_domain_and_aspect_scores_appear_once_when_every_indicator_is_scored(client, db):
    # Issue 21: a verified official result with levels drew its domain and aspect scores twice (a plotly chart with
    # its own table, and the indicator-level section's bars and table); they are drawn once, in that section.
    framework = FrameworkFactory()
    domain = DomainFactory(framework=framework, number=1, name="Kebijakan Internal")
    aspect = AspectFactory(domain=domain, number=1, name="Kebijakan Tata Kelola")
    indicators = [IndicatorFactory(aspect=aspect, number=n, weight=Decimal("50.00")) for n in (1, 2)]
    result = ResultFactory(framework=framework, year=2023, value=Decimal("3.50"))
    ResultLevelFactory(result=result, indicator=indicators[0], level=3)
    ResultLevelFactory(result=result, indicator=indicators[1], level=4)

    response = client.get(profile_url(result.regency.slug))

    html = response.content.decode()
    assert "chart-sub-index-data" not in html
    assert html.count("Kebijakan Internal</th>") == 1
    assert html.count('class="score-bars"') == 1
    ((_table, bars),) = response.context["level_tables"]
    assert [(bar.label, bar.value) for bar in bars.bars] == [
        ("1. Kebijakan Internal", Decimal("3.50")),
        ("1. Kebijakan Tata Kelola", Decimal("3.50")),
    ]


def test_domain_and_aspect_scores_are_left_out_when_levels_are_incomplete(client, db):
    framework = FrameworkFactory()
    aspect = AspectFactory(domain=DomainFactory(framework=framework))
    indicators = [IndicatorFactory(aspect=aspect, number=n, weight=Decimal("50.00")) for n in (1, 2)]
    result = ResultFactory(framework=framework, year=2023)
    ResultLevelFactory(result=result, indicator=indicators[0], level=3)

    response = client.get(profile_url(result.regency.slug))

    html = response.content.decode()
    assert 'class="score-bars"' not in html
    assert 'data-testid="level-scores"' not in html
    assert "Indeks domain dan aspek tidak dihitung" in html
    assert response.context["profile"].sub_indices is None


def test_unknown_regency_is_404(client, reference_data):
    assert client.get(profile_url("atlantis")).status_code == 404


def test_regency_page_queries_are_fixed(client, reference_data, django_assert_max_num_queries):
    # 10 since issue 14 (the public indicator levels; none here, so no count of indicators); 9 since issue 21, whose
    # one read of the public levels replaced the prefetch of the results' levels.
    # Issue 22: every framework with its series and bands (two) and the national references (one); the results
    # take their bands from those frameworks (one fewer).
    with django_assert_max_num_queries(11):
        client.get(profile_url("kabupaten-kupang"))


@pytest.mark.django_db
def test_profile_runs_the_same_queries_whatever_the_data_size(client, django_assert_num_queries):
    framework = FrameworkFactory()
    aspect = AspectFactory(domain=DomainFactory(framework=framework))
    indicator = IndicatorFactory(aspect=aspect, weight=Decimal("100.00"))
    regency = RegencyFactory()

    def grow(first_year, years):
        for year in range(first_year, first_year + years):
            result = ResultFactory(regency=regency, framework=framework, year=year)
            ResultLevelFactory(result=result, indicator=indicator)
            FollowUpFactory(result=result)
            ResultFactory(regency=regency, framework=framework, year=year, kind=ResultKind.SELF_ASSESSMENT)
            TargetFactory(regency=regency, year=year)
            StatusFlagFactory(regency=regency, as_of=f"{year}-06-01")

    grow(2018, 2)
    # The publication version (dashboard/cache.py) first; the last query reads the follow-ups. Since issue 14 two
    # more: the public indicator levels and, as there are some, the indicator count per framework. Since issue 21
    # two fewer: the results' levels come with the public levels, not from a prefetch and a read of the indicators.
    with django_assert_num_queries(11):
        client.get(profile_url(regency.slug))
    grow(2020, 20)
    with django_assert_num_queries(11):
        assert client.get(profile_url(regency.slug)).status_code == 200


def test_levels_that_compute_to_another_index_than_the_published_one_are_said_to_disagree(client, db):
    framework = FrameworkFactory()
    aspect = AspectFactory(domain=DomainFactory(framework=framework))
    indicators = [IndicatorFactory(aspect=aspect, number=n, weight=Decimal("50.00")) for n in (1, 2)]
    result = ResultFactory(framework=framework, year=2023, value=Decimal("2.85"))
    ResultLevelFactory(result=result, indicator=indicators[0], level=3)
    ResultLevelFactory(result=result, indicator=indicators[1], level=4)  # (150 + 200) / 100 = 3,50

    response = client.get(profile_url(result.regency.slug))

    note = "tingkat indikator resmi ini menghasilkan indeks 3,50, sedangkan indeks resmi terpublikasi tahun itu 2,85"
    assert note in response.content.decode()


def test_levels_that_agree_with_the_published_index_carry_no_note(client, db):
    framework = FrameworkFactory()
    aspect = AspectFactory(domain=DomainFactory(framework=framework))
    indicators = [IndicatorFactory(aspect=aspect, number=n, weight=Decimal("50.00")) for n in (1, 2)]
    result = ResultFactory(framework=framework, year=2023, value=Decimal("3.50"))
    ResultLevelFactory(result=result, indicator=indicators[0], level=3)
    ResultLevelFactory(result=result, indicator=indicators[1], level=4)

    response = client.get(profile_url(result.regency.slug))

    assert 'data-testid="levels-index-mismatch"' not in response.content.decode()
