"""A formula typed as a source title reaches the ranking downloads as text, and numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dashboard.exports import COLUMNS
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

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = dict(zip(COLUMNS, sheet[2], strict=True))
    assert cells["sumber_indeks"].value == f"'{FORMULA} (@Penerbit)"
    assert cells["sumber_indeks"].data_type == "s"
    assert [cell.value for cell in sheet[2] if cell.data_type == "f"] == []
    assert cells["perubahan_dari_tahun_sebelumnya"].value == pytest.approx(-0.5)
    assert cells["perubahan_dari_tahun_sebelumnya"].data_type == "n"
