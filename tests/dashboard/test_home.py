import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dashboard.exports import COLUMNS
from regencies.models import FlagKind
from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory, StatusFlagFactory, TargetFactory

HOME = reverse("dashboard:home")


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


def ranking_rows(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]


def test_default_year_is_the_year_with_the_most_published_results_when_none_has_half(client, reference_data):
    # 2021, 2022 and 2023 have two values of 22 each, 2024 one (Manggarai Barat, 3,47): the latest of the fullest.
    response = client.get(HOME)

    assert response.context["ranking"].year == 2023
    assert "3,44" in row_of(response.content.decode(), "Kabupaten Manggarai Barat")
    coverage = response.content.decode().split('id="cakupan"')[1].split("</div>")[0]
    assert "Hasil tahun berikut baru sebagian terbit:" in coverage
    assert '<a href="/?tahun=2024#peringkat">2024 (1 dari 22 bernilai)</a>' in coverage


@pytest.mark.django_db
def test_default_year_is_the_latest_where_half_the_regencies_have_a_value(client):
    framework = FrameworkFactory()
    regencies = [RegencyFactory() for _ in range(4)]
    for regency in regencies[:3]:
        ResultFactory(regency=regency, year=2022, framework=framework)
    ResultFactory(regency=regencies[0], year=2023, framework=framework)

    assert client.get(HOME).context["ranking"].year == 2022  # 2023: 1 of 4, the first results of an evaluation

    ResultFactory(regency=regencies[1], year=2023, framework=framework)
    assert client.get(HOME).context["ranking"].year == 2023  # 2 of 4: half, the latest year opens
    assert "baru sebagian terbit" not in client.get(HOME).content.decode()


def test_year_permalink_shows_that_years_values_target_and_gap(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    kupang = row_of(html, "Kabupaten Kupang")
    assert "1,85" in kupang
    assert "3,86" in kupang
    assert "\u22122,01" in kupang
    assert "Cukup" in kupang


def test_change_on_the_previous_year_is_shown_with_its_direction(client, reference_data):
    kupang = row_of(client.get(HOME, {"tahun": 2022}).content.decode(), "Kabupaten Kupang")

    assert "▲" in kupang
    assert "+0,25" in kupang


def test_every_kabupaten_and_kota_has_one_row_and_the_province_is_not_ranked(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    assert ranking_rows(html).count("<tr") == 22
    assert "Provinsi Nusa Tenggara Timur</a>" not in ranking_rows(html)
    assert "3,35" in html[html.index('class="province-reference"') :]


def test_home_shows_not_evaluated_and_no_data_never_zero(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    assert "tidak dievaluasi" in row_of(html, "Kabupaten Ende")
    assert "belum ada data" in row_of(html, "Kabupaten Alor")
    assert "0,00" not in html


def test_regencies_without_a_value_come_after_every_ranked_one(client, reference_data):
    rows = client.get(HOME, {"tahun": 2022}).context["table"].sorted_rows

    assert [row.regency.name for row in rows[:2]] == ["Rote Ndao", "Kupang"]
    assert [row.rank for row in rows[:2]] == [1, 2]
    assert rows[2].regency.name == "Ende"
    assert all(not row.has_value for row in rows[2:])


def test_regencies_without_a_value_stay_at_the_bottom_when_sorted_ascending(client, reference_data):
    rows = client.get(HOME, {"tahun": 2022, "urut": "value"}).context["table"].sorted_rows

    assert [row.regency.name for row in rows[:2]] == ["Kupang", "Rote Ndao"]
    assert all(not row.has_value for row in rows[2:])


def test_the_first_click_on_the_index_sorts_highest_first_and_the_next_turns_it_round(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    assert 'href="?tahun=2022&amp;urut=-value#peringkat"' in html
    assert 'href="?tahun=2022&amp;urut=-predikat#peringkat"' in html
    highest_first = client.get(HOME, {"tahun": 2022, "urut": "-value"})
    assert [row.regency.name for row in highest_first.context["table"].sorted_rows[:2]] == ["Rote Ndao", "Kupang"]
    assert 'href="?tahun=2022&amp;urut=value#peringkat"' in highest_first.content.decode()


def test_sorting_by_a_column_marks_its_header(client, reference_data):
    html = client.get(HOME, {"tahun": 2022, "urut": "-value"}).content.decode()

    assert 'aria-sort="descending"' in html


@pytest.mark.django_db
def test_equal_values_share_a_rank():
    from dashboard.selectors import ranking_for_year

    framework = FrameworkFactory()
    for value in ("3.00", "2.50", "2.50", "2.00"):
        ResultFactory(year=2023, value=Decimal(value), framework=framework)

    ranks = [row.rank for row in ranking_for_year(year=2023).rows]

    assert ranks == [1, 2, 2, 4]


def test_home_shows_the_latest_flag_with_its_date(client, reference_data):
    html = client.get(HOME).content.decode()

    assert "Sesuai penilaian pusat" in row_of(html, "Kabupaten Manggarai Barat")
    assert "10 Feb 2025" in row_of(html, "Kabupaten Manggarai Barat")
    assert "Masih menyesuaikan indikator pusat" in row_of(html, "Kabupaten Kupang")


def test_filter_by_flag_keeps_only_matching_regencies(client, reference_data):
    rows = client.get(HOME, {"status": FlagKind.COMPLIANT}).context["table"].sorted_rows

    assert sorted(row.regency.name for row in rows) == ["Kupang", "Manggarai Barat", "Rote Ndao"]
    assert {row.regency.kind for row in rows} == {"kabupaten", "kota"}


def test_filter_by_predikat_and_kind(client, reference_data):
    rows = client.get(HOME, {"tahun": 2022, "predikat": "Cukup", "jenis": "kabupaten"}).context["table"].sorted_rows

    assert sorted(row.regency.name for row in rows) == ["Kupang", "Rote Ndao"]


def test_filter_by_kind_kota_lists_only_kota_kupang(client, reference_data):
    rows = client.get(HOME, {"jenis": "kota"}).context["table"].sorted_rows

    assert [row.regency.display_name for row in rows] == ["Kota Kupang"]


def test_unknown_filter_value_is_reported_next_to_the_field_and_ignored(client, reference_data):
    response = client.get(HOME, {"predikat": "Luar Biasa"})

    assert response.status_code == 200
    assert 'class="field-error"' in response.content.decode()
    assert len(response.context["table"].sorted_rows) == 22


def test_unknown_year_is_404(client, reference_data):
    assert client.get(HOME, {"tahun": 2019}).status_code == 404


def test_year_that_is_not_a_number_is_404(client, reference_data):
    assert client.get(HOME, {"tahun": "latest"}).status_code == 404


@pytest.mark.parametrize("year", ["2022²", "２０２２", "२०२२", "20222", "+2022"])
def test_a_year_in_unicode_digits_or_another_shape_is_404_not_a_server_error(client, reference_data, year):
    assert client.get(HOME, {"tahun": year}).status_code == 404


def test_csv_download_has_stable_columns_and_the_sources(client, reference_data):
    response = client.get(HOME, {"tahun": 2022, "unduh": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="peringkat-spbe-ntt-2022.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0].keys()) == COLUMNS
    kupang = next(row for row in rows if row["kode_kemendagri"] == "53.01")
    assert kupang["indeks"] == "1.85"
    assert kupang["target"] == "3.86"
    assert kupang["selisih_target"] == "-2.01"
    assert kupang["predikat"] == "Cukup"
    assert "ANTARA" in kupang["sumber_indeks"]
    assert kupang["sumber_indeks_tanggal"] == "2023-07-29"
    ende = next(row for row in rows if row["kode_kemendagri"] == "53.08")
    assert ende["indeks"] == ""
    assert ende["status_evaluasi"] == "tidak dievaluasi"


def test_csv_download_holds_exactly_the_filtered_rows(client, reference_data):
    response = client.get(HOME, {"tahun": 2022, "predikat": "Cukup", "urut": "value", "unduh": "csv"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["wilayah"] for row in rows] == ["Kabupaten Kupang", "Kabupaten Rote Ndao"]


def test_xlsx_download_has_the_pages_columns_and_numbers(client, reference_data):
    response = client.get(HOME, {"tahun": 2022, "status": FlagKind.ADJUSTING, "unduh": "xlsx"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # The file name says what was filtered (issue 16): here the status.
    assert response["Content-Disposition"] == (
        'attachment; filename="peringkat-spbe-ntt-2022-masih-menyesuaikan-indikator-pusat.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = list(sheet.iter_rows(values_only=True))
    # The people's sheet (the CSV keeps the machine columns): the title and download date, then the header.
    header_at = next(number for number, line in enumerate(lines) if line[0] == "Tahun")
    header = list(lines[header_at])
    assert header[:5] == ["Tahun", "Peringkat", "Kode Kemendagri", "Wilayah", "Indeks"]
    kupang = dict(zip(header, next(line for line in lines if line[2] == "53.01"), strict=True))
    assert kupang["Indeks"] == pytest.approx(1.85)
    assert kupang["Selisih target"] == pytest.approx(-2.01)
    assert len(lines) == header_at + 1 + 19


def test_download_links_keep_the_current_year_and_filters(client, reference_data):
    html = client.get(HOME, {"tahun": 2022, "predikat": "Cukup"}).content.decode()

    assert 'href="?tahun=2022&amp;predikat=Cukup&amp;unduh=csv"' in html


def test_home_is_indonesian_whatever_the_browser_language(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}, HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()

    assert '<html lang="id">' in html
    assert "1,85" in row_of(html, "Kabupaten Kupang")


def test_the_language_switch_gives_english_number_format(client, reference_data):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = client.get(HOME, {"tahun": 2022}).content.decode()

    assert '<html lang="en">' in html
    assert "1.85" in row_of(html, "Kupang Regency")


def test_the_ranking_loads_no_chart_script(client, reference_data):
    html = client.get(HOME).content.decode()

    assert "plotly" not in html
    assert "<script" not in html


def grow(regency_count: int) -> None:
    framework = FrameworkFactory()
    for _ in range(regency_count):
        regency = RegencyFactory()
        for year in (2021, 2022, 2023):
            ResultFactory(regency=regency, year=year, framework=framework)
            TargetFactory(regency=regency, year=year)
        StatusFlagFactory(regency=regency)


@pytest.mark.django_db
def test_ranking_runs_the_same_queries_whatever_the_data_size(client, django_assert_num_queries):
    grow(3)
    # The publication version (dashboard/cache.py), the ranking's five, and the related indices its switch offers.
    # Issue 22: every framework with its series and bands (two queries) and the national references (one).
    with django_assert_num_queries(10):
        client.get(HOME, {"tahun": 2022, "urut": "-gap"})
    grow(30)
    with django_assert_num_queries(10):
        assert client.get(HOME, {"tahun": 2022, "urut": "-gap"}).status_code == 200


@pytest.mark.django_db
def test_download_runs_the_same_queries_as_the_page(client, django_assert_max_num_queries):
    grow(30)
    with django_assert_max_num_queries(10):
        assert client.get(HOME, {"unduh": "csv"}).status_code == 200


def test_an_invalid_filter_does_not_cancel_the_valid_ones(client, reference_data):
    rows = client.get(HOME, {"jenis": "kota", "predikat": "Luar Biasa"}).context["table"].sorted_rows

    assert [row.regency.display_name for row in rows] == ["Kota Kupang"]


@pytest.mark.django_db
def test_every_regency_is_on_the_page_and_in_the_download_however_many_there_are(client):
    grow(30)

    html = client.get(HOME, {"tahun": 2022}).content.decode()
    lines = client.get(HOME, {"tahun": 2022, "unduh": "csv"}).content.decode().strip().splitlines()

    assert ranking_rows(html).count("<tr") == 30
    assert len(lines) == 1 + 30
