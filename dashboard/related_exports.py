"""Downloads of a related index (RB, IPP, KIP): the ranking switched to it, and a profile's related indices.

One line per stated fact, so that two sources that differ are two lines, both marked; a kabupaten/kota without a
value of the year is one line reading "belum ada data". Values keep the decimals their source gave (4,002 is not
4,00); the category is as written; no predikat is derived. As the other downloads: machine column names in the
standard CSV and XLSX, the page's language in the Excel CSV, and formulas neutralised everywhere.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments import spreadsheets
from assessments.models import RelatedIndexValue
from assessments.spreadsheets import Column, Sheet

from .selectors import RelatedRanking

COLUMNS = [
    "indeks",
    "skala",
    "tahun",
    "kode_kemendagri",
    "wilayah",
    "jenis_nilai",
    "nilai",
    "kategori_seperti_tertulis",
    "sumber_berbeda",
    "sumber",
    "sumber_tanggal",
    "sumber_tautan",
    "kutipan",
]
NO_DATA = "belum ada data"


def _stated(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _fact_line(fact: RelatedIndexValue, *, disputed: bool) -> dict:
    return {
        "indeks": fact.family.code,
        "skala": fact.family.scale,
        "tahun": fact.year,
        "kode_kemendagri": fact.regency.code,
        "wilayah": fact.regency.display_name,
        "jenis_nilai": "target" if fact.is_target else "capaian",
        "nilai": fact.value,
        "kategori_seperti_tertulis": fact.category,
        "sumber_berbeda": disputed and not fact.is_target,
        "sumber": fact.source_title,
        "sumber_tanggal": fact.source_published_on.isoformat() if fact.source_published_on else "",
        "sumber_tautan": fact.source_url,
        "kutipan": fact.quote,
    }


def ranking_lines(ranking: RelatedRanking) -> list[dict]:
    """Every kabupaten/kota in the page's order, then the province's facts as a reference."""
    lines = []
    for row in [*ranking.rows, *([ranking.province] if ranking.province else [])]:
        for fact in [*row.facts, *row.targets]:
            fact.family = ranking.family  # read with the family already; no query
            fact.regency = row.regency
            lines.append(_fact_line(fact, disputed=row.disputed))
        if not row.facts and not row.regency.is_province:
            lines.append(
                {
                    "indeks": ranking.family.code,
                    "skala": ranking.family.scale,
                    "tahun": ranking.year,
                    "kode_kemendagri": row.regency.code,
                    "wilayah": row.regency.display_name,
                    "jenis_nilai": NO_DATA,
                }
            )
    return lines


def profile_lines(related_indices) -> list[dict]:
    """A profile's related indices (selectors.profile.RelatedIndex), every fact with its source."""
    lines = []
    for index in related_indices:
        for fact in index.facts:
            lines.append(_fact_line(fact, disputed=fact.year in index.disputed_years))
    return lines


def _machine(line: dict) -> list[str]:
    cells = []
    for column in COLUMNS:
        value = line.get(column)
        if column == "nilai":
            value = _stated(value)
        elif column == "sumber_berbeda":
            value = "ya" if value else ""
        cells.append("" if value is None else str(value))
    return cells


def csv_response(lines: Iterable[dict], *, filename: str):
    content = spreadsheets.csv_text(COLUMNS, [_machine(line) for line in lines])
    return spreadsheets.download(content, filename=f"{filename}.csv")


def xlsx_response(lines: Iterable[dict], *, filename: str):
    """The machine columns, with the value and the year as numbers (the value keeps its source's decimals)."""
    rows = []
    for line in lines:
        cells = _machine(line)
        value = line.get("nilai")
        cells[COLUMNS.index("nilai")] = value
        cells[COLUMNS.index("tahun")] = int(line["tahun"]) if line.get("tahun") else None
        rows.append(cells)
    sheet = Sheet(title="indeks-terkait", columns=[Column(name) for name in COLUMNS], rows=rows)
    return spreadsheets.download(spreadsheets.xlsx_bytes(sheet), filename=f"{filename}.xlsx")


def localised_table(lines: Iterable[dict], *, flavour: spreadsheets.Flavour) -> tuple[list[str], list[list[str]]]:
    """The Excel CSV: headers and words in the page's language, the value with the language's decimal mark."""
    header = [
        _("Indeks"),
        _("Skala"),
        _("Tahun"),
        _("Kode Kemendagri"),
        _("Wilayah"),
        _("Jenis nilai"),
        _("Nilai"),
        _("Kategori (seperti tertulis)"),
        _("Sumber berbeda"),
        _("Sumber"),
        _("Tanggal sumber"),
        _("Tautan sumber"),
        _("Kutipan"),
    ]
    kinds = {"target": _("target"), "capaian": _("capaian"), NO_DATA: _("belum ada data")}
    rows = []
    for line in lines:
        value = line.get("nilai")
        rows.append(
            [
                str(line.get("indeks", "")),
                str(line.get("skala", "")),
                str(line.get("tahun") or _("tahun tidak disebut sumber")),
                str(line.get("kode_kemendagri", "")),
                str(line.get("wilayah", "")),
                str(kinds[line["jenis_nilai"]]),
                "" if value is None else number_format(Decimal(_stated(value)), use_l10n=True),
                str(line.get("kategori_seperti_tertulis", "")),
                _("sumber berbeda") if line.get("sumber_berbeda") else "",
                str(line.get("sumber", "")),
                str(line.get("sumber_tanggal", "")),
                str(line.get("sumber_tautan", "")),
                str(line.get("kutipan", "")),
            ]
        )
    return header, rows


def excel_csv_response(lines: Iterable[dict], *, filename: str):
    flavour = spreadsheets.excel_flavour()
    header, rows = localised_table(lines, flavour=flavour)
    content = spreadsheets.csv_text(header, rows, flavour=flavour)
    return spreadsheets.download(content, filename=f"{filename}{flavour.suffix}.csv")
