"""Downloads for people who open them in a spreadsheet, in the page's language.

The standard CSV and XLSX of the ranking (exports.py) keep stable machine column names for programs. The
"CSV (Excel Indonesia)" flavour is for Excel set to Indonesian, which reads ";" as the separator and "," as the
decimal mark and needs a byte-order mark to see UTF-8: its headers and words follow the page's language, its
numbers the language's decimal mark. The same two flavours serve a regency profile's table.
"""

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.spreadsheet import neutralise
from assessments.trends import TREND_LEGEND

from .selectors import RankingRow, RegencyProfile

BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True)
class Flavour:
    """How a CSV is written: its separator and how a number reads."""

    suffix: str
    delimiter: str
    number: Callable[[Decimal], str]
    byte_order_mark: bool


def _plain(value: Decimal) -> str:
    return f"{value:.2f}"


def _localised(value: Decimal) -> str:
    return number_format(value, 2, use_l10n=True)


STANDARD = Flavour(suffix="", delimiter=",", number=_plain, byte_order_mark=False)


def excel_flavour() -> Flavour:
    """Excel in Indonesian wants ";" and a decimal comma; in English the comma separates and a point is decimal."""
    english = (get_language() or "id").startswith("en")
    return Flavour(
        suffix="-excel",
        delimiter="," if english else ";",
        number=_localised,
        byte_order_mark=True,
    )


def _number(flavour: Flavour, value: Decimal | None) -> str:
    return "" if value is None else flavour.number(value)


def _source(source) -> str:
    if source is None:
        return ""
    return f"{source.title} ({source.publisher}, {source.published_on.isoformat()})"


def _evaluation_status(row: RankingRow) -> str:
    if row.has_value:
        return _("dievaluasi")
    if row.not_evaluated:
        return _("tidak dievaluasi")
    return _("belum ada data")


def ranking_table(rows: Sequence[RankingRow], *, flavour: Flavour) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Tahun"),
        _("Peringkat"),
        _("Kode Kemendagri"),
        _("Wilayah"),
        _("Indeks"),
        _("Status evaluasi"),
        _("Predikat"),
        _("Perubahan dari tahun sebelumnya"),
        _("Target"),
        _("Selisih target"),
        _("Tren"),
        _("Status terakhir"),
        _("Status per tanggal"),
        _("Sumber indeks"),
        _("Sumber target"),
        _("Sumber status"),
        _("Data contoh"),
    ]
    lines = [
        [
            str(row.year),
            str(row.rank or ""),
            row.regency.code,
            row.regency.display_name,
            _number(flavour, row.value),
            _evaluation_status(row),
            row.predikat_name,
            _number(flavour, row.change),
            _number(flavour, row.target_value),
            _number(flavour, row.gap),
            str(TREND_LEGEND[row.trend].label) if row.has_value else "",
            row.flag_label,
            row.flag.as_of.isoformat() if row.flag else "",
            _source(row.result.source if row.result else None),
            _source(row.target.source if row.target else None),
            _source(row.flag.source if row.flag else None),
            _("ya") if row.is_demo else "",
        ]
        for row in rows
    ]
    return header, lines


def profile_table(profile: RegencyProfile, *, flavour: Flavour) -> tuple[list[str], list[list[str]]]:
    """The profile's table as the page shows it: a year a line, official result, self-assessment, target."""
    header = [
        _("Tahun"),
        _("Hasil evaluasi resmi"),
        _("Predikat"),
        _("Evaluasi mandiri"),
        _("Target"),
        _("Selisih target"),
        _("Sumber hasil"),
        _("Sumber evaluasi mandiri"),
        _("Sumber target"),
    ]
    lines = []
    for line in profile.years:
        official = line.official.value if line.official and line.official.evaluated else None
        self_value = line.self_assessment.value if line.self_assessment and line.self_assessment.evaluated else None
        target = line.target.value if line.target else None
        if line.official and not line.official.evaluated:
            official_text = _("tidak dievaluasi")
        else:
            official_text = _number(flavour, official) if official is not None else _("belum ada data")
        lines.append(
            [
                str(line.year),
                official_text,
                line.official.predikat.name if official is not None and line.official.predikat else "",
                _number(flavour, self_value) if self_value is not None else _("belum ada data"),
                _number(flavour, target) if target is not None else _("belum ada data"),
                _number(flavour, official - target) if official is not None and target is not None else "",
                _source(line.official.source if line.official else None),
                _source(line.self_assessment.source if line.self_assessment else None),
                _source(line.target.source if line.target else None),
            ]
        )
    return header, lines


def csv_response(header: list[str], lines: list[list[str]], *, flavour: Flavour, filename: str) -> HttpResponse:
    buffer = StringIO()
    if flavour.byte_order_mark:
        buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, delimiter=flavour.delimiter)
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in line] for line in lines)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}{flavour.suffix}.csv"'
    return response


def filtered_filename(base: str, filters: dict) -> str:
    """peringkat-spbe-ntt-2022 with what was filtered appended: …-predikat-cukup-kota."""
    parts = [base, *(slugify(str(value)) for value in filters.values() if value)]
    return "-".join(part for part in parts if part)
