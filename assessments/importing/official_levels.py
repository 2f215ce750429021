"""Importing KemenPAN-RB's official indicator levels of every regency at once: one sheet for one year, a row per
regency (its code), a column per indicator number of the year's framework, and the source the levels come from.

The same rules as the results' import: read (reading.py, the file-wide checks and line numbers) → check every row
→ preview → apply all or nothing after checking again. An empty level cell writes nothing for that indicator;
never a 0. Text cells that start like a formula are refused; the templates hold headers only.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from regencies.models import Regency

from .. import consistency, scoring, spreadsheets
from ..formatting import index_value
from ..models import (
    AssessmentStage,
    Framework,
    Indicator,
    IndicatorAssessment,
    Result,
    ResultKind,
    Source,
    SourceKind,
)
from ..services import CitedSource, indicator_review
from ..spreadsheets import Column, Sheet, refused_as_formula
from . import templates
from .checking import CHANGED as CHANGED_STATUS
from .checking import ERROR, NEW, UNCHANGED
from .sources import read_source

CODE = "kode_wilayah"
SOURCE_COLUMNS = ["sumber_judul", "sumber_penerbit", "sumber_jenis", "sumber_nomor", "sumber_tanggal", "sumber_tautan"]
# The same columns in the order sources.read_source names them: title, date, publisher, kind, number, link.
CITATION_COLUMNS = (
    "sumber_judul",
    "sumber_tanggal",
    "sumber_penerbit",
    "sumber_jenis",
    "sumber_nomor",
    "sumber_tautan",
)
DATA_SHEET = "tingkat_resmi"
# A level is a whole number in ASCII digits (int() would also read "٣", "３" and "3_0").
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


class OfficialImportRejected(Exception):
    def __init__(self, rows):
        super().__init__("official levels import has rows with errors")
        self.rows = rows


class ReasonRequired(Exception):
    """Rows whose levels disagree with the published index were confirmed without saying why."""

    def __init__(self, rows):
        super().__init__("official levels disagree with the published index and no reason was given")
        self.rows = rows


@dataclass
class OfficialRow:
    line: int
    raw: dict[str, str]
    status: str = NEW
    reasons: list[str] = field(default_factory=list)
    regency: Regency | None = None
    levels: dict[int, int] = field(default_factory=dict)  # indicator number → level
    source: CitedSource | None = None
    changes: int = 0
    # [indicator number, pk, version] of each official row this one would change, as checked.
    versions: list = field(default_factory=list)
    # The index the regency's official levels of the year compute to once this row is written (None: some
    # indicator still without a level), beside the official index published for that year (None: none yet).
    computed_index: Decimal | None = None
    published_index: Decimal | None = None

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)

    @property
    def disagrees(self) -> bool:
        """Levels and published index differ by more than rounding (assessments/consistency.py)."""
        if self.computed_index is None or self.published_index is None:
            return False
        return consistency.disagrees(computed=self.computed_index, published=self.published_index)

    def fail(self, message: str) -> None:
        self.status = ERROR
        self.reasons.append(message)


def indicator_numbers(framework: Framework) -> list[int]:
    return list(
        Indicator.objects.filter(aspect__framework=framework).order_by("number").values_list("number", flat=True)
    )


def columns_for(numbers: list[int]) -> list[str]:
    return [CODE, *[str(number) for number in numbers], *SOURCE_COLUMNS]


def check_official_rows(
    *, raw_rows: list[dict[str, str]], year: int, framework: Framework, lines: list[int] | None = None
) -> list[OfficialRow]:
    """Each row with its status (new, changed, unchanged) or its errors, and the index its levels compute to
    beside the published one; five queries whatever the row count."""
    weights = dict(
        Indicator.objects.filter(aspect__framework=framework).order_by("number").values_list("number", "weight")
    )
    numbers = list(weights)
    published = dict(
        Result.objects.published()
        .filter(year=year, kind=ResultKind.OFFICIAL, evaluated=True)
        .values_list("regency_id", "value")
    )
    regencies = {regency.code: regency for regency in Regency.objects.ranked()}
    existing: dict[tuple[int, int], tuple[int | None, int | None]] = {}
    versions: dict[tuple[int, int], list[int]] = {}
    for regency_id, number, level, source_id, pk, version in (
        IndicatorAssessment.objects.working()
        .filter(year=year, stage=AssessmentStage.OFFICIAL, indicator__aspect__framework=framework)
        .values_list("regency_id", "indicator__number", "level", "source_id", "pk", "version")
    ):
        existing[(regency_id, number)] = (level, source_id)
        versions[(regency_id, number)] = [number, pk, version]
    sources = {
        (title, published_on): pk
        for pk, title, published_on in Source.objects.values_list("pk", "title", "published_on")
    }
    seen: dict[str, int] = {}
    rows = []
    for index, raw in enumerate(raw_rows):
        line = lines[index] if lines else index + 2
        row = OfficialRow(line=line, raw=raw)
        _check_code(row, regencies, seen)
        for number in numbers:
            _check_level(row, number, raw.get(str(number), ""), framework)
        if not row.levels and row.status != ERROR:
            row.fail(_("Baris ini tidak berisi satu pun tingkat indikator."))
        _check_source(row, on_file=set(sources))
        if row.status != ERROR:
            source_id = sources.get((row.source.title, row.source.published_on))
            row.changes = sum(
                1
                for number, level in row.levels.items()
                if existing.get((row.regency.pk, number)) != (level, source_id)
            )
            known = any((row.regency.pk, number) in existing for number in row.levels)
            row.versions = [
                versions[(row.regency.pk, n)] for n in sorted(row.levels) if (row.regency.pk, n) in versions
            ]
            row.status = UNCHANGED if not row.changes else (CHANGED_STATUS if known else NEW)
            row.computed_index = _index_of(row, weights, existing)
            row.published_index = published.get(row.regency.pk)
        rows.append(row)
    return rows


def _index_of(row: OfficialRow, weights: dict[int, Decimal], existing) -> Decimal | None:
    """index = Σ(level_i × w_i) / Σ w_i over the row's levels and, for indicators it leaves empty, the official
    levels already written; None while an indicator has none (an incomplete evaluation has no index)."""
    weighted = Decimal(0)
    for number, weight in weights.items():
        level = row.levels.get(number)
        if level is None:
            level = existing.get((row.regency.pk, number), (None, None))[0]
        if level is None:
            return None
        weighted += weight * level
    total = sum(weights.values(), Decimal(0))
    return weighted / total if total else None


def _check_code(row: OfficialRow, regencies, seen) -> None:
    code = row.raw.get(CODE, "").strip()
    if not code:
        row.fail(_("Kode wilayah kosong."))
        return
    regency = regencies.get(code)
    if regency is None:
        row.fail(_("Kode wilayah %(code)s tidak dikenal.") % {"code": code})
        return
    if code in seen:
        row.fail(_("Wilayah %(code)s sudah ada di baris %(line)s.") % {"code": code, "line": seen[code]})
        return
    seen[code] = row.line
    row.regency = regency


def _check_level(row: OfficialRow, number: int, text: str, framework: Framework) -> None:
    text = text.strip()
    if not text:
        return
    if WHOLE_NUMBER.fullmatch(text):
        level = int(text)
    else:
        if refused_as_formula(text):
            row.fail(
                _("Indikator %(number)s: sel ini tampak seperti rumus; tulis angka tingkatnya.") % {"number": number}
            )
        else:
            row.fail(_("Indikator %(number)s: tulis tingkat sebagai angka bulat.") % {"number": number})
        return
    problem = framework.level_problem(level)
    if problem:
        row.fail(_("Indikator %(number)s: %(problem)s") % {"number": number, "problem": problem})
        return
    row.levels[number] = level


def _check_source(row: OfficialRow, *, on_file: set) -> None:
    """The source of the row's levels, read as the results' import reads its sources (sources.read_source)."""
    raw = {column: row.raw.get(column, "") for column in SOURCE_COLUMNS}
    if not raw["sumber_judul"].strip():
        row.fail(_("Sebutkan judul sumber tingkat resmi."))
        return
    formulas = [column for column in SOURCE_COLUMNS if refused_as_formula(raw[column])]
    for column in formulas:
        row.fail(_("Kolom %(column)s tampak seperti rumus; hapus tanda =, +, - atau @ di awal.") % {"column": column})
    if formulas:
        return
    row.source = read_source(
        raw, CITATION_COLUMNS, default_kind=SourceKind.DECREE, on_file=on_file, fail=row.fail, line=row.line
    )


@transaction.atomic
def apply_official_levels(
    *,
    raw_rows: list[dict[str, str]],
    year: int,
    framework: Framework,
    user: AbstractBaseUser,
    lines=None,
    previewed: list | None = None,
    reason: str = "",
) -> list[OfficialRow]:
    """Checks again against the database as it is now, then writes every level or, one row failing, none.
    `previewed` are the rows' versions as previewed: levels changed since refuse the whole import, named. Rows
    whose levels disagree with the published index are written only with a `reason`, which their official rows
    keep (their explanation)."""
    rows = check_official_rows(raw_rows=raw_rows, year=year, framework=framework, lines=lines)
    for row, seen in zip(rows, previewed or [], strict=False):
        if row.status != ERROR and row.versions != seen:
            row.fail(
                _(
                    "Baris %(line)s: tingkat resmi %(regency)s diubah orang lain setelah pratinjau; impor ini tidak "
                    "menulis apa pun. Unggah berkasnya lagi untuk melihat keadaan terbaru."
                )
                % {"line": row.line, "regency": row.regency.display_name}
            )
    if any(row.status == ERROR for row in rows):
        raise OfficialImportRejected(rows)
    flagged = [row for row in rows if row.disagrees]
    reason = reason.strip()
    if flagged and not reason:
        raise ReasonRequired(rows)
    indicator_review.write_official_levels(
        year=year,
        framework=framework,
        rows=[(row.regency, row.levels, row.source) for row in rows if row.status != UNCHANGED],
        by=user,
        notes={row.regency.pk: disagreement_note(row, reason) for row in flagged},
    )
    return rows


def disagreement_note(row: OfficialRow, reason: str) -> str:
    return _(
        "Diimpor meski tingkat ini menghasilkan indeks %(computed)s, berbeda dengan indeks resmi terpublikasi "
        "%(published)s. Alasan: %(reason)s"
    ) % {
        "computed": _comma(row.computed_index),
        "published": _comma(row.published_index),
        "reason": reason,
    }


def _comma(value: Decimal) -> str:
    return index_value(scoring.round_index(value))


def template_csv(numbers: list[int]) -> bytes:
    return templates.template_csv(columns_for(numbers))


def template_xlsx(numbers: list[int]) -> bytes:
    """Headers only, the code and text columns formatted as text so that 53.10 stays 53.10."""
    columns = [Column(name, as_text=not name.isdigit()) for name in columns_for(numbers)]
    return spreadsheets.xlsx_bytes(Sheet(title=DATA_SHEET, columns=columns))
