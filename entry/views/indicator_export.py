"""The XLSX export of a regency's indicator workspace: one row per scored entry (an indicator, or one public service
of 5/2018's indicator 35, named in `entri`) with the self-assessment (level,
penjelasan, evidence file names), the province's review (level, note) and the official level with its source.
For the regency's own admins and staff; written by assessments/spreadsheets.py, which neutralises formulas."""

from accounts.permissions import entry_required
from assessments import spreadsheets

from ..selectors.workspace_export import workspace_export_rows
from .planner import workspace_framework, workspace_regency

# Stable machine names, like the other downloads (dashboard/exports.py).
COLUMNS = [
    "nomor_indikator",
    "nama_indikator",
    "entri",
    "tingkat_mandiri",
    "penjelasan",
    "bukti_dukung",
    "tingkat_reviu_provinsi",
    "catatan_reviu_provinsi",
    "tingkat_resmi",
    "sumber_tingkat_resmi",
]


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
            row.indicator.number,
            row.indicator.name,
            row.entry_name,
            _level(row.self_row),
            row.self_row.explanation if row.self_row else "",
            "; ".join(row.evidence_names),
            _level(row.province_row),
            row.province_row.explanation if row.province_row else "",
            _level(row.official_row),
            _source(row.official_row),
        ]
        for row in rows
    ]


@entry_required
def workspace_xlsx(request, slug: str, year: int):
    regency = workspace_regency(request, slug)
    framework = workspace_framework(year)
    rows = export_lines(workspace_export_rows(regency=regency, year=year, framework=framework))
    sheet = spreadsheets.Sheet(title="indikator", columns=COLUMNS, rows=rows)
    return spreadsheets.download(spreadsheets.xlsx_bytes(sheet), filename=f"indikator-spbe-{regency.slug}-{year}.xlsx")
