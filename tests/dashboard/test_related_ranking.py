"""The ranking switched to a related index (`/?indeks=ipp&tahun=2025`): each kabupaten/kota's stated values with
their categories as written and their sources, no predikat, both sources where they differ, coverage said."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.models import ReviewState
from tests.factories import IndexFamilyFactory, RegencyFactory, RelatedIndexValueFactory

HOME = reverse("dashboard:home")


def table_of(html: str) -> str:
    return html[html.index('id="related-caption"') : html.index("</table>")]


def rows_of(html: str) -> list[str]:
    return table_of(html).split("<tr")[2:]


def test_ipp_2025_lists_every_regency_with_its_stated_value_category_and_source(client, reference_data):
    response = client.get(HOME, {"indeks": "ipp", "tahun": 2025})
    html = response.content.decode()
    table = table_of(html)

    assert response.status_code == 200
    # Kota Kupang's two sources both, marked; the others as their source states them.
    assert ">4,02<" in table
    assert ">4,002<" in table
    assert "Sangat Baik (A-)" in table
    assert ">A<" in table
    assert table.count("sumber berbeda") == 1
    assert "D (Kurang baik)" in table
    assert ">1,97<" in table
    assert ">3,27<" in table
    assert ">2,43<" in table
    assert "timurtoday.id article on the PEKPPP 2025 results (title not read)" in table
    assert "Media Indonesia" in table
    # 18 kabupaten/kota have no IPP 2025 value: "belum ada data", never 0.
    assert table.count("belum ada data") == 18
    assert "nilai terpublikasi: 4 dari 22 kabupaten/kota" in html
    # No predikat band is derived for a related index.
    assert "badge" not in table
    # Highest stated value first.
    assert rows_of(html)[0].count("Kota Kupang") == 1


def test_the_year_picker_and_the_switch_offer_only_what_has_values(client, reference_data):
    html = client.get(HOME, {"indeks": "ipp"}).content.decode()
    picker = html[html.index('id="id_tahun"') : html.index("</select>")]

    assert "2025 (4 dari 22 bernilai)" in picker
    assert "2024 (1 dari 22 bernilai)" in picker
    assert picker.count("<option") == 2
    switch = html[html.index('class="index-switch"') :]
    switch = switch[: switch.index("</nav>")]
    assert [code for code in ("SPBE", ">RB<", ">IPP<", ">KIP<") if code in switch] == ["SPBE", ">RB<", ">IPP<", ">KIP<"]
    assert 'aria-current="page">IPP' in switch


def test_the_spbe_ranking_offers_the_switch(client, reference_data):
    html = client.get(HOME).content.decode()

    assert f'href="{HOME}?indeks=ipp#peringkat"' in html
    assert 'aria-current="page">SPBE' in html


@pytest.mark.parametrize(
    "params", [{"indeks": "xyz"}, {"indeks": "ipp", "tahun": 2019}, {"indeks": "ipp", "tahun": "20x5"}]
)
def test_an_unknown_index_or_a_year_without_values_is_404(client, reference_data, params):
    assert client.get(HOME, params).status_code == 404


@pytest.mark.django_db
def test_an_index_with_only_unverified_values_is_not_offered(client):
    RelatedIndexValueFactory(family=IndexFamilyFactory(code="RB"), state=ReviewState.SUBMITTED)

    assert client.get(HOME, {"indeks": "rb"}).status_code == 404


def test_kip_2023_shows_categories_without_values_and_rb_2024_the_target(client, reference_data):
    kip = table_of(client.get(HOME, {"indeks": "kip", "tahun": 2023}).content.decode())
    rb = client.get(HOME, {"indeks": "rb", "tahun": 2024}).content.decode()

    assert "Cukup Informatif" in kip
    assert ">79,9<" in kip
    assert ">Informatif<" in kip
    assert ">69,19<" in table_of(rb)
    assert ">64,26" in table_of(rb)  # Kabupaten Kupang's target beside "belum ada data"
    assert "nilai terpublikasi: 1 dari 22 kabupaten/kota" in rb


def test_province_values_are_a_reference_line_not_a_row(client, reference_data):
    html = client.get(HOME, {"indeks": "rb", "tahun": 2018}).content.decode()

    assert "60,15" in html[html.index('class="province-reference"') : html.index('id="cakupan"')]
    assert "60,15" not in table_of(html)
    assert "nilai terpublikasi: 0 dari 22 kabupaten/kota" in html


def grow(size: int) -> None:
    family = IndexFamilyFactory(code="IPP")
    for index in range(size):
        regency = RegencyFactory()
        RelatedIndexValueFactory(family=family, regency=regency, year=2025, value=Decimal("3.1") + index)
        RelatedIndexValueFactory(family=family, regency=regency, year=2024, category="B", value=None)


@pytest.mark.django_db
def test_the_page_and_its_download_run_the_same_queries_whatever_the_size(client, django_assert_num_queries):
    grow(3)
    # The publication version, the regencies, the facts.
    with django_assert_num_queries(3):
        assert client.get(HOME, {"indeks": "ipp", "tahun": 2025}).status_code == 200
    grow(30)
    with django_assert_num_queries(3):
        assert client.get(HOME, {"indeks": "ipp", "tahun": 2024}).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(HOME, {"indeks": "ipp", "unduh": "xlsx"}).status_code == 200


def test_the_page_is_served_from_the_publication_cache(client, reference_data, django_assert_max_num_queries):
    client.get(HOME, {"indeks": "ipp", "tahun": 2025})
    with django_assert_max_num_queries(1):
        assert client.get(HOME, {"indeks": "ipp", "tahun": 2025}).status_code == 200


def test_the_downloads_carry_each_stated_value_with_its_category_and_source(client, reference_data):
    response = client.get(HOME, {"indeks": "ipp", "tahun": 2025, "unduh": "csv"})
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    kota = [line for line in lines if line["kode_kemendagri"] == "53.71"]

    assert response["Content-Disposition"] == 'attachment; filename="indeks-ipp-ntt-2025.csv"'
    assert sorted((line["nilai"], line["kategori_seperti_tertulis"], line["sumber_berbeda"]) for line in kota) == [
        ("4.002", "A", "ya"),
        ("4.02", "Sangat Baik (A-)", "ya"),
    ]
    assert all(line["sumber"] for line in kota)
    assert sum(line["jenis_nilai"] == "belum ada data" for line in lines) == 18
    assert "predikat" not in lines[0]

    excel = client.get(HOME, {"indeks": "ipp", "tahun": 2025, "unduh": "csv-excel"}).content.decode("utf-8-sig")
    assert "4,002" in excel
    assert "Sangat Baik (A-)" in excel
    assert "sumber berbeda" in excel

    workbook = load_workbook(io.BytesIO(client.get(HOME, {"indeks": "ipp", "tahun": 2025, "unduh": "xlsx"}).content))
    values = [row for row in workbook.active.iter_rows(min_row=2, values_only=True) if row[3] == "53.71"]
    assert sorted(row[6] for row in values) == [4.002, 4.02]


@pytest.mark.django_db
def test_the_downloads_neutralise_formulas(client):
    RelatedIndexValueFactory(
        family=IndexFamilyFactory(code="KIP"), category='=HYPERLINK("http://x")', source_title="+cmd", value=None
    )

    lines = list(csv.DictReader(io.StringIO(client.get(HOME, {"indeks": "kip", "unduh": "csv"}).content.decode())))
    workbook = load_workbook(io.BytesIO(client.get(HOME, {"indeks": "kip", "unduh": "xlsx"}).content))
    [row] = list(workbook.active.iter_rows(min_row=2, values_only=True))

    assert lines[0]["kategori_seperti_tertulis"].startswith("'=")
    assert lines[0]["sumber"].startswith("'+")
    assert row[7].startswith("'=")


def test_indeks_spbe_is_the_default_ranking(client, reference_data):
    response = client.get(HOME, {"indeks": "spbe", "tahun": 2022})

    assert response.status_code == 200
    assert response.context["ranking"].year == 2022
    assert "table" in response.context  # the SPBE ranking's table, with its predikat
