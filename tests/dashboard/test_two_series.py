"""SPBE and Pemdi are two series on every public page: no change, trend or gap across them, each value's predikat
from its own framework, every value named with its index, the national reference with its source (issue 22)."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import Framework, NationalReferenceKind
from dashboard import selectors
from regencies.models import Regency
from tests.dashboard.test_reports import pdf_text
from tests.factories import RegencyFactory, ResultFactory, TargetFactory
from tests.two_series import BOTH_WAYS, national_reference, two_series

pytestmark = pytest.mark.django_db

HOME = reverse("dashboard:home")
SLUG = "kabupaten-uji-dua-seri"
PROFILE = reverse("dashboard:regency", kwargs={"slug": SLUG})
BREAK = "indeks berbeda: SPBE → Pemdi"


def svg_of(html: str) -> str:
    start = html.index('<svg class="index-svg"')
    return html[start : html.index("</svg>", start)]


def chart_of(html: str) -> dict:
    found = re.search(r'<script id="chart-index-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


# --- the ranking ---------------------------------------------------------------------------------------------------


def test_the_ranking_of_the_first_pemdi_year_shows_no_change_from_spbe_and_says_why(client):
    data = two_series()

    ranking = selectors.ranking_for_year(year=2026)
    row = next(row for row in ranking.rows if row.regency == data.regency)
    html = client.get(HOME, {"tahun": 2026}).content.decode()

    assert row.previous is not None
    assert row.previous.value == BOTH_WAYS
    assert row.change is None  # …but not compared
    assert row.change_note == BREAK
    assert row.trend_note == BREAK
    assert BREAK in html


def test_the_ranking_header_names_the_index_and_framework_of_the_year(client):
    two_series()

    pemdi = client.get(HOME, {"tahun": 2026}).content.decode()
    spbe = client.get(HOME, {"tahun": 2025}).content.decode()

    assert "Indeks Pemerintah Digital kabupaten/kota di Nusa Tenggara Timur" in pemdi
    assert "Dinilai menurut PermenPANRB 8/2026" in pemdi
    assert "Peringkat indeks Pemdi 2026" in pemdi
    assert "Indeks SPBE kabupaten/kota di Nusa Tenggara Timur" in spbe
    assert "Dinilai menurut PermenPANRB 59/2020" in spbe


def test_the_ranking_header_shows_the_years_national_reference_with_its_source_and_none_for_pemdi(client):
    data = two_series()
    national_reference(data.spbe, 2025, "3.00", kind=NationalReferenceKind.TARGET)

    spbe = client.get(HOME, {"tahun": 2025}).content.decode()
    pemdi = client.get(HOME, {"tahun": 2026}).content.decode()

    assert "Acuan nasional 2025" in spbe
    assert "Target nasional 3,00" in spbe
    assert "Kementerian PANRB" in spbe[spbe.index("Acuan nasional 2025") :]
    pemdi_reference = pemdi[pemdi.index("Acuan nasional 2026") :]
    pemdi_reference = pemdi_reference[: pemdi_reference.index("</p>")]
    assert "belum ada data" in pemdi_reference
    assert "3,00" not in pemdi_reference  # an SPBE number is never carried over


def test_a_pemdi_value_against_an_spbe_target_of_its_year_gives_no_gap(client):
    data = two_series()
    TargetFactory(regency=data.regency, year=2026, framework=data.spbe, value=Decimal("3.00"))

    row = next(row for row in selectors.ranking_for_year(year=2026).rows if row.regency == data.regency)
    profile = selectors.regency_profile(slug=SLUG)
    line = next(line for line in profile.years if line.year == 2026)

    assert row.gap is None
    assert row.gap_note == BREAK
    assert line.gap is None
    assert line.gap_note == BREAK


def test_a_gap_within_one_series_is_computed_as_before(client):
    data = two_series()
    TargetFactory(regency=data.regency, year=2026, framework=data.pemdi, value=Decimal("3.00"))

    row = next(row for row in selectors.ranking_for_year(year=2026).rows if row.regency == data.regency)

    assert row.gap == Decimal("-0.45")


def test_the_ranking_downloads_name_the_index_and_framework_of_every_row(client):
    two_series()

    machine = client.get(HOME, {"tahun": 2026, "unduh": "csv"})
    rows = list(csv.DictReader(io.StringIO(machine.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(client.get(HOME, {"tahun": 2026, "unduh": "xlsx"}).content)).active
    header_row = next(row for row in sheet.iter_rows(values_only=True) if row and "Seri indeks" in row)
    valued = [row for row in sheet.iter_rows(values_only=True) if row and "Pemdi" in row]

    assert 'filename="peringkat-pemdi-ntt-2026.csv"' in machine["Content-Disposition"]
    valued_rows = [row for row in rows if row["indeks"]]
    assert valued_rows
    assert {(row["seri_indeks"], row["kerangka"]) for row in valued_rows} == {("Pemdi", "PermenPANRB 8/2026")}
    assert "Kerangka evaluasi" in header_row
    assert valued
    assert "PermenPANRB 8/2026" in valued[0]


# --- the profile ---------------------------------------------------------------------------------------------------


def test_the_profile_svg_and_plotly_data_have_two_series_with_a_break(client):
    two_series()

    html = client.get(PROFILE).content.decode()
    svg = svg_of(html)
    figure = chart_of(html)

    assert 'class="series series-official" data-index="SPBE"' in svg
    assert 'class="series series-official" data-index="Pemdi"' in svg
    assert "SPBE → Pemdi" in svg
    assert "<polyline" not in svg  # one value per series: no line joins 2025 to 2026
    names = [trace["name"] for trace in figure["data"]]
    assert names == ["Hasil evaluasi resmi · SPBE", "Hasil evaluasi resmi · Pemdi"]
    assert [trace["x"] for trace in figure["data"]] == [[2025], [2026]]
    breaks = [shape for shape in figure["layout"]["shapes"] if shape["type"] == "line"]
    assert [shape["x0"] for shape in breaks] == [2025.5]
    assert "SPBE → Pemdi" in [note["text"] for note in figure["layout"]["annotations"]]


def test_the_predikat_of_2_55_is_cukup_in_2025_and_baik_in_2026_on_the_profile(client):
    two_series()

    html = client.get(PROFILE).content.decode()
    table = html[html.index('<table class="data index-table">') :]
    rows = {}
    for year in (2025, 2026):
        row = table[table.index(f'<th scope="row">{year}</th>') :]
        rows[year] = row[: row.index("</tr>")]

    assert "SPBE" in rows[2025]
    assert "PermenPANRB 59/2020" in rows[2025]
    assert ">Cukup<" in rows[2025]
    assert ">Baik<" not in rows[2025]
    assert "Pemdi" in rows[2026]
    assert "PermenPANRB 8/2026" in rows[2026]
    assert ">Baik<" in rows[2026]
    assert BREAK in html  # the trend of the first Pemdi value


def test_the_profile_draws_the_national_reference_as_its_own_line_with_its_source(client):
    data = two_series(previous_years=2)
    national_reference(data.spbe, 2024, "3.12")
    national_reference(data.spbe, 2025, "3.00", kind=NationalReferenceKind.TARGET)

    html = client.get(PROFILE).content.decode()
    figure = chart_of(html)
    table = html[html.index('<table class="data index-table">') :]

    national = [trace for trace in figure["data"] if trace["name"].startswith("Indeks nasional")]
    assert [trace["y"] for trace in national] == [[3.12]]
    assert "(indeks nasional, SPBE)" in svg_of(html)
    assert "Indeks nasional 3,12" in table
    assert "Target nasional 3,00" in table
    assert "Nasional:" in table
    assert "Kementerian PANRB" in table
    row_2026 = table[table.index('<th scope="row">2026</th>') :][:2500]
    assert "belum ada data" in row_2026


def test_the_profile_download_names_the_index_of_every_year(client):
    two_series()

    text = client.get(PROFILE, {"unduh": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))

    at = rows[0].index("Seri indeks")
    assert rows[0][at + 1] == "Kerangka evaluasi"
    assert [[row[0], row[at], row[at + 1]] for row in rows[1:]] == [
        ["2025", "SPBE", "PermenPANRB 59/2020"],
        ["2026", "Pemdi", "PermenPANRB 8/2026"],
    ]


def test_the_embed_has_two_series_too(client):
    two_series()

    svg = svg_of(client.get(reverse("dashboard:embed", kwargs={"slug": SLUG})).content.decode())

    assert 'data-index="Pemdi"' in svg
    assert "SPBE → Pemdi" in svg


def test_the_comparison_names_the_index_of_each_year(client):
    data = two_series()
    other = RegencyFactory(name="Uji Pembanding", slug="kabupaten-uji-pembanding")
    ResultFactory(regency=other, year=2026, framework=data.pemdi, value=Decimal("3.10"))

    html = client.get(reverse("dashboard:compare"), {"wilayah": [SLUG, other.slug]}).content.decode()
    table = html[html.index('<table class="data compare">') :]

    assert "indeks SPBE dan indeks Pemdi tidak dibandingkan" in html
    assert 'Pemdi <span class="hint">(PermenPANRB 8/2026)</span>' in table
    assert 'SPBE <span class="hint">(PermenPANRB 59/2020)</span>' in table


# --- the API -------------------------------------------------------------------------------------------------------


def test_api_results_and_targets_carry_their_index_and_framework(client):
    data = two_series()
    TargetFactory(regency=data.regency, year=2027, framework=data.pemdi, value=Decimal("3.00"))

    results = client.get(reverse("api:results"), {"regency": data.regency.code}).json()["results"]
    targets = client.get(reverse("api:targets"), {"regency": data.regency.code}).json()["results"]
    results_csv = list(csv.DictReader(io.StringIO(client.get(reverse("api:results-csv")).content.decode())))

    assert [(row["year"], row["index"], row["framework_name"], row["predikat"]) for row in results] == [
        (2025, "SPBE", "PermenPANRB 59/2020", "Cukup"),
        (2026, "Pemdi", "PermenPANRB 8/2026", "Baik"),
    ]
    assert [(row["index"], row["framework_name"]) for row in targets] == [("Pemdi", "PermenPANRB 8/2026")]
    assert {row["index"] for row in results_csv} == {"SPBE", "Pemdi"}


def test_api_lists_the_national_references_with_their_sources(client):
    data = two_series()
    national_reference(data.spbe, 2024, "3.12")
    national_reference(data.pemdi, 2026, None)

    body = client.get(reverse("api:national-references")).json()

    assert [(row["year"], row["index"], row["kind"], row["value"]) for row in body["results"]] == [
        (2024, "SPBE", "result", 3.12),
        (2026, "Pemdi", "result", None),
    ]
    assert body["results"][0]["source"]["publisher"] == "Kementerian PANRB"


# --- queries stay fixed --------------------------------------------------------------------------------------------


def _grow(data, count: int) -> None:
    for number in range(count):
        regency = RegencyFactory()
        for year in (2023, 2024, 2025):
            ResultFactory(regency=regency, year=year, framework=data.spbe)
            TargetFactory(regency=regency, year=year, framework=data.spbe)
        ResultFactory(regency=regency, year=2026, framework=data.pemdi)
        TargetFactory(regency=regency, year=2026, framework=data.pemdi)
        national_reference(data.spbe, 2020 - number, "2.00")


def test_the_pages_run_the_same_queries_over_one_or_several_years_and_series(client, django_assert_max_num_queries):
    data = two_series(previous_years=0)
    other = RegencyFactory(slug="kabupaten-uji-pembanding")
    pages = [
        (HOME, {"tahun": 2026}),
        (PROFILE, {}),
        (reverse("dashboard:compare"), {"wilayah": [SLUG, other.slug]}),
        (reverse("api:results"), {}),
        (reverse("api:targets"), {}),
        (reverse("api:national-references"), {}),
    ]
    # Each page as before, plus every framework with its series and bands (two) and the national references (one);
    # the profile binds its results to those frameworks and so reads no bands of its own (one fewer).
    limits = [10, 10, 10, 4, 3, 3]
    for (url, query), limit in zip(pages, limits, strict=True):
        with django_assert_max_num_queries(limit):
            client.get(url, query)
    _grow(data, 6)
    for (url, query), limit in zip(pages, limits, strict=True):
        with django_assert_max_num_queries(limit):
            assert client.get(url, query).status_code == 200


# --- the PDF reports -----------------------------------------------------------------------------------------------


def test_the_pdf_reports_name_the_index_and_compute_nothing_across_series(client):
    data = two_series()
    TargetFactory(regency=data.regency, year=2026, framework=data.spbe, value=Decimal("3.00"))

    ranking = " ".join(pdf_text(client.get(reverse("dashboard:ranking_report", args=[2026]))).split())
    profile = " ".join(pdf_text(client.get(reverse("dashboard:regency_report", kwargs={"slug": SLUG}))).split())

    assert "Peringkat indeks Pemdi 2026" in ranking
    assert "Dinilai menurut PermenPANRB 8/2026" in ranking
    assert "indeks berbeda: SPBE → Pemdi" in ranking
    assert "Pemdi (PermenPANRB 8/2026)" in profile
    assert "indeks berbeda: SPBE → Pemdi" in profile  # the 2026 gap against an SPBE target
    assert "-0,45" not in profile


def test_a_secondary_copys_repository_stays_on_the_method_page(client, reference_data):
    """SOURCES.md, "What a user sees of a source": copy-level detail (a repository) on the method page only."""
    kupang = Regency.objects.get(code="53.01")
    ResultFactory(regency=kupang, year=2025, framework=Framework.objects.get(code="PermenPANRB-59-2020"))
    ranking = client.get(HOME, {"tahun": 2025}).content.decode()
    method = client.get(reverse("dashboard:method")).content.decode()

    reference = ranking[ranking.index("Acuan nasional 2025") :]
    reference = reference[: reference.index("</p>")]
    assert "2,99" in reference
    assert "salinan sekunder" in reference
    assert "GitHub" not in reference
    assert "repositori GitHub Niumination/PemdiAcehTengah" in method


def test_the_first_pemdi_years_ranking_says_once_why_it_has_no_change_or_trend(client):
    """Every row of 2026 said "indeks berbeda: SPBE → Pemdi" twice, in its change and its trend: on a phone the two
    columns pushed the gap to the target off the screen."""
    two_series()

    pemdi = client.get(HOME, {"tahun": 2026})
    spbe = client.get(HOME, {"tahun": 2025})

    assert [column.name for column in pemdi.context["table"].columns if column.name in ("change", "trend")] == []
    html = pemdi.content.decode()
    # Said once above the table; a row's folded detail (a phone's "rincian") still names its own trend.
    assert re.sub(r"<details.*?</details>", "", html, flags=re.S).count(BREAK) == 1
    assert f"Tanpa kolom perubahan dan tren tahun ini ({BREAK})" in html
    assert {"change", "trend"} <= {column.name for column in spbe.context["table"].columns}
    assert "Tanpa kolom perubahan" not in spbe.content.decode()
