"""A formula typed as a source title reaches the ranking downloads as text, and numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory, SourceFactory

HOME = reverse("dashboard:home")
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def formula_source(db):
    framework, regency = FrameworkFactory(), RegencyFactory()
    ResultFactory(regency=regency, framework=framework, year=2021, value=Decimal("3.00"))
    ResultFactory(
        regency=regency,
        framework=framework,
        year=2022,
        value=Decimal("2.50"),
        source=SourceFactory(title=FORMULA, publisher="@Penerbit"),
    )
    return regency


def test_the_ranking_csv_writes_the_formula_as_text(client, formula_source):
    response = client.get(HOME, {"tahun": 2022, "unduh": "csv"})

    [row] = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["sumber_indeks"] == f"'{FORMULA} (@Penerbit)"
    assert row["perubahan_dari_tahun_sebelumnya"] == "-0.50"


def test_the_ranking_xlsx_writes_text_cells_never_formulas_and_keeps_negative_numbers(client, formula_source):
    response = client.get(HOME, {"tahun": 2022, "unduh": "xlsx"})

    # The people's sheet: its title and download date above the header row, which starts with "Tahun".
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows())
    header_at = next(number for number, row in enumerate(rows) if row[0].value == "Tahun")
    data = rows[header_at + 1]
    cells = dict(zip([cell.value for cell in rows[header_at]], data, strict=True))
    assert cells["Sumber indeks"].value == f"'{FORMULA} (@Penerbit)"
    assert cells["Sumber indeks"].data_type == "s"
    assert [cell.value for row in rows for cell in row if cell.data_type == "f"] == []
    assert cells["Perubahan dari tahun sebelumnya"].value == pytest.approx(-0.5)
    assert cells["Perubahan dari tahun sebelumnya"].data_type == "n"
