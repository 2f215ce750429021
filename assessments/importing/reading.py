"""Reading an upload into rows of text keyed by column, after the checks on the file as a whole. Never writes.

Every way a file can be unreadable gets its own message, in words for the person who uploaded it, naming the line
or the cells where that helps: merged cells, a code typed as a number, an unclosed quote, a row with more cells
than the header. Old-Mac files that end their lines with CR alone are read like any other.
"""

import csv
import io
import zipfile
from datetime import date

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

# The first eight are the columns of the earlier template, still read as they are (the source columns after them
# then read as empty). Each source says who published it and what it is; the target has a source of its own.
LEGACY_COLUMNS = ["kode_wilayah", "tahun", "jenis", "indeks", "target", "sumber", "tanggal_sumber", "catatan"]
SOURCE_COLUMNS = ["penerbit_sumber", "jenis_sumber", "nomor_sumber", "tautan_sumber"]
TARGET_SOURCE_COLUMNS = [
    "sumber_target",
    "penerbit_sumber_target",
    "jenis_sumber_target",
    "nomor_sumber_target",
    "tanggal_sumber_target",
    "tautan_sumber_target",
]
COLUMNS = [*LEGACY_COLUMNS, *SOURCE_COLUMNS, *TARGET_SOURCE_COLUMNS]
CODE_COLUMN = COLUMNS.index("kode_wilayah")
XLSX_MAGIC = b"PK\x03\x04"
MERGE_CELL_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
# How many lines or cells a message names before it says "…": enough to find them, short enough to read.
NAMED_AT_MOST = 10
# An XLSX is a zip: its size says little about what it unpacks to (a 209 KB file held a 200 MB cell and took a
# worker to 982 MB). Its parts are measured from the zip's directory before any is read; a 500-row template file
# unpacks to well under 1 MB. The longest text any column stores is a note; a cell past this is a mistake.
MAX_UNPACKED_BYTES = 8 * 1024 * 1024
MAX_PARTS = 100
MAX_CELL_CHARACTERS = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in words for the person who uploaded it."""


def read_table(*, name: str, content: bytes) -> list[dict[str, str]]:
    """The file's data rows as text keyed by column, after the checks on the file as a whole."""
    return read_numbered_table(name=name, content=content)[0]


def read_numbered_table(
    *, name: str, content: bytes, columns: list[str] | None = None, explain_header=None
) -> tuple[list[dict[str, str]], list[int]]:
    """The rows as `read_table` gives them, and the line of the file each starts on (as an editor or a sheet
    numbers it, blank lines and cells over several lines included), for messages that point at the file.
    `columns` names another template's header (the official levels' sheet); the results' one by default.
    `explain_header(found, line)` may say better than "not the template" why a header is not the one expected
    (the official levels' sheet names the framework whose columns it holds)."""
    columns = columns or COLUMNS
    if not content:
        raise ImportFileError(_("Berkas kosong."))
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar; paling besar %(kb)s KB.") % {"kb": settings.IMPORT_MAX_BYTES // 1024}
        )
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not content.startswith(XLSX_MAGIC):
            raise ImportFileError(_("Berkas ini bukan XLSX yang sah. Gunakan templat yang disediakan."))
        table = _xlsx_rows(content)
    elif lower.endswith(".csv"):
        if content.startswith(XLSX_MAGIC) or b"\x00" in content[:1024]:
            raise ImportFileError(_("Berkas ini bukan CSV teks. Gunakan templat yang disediakan."))
        table = _csv_rows(content)
    else:
        raise ImportFileError(_("Jenis berkas tidak didukung; unggah CSV atau XLSX."))
    table = [(line, row) for line, row in table if any(cell.strip() for cell in row)]
    if not table:
        raise ImportFileError(_("Berkas kosong."))
    header = [cell.strip().lower() for cell in table[0][1]]
    while header and not header[-1]:
        header.pop()
    # The results' template also accepts its older, shorter header (files made before the source columns).
    if header not in ([columns] if columns is not COLUMNS else [COLUMNS, LEGACY_COLUMNS]):
        if explain_header is not None and (message := explain_header(header, table[0][0])):
            raise ImportFileError(message)
        raise ImportFileError(
            _("Kolom tidak sesuai templat. Diharapkan: %(expected)s. Ditemukan: %(found)s.")
            % {"expected": ", ".join(columns), "found": ", ".join(header) or "—"}
        )
    body = table[1:]
    if not body:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(body) > settings.IMPORT_MAX_ROWS:
        raise ImportFileError(_("Terlalu banyak baris; paling banyak %(max)s.") % {"max": settings.IMPORT_MAX_ROWS})
    _refuse_extra_cells(body, width=len(header))
    width = len(columns)
    # A row as long as the template, as every row of a CSV written from it is, needs no padding or cut.
    full_header = len(header) == width
    rows = [
        dict(zip(columns, row, strict=True))
        if full_header and len(row) == width
        else dict(zip(columns, [*row[: len(header)], *[""] * width][:width], strict=True))
        for _line, row in body
    ]
    return rows, [line for line, _row in body]


def _refuse_extra_cells(body: list[tuple[int, list[str]]], *, width: int) -> None:
    """Empty cells after the last column are what spreadsheets add; a filled one would be lost, so it is refused."""
    too_long = [(line, row) for line, row in body if any(cell.strip() for cell in row[width:])]
    if not too_long:
        return
    line, row = too_long[0]
    raise ImportFileError(
        _(
            "Baris %(lines)s berisi sel di luar %(count)s kolom templat (baris %(line)s berisi %(cells)s sel). "
            "Periksa pemisah: angka berkoma seperti 2,45 dalam CSV yang dipisah koma harus diapit tanda petik, "
            "atau tulis 2.45."
        )
        % {
            "lines": _named([line for line, _row in too_long]),
            "count": width,
            "line": line,
            "cells": len(row),
        }
    )


def _named(items: list) -> str:
    shown = ", ".join(str(item) for item in items[:NAMED_AT_MOST])
    return shown + (", …" if len(items) > NAMED_AT_MOST else "")


def _csv_rows(content: bytes) -> list[tuple[int, list[str]]]:
    """Rows with the line each starts on, as an editor numbers it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _('Berkas tidak terbaca sebagai UTF-8. Simpan ulang sebagai "CSV UTF-8" lalu unggah lagi.')
        ) from error
    lines = text.splitlines()
    if not lines:
        # A file holding only the UTF-8 byte-order mark decodes to nothing.
        raise ImportFileError(_("Berkas kosong."))
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    # newline="" lets the csv module see CR, LF and CRLF line ends alike (old Mac files end lines with CR alone);
    # strict makes an unclosed quote an error instead of a cell that silently swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    rows = []
    starts_on = 1
    try:
        for row in reader:
            _refuse_long_cells(starts_on, row, header=rows[0][1] if rows else None)
            rows.append((starts_on, list(row)))
            starts_on = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(_csv_problem(str(error), line=starts_on)) from error
    return rows


def _csv_problem(error: str, *, line: int) -> str:
    if "field larger than field limit" in error:
        return _("Berkas CSV tidak dapat dibaca: ada sel yang terlalu panjang (baris %(line)s).") % {"line": line}
    if "unexpected end of data" in error:
        return _(
            "Berkas CSV tidak dapat dibaca: tanda petik yang dibuka di baris %(line)s tidak ditutup. "
            "Tutup tanda petiknya atau hapus."
        ) % {"line": line}
    if "expected after" in error:
        return _(
            "Berkas CSV tidak dapat dibaca: di baris %(line)s ada teks langsung setelah tanda petik penutup. "
            'Apit seluruh isi sel dengan tanda petik, dan tulis tanda petik di dalamnya dua kali ("").'
        ) % {"line": line}
    return _("Berkas CSV tidak dapat dibaca di baris %(line)s.") % {"line": line}


def _refuse_large_unpacked(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
    # The sizes the directory declares bound what reading can unpack: zipfile stops at each part's declared size.
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Isi berkas XLSX ini terlalu besar setelah dibuka (%(mb)s MB; paling besar %(max)s MB), biasanya "
                "karena ada sel yang sangat panjang. Hapus isi yang tidak perlu, lalu unggah lagi."
            )
            % {"mb": number_format(unpacked / 1024 / 1024, 1), "max": MAX_UNPACKED_BYTES // 1024 // 1024}
        )


def _refuse_long_cells(line: int, row, *, header: list | None) -> None:
    """A cell longer than any column stores, named by its row and column, refused as soon as it is read."""
    try:
        # A row whose cells are no longer than that together is passed without a look at each cell: every row of
        # a CSV file but a refused one (500 rows of 54 cells: 0.7-1.1 ms, against 2.1-2.4 ms cell by cell).
        if sum(map(len, row)) <= MAX_CELL_CHARACTERS:
            return
    except TypeError:
        pass  # an XLSX row holds numbers and empty cells: looked at cell by cell
    for index, cell in enumerate(row):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS:
            letter = get_column_letter(index + 1)
            name = header[index] if header and index < len(header) and header[index] else ""
            raise ImportFileError(
                _("Baris %(line)s, kolom %(column)s: sel berisi %(length)s karakter; paling banyak %(max)s.")
                % {
                    "line": line,
                    "column": f"{letter} ({name})" if name else letter,
                    "length": len(cell),
                    "max": MAX_CELL_CHARACTERS,
                }
            )


def _xlsx_rows(content: bytes) -> list[tuple[int, list[str]]]:
    try:
        _refuse_large_unpacked(content)
        # data_only=False keeps formulas as text so that they can be refused, never evaluated.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            # Rows as the sheet holds them, not padded to the size its header claims (A1:XFD1048576).
            sheet.reset_dimensions()
            rows = _sheet_rows(sheet)
            merged = _merged_ranges(sheet)
        finally:
            workbook.close()
    except ImportFileError:
        raise
    # openpyxl lets a malformed file surface as whatever its zip and XML layers raise (ParseError, TypeError,
    # IndexError…); the upload is untrusted, so any failure to read it is the file's, told as such.
    except Exception as error:
        raise ImportFileError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from error
    if merged:
        raise ImportFileError(
            _(
                "Berkas berisi sel gabungan (%(cells)s). Pisahkan sel gabungan itu (Merge & Center → Unmerge) "
                "dan isi setiap sel sendiri-sendiri, lalu unggah lagi."
            )
            % {"cells": _named(merged)}
        )
    numeric_codes = [line for line, row in rows[1:] if row and isinstance(row[CODE_COLUMN], int | float)]
    if numeric_codes:
        raise ImportFileError(
            _(
                "Kolom kode_wilayah berisi angka, bukan teks, di baris %(lines)s: Excel membuang angka nol di "
                "belakang koma, sehingga 53.10 menjadi 53.1 dan kodenya tidak pasti lagi. Format kolom kode_wilayah "
                "sebagai Teks, ketik ulang kodenya (mis. 53.10), lalu unggah lagi."
            )
            % {"lines": _named(numeric_codes)}
        )
    return [(line, [_cell_text(cell) for cell in row]) for line, row in rows]


def _sheet_rows(sheet) -> list[tuple[int, tuple]]:
    rows = []
    for index, row in enumerate(sheet.iter_rows(values_only=True)):
        if index > settings.IMPORT_MAX_ROWS + 1:
            raise ImportFileError(_("Terlalu banyak baris; paling banyak %(max)s.") % {"max": settings.IMPORT_MAX_ROWS})
        _refuse_long_cells(index + 1, row, header=list(rows[0][1]) if rows else None)
        rows.append((index + 1, tuple(row)))
    return rows


def _merged_ranges(sheet) -> list[str]:
    """A read-only sheet does not expose its merged cells, so they are read from the sheet's own XML."""
    ranges = []
    with sheet._get_source() as source:
        for _event, element in iterparse(source):
            if element.tag == MERGE_CELL_TAG:
                ranges.append(element.get("ref", ""))
            element.clear()
    return ranges


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
