"""The profile's download of its public indicator levels (CSV and XLSX): one line per year, stage and indicator,
with the source of the level. Stable machine column names, like the ranking's downloads (exports.py); text a
spreadsheet would run is neutralised."""

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook

from assessments.spreadsheet import neutralise

from .selectors.indicator_levels import LevelTable

COLUMNS = [
    "kode_kemendagri",
    "wilayah",
    "kerangka",
    "tahun",
    "tahap",
    "nomor_indikator",
    "nama_indikator",
    "tingkat",
    "sumber",
    "sumber_tanggal",
    "sumber_tautan",
]
STAGE_NAMES = {"official": "resmi", "self": "evaluasi mandiri"}


def level_lines(regency, tables: list[LevelTable]) -> list[list]:
    lines = []
    for table in tables:
        for column in table.columns:
            source = column.sources[0] if len(column.sources) == 1 else None
            for number, level in sorted(column.levels.items()):
                lines.append(
                    [
                        regency.code,
                        regency.display_name,
                        table.framework,
                        column.year,
                        STAGE_NAMES[column.stage],
                        number,
                        table.indicators[number],
                        level,
                        "; ".join(f"{s.title} ({s.publisher})" for s in column.sources),
                        source.published_on.isoformat() if source else "",
                        source.url if source else "",
                    ]
                )
    return [[neutralise(cell) for cell in line] for line in lines]


def xlsx_response(regency, tables: list[LevelTable], *, filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "tingkat_indikator"
    sheet.append(COLUMNS)
    for line in level_lines(regency, tables):
        sheet.append(line)
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
