"""The province's 3,30 for 2024 is an interim score (status=provisional in the reference file): shown marked
"sementara" with its source, never ranked, charted or counted as the year's official result."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ResultKind
from tests.dashboard.test_reports import pdf_text
from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory, StaffUserFactory
from tests.pages import chart_data

HOME = reverse("dashboard:home")
PROVINCE = reverse("dashboard:regency", kwargs={"slug": "provinsi-nusa-tenggara-timur"})
SIMANTU = "https://simantu.nttprov.go.id/berita/view/rapat-bersama-antara-tim-asessor-internal-spbe"


def province_reference(html: str) -> str:
    start = html.index('class="province-reference"')
    return html[start : html.index("</p>", start)]


def test_the_2024_ranking_shows_the_province_value_as_provisional_with_its_source(client, reference_data):
    html = client.get(HOME, {"tahun": 2024}).content.decode()

    reference = province_reference(html)
    assert "belum ada data" in reference
    assert "nilai sementara 3,30" in reference
    assert "bukan hasil resmi, tidak diperingkat" in reference
    assert SIMANTU in reference
    assert "Pemerintah Provinsi NTT" in reference


def test_the_provisional_value_is_not_among_the_2024_official_figures(client, reference_data):
    response = client.get(HOME, {"tahun": 2024})
    ranking = response.context["ranking"]

    assert ranking.province.result is None
    assert ranking.province.value is None
    assert ranking.province.predikat is None
    assert ranking.valued_count == 1
    assert [row.value for row in ranking.rows if row.has_value] == [Decimal("3.47")]
    html = response.content.decode()
    assert "3,30" not in html[html.index("<tbody>") : html.index("</tbody>")]


def test_the_profile_marks_the_2024_value_sementara_and_does_not_chart_it(client, reference_data):
    html = client.get(PROVINCE).content.decode()

    table = html[html.index('id="index-table-caption"') : html.index("</table>")]
    row_2024 = table[table.index('<th scope="row">2024</th>') :]
    row_2024 = row_2024[: row_2024.index("</tr>")]
    assert "nilai sementara 3,30" in row_2024
    assert SIMANTU in row_2024
    # Not in the self-assessment column, where non-official results used to land.
    # The fourth cell since issue 22 put the year's index and framework second.
    self_cell = row_2024.split("<td")[4]
    assert "3,30" not in self_cell
    assert "belum ada data" in self_cell
    figure = chart_data(html, "chart-index-data")
    # The national index of 2024 (its own trace since issue 22) is drawn; the province's interim value is not.
    regency_traces = [trace for trace in figure["data"] if not trace["name"].startswith("Indeks nasional")]
    assert all(2024 not in trace["x"] for trace in regency_traces)


def test_the_overview_neither_counts_nor_lists_the_provisional_value(client, reference_data):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("dashboard:overview"))

    overview = response.context["overview"]
    assert [result.year for result in overview.province_results] == [2022]
    # Manggarai Barat's 3,47 alone.
    assert overview.predikat_counts[2024] == {"Baik": 1}
    assert "3,30" not in response.content.decode()


@pytest.mark.django_db
def test_a_regency_with_only_a_provisional_value_is_not_ranked(client):
    framework = FrameworkFactory()
    ResultFactory(year=2023, framework=framework, value=Decimal("2.00"))
    regency = RegencyFactory()
    ResultFactory(regency=regency, year=2023, framework=framework, kind=ResultKind.PROVISIONAL, value=Decimal("4.00"))

    ranking = client.get(HOME, {"tahun": 2023}).context["ranking"]

    row = next(row for row in ranking.rows if row.regency == regency)
    assert row.rank is None
    assert row.value is None
    assert row.provisional.value == Decimal("4.00")
    assert ranking.valued_count == 1


def test_the_pdf_reports_mark_the_2024_value_sementara(client, reference_data):
    ranking = pdf_text(client.get(reverse("dashboard:ranking_report", args=[2024])))
    profile = pdf_text(client.get(reverse("dashboard:regency_report", kwargs={"slug": "provinsi-nusa-tenggara-timur"})))

    for text in (ranking, profile):
        assert "nilai sementara 3,30" in text
        assert "Pemerintah Provinsi NTT" in text
