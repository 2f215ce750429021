"""CSV and XLSX downloads of the ranking: exactly the rows the visitor filtered, in the order shown.

Column names are stable machine names (not translated), so that a spreadsheet built on them keeps working;
every value carries the source it comes from.
"""

import csv
from io import BytesIO, StringIO

from django.http import HttpResponse
from openpyxl import Workbook

from assessments.spreadsheet import neutralise

from .selectors import RankingRow

COLUMNS = [
    "tahun",
    "peringkat",
    "kode_kemendagri",
    "wilayah",
    "jenis",
    "indeks",
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


def _number(value):
    return f"{value:.2f}" if value is not None else ""


def _evaluation_status(row: RankingRow) -> str:
    if row.has_value:
        return "dievaluasi"
    if row.not_evaluated:
        return "tidak dievaluasi"
    return "belum ada data"


def _source_fields(source) -> list[str]:
    if source is None:
        return ["", "", ""]
    return [f"{source.title} ({source.publisher})", source.published_on.isoformat(), source.url]


def export_rows(rows: list[RankingRow]) -> list[list[str]]:
    """Plain strings with a dot as decimal mark, whatever the page language: files are read by programs. Text
    that a spreadsheet would run as a formula is neutralised (assessments/spreadsheet.py)."""
    lines = []
    for row in rows:
        lines.append(
            [
                str(row.year),
                str(row.rank or ""),
                row.regency.code,
                row.regency.display_name,
                row.regency.kind,
                _number(row.value),
                _evaluation_status(row),
                row.predikat_name,
                _number(row.change),
                _number(row.target_value),
                _number(row.gap),
                row.trend.value,
                row.flag.flag if row.flag else "",
                row.flag.as_of.isoformat() if row.flag else "",
                *_source_fields(row.result.source if row.result else None),
                *_source_fields(row.target.source if row.target else None),
                *(_source_fields(row.flag.source)[:2] if row.flag else ["", ""]),
                "ya" if row.is_demo else "",
            ]
        )
    return [[neutralise(cell) for cell in line] for line in lines]


def csv_response(rows: list[RankingRow], *, filename: str) -> HttpResponse:
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(export_rows(rows))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows: list[RankingRow], *, filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "peringkat"
    sheet.append(COLUMNS)
    for line in export_rows(rows):
        # Numbers as numbers, so that a spreadsheet can sort and sum them.
        sheet.append([_as_number(cell) if COLUMNS[i] in NUMERIC_COLUMNS else cell for i, cell in enumerate(line)])
        # Text is text: openpyxl would store a string starting with "=" as a formula.
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


NUMERIC_COLUMNS = {"tahun", "peringkat", "indeks", "perubahan_dari_tahun_sebelumnya", "target", "selisih_target"}


def _as_number(cell: str):
    if cell == "":
        return None
    return int(cell) if cell.lstrip("-").isdigit() else float(cell)
