"""The ranking's downloads: exactly the rows the visitor filtered, in the order shown.

Two tables. The CSV is for programs: stable machine column names (not translated) and plain values, so that a
spreadsheet or a script built on them keeps working. The people's table is the page as it reads, in the page's
language — its headers, statuses, trends and the source of every value in its row — written as the "CSV (Excel
Indonesia)" and as XLSX (numbers and dates typed, widths that fit, the header frozen, the title and download date
above it). assessments/spreadsheets.py writes both and neutralises formulas.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from assessments import spreadsheets
from assessments.spreadsheets import Column, Flavour, Sheet
from assessments.trends import TREND_LEGEND

from .selectors import RankingRow

COLUMNS = [
    "tahun",
    "peringkat",
    "kode_kemendagri",
    "wilayah",
    "jenis",
    "indeks",
    # Which index the value is (SPBE, Pemdi) and the framework it was evaluated with: never compare two series.
    "seri_indeks",
    "kerangka",
    "status_evaluasi",
    "predikat",
    "perubahan_dari_tahun_sebelumnya",
    "target",
    "selisih_target",
    "tren",
    "status_terakhir",
    "status_per_tanggal",
    "sumber_indeks",
    "sumber_indeks_tanggal",
    "sumber_indeks_tautan",
    "sumber_target",
    "sumber_target_tanggal",
    "sumber_target_tautan",
    "sumber_status",
    "sumber_status_tanggal",
    # "ya" on rows made up by `manage.py seed_demo`, so a downloaded file cannot pass synthetic numbers as real.
    "data_contoh",
]


def filtered_filename(base: str, filters: dict) -> str:
    """peringkat-spbe-ntt-2022 with what was filtered appended: …-predikat-cukup-kota."""
    parts = [base, *(slugify(str(value)) for value in filters.values() if value)]
    return "-".join(part for part in parts if part)


def _number(value):
    return f"{value:.2f}" if value is not None else ""


def _machine_status(row: RankingRow) -> str:
    if row.has_value:
        return "dievaluasi"
    if row.not_evaluated:
        return "tidak dievaluasi"
    return "belum ada data"


def _machine_source(source) -> list[str]:
    if source is None:
        return ["", "", ""]
    return [f"{source.title} ({source.publisher})", source.published_on.isoformat(), source.url]


def machine_rows(rows: Sequence[RankingRow]) -> list[list[str]]:
    """Plain strings with a dot as decimal mark, whatever the page language: files are read by programs."""
    return [
        [
            str(row.year),
            str(row.rank or ""),
            row.regency.code,
            row.regency.display_name,
            row.regency.kind,
            _number(row.value),
            row.index_name,
            row.framework_name,
            _machine_status(row),
            row.predikat_name,
            _number(row.change),
            _number(row.target_value),
            _number(row.gap),
            row.trend.value,
            row.flag.flag if row.flag else "",
            row.flag.as_of.isoformat() if row.flag else "",
            *_machine_source(row.result.source if row.result else None),
            *_machine_source(row.target.source if row.target else None),
            *(_machine_source(row.flag.source)[:2] if row.flag else ["", ""]),
            "ya" if row.is_demo else "",
        ]
        for row in rows
    ]


def csv_response(rows: Sequence[RankingRow], *, filename: str):
    return spreadsheets.download(spreadsheets.csv_text(COLUMNS, machine_rows(rows)), filename=f"{filename}.csv")


# --- the people's table -------------------------------------------------------------------------------------------

INDEX_FORMAT = "0.00"
# A change and a gap read with their sign, as on the page: +0,25 and -2,01.
SIGNED_FORMAT = "+0.00;-0.00;0.00"


def _people_columns() -> list[Column]:
    return [
        Column(_("Tahun")),
        Column(_("Peringkat")),
        Column(_("Kode Kemendagri")),
        Column(_("Wilayah")),
        Column(_("Indeks"), number_format=INDEX_FORMAT),
        Column(_("Seri indeks")),
        Column(_("Kerangka evaluasi")),
        Column(_("Status evaluasi")),
        Column(_("Predikat")),
        Column(_("Perubahan dari tahun sebelumnya"), number_format=SIGNED_FORMAT),
        Column(_("Target"), number_format=INDEX_FORMAT),
        Column(_("Selisih target"), number_format=SIGNED_FORMAT),
        Column(_("Tren")),
        Column(_("Status terakhir")),
        Column(_("Status per tanggal")),
        Column(_("Sumber indeks")),
        Column(_("Tanggal sumber indeks")),
        Column(_("Tautan sumber indeks")),
        Column(_("Sumber target")),
        Column(_("Tanggal sumber target")),
        Column(_("Tautan sumber target")),
        Column(_("Sumber status")),
        Column(_("Tanggal sumber status")),
        Column(_("Tautan sumber status")),
        Column(_("Data contoh")),
    ]


def _evaluation_status(row: RankingRow) -> str:
    if row.has_value:
        return _("dievaluasi")
    if row.not_evaluated:
        return _("tidak dievaluasi")
    return _("belum ada data")


def _source(source) -> list:
    """Title with its publisher, date and link: where the value of the cells before it comes from."""
    if source is None:
        return [None, None, None]
    return [f"{source.title} ({source.publisher})", source.published_on, source.url or None]


def people_rows(rows: Sequence[RankingRow]) -> list[list]:
    """The ranking as the page reads it, typed: numbers as Decimal, dates as dates, words translated."""
    return [
        [
            row.year,
            row.rank,
            row.regency.code,
            row.regency.display_name,
            row.value,
            row.index_name or None,
            row.framework_name or None,
            _evaluation_status(row),
            row.predikat_name or None,
            row.change,
            row.target_value,
            row.gap,
            str(TREND_LEGEND[row.trend].label) if row.has_value else None,
            row.flag_label or None,
            row.flag.as_of if row.flag else None,
            *_source(row.result.source if row.result else None),
            *_source(row.target.source if row.target else None),
            *_source(row.flag.source if row.flag else None),
            _("ya") if row.is_demo else None,
        ]
        for row in rows
    ]


def _as_text(cell, flavour: Flavour) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return flavour.number(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def excel_csv_response(rows: Sequence[RankingRow], *, filename: str):
    """The people's table for Excel set to the page's language (";" and a decimal comma in Indonesian)."""
    flavour = spreadsheets.excel_flavour()
    lines = [[_as_text(cell, flavour) for cell in line] for line in people_rows(rows)]
    header = [column.header for column in _people_columns()]
    content = spreadsheets.csv_text(header, lines, flavour=flavour)
    return spreadsheets.download(content, filename=f"{filename}{flavour.suffix}.csv")


def xlsx_response(
    rows: Sequence[RankingRow], *, filename: str, year: int, filters: dict, address: str, index: str = "SPBE"
):
    """The people's table as a workbook: the title (with what was filtered) and the download date on top."""
    title = _("Peringkat indeks %(index)s Nusa Tenggara Timur %(year)s") % {"index": index, "year": year}
    if filters:
        title += " (" + ", ".join(filters.values()) + ")"
    downloaded = _("Diunduh %(date)s dari %(address)s") % {
        "date": date_format(timezone.localdate(), "j F Y"),
        "address": address,
    }
    sheet = Sheet(
        title=_("Peringkat"),
        columns=_people_columns(),
        rows=people_rows(rows),
        heading=[title, downloaded, _("Sumber setiap nilai tertulis di barisnya.")],
    )
    return spreadsheets.download(spreadsheets.xlsx_bytes(sheet), filename=f"{filename}.xlsx")
