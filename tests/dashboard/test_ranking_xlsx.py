"""The ranking's XLSX is made for people (issue 24): the page's words in the page's language, typed numbers and
dates, widths that fit, the header frozen under the sheet's title and download date, and the source of every
value in its row. The CSV stays the machine-readable one (tests/dashboard/test_home.py)."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

HOME = reverse("dashboard:home")
MACHINE_CODES = {"too_slow", "on_track", "compliant", "adjusting", "unknown", "kabupaten", "declining", "met"}


def workbook_of(client, **query):
    response = client.get(HOME, {"tahun": 2022, "unduh": "xlsx", **query})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def header_row(sheet) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value in ("Tahun", "Year"))


def named_rows(sheet) -> list[dict]:
    at = header_row(sheet)
    header = [cell.value for cell in sheet[at]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=at + 1)]


def row_of(sheet, code: str) -> dict:
    return next(row for row in named_rows(sheet) if row["Kode Kemendagri"].value == code)


def test_headers_and_words_are_the_pages_not_machine_codes(client, reference_data):
    sheet = workbook_of(client)

    header = [cell.value for cell in sheet[header_row(sheet)]]
    assert not [name for name in header if re.fullmatch(r"[a-z_]+", name or "")]
    texts = {str(cell.value) for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert not texts & MACHINE_CODES
    kupang = row_of(sheet, "53.01")
    assert kupang["Wilayah"].value == "Kabupaten Kupang"
    assert kupang["Tren"].value == "naik terlalu lambat"
    assert kupang["Status terakhir"].value == "Masih menyesuaikan indikator pusat"
    assert kupang["Status evaluasi"].value == "dievaluasi"
    assert row_of(sheet, "53.08")["Status evaluasi"].value == "tidak dievaluasi"


def test_in_english_headers_statuses_and_trends_are_english(client, reference_data):
    client.get(reverse("switch_language", args=["en"]))

    sheet = workbook_of(client)

    at = header_row(sheet)
    header = [cell.value for cell in sheet[at]]
    assert header[:5] == ["Year", "Ranking", "Kemendagri code", "Region", "Index"]
    line = next(row for row in sheet.iter_rows(min_row=at + 1) if row[2].value == "53.01")
    kupang = dict(zip(header, line, strict=True))
    assert kupang["Region"].value == "Kupang Regency"
    assert kupang["Trend"].value == "rising too slowly"
    assert kupang["Latest status"].value == "Still adjusting to the central indicators"
    assert kupang["Evaluation status"].value == "evaluated"
    assert sheet["A1"].value.startswith("Ranking of the SPBE index of East Nusa Tenggara 2022")


def test_numbers_are_numbers_and_dates_are_excel_dates(client, reference_data):
    kupang = row_of(workbook_of(client), "53.01")

    assert (kupang["Indeks"].value, kupang["Indeks"].data_type) == (pytest.approx(1.85), "n")
    assert kupang["Indeks"].number_format == "0.00"
    assert kupang["Selisih target"].value == pytest.approx(-2.01)
    assert kupang["Tahun"].value == 2022
    for name in ("Status per tanggal", "Tanggal sumber indeks", "Tanggal sumber target", "Tanggal sumber status"):
        assert kupang[name].is_date, name
    assert kupang["Tanggal sumber indeks"].value.date() == date(2023, 7, 29)
    assert kupang["Status per tanggal"].value.date() == date(2025, 2, 10)


def test_the_source_of_every_value_is_in_its_row(client, reference_data):
    for row in named_rows(workbook_of(client)):
        for value, source, dated in (
            ("Indeks", "Sumber indeks", "Tanggal sumber indeks"),
            ("Target", "Sumber target", "Tanggal sumber target"),
            ("Status terakhir", "Sumber status", "Tanggal sumber status"),
        ):
            if row[value].value is not None:
                assert row[source].value, (row["Wilayah"].value, value)
                assert row[dated].is_date, (row["Wilayah"].value, value)


def test_title_and_download_date_on_top_and_the_header_frozen(client, reference_data):
    sheet = workbook_of(client, status="adjusting")

    assert sheet["A1"].value == ("Peringkat indeks SPBE Nusa Tenggara Timur 2022 (Masih menyesuaikan indikator pusat)")
    today = timezone.localdate()
    assert sheet["A2"].value.startswith(f"Diunduh {today.day} ")
    assert str(today.year) in sheet["A2"].value
    assert "http://testserver/?tahun=2022&status=adjusting" in sheet["A2"].value
    assert "unduh=" not in sheet["A2"].value
    assert sheet.freeze_panes == f"A{header_row(sheet) + 1}"
    assert sheet.title == "Peringkat"


def test_column_widths_fit_their_cells(client, reference_data):
    sheet = workbook_of(client)
    at = header_row(sheet)

    for column in sheet.iter_cols(min_row=at):
        letter = column[0].column_letter
        longest = max(len(str(cell.value)) for cell in column if cell.value is not None and not cell.is_date)
        width = sheet.column_dimensions[letter].width
        assert width >= min(longest, 60), (column[0].value, width, longest)
        assert width <= 62, column[0].value
