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


def _national(flavour: Flavour, reference) -> str:
    shown = _number(flavour, reference.value) if reference.value is not None else _("belum ada data")
    return f"{reference.get_kind_display()} {shown}"


def profile_table(profile: RegencyProfile, *, flavour: Flavour) -> tuple[list[str], list[list[str]]]:
    """The profile's table as the page shows it: a year a line, official result, self-assessment, target."""
    header = [
        _("Tahun"),
        _("Hasil evaluasi resmi"),
        _("Predikat"),
        _("Evaluasi mandiri"),
        _("Target"),
        _("Selisih target"),
        # Which index each year is (SPBE, Pemdi) and its framework: the gap is only within one index.
        _("Seri indeks"),
        _("Kerangka evaluasi"),
        _("Sumber hasil"),
        _("Sumber evaluasi mandiri"),
        _("Sumber target"),
        _("Acuan nasional"),
        _("Sumber acuan nasional"),
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
                _number(flavour, line.gap) if line.gap is not None else line.gap_note,
                line.framework.series.short_name if line.framework else "",
                line.framework.short_name if line.framework else "",
                _source(line.official.source if line.official else None),
                _source(line.self_assessment.source if line.self_assessment else None),
                _source(line.target.source if line.target else None),
                "; ".join(_national(flavour, reference) for reference in line.national) or _("belum ada data"),
                "; ".join(_source(reference.source) for reference in line.national),
            ]
        )
    return header, lines


def csv_response(profile: RegencyProfile, *, flavour: Flavour):
    header, lines = profile_table(profile, flavour=flavour)
    content = spreadsheets.csv_text(header, lines, flavour=flavour)
    return spreadsheets.download(content, filename=f"indeks-{profile.regency.slug}{flavour.suffix}.csv")
