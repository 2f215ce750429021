"""The profile's download of its public indicator levels (CSV and XLSX): one line per year, stage and indicator,
with the source of the level. Stable machine column names, like the ranking's CSV (exports.py); written by
assessments/spreadsheets.py, which neutralises formulas."""

from assessments import spreadsheets
from assessments.spreadsheets import Sheet

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
    return lines


def csv_response(regency, tables: list[LevelTable], *, filename: str):
    lines = [["" if cell is None else str(cell) for cell in line] for line in level_lines(regency, tables)]
    return spreadsheets.download(spreadsheets.csv_text(COLUMNS, lines), filename=f"{filename}.csv")


def xlsx_response(regency, tables: list[LevelTable], *, filename: str):
    sheet = Sheet(title="tingkat_indikator", columns=COLUMNS, rows=level_lines(regency, tables))
    return spreadsheets.download(spreadsheets.xlsx_bytes(sheet), filename=f"{filename}.xlsx")
