"""What the import reads and refuses: header-only templates with explanations, Excel's own shapes (merged cells,
codes typed as numbers), CSV line ends and quotes, rows with extra cells, the formula rule, targets of a
self-assessment."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assessments import importing
from tests.factories import StaffUserFactory

HEADER = "kode_wilayah,tahun,jenis,indeks,target,sumber,tanggal_sumber,catatan"


@pytest.fixture
def staff(client, reference_data):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def read_csv(content: bytes) -> list[dict[str, str]]:
    return importing.read_table(name="hasil.csv", content=content)


def xlsx_bytes(rows: list[list], *, merge: str | None = None, text_codes: bool = False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(importing.COLUMNS)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview(client, file: SimpleUploadedFile):
    return client.post(reverse("entry:import"), {"file": file})


def rows_of(client, body: str):
    file = SimpleUploadedFile("hasil.csv", f"{HEADER}\n{body}\n".encode(), content_type="text/csv")
    return preview(client, file).context["rows"]


# --- templates ------------------------------------------------------------------------------------------------


def test_the_csv_template_is_one_header_line_and_no_example_row(client, staff):
    response = client.get(reverse("entry:import_template", kwargs={"fmt": "csv"}))

    assert response.content.decode("utf-8-sig").splitlines() == [",".join(importing.COLUMNS)]


def test_the_xlsx_template_holds_only_the_header_with_the_code_column_as_text(client, staff):
    response = client.get(reverse("entry:import_template", kwargs={"fmt": "xlsx"}))

    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [importing.COLUMNS]
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet["A1"].number_format == "@"


def test_the_xlsx_template_explains_every_column_on_a_petunjuk_sheet(client, staff):
    response = client.get(reverse("entry:import_template", kwargs={"fmt": "xlsx"}))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["hasil", "petunjuk"]
    explained = {row[0]: row for row in workbook["petunjuk"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert set(importing.COLUMNS) <= set(explained)
    assert "2,45 atau 2.45" in explained["indeks"][3]
    # Shapes of values only: no decree, number or score that could pass for data.
    text = " ".join(str(cell) for row in explained.values() for cell in row if cell)
    assert "KepmenPANRB" not in text
    assert "/20" not in text


def test_a_template_uploaded_unchanged_has_no_rows_to_write(client, staff):
    template = client.get(reverse("entry:import_template", kwargs={"fmt": "xlsx"})).content

    response = preview(client, SimpleUploadedFile("templat.xlsx", template))

    assert response.status_code == 400
    assert "Berkas tidak berisi baris data di bawah judul kolom." in response.context["form"].errors["file"][0]


# --- Excel ----------------------------------------------------------------------------------------------------


def test_merged_cells_are_refused_naming_the_cells(db):
    content = xlsx_bytes([["53.02", 2023, "resmi", 2.1, None, None, None, None]], merge="F2:H2")

    with pytest.raises(importing.ImportFileError, match=r"sel gabungan \(F2:H2\)"):
        importing.read_table(name="hasil.xlsx", content=content)


@pytest.mark.parametrize("code", [53.1, 53.01, 53])
def test_a_code_stored_as_a_number_is_refused_with_a_hint_to_format_it_as_text(db, code):
    content = xlsx_bytes([["53.02", 2023, "resmi", 2.1], [code, 2023, "resmi", 2.2]])

    with pytest.raises(importing.ImportFileError) as refused:
        importing.read_table(name="hasil.xlsx", content=content)

    assert "Kolom kode_wilayah berisi angka, bukan teks, di baris 3" in str(refused.value)
    assert "Format kolom kode_wilayah sebagai Teks" in str(refused.value)


def test_a_code_stored_as_text_keeps_its_trailing_zero(db):
    rows = importing.read_table(name="hasil.xlsx", content=xlsx_bytes([["53.10", 2023, "resmi", 2.1]]))

    assert rows[0]["kode_wilayah"] == "53.10"


# --- CSV ------------------------------------------------------------------------------------------------------


def test_old_mac_line_ends_are_read_like_any_other(db):
    content = f"{HEADER}\r53.02,2023,resmi,2.10,,,,\r53.03,2023,resmi,2.20,,,,\r".encode()

    rows = read_csv(content)

    assert [(row["kode_wilayah"], row["indeks"]) for row in rows] == [("53.02", "2.10"), ("53.03", "2.20")]


def test_an_unclosed_quote_gets_its_own_message_with_the_line(db):
    content = f'{HEADER}\n53.02,2023,resmi,2.10,,,,\n53.03,2023,resmi,2.20,,"SK Bupati,,\n53.04,2023,resmi,2.3,,,,\n'

    with pytest.raises(importing.ImportFileError) as refused:
        read_csv(content.encode())

    assert str(refused.value) == (
        "Berkas CSV tidak dapat dibaca: tanda petik yang dibuka di baris 3 tidak ditutup. "
        "Tutup tanda petiknya atau hapus."
    )


def test_a_row_with_more_cells_than_the_header_is_refused_with_its_line(db):
    content = f"{HEADER}\n53.02,2023,resmi,2.10,,,,\n53.03,2023,resmi,2,45,,,,sudah diperiksa\n"

    with pytest.raises(importing.ImportFileError) as refused:
        read_csv(content.encode())

    assert str(refused.value).startswith("Baris 3 berisi sel di luar 8 kolom templat (baris 3 berisi 9 sel).")


def test_empty_cells_after_the_last_column_are_not_data_and_pass(db):
    rows = read_csv(f"{HEADER},,\n53.02,2023,resmi,2.10,,,,,,\n".encode())

    assert rows[0]["indeks"] == "2.10"


def test_a_quoted_cell_over_several_lines_is_read_whole(db):
    rows = read_csv(f'{HEADER}\r\n53.02,2023,resmi,2.10,,,,"baris satu\r\nbaris dua"\r\n'.encode())

    assert rows[0]["catatan"] == "baris satu\r\nbaris dua"


# --- formulas and numbers -------------------------------------------------------------------------------------


def test_a_negative_index_is_out_of_range_not_a_formula(client, staff):
    rows = rows_of(client, "53.02,2023,resmi,-0.01,,,,")

    assert rows[0].reason == "Kolom indeks: nilai indeks harus antara 0 dan 5."


def test_a_negative_target_is_out_of_range_not_a_formula(client, staff):
    rows = rows_of(client, "53.02,2023,resmi,2.10,-1,,,")

    assert rows[0].reason == "Kolom target: nilai indeks harus antara 0 dan 5."


@pytest.mark.parametrize("note", ["- sudah diverifikasi", "-", "catatan - dengan tanda hubung"])
def test_a_note_written_as_a_dash_list_is_not_a_formula(client, staff, note):
    rows = rows_of(client, f"53.02,2023,resmi,2.10,,,,{note}")

    assert rows[0].status == "new"


@pytest.mark.parametrize(
    "note",
    # "+1" alone is a number, not a formula (assessments/spreadsheets.py): tests/entry/test_formula_paths.py.
    ["-2+3+cmd|' /C calc'!A0", "-cmd|' /C calc'!A0", "--1", "=1+1", "+1+1", "@SUM(A1)", " =1", "\t=1", "\r=1"],
)
def test_a_note_that_a_spreadsheet_could_run_is_refused(client, staff, note):
    quoted = '"' + note.replace('"', '""') + '"'
    rows = rows_of(client, f"53.02,2023,resmi,2.10,,,,{quoted}")

    assert rows[0].reason == "Sel berisi rumus (diawali =, +, - atau @) tidak diterima: kolom catatan."


def test_a_formula_in_a_number_column_is_still_refused_as_a_formula(client, staff):
    rows = rows_of(client, "53.02,2023,resmi,=2+0.1,,,,")

    assert rows[0].reason == "Sel berisi rumus (diawali =, +, - atau @) tidak diterima: kolom indeks."


# --- targets travel with the official result --------------------------------------------------------------------


def test_a_self_assessment_row_with_a_target_is_an_error_row(client, staff):
    rows = rows_of(client, "53.02,2023,mandiri,2.10,2.50,,,")

    assert rows[0].status == "error"
    assert rows[0].reason.startswith("Target tidak diisi pada baris mandiri: target tahun ini ikut hasil resmi")


def test_a_self_assessment_row_without_a_target_is_fine(client, staff):
    rows = rows_of(client, "53.02,2023,mandiri,2.10,,,,")

    assert rows[0].status == "new"


# --- line numbers -----------------------------------------------------------------------------------------------


def test_a_preview_row_names_the_line_of_the_file_after_blank_lines_and_cells_over_two_lines(client, staff):
    body = '53.02,2023,resmi,2.10,,,,\n\n53.03,2023,resmi,2.20,,,,"catatan\nbaris dua"\n99.99,2023,resmi,2.30,,,,'
    rows = rows_of(client, body)

    assert [(row.line, row.status) for row in rows] == [(2, "new"), (4, "new"), (6, "error")]


def test_an_xlsx_preview_row_names_its_sheet_row(client, staff):
    content = xlsx_bytes([["53.02", 2023, "resmi", 2.1], [None], ["99.99", 2023, "resmi", 2.2]])

    rows = preview(client, SimpleUploadedFile("hasil.xlsx", content)).context["rows"]

    assert [row.line for row in rows] == [2, 4]


def test_a_csv_code_shortened_by_a_spreadsheet_says_how_to_keep_it_whole(client, staff):
    rows = rows_of(client, "53.1,2023,resmi,2.10,,,,")

    assert rows[0].reason == (
        "Kode wilayah 53.1 tidak dikenal. Kode ditulis dengan dua angka di belakang titik (mis. 53.10, bukan "
        "53.1); bila berkas dibuat di Excel, format kolom kode_wilayah sebagai Teks dan ketik ulang kodenya."
    )
