"""Downloads for a spreadsheet set to Indonesian: ";" separated, decimal comma, a byte-order mark, human words."""

import csv
import io

from django.urls import reverse

HOME = reverse("dashboard:home")
KUPANG = reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})


def excel_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_excel_csv_of_the_ranking_uses_semicolons_and_decimal_commas(client, reference_data):
    response = client.get(HOME, {"tahun": 2022, "unduh": "csv-excel"})

    assert response["Content-Disposition"] == 'attachment; filename="peringkat-spbe-ntt-2022-excel.csv"'
    header, *rows = excel_rows(response)
    assert header[:5] == ["Tahun", "Peringkat", "Kode Kemendagri", "Wilayah", "Indeks"]
    kupang = next(row for row in rows if row[3] == "Kabupaten Kupang")
    named = dict(zip(header, kupang, strict=True))
    assert named["Indeks"] == "1,85"
    assert named["Target"] == "3,86"
    assert named["Selisih target"] == "-2,01"
    assert named["Tren"] == "naik terlalu lambat"
    assert named["Status terakhir"] == "Masih menyesuaikan indikator pusat"
    assert "ANTARA" in named["Sumber indeks"]


def test_unknown_values_read_as_words_never_zero(client, reference_data):
    header, *rows = excel_rows(client.get(HOME, {"tahun": 2022, "unduh": "csv-excel"}))
    named = [dict(zip(header, row, strict=True)) for row in rows]

    ende = next(row for row in named if row["Wilayah"] == "Kabupaten Ende")
    assert ende["Indeks"] == ""
    assert ende["Status evaluasi"] == "tidak dievaluasi"
    belu = next(row for row in named if row["Wilayah"] == "Kabupaten Belu")
    assert belu["Status evaluasi"] == "belum ada data"


def test_in_english_the_excel_csv_follows_english_settings(client, reference_data):
    client.get(reverse("switch_language", args=["en"]))
    text = client.get(HOME, {"tahun": 2022, "unduh": "csv-excel"}).content.decode("utf-8")[1:]
    header, *rows = list(csv.reader(io.StringIO(text)))

    assert header[:2] == ["Year", "Ranking"]
    kupang = dict(zip(header, next(row for row in rows if row[3] == "Kupang Regency"), strict=True))
    assert kupang["Index"] == "1.85"
    assert kupang["Trend"] == "rising too slowly"


def test_the_file_name_says_what_was_filtered(client, reference_data):
    response = client.get(HOME, {"tahun": 2022, "predikat": "Cukup", "jenis": "kabupaten", "unduh": "csv"})

    assert response["Content-Disposition"] == 'attachment; filename="peringkat-spbe-ntt-2022-cukup-kabupaten.csv"'


def test_a_profile_table_downloads_as_csv_and_as_excel_csv(client, reference_data):
    standard = client.get(KUPANG, {"unduh": "csv"})
    assert standard["Content-Disposition"] == 'attachment; filename="indeks-kabupaten-kupang.csv"'
    lines = list(csv.reader(io.StringIO(standard.content.decode())))
    assert lines[0][:5] == ["Tahun", "Hasil evaluasi resmi", "Predikat", "Evaluasi mandiri", "Target"]
    assert lines[1][:5] == ["2021", "1.60", "Kurang", "belum ada data", "2.13"]

    _header, *rows = excel_rows(client.get(KUPANG, {"unduh": "csv-excel"}))
    assert rows[1][:5] == ["2022", "1,85", "Cukup", "belum ada data", "3,86"]
    assert rows[1][5] == "-2,01"


def test_the_profile_links_its_downloads(client, reference_data):
    html = client.get(KUPANG).content.decode()

    assert 'href="?unduh=csv-excel"' in html


def test_the_excel_csv_neutralises_formulas_but_keeps_negative_numbers(client, reference_data):
    from assessments.models import Source

    Source.objects.filter(title__startswith="Kabupaten Kupang tingkatkan").update(title='=HYPERLINK("http://x","y")')
    header, *rows = excel_rows(client.get(HOME, {"tahun": 2022, "unduh": "csv-excel"}))
    kupang = dict(zip(header, next(row for row in rows if row[3] == "Kabupaten Kupang"), strict=True))

    assert kupang["Sumber indeks"].startswith("'=HYPERLINK")
    assert kupang["Selisih target"] == "-2,01"
