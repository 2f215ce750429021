"""The XLSX export of a regency's indicator workspace: one row per indicator with the self-assessment (level,
penjelasan, evidence file names), the province's review (level, note) and the official level with its source.
For the regency's own admins and staff; text that a spreadsheet would run is neutralised."""

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook

from accounts.permissions import entry_required
from assessments.spreadsheet import neutralise

from ..selectors.workspace_export import workspace_export_rows
from .planner import workspace_framework, workspace_regency

# Stable machine names, like the other downloads (dashboard/exports.py).
COLUMNS = [
    "nomor_indikator",
    "nama_indikator",
    "tingkat_mandiri",
    "penjelasan",
    "bukti_dukung",
    "tingkat_reviu_provinsi",
    "catatan_reviu_provinsi",
    "tingkat_resmi",
    "sumber_tingkat_resmi",
]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _level(row):
    return row.level if row is not None and row.level is not None else ""


def _source(row) -> str:
    source = row.source if row is not None else None
    if source is None:
        return ""
    parts = [f"{source.title} ({source.publisher})", source.published_on.isoformat(), source.url]
    return ", ".join(part for part in parts if part)


def export_lines(rows) -> list[list]:
    return [
        [
            neutralise(cell)
            for cell in (
                row.indicator.number,
                row.indicator.name,
                _level(row.self_row),
                row.self_row.explanation if row.self_row else "",
                "; ".join(row.evidence_names),
                _level(row.province_row),
                row.province_row.explanation if row.province_row else "",
                _level(row.official_row),
                _source(row.official_row),
            )
        ]
        for row in rows
    ]


@entry_required
def workspace_xlsx(request, slug: str, year: int):
    regency = workspace_regency(request, slug)
    framework = workspace_framework(year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "indikator"
    sheet.append(COLUMNS)
    for line in export_lines(workspace_export_rows(regency=regency, year=year, framework=framework)):
        sheet.append(line)
        # Text is text: openpyxl would store a string starting with "=" as a formula.
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="indikator-spbe-{regency.slug}-{year}.xlsx"'
    return response
