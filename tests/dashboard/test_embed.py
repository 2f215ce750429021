"""The embeddable chart of one regency: the only page another site may frame, and only with published data."""

import html as html_module
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ResultKind, ReviewState
from regencies.models import Regency
from tests.factories import (
    FrameworkFactory,
    RegencyFactory,
    ResultFactory,
    StatusFlagFactory,
    TargetFactory,
    regency_admin,
)
from tests.pages import chart_data


def embed_url(slug: str) -> str:
    return reverse("dashboard:embed", kwargs={"slug": slug})


def test_embed_draws_the_same_index_chart_as_the_profile(client, reference_data):
    embedded = client.get(embed_url("kabupaten-kupang")).content.decode()
    profile = client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()

    assert chart_data(embedded, "chart-index-data") == chart_data(profile, "chart-index-data")
    assert chart_data(embedded, "chart-index-data")["data"][0]["y"] == [1.6, 1.85]


def test_embed_names_the_regency_its_source_and_links_back_to_the_profile(client, reference_data):
    html = client.get(embed_url("kabupaten-kupang")).content.decode()

    assert "Kabupaten Kupang" in html
    assert "Sumber:" in html
    assert '<a href="/wilayah/kabupaten-kupang/" target="_blank" rel="noopener">' in html
    assert "ANTARA" in html


def test_embed_keeps_the_numbers_in_a_closed_table_under_the_chart(client, reference_data):
    html = client.get(embed_url("kabupaten-kupang")).content.decode()

    table = html[html.index('<details class="chart-table">') :]
    assert table.index("<table") < table.index("</details>")
    for value in ("1,60", "1,85", "2,13", "3,86"):
        assert value in table


def test_embed_loads_plotly_from_our_static_files_and_runs_no_inline_script(client, reference_data):
    html = client.get(embed_url("kabupaten-kupang")).content.decode()

    # Issue 26: plotly is no longer a script tag of the page; charts.js loads it from the address it carries,
    # when the person asks to explore the chart or, on a wide screen, once the page is idle.
    assert (
        '<script src="/static/js/charts.js" data-plotly="/static/vendor/plotly/plotly-basic.min.js" defer></script>'
        in html
    )
    assert '<script src="/static/vendor/plotly' not in html
    assert "<script>" not in html


def test_embed_has_no_form_to_trick_a_reader_into(client, reference_data):
    html = client.get(embed_url("kabupaten-kupang")).content.decode()

    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html


def test_embed_may_be_framed_by_any_site(client, reference_data):
    response = client.get(embed_url("kabupaten-kupang"))

    assert "X-Frame-Options" not in response.headers
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "'none'" not in next(part for part in policy.split(";") if "frame-ancestors" in part)
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe" not in script_src


@pytest.mark.parametrize(
    "url",
    ["/", "/wilayah/kabupaten-kupang/", "/metode/", "/akun/masuk/", "/api/v1/results/", "/healthz"],
)
def test_every_other_page_refuses_to_be_framed(client, reference_data, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED])
def test_embed_never_shows_unpublished_values_even_to_the_regencys_admin(client, reference_data, state):
    kupang = Regency.objects.get(code="53.01")
    framework = kupang.results.first().framework
    ResultFactory(regency=kupang, year=2024, framework=framework, value=Decimal("4.44"), source=None, state=state)
    TargetFactory(regency=kupang, year=2024, value=Decimal("4.77"), source=None, state=state)
    client.force_login(regency_admin(kupang))

    html = client.get(embed_url(kupang.slug)).content.decode()

    for hidden in ("4,44", "4.44", "4,77", "4.77"):
        assert hidden not in html
    assert "1,85" in html


def test_embed_without_published_data_says_so_and_loads_no_chart(client, reference_data):
    html = client.get(embed_url("kabupaten-alor")).content.decode()

    assert "Belum ada hasil atau target yang dipublikasikan" in html
    assert "plotly" not in html


def test_embed_of_an_unknown_regency_is_404(client, reference_data):
    assert client.get(embed_url("atlantis")).status_code == 404


def test_profile_offers_the_iframe_code_to_copy(client, reference_data):
    html = client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()

    snippet = html[html.index('<details class="embed-code">') :]
    code = html_module.unescape(snippet[snippet.index("<code>") + 6 : snippet.index("</code>")])
    assert code.startswith('<iframe src="http://testserver/wilayah/kabupaten-kupang/embed/"')
    assert code.endswith("></iframe>")


@pytest.mark.django_db
def test_embed_runs_the_same_queries_whatever_the_data_size(client, django_assert_num_queries):
    framework = FrameworkFactory()
    regency = RegencyFactory()

    def grow(first_year, years):
        for year in range(first_year, first_year + years):
            ResultFactory(regency=regency, framework=framework, year=year)
            ResultFactory(regency=regency, framework=framework, year=year, kind=ResultKind.SELF_ASSESSMENT)
            ResultFactory(regency=regency, framework=framework, year=year, value=None, evaluated=False, state="draft")
            TargetFactory(regency=regency, year=year)
            StatusFlagFactory(regency=regency, as_of=f"{year}-06-01")

    grow(2018, 2)
    # Issue 22: every framework with its series and bands (two) and the national references (one); the results
    # take their bands from those frameworks (one fewer).
    with django_assert_num_queries(8):
        client.get(embed_url(regency.slug))
    grow(2020, 20)
    with django_assert_num_queries(8):
        assert client.get(embed_url(regency.slug)).status_code == 200
