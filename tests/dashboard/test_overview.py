from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import ReviewState
from tests.entry_helpers import build_scenario
from tests.factories import (
    FrameworkFactory,
    RegencyFactory,
    ResultFactory,
    StaffUserFactory,
    TargetFactory,
    UserFactory,
    regency_admin,
)
from tests.pages import chart_data

OVERVIEW = reverse("dashboard:overview")


@pytest.fixture
def signed_in(client, db):
    client.force_login(StaffUserFactory())
    return client


def test_overview_sends_anonymous_visitors_to_the_login(client, db):
    response = client.get(OVERVIEW)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_overview_is_refused_to_a_regency_admin(client, db):
    client.force_login(regency_admin())

    assert client.get(OVERVIEW).status_code == 403


def test_overview_is_refused_to_an_account_without_a_role(client, db):
    client.force_login(UserFactory())

    assert client.get(OVERVIEW).status_code == 403


def test_overview_heat_table_colours_each_value_by_predikat(signed_in, reference_data):
    html = signed_in.get(OVERVIEW).content.decode()

    heat = html[html.index('class="data heat"') :]
    kupang = heat[heat.index(">Kabupaten Kupang</a>") : heat.index("</tr>", heat.index(">Kabupaten Kupang</a>"))]
    assert 'style="--band: #f9d38c">1,85 <span class="heat-name">Cukup</span>' in kupang
    assert "tidak dievaluasi" in heat[heat.index(">Kabupaten Ende</a>") :]


def test_overview_counts_predikat_per_year(signed_in, reference_data):
    response = signed_in.get(OVERVIEW)

    counts = response.context["overview"].predikat_counts
    assert counts[2022] == {"Cukup": 2}
    assert counts[2023] == {"Baik": 2}
    assert counts[2024] == {"Baik": 1}
    assert response.context["overview"].not_evaluated_counts == {2022: 1}


def test_overview_counts_chart_stacks_the_bands_per_year(signed_in, reference_data):
    html = signed_in.get(OVERVIEW).content.decode()

    figure = chart_data(html, "chart-counts-data")
    assert figure["layout"]["barmode"] == "stack"
    cukup = next(trace for trace in figure["data"] if trace["name"] == "Cukup")
    assert cukup["x"] == [2021, 2022, 2023, 2024]
    assert cukup["y"] == [0, 2, 0, 0]


def test_overview_lists_regencies_behind_target_sorted_by_gap(signed_in, db):
    framework = FrameworkFactory()
    near, far, ahead = RegencyFactory(name="Dekat"), RegencyFactory(name="Jauh"), RegencyFactory(name="Depan")
    for regency, value in ((near, "2.90"), (far, "1.50"), (ahead, "3.20")):
        ResultFactory(regency=regency, framework=framework, year=2023, value=Decimal(value))
        TargetFactory(regency=regency, year=2023, value=Decimal("3.00"))

    behind = signed_in.get(OVERVIEW).context["overview"].behind_target

    assert [row.regency.name for row in behind] == ["Jauh", "Dekat"]
    assert [row.gap for row in behind] == [Decimal("-1.50"), Decimal("-0.10")]


def test_overview_shows_kupang_behind_its_2022_target_when_2022_is_the_latest_year(signed_in, reference_data):
    from assessments.models import Result

    Result.objects.filter(year__gt=2022).delete()

    html = signed_in.get(OVERVIEW).content.decode()

    behind = html[html.index("Tertinggal dari target (2022)") :]
    assert "Kabupaten Kupang" in behind
    assert "\u22122,01" in behind


def test_overview_shows_the_province_value_over_time(signed_in, reference_data):
    html = signed_in.get(OVERVIEW).content.decode()

    assert 'data-chart="chart-province-data"' in html
    assert "3,35" in html[html.index("<h2>Provinsi Nusa Tenggara Timur</h2>") :]


def test_overview_counts_what_waits_for_verification(signed_in, db):
    ResultFactory(state=ReviewState.SUBMITTED, year=2024, value=Decimal("2.10"))
    ResultFactory(state=ReviewState.DRAFT, year=2024)
    TargetFactory(state=ReviewState.SUBMITTED, year=2025)

    response = signed_in.get(OVERVIEW)

    assert response.context["overview"].waiting_count == 2
    assert "2,10" in response.content.decode()


@pytest.mark.django_db
def test_overview_runs_the_same_queries_whatever_the_data_size(signed_in, django_assert_num_queries):
    client = signed_in
    framework = FrameworkFactory()

    def grow(regency_count):
        for _ in range(regency_count):
            regency = RegencyFactory()
            for year in (2021, 2022, 2023):
                ResultFactory(regency=regency, year=year, framework=framework)
                TargetFactory(regency=regency, year=year)
            ResultFactory(regency=regency, year=2024, framework=framework, state=ReviewState.SUBMITTED)

    grow(2)
    # Session, user, staff group, the queue (two), the header's waiting count (results, targets on their own and
    # related values in one query, issue 23), the publication version, then the published part: regencies,
    # results with their bands, targets.
    # Issue 22: every framework with its series and bands (two): who is behind a target of the same index; issue 23:
    # the header's waiting count (one).
    with django_assert_num_queries(13):
        client.get(OVERVIEW)
    grow(20)
    with django_assert_num_queries(13):
        assert client.get(OVERVIEW).status_code == 200
    # Until the next publication the published part comes from the cache.
    with django_assert_num_queries(7):
        assert client.get(OVERVIEW).status_code == 200


@pytest.mark.django_db
def test_the_cached_overview_changes_with_a_verify_and_its_queue_is_always_fresh(client):
    scenario = build_scenario()
    client.force_login(scenario.staff)
    before = client.get(OVERVIEW).content.decode()
    assert "2,40" in before  # waiting
    assert before.count("2,40") == 1

    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    after = client.get(OVERVIEW)
    assert after.context["waiting_count"] == 0
    assert "heat-cell" in after.content.decode()
    assert "2,40" in after.content.decode()  # now in the heat table
