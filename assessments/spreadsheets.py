"""Spreadsheets both ways: the one rule for text a spreadsheet would run, and the one writer of every download.

The formula rule (OWASP, "CSV injection"). Excel and LibreOffice may run a cell whose text begins, after any
spaces, with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`,
`-2+3+cmd|…`, `@SUM(…)`). One exception: a plain signed number (`-5`, `+62`, `-0,12`, `2.45`, ASCII digits only) is
read as that number and runs nothing, so it is a number wherever it is typed — a numeric field, an import's number
column or a text field alike — never refused and never prefixed.
- Every download writes text that starts like a formula with a leading apostrophe (`neutralise`), so it shows as
  the text it is, and writes XLSX text cells as strings, never formulas; numbers stay numbers.
- Every input path (the entry forms, the services, both imports) refuses it (`refuse_formula`). Inputs are
  judged as they are stored: trimmed of the spaces, tabs and line breaks around them (Django's form fields trim
  them, the imports do the same), so `"\\t=1+1"` is refused as `=1+1` and `"\\tteks"` is stored as `teks`. A dash
  followed by a space, or a dash alone, is prose (`- sudah diverifikasi`, a dash list; `-`, nothing to say) and
  is accepted; the downloads neutralise it all the same.

The writer: `csv_text` (the standard CSV and the "CSV (Excel Indonesia)" flavour), `xlsx_bytes` (sheets of typed
cells: numbers as numbers, dates as Excel dates, widths that fit, the header frozen) and `download` (the HTTP
answer). Callers decide the columns and the words; the writer alone decides how a cell is written.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A plain number as people type it: a sign, ASCII digits, a decimal point or comma; no thousands separator, no
# exponent. Python's own parsers also read Arabic-Indic or fullwidth digits, "1_000" and "1e3"; nobody types those.
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
FORMULA_MESSAGE = _("Teks tidak boleh diawali =, +, - atau @ (dibaca sebagai rumus di spreadsheet). Hapus tanda itu.")


def starts_like_formula(text: str) -> bool:
    """The one rule: text a spreadsheet could run (see the module docstring)."""
    head = text.lstrip(" ")
    return head.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(head)


def plain_number(text: str) -> Decimal | None:
    """The number a cell or a field holds, read as `PLAIN_NUMBER` says (2,45 and 2.45 alike), else None."""
    text = text.strip()
    if not PLAIN_NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def refused_as_formula(text: str) -> bool:
    """What every input path refuses: the trimmed text starts like a formula and is not a dash of prose."""
    text = text.strip()
    dash_prose = text == "-" or (text.startswith("-") and text[1:2].isspace())
    return starts_like_formula(text) and not dash_prose


def refuse_formula(value) -> None:
    """Validator for every free text that reaches a download or a public page: form fields, services, imports."""
    if isinstance(value, str) and refused_as_formula(value):
        raise ValidationError(FORMULA_MESSAGE, code="formula")


def neutralise(cell):
    """The cell as a spreadsheet should show it: text that could start a formula gets a leading apostrophe."""
    if isinstance(cell, str) and starts_like_formula(cell):
        return "'" + cell
    return cell


# --- CSV ----------------------------------------------------------------------------------------------------------

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class Flavour:
    """How a CSV is written: its separator, how a number reads, and the byte-order mark Excel needs for UTF-8."""

    suffix: str
    delimiter: str
    number: Callable[[Decimal], str]
    byte_order_mark: bool


def _plain(value: Decimal) -> str:
    return f"{value:.2f}"


def _localised(value: Decimal) -> str:
    return number_format(value, 2, use_l10n=True)


# For programs: a comma between cells, a point in numbers, whatever the page's language.
STANDARD = Flavour(suffix="", delimiter=",", number=_plain, byte_order_mark=False)


def excel_flavour() -> Flavour:
    """Excel in Indonesian wants ";" and a decimal comma; in English the comma separates and a point is decimal."""
    english = (get_language() or "id").startswith("en")
    return Flavour(suffix="-excel", delimiter="," if english else ";", number=_localised, byte_order_mark=True)


def csv_text(header: Sequence[str], rows: Iterable[Sequence], *, flavour: Flavour = STANDARD) -> str:
    """Every text cell neutralised; None is an empty cell; other cells as callers formatted them."""
    buffer = io.StringIO()
    if flavour.byte_order_mark:
        buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, delimiter=flavour.delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(str(cell)) for cell in header])
    writer.writerows([neutralise("" if cell is None else cell) for cell in row] for row in rows)
    return buffer.getvalue()


# --- XLSX ---------------------------------------------------------------------------------------------------------

# What a cell of the people's sheets shows for a date, in the page's language (Excel keeps the date underneath).
DATE_FORMATS = {"id": "dd/mm/yyyy", "en": "yyyy-mm-dd"}
# A column fits its longest cell, within these bounds (in characters): long titles wrap instead of widening it.
NARROWEST, WIDEST = 8, 60


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header and, where it matters, how its cells read.

    `number_format` an Excel format for the numbers of the column ("0.00"); `width` in characters, None to fit
    the cells; `as_text` formats the whole column as text, so that what a person types under the header stays
    text (the import templates: a code typed as 53.10 stays 53.10)."""

    header: str
    number_format: str | None = None
    width: int | None = None
    as_text: bool = False


@dataclass
class Sheet:
    """A sheet: the lines above the header (a title, the download date), the header, the rows of typed cells."""

    title: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence] = ()
    heading: Sequence[str] = ()
    # The header row and what is above it stay in view while scrolling.
    freeze_header: bool = True
    # Text wraps in its cell (an explanation sheet); otherwise long text runs on, cut at the column's edge.
    wrap_text: bool = False
    column_objects: list[Column] = field(init=False)

    def __post_init__(self):
        self.column_objects = [column if isinstance(column, Column) else Column(column) for column in self.columns]


def _date_format() -> str:
    return DATE_FORMATS.get((get_language() or "id")[:2], DATE_FORMATS["id"])


def _typed(cell):
    """The value openpyxl stores: numbers and dates as such, text neutralised, nothing else."""
    if cell is None or isinstance(cell, bool):
        return None if cell is None else str(cell)
    if isinstance(cell, int | float | Decimal | date):
        return cell
    return neutralise(str(cell))


def _shown_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    if isinstance(value, Decimal | float):
        return len(f"{value:.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _write_sheet(worksheet, sheet: Sheet) -> None:
    worksheet.title = sheet.title
    for number, line in enumerate(sheet.heading, start=1):
        title = number == 1
        worksheet.cell(row=number, column=1, value=neutralise(line)).font = Font(bold=title, size=13 if title else 11)
    # A blank line between the heading and the header.
    header_row = len(sheet.heading) + 2 if sheet.heading else 1
    columns = sheet.column_objects
    widths = [_shown_width(column.header) for column in columns]
    date_format = _date_format()
    for column_number, column in enumerate(columns, start=1):
        cell = worksheet.cell(row=header_row, column=column_number, value=neutralise(column.header))
        cell.font = Font(bold=True)
        cell.data_type = "s"
        if column.as_text:
            cell.number_format = "@"
    # A column of numbers or dates reads right-aligned, its header too, so that it stands over its values; one
    # character in from the edge, so that it does not run into the text of the next column.
    right_aligned = set()
    right = Alignment(horizontal="right", indent=1)
    for row_number, row in enumerate(sheet.rows, start=header_row + 1):
        for column_number, value in enumerate(row, start=1):
            cell = worksheet.cell(row=row_number, column=column_number, value=_typed(value))
            column = columns[column_number - 1] if column_number <= len(columns) else Column("")
            if isinstance(cell.value, str):
                # Text is text: openpyxl would store a string starting with "=" as a formula.
                cell.data_type = "s"
            elif cell.value is not None:
                right_aligned.add(column_number)
                cell.alignment = right
                if isinstance(cell.value, date):
                    cell.number_format = date_format
                elif column.number_format:
                    cell.number_format = column.number_format
            if sheet.wrap_text:
                cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=cell.alignment.horizontal)
            if column_number <= len(widths):
                widths[column_number - 1] = max(widths[column_number - 1], _shown_width(cell.value))
    for column_number, column in enumerate(columns, start=1):
        if column_number in right_aligned:
            worksheet.cell(row=header_row, column=column_number).alignment = right
        dimension = worksheet.column_dimensions[get_column_letter(column_number)]
        dimension.width = column.width or min(WIDEST, max(NARROWEST, widths[column_number - 1] + 2))
        if column.as_text:
            # The column's own format, so that every cell typed below the header is text too.
            dimension.number_format = "@"
    if sheet.freeze_header:
        # By its address: asking the sheet for the cell would create an empty one below the header.
        worksheet.freeze_panes = f"A{header_row + 1}"
    if sheet.heading:
        # A sheet for people prints across, its header repeated on every page.
        worksheet.page_setup.orientation = "landscape"
        worksheet.print_title_rows = f"{header_row}:{header_row}"


def xlsx_bytes(*sheets: Sheet) -> bytes:
    workbook = Workbook()
    for index, sheet in enumerate(sheets):
        _write_sheet(workbook.active if index == 0 else workbook.create_sheet(), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: str | bytes, *, filename: str) -> HttpResponse:
    """The answer that saves `filename` (its extension says CSV or XLSX)."""
    content_type = XLSX_TYPE if filename.endswith(".xlsx") else CSV_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
