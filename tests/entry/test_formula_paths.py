"""One formula rule, every path: the same cells through an entry form, a service, both imports and the download
writer, each judged the same way (assessments/spreadsheets.py). Before, "-5", a leading tab and a leading line feed
passed the entry forms and were refused by the import."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from assessments import spreadsheets
from assessments.importing import check_rows
from assessments.importing.official_levels import check_official_rows
from assessments.services import indicator_review
from entry.forms import StatusFlagForm
from tests.factories import FrameworkFactory, IndicatorFactory, RegencyFactory, StaffUserFactory

REFUSED, ACCEPTED = "refused", "accepted"
# cell, what every input path does with it, whether every download prefixes it with an apostrophe
TABLE = [
    ("=1+1", REFUSED, True),
    ("+cmd|' /C calc'!A0", REFUSED, True),
    ("-2+3+cmd|' /C calc'!A0", REFUSED, True),
    ("@SUM(A1:A9)", REFUSED, True),
    (" =1+1", REFUSED, True),
    ("\t=1+1", REFUSED, True),
    ("\n@SUM(A1)", REFUSED, True),
    ("\r+1+1", REFUSED, True),
    ("--1", REFUSED, True),
    # A plain number is a number: a spreadsheet reads it as such and runs nothing.
    ("-5", ACCEPTED, False),
    ("+62", ACCEPTED, False),
    ("-0,12", ACCEPTED, False),
    # Prose: a dash list and a lone dash are accepted; downloads neutralise them all the same.
    ("- sudah diverifikasi", ACCEPTED, True),
    ("-", ACCEPTED, True),
    # Whitespace around an input is not kept (trimmed as every form field trims it); what remains is judged.
    ("\tteks", ACCEPTED, True),
    ("KepmenPANRB 108/2023", ACCEPTED, False),
    ("Rapat 2 = 3 jam", ACCEPTED, False),
]
CELLS = [pytest.param(cell, verdict, id=repr(cell)) for cell, verdict, _neutralised in TABLE]
FORMULA_REASON = "Sel berisi rumus (diawali =, +, - atau @) tidak diterima: kolom catatan."


def test_the_table_covers_every_trigger_of_the_rule():
    starts = {cell.lstrip(" ")[0] for cell, verdict, _neutralised in TABLE if verdict == REFUSED}
    assert set(spreadsheets.FORMULA_STARTS) <= starts


@pytest.mark.parametrize(("cell", "verdict"), CELLS)
def test_an_entry_form_field(db, cell, verdict):
    regency = RegencyFactory()
    form = StatusFlagForm(
        {
            "regency": regency.pk,
            "flag": "compliant",
            "as_of": "2025-02-10",
            "note": cell,
            "source_title": "Berita uji",
            "source_publisher": "Redaksi uji",
            "source_kind": "news",
            "source_date": "2025-02-10",
        }
    )

    form.is_valid()

    refused = str(spreadsheets.FORMULA_MESSAGE) in form.errors.get("note", [])
    assert (REFUSED if refused else ACCEPTED) == verdict


@pytest.mark.parametrize(("cell", "verdict"), CELLS)
def test_a_service(db, cell, verdict):
    if verdict == ACCEPTED:
        indicator_review.refuse_formula_text("note", cell)
        return
    with pytest.raises(ValidationError) as refused:
        indicator_review.refuse_formula_text("note", cell)
    assert refused.value.message_dict == {"note": [str(spreadsheets.FORMULA_MESSAGE)]}


@pytest.mark.parametrize(("cell", "verdict"), CELLS)
def test_the_results_import(db, cell, verdict):
    FrameworkFactory(first_year=2021)
    regency = RegencyFactory()
    raw = {"kode_wilayah": regency.code, "tahun": "2023", "jenis": "mandiri", "indeks": "2.10", "catatan": cell}

    [row] = check_rows(raw_rows=[raw], user=StaffUserFactory())

    assert (REFUSED if row.reason == FORMULA_REASON else ACCEPTED) == verdict
    assert row.status == ("error" if verdict == REFUSED else "new")


@pytest.mark.parametrize(("cell", "verdict"), CELLS)
def test_the_official_levels_import(db, cell, verdict):
    indicator = IndicatorFactory(number=1)
    framework = indicator.aspect.framework
    regency = RegencyFactory()
    raw = {
        "kode_wilayah": regency.code,
        "1": "3",
        "sumber_judul": "Hasil Evaluasi SPBE",
        "sumber_penerbit": "Kementerian PANRB",
        "sumber_jenis": "keputusan",
        "sumber_nomor": cell,
        "sumber_tanggal": "2024-02-01",
        "sumber_tautan": "",
    }

    [row] = check_official_rows(raw_rows=[raw], year=2023, framework=framework)

    assert (REFUSED if "sumber_nomor tampak seperti rumus" in row.reason else ACCEPTED) == verdict


@pytest.mark.parametrize(("cell", "neutralised"), [(cell, neutralised) for cell, _verdict, neutralised in TABLE])
def test_every_download_format(cell, neutralised):
    shown = "'" + cell if neutralised else cell
    csv_cell = next(csv.reader(io.StringIO(spreadsheets.csv_text(["kolom"], [[cell]])[len("kolom\r\n") :])))[0]
    excel_text = spreadsheets.csv_text(["kolom"], [[cell]], flavour=spreadsheets.excel_flavour())
    excel_cell = next(csv.reader(io.StringIO(excel_text.split("\r\n", 1)[1]), delimiter=";"))[0]
    sheet = load_workbook(io.BytesIO(spreadsheets.xlsx_bytes(spreadsheets.Sheet("uji", ["kolom"], [[cell]])))).active

    assert csv_cell == excel_cell == shown
    # XML reads a carriage return back as a line feed.
    assert (sheet["A2"].value, sheet["A2"].data_type) == (shown.replace("\r", "\n"), "s")
