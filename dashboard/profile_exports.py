"""A regency profile's table as a download: a year a line — official result, self-assessment, target — with the
source of each, in the page's language. The standard CSV writes numbers with a point, the "CSV (Excel Indonesia)"
in the language's format; assessments/spreadsheets.py writes both."""

from decimal import Decimal

from django.utils.translation import gettext as _

from assessments import spreadsheets
from assessments.spreadsheets import Flavour

from .selectors import RegencyProfile


def _number(flavour: Flavour, value: Decimal | None) -> str:
    return "" if value is None else flavour.number(value)


def _source(source) -> str:
    if source is None:
        return ""
    return f"{source.title} ({source.publisher}, {source.published_on.isoformat()})"


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


def csv_response(profile: RegencyProfile, *, flavour: Flavour):
    header, lines = profile_table(profile, flavour=flavour)
    content = spreadsheets.csv_text(header, lines, flavour=flavour)
    return spreadsheets.download(content, filename=f"indeks-spbe-{profile.regency.slug}{flavour.suffix}.csv")
