"""Importing KemenPAN-RB's official indicator levels of every regency at once: one sheet for one year, a row per
regency (its code), a column per scored entry of the year's framework, and the source the levels come from.

A column is named by its indicator's number ("12"); an indicator scored once per public service (5/2018's
indicator 35) has one column per entry, named with its `entry_label` ("35 layanan publik 1" …). A value is a
whole level, or a number with two decimals where the indicator's value is another agency's index converted to
the framework's scale (`value_places`, six Pemdi indicators: 3,45). A header holding another framework's columns
(47 SPBE indicators in a 2026 sheet, 20 Pemdi ones in a 2025 sheet) is refused naming both frameworks.

The same rules as the results' import: read (reading.py, the file-wide checks and line numbers) → check every row
→ preview → apply all or nothing after checking again. An empty level cell writes nothing for that indicator;
never a 0. Text cells that start like a formula are refused; the templates hold headers only.
"""

import hashlib
import re
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from regencies.models import Regency

from .. import consistency, publication, scoring, spreadsheets
from ..fields import level_text, levels_from_text
from ..formatting import index_value
from ..models import (
    AssessmentStage,
    Framework,
    Indicator,
    IndicatorAssessment,
    LevelName,
    Result,
    ResultKind,
    Source,
    SourceKind,
)
from ..services import CitedSource, indicator_review
from ..spreadsheets import Column, Sheet, refused_as_formula
from . import templates
from .checking import CHANGED as CHANGED_STATUS
from .checking import ERROR, NEW, STATUS_WORDS, UNCHANGED
from .sources import read_source

CODE = "kode_wilayah"
SOURCE_COLUMNS = ["sumber_judul", "sumber_penerbit", "sumber_jenis", "sumber_nomor", "sumber_tanggal", "sumber_tautan"]
EMPTY_SOURCE = [""] * len(SOURCE_COLUMNS)
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
# A level is a whole number in ASCII digits (int() would also read "٣", "３" and "3_0"); a converted value has
# decimals after a point or a comma.
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
DECIMAL_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
# A header cell that names an indicator's column: its number, perhaps followed by the entry's label and part.
INDICATOR_HEADER = re.compile(r"([0-9]+)(?:\s.*)?")


# The official levels' preview has said "tidak berubah" and "Galat" (before the reasons) since it was written.
OFFICIAL_STATUS_WORDS = {**STATUS_WORDS, UNCHANGED: gettext_lazy("tidak berubah"), ERROR: gettext_lazy("Galat")}


@dataclass(frozen=True)
class LevelColumn:
    """One scored entry of an indicator as the sheet names it, with the decimals its value takes and its
    indicator's scoring spec."""

    name: str
    number: int
    part: int
    places: int
    spec: scoring.IndicatorSpec
    indicator_id: int


def entry_column_name(number: int, part: int, entries: int, entry_label: str) -> str:
    """ "12" for an indicator scored once; "35 layanan publik 2" for the second of its entries."""
    if entries == 1:
        return str(number)
    return f"{number} {(entry_label or _('bagian')).strip().lower()} {part}"


# Part of the cache key: raise it when LevelColumn or the IndicatorSpec it holds change shape, because the cache
# (a directory or Redis) outlives a deploy and a copy of the old shape would be read by the new code.
LEVEL_COLUMNS_LAYOUT = 1


def level_columns(framework: Framework) -> list[LevelColumn]:
    """The framework's entry columns in indicator order, kept per publication version and language (a column's
    name may hold a translated word): one query (the version) when kept, two when read. Every change of the
    reference data moves the version (entry/selectors/structure.py keeps the framework's structure alike)."""
    return publication.cached(
        f"level-columns:{LEVEL_COLUMNS_LAYOUT}:{framework.pk}:{get_language()}",
        lambda: _read_level_columns(framework),
        version=publication.current_version(),
    )


def _read_level_columns(framework: Framework) -> list[LevelColumn]:
    return [
        LevelColumn(
            entry_column_name(indicator.number, part, indicator.entries, indicator.entry_label),
            indicator.number,
            part,
            indicator.value_places,
            indicator.spec(),
            indicator.pk,
        )
        for indicator in Indicator.objects.filter(aspect__framework=framework)
        .select_related("aspect__domain")
        .order_by("number")
        for part in range(1, indicator.entries + 1)
    ]


def columns_for(level_columns_: list[LevelColumn]) -> list[str]:
    return [CODE, *[column.name for column in level_columns_], *SOURCE_COLUMNS]


def header_problem(found: list[str], *, line: int, year: int, framework: Framework) -> str | None:
    """Why a header whose indicator columns are not the year's framework's is refused, naming the framework each
    set of columns belongs to; None when the indicator columns are not what differs (two queries)."""
    expected = [column.name for column in level_columns(framework)]
    indicators = [cell for cell in found if INDICATOR_HEADER.fullmatch(cell)]
    others = [cell for cell in found if cell not in indicators]
    if indicators == expected or others != [CODE, *SOURCE_COLUMNS]:
        return None
    extra = [cell for cell in indicators if cell not in expected]
    missing = [name for name in expected if name not in indicators]
    words = {
        "line": line,
        "year": year,
        "framework": framework.short_name,
        "expected": len(expected),
        "found": len(indicators),
    }
    for other in Framework.objects.exclude(pk=framework.pk).order_by("first_year"):
        if indicators == [column.name for column in level_columns(other)]:
            return _(
                "Baris %(line)s (judul kolom): berkas ini memuat %(found)s kolom indikator %(other)s, padahal "
                "tahun %(year)s dinilai dengan %(framework)s (%(expected)s kolom indikator). Unduh templat tahun "
                "%(year)s lalu isi ulang; tidak ada yang ditulis."
            ) % {**words, "other": other.short_name}
    parts = []
    if extra:
        parts.append(
            _("kolom %(columns)s tidak ada pada %(framework)s")
            % {"columns": ", ".join(extra[:10]) + (", …" if len(extra) > 10 else ""), **words}
        )
    if missing:
        parts.append(
            _("kolom %(columns)s dari %(framework)s tidak ada di berkas")
            % {"columns": ", ".join(missing[:10]) + (", …" if len(missing) > 10 else ""), **words}
        )
    if not parts:
        return None
    return _(
        "Baris %(line)s (judul kolom): tahun %(year)s dinilai dengan %(framework)s (%(expected)s kolom indikator); "
        "%(problems)s. Unduh templat tahun %(year)s; tidak ada yang ditulis."
    ) % {**words, "problems": "; ".join(parts)}


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
    # (indicator number, part) → level: a whole level, or a Decimal where the indicator takes decimals.
    levels: dict[tuple[int, int], int | Decimal] = field(default_factory=dict)
    source: CitedSource | None = None
    changes: int = 0
    # The regency's official rows of the year as checked: a seal of their pks and versions ("" when it has none),
    # kept with the preview so that its confirm refuses levels changed since (the 47 pairs of a row as numbers made
    # 260 KB of a 500-row preview).
    versions: str = ""
    # The index the regency's official levels of the year compute to once this row is written (None: some
    # entry still without a level), beside the official index published for that year (None: none yet).
    computed_index: Decimal | None = None
    published_index: Decimal | None = None
    # Made by seed_demo: the regency, or the published index shown beside the row.
    shows_demo_data: bool = False

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


def check_official_rows(
    *,
    raw_rows: list[dict[str, str]],
    year: int,
    framework: Framework,
    lines: list[int] | None = None,
    written_from_cache: bool = False,
    columns: list[LevelColumn] | None = None,
) -> list[OfficialRow]:
    """Each row with its status (new, changed, unchanged) or its errors, and the index its levels compute to
    beside the published one; seven queries whatever the row count (eight with `written_from_cache`, one fewer with
    `columns`).

    `written_from_cache`: the levels already written are read from the publication cache (`written_levels`),
    as a preview may; a confirm reads the database (the default) and compares each regency's seal with its
    preview's.

    `columns`: the framework's `level_columns`, when the caller has read them already (to read the file)."""
    columns = columns if columns is not None else level_columns(framework)
    cells = ColumnCells(columns)
    keys = cells.keys
    index_of = scoring.IndexOfLevels(
        indicators=list({column.number: column.spec for column in columns}.values()), level_range=framework.levels
    )
    published = {
        regency_id: (value, is_demo)
        for regency_id, value, is_demo in Result.objects.published()
        .filter(year=year, kind=ResultKind.OFFICIAL, evaluated=True)
        .order_by()
        .values_list("regency_id", "value", "is_demo")
    }
    regencies = {regency.code: regency for regency in Regency.objects.ranked()}
    written = written_levels(
        year=year, framework=framework, columns=columns, index_of=index_of, from_cache=written_from_cache
    )
    none_written = Written(levels=(None,) * len(columns), sources=(None,) * len(columns), rows=0, seal="", index=None)
    sources = {
        (title, published_on): pk
        for pk, title, published_on in Source.objects.values_list("pk", "title", "published_on")
    }
    on_file = set(sources)
    names = level_names_elsewhere(framework)
    sources_read: dict = {}
    seen: dict[str, int] = {}
    rows = []
    for index, raw in enumerate(raw_rows):
        line = lines[index] if lines else index + 2
        row = OfficialRow(line=line, raw=raw)
        _check_code(row, regencies, seen)
        levels = cells.read(row, framework=framework, names=names)
        if not row.levels and row.status != ERROR:
            row.fail(_("Baris ini tidak berisi satu pun tingkat indikator."))
        _check_source(row, on_file=on_file, read=sources_read)
        if row.status != ERROR:
            regency_written = written.get(row.regency.pk, none_written)
            kept, row.changes = _kept_and_changed(
                row, levels, regency_written, source_id=sources.get((row.source.title, row.source.published_on))
            )
            row.versions = regency_written.seal
            row.status = UNCHANGED if not row.changes else (CHANGED_STATUS if kept else NEW)
            if not row.changes and regency_written.index is not None:
                # Levels as written, every entry's: the index they compute to was computed with them.
                row.computed_index = regency_written.index
            else:
                row.computed_index = _index_of(row, keys, regency_written.levels, index_of)
            row.published_index, published_demo = published.get(row.regency.pk, (None, False))
            row.shows_demo_data = row.regency.is_demo or published_demo
        rows.append(row)
    return rows


# A cell holding nothing (or only spaces): no level, and nothing to write for its entry.
BLANK = object()


class ColumnCells:
    """The level cells of a file's rows, read column by column. A file of 500 rows holds a handful of distinct
    texts per column, so each text is checked once per column and its level remembered; a row's cells are then
    looked up in C (`map`) rather than one by one in Python. `keys` are the columns' (number, part), as
    `row.levels` is keyed."""

    def __init__(self, columns: list[LevelColumn]):
        self.columns = columns
        self.names = [column.name for column in columns]
        self.keys = [(column.number, column.part) for column in columns]
        self.empty = [""] * len(columns)
        # Per column: text → its level, or BLANK. A refused text is never remembered: each row that holds it
        # must fail with its own message.
        self.read_texts: list[dict] = [{} for _ in columns]

    def read(self, row: OfficialRow, *, framework: Framework, names: dict[str, str]) -> list:
        """The row's levels by column (BLANK where a cell holds none or was refused), set as `row.levels` too."""
        texts = list(map(row.raw.get, self.names, self.empty))
        levels = list(map(dict.get, self.read_texts, texts))
        if None in levels:
            for position, level in enumerate(levels):
                if level is None:
                    levels[position] = self._first_reading(row, position, texts[position], framework, names)
        if BLANK in levels:
            row.levels = {key: level for key, level in zip(self.keys, levels, strict=True) if level is not BLANK}
        else:
            row.levels = dict(zip(self.keys, levels, strict=True))
        return levels

    def _first_reading(self, row: OfficialRow, position: int, text: str, framework: Framework, names: dict) -> object:
        if not text.strip():
            self.read_texts[position][text] = BLANK
            return BLANK
        level = _check_level(row, self.columns[position], text, framework, names)
        if level is None:
            return BLANK
        self.read_texts[position][text] = level
        return level


def _kept_and_changed(row: OfficialRow, levels: list, written: "Written", *, source_id: int | None) -> tuple[int, int]:
    """How many of the row's levels replace a written row, and how many write something (a new row, or another
    level or source than the written one). The two common files are told at once: a year's first import (no row
    written yet) and a file restating every entry as written (each level and source equal)."""
    if not written.rows:
        return 0, len(row.levels)
    if (
        len(row.levels) == len(levels)
        and written.rows == (1 << len(levels)) - 1
        and tuple(levels) == written.levels
        and written.sources == (source_id,) * len(levels)
    ):
        return len(levels), 0
    kept = changed = 0
    for position, level in enumerate(levels):
        if level is BLANK:
            continue
        if written.rows >> position & 1:
            kept += 1
            if written.levels[position] == level and written.sources[position] == source_id:
                continue
        changed += 1
    return kept, changed


# Part of the cache key: raise it when Written or its entries change shape, because the cache (a directory or
# Redis) outlives a deploy and a copy of the old shape would be read by the new code.
WRITTEN_LAYOUT = 2


class Written(NamedTuple):
    """A regency's official rows of a year as written, by column in the columns' order: each one's level and
    source pk (None where it has none), which columns have a row (bit n for column n), the seal of their pks and
    versions (`_seal`), and the index they compute to (None while an entry has no level). Flat tuples rather than
    a pair per entry: kept in the cache, the pairs of 550 regencies took four times as long to read back."""

    levels: tuple
    sources: tuple
    rows: int
    seal: str
    index: Decimal | None


def written_levels(
    *, year: int, framework: Framework, columns: list[LevelColumn], index_of: scoring.IndexOfLevels, from_cache: bool
) -> dict[int, Written]:
    """Every regency's official rows of the year as written, by regency pk.

    From the publication cache when `from_cache`, kept under the publication version: official levels are public
    once written, so every service that writes them bumps the version (services/indicator_review.py). The
    confirm never reads the cache: it compares each regency's seal as it reads the database then with the seal
    its preview showed, so a copy that outlived a change could only make a confirm refuse, never write over it."""
    if not from_cache:
        return _written_levels(year=year, columns=columns, index_of=index_of)
    return publication.cached(
        f"official-levels:{WRITTEN_LAYOUT}:{framework.pk}:{year}",
        lambda: _written_levels(year=year, columns=columns, index_of=index_of),
        version=publication.current_version(),
    )


def _written_levels(*, year: int, columns: list[LevelColumn], index_of: scoring.IndexOfLevels) -> dict[int, Written]:
    """Every regency's official rows of the year (one query), keyed by the columns' indicators without joining
    the indicator table.

    Tuples, never a list per entry: at national size 23 000 of them would keep the garbage collector busy for
    longer than the reading. Each level is read as text and made a level once per distinct text
    (`levels_from_text`)."""
    positions = {(column.indicator_id, column.part): position for position, column in enumerate(columns)}
    stored: dict[int, list] = {}
    level_of = levels_from_text()
    for regency_id, indicator_id, part, text, source_id, pk, version in (
        IndicatorAssessment.objects.working()
        .filter(year=year, stage=AssessmentStage.OFFICIAL, indicator_id__in={column.indicator_id for column in columns})
        .order_by()
        .annotate(level_text=level_text())
        .values_list("regency_id", "indicator_id", "part", "level_text", "source_id", "pk", "version")
    ):
        position = positions.get((indicator_id, part))
        if position is None:
            continue
        level = level_of(text)
        regency_rows = stored.get(regency_id)
        if regency_rows is None:
            regency_rows = stored[regency_id] = [None] * len(columns)
        regency_rows[position] = (level, source_id, pk, version)
    keys = [(column.number, column.part) for column in columns]
    return {regency_id: _written(entries, index_of, keys) for regency_id, entries in stored.items()}


def _written(entries: list, index_of: scoring.IndexOfLevels, keys: list[tuple]) -> Written:
    """A regency's Written from its rows by column ((level, source pk, pk, version), or None)."""
    levels = tuple(None if entry is None else entry[0] for entry in entries)
    return Written(
        levels=levels,
        sources=tuple(None if entry is None else entry[1] for entry in entries),
        rows=sum(1 << position for position, entry in enumerate(entries) if entry is not None),
        seal=_seal(entries),
        index=_index_as_written(index_of, keys, levels),
    )


def _index_as_written(index_of: scoring.IndexOfLevels, keys: list[tuple], levels: tuple) -> Decimal | None:
    """The index of a regency's levels as written; None while an entry has none, or where a level written
    outside the framework's scale leaves it to the rows' own check to say so."""
    if None in levels:
        return None
    try:
        return index_of(dict(zip(keys, levels, strict=True)))
    except ValueError:
        return None


def _seal(entries: list) -> str:
    """A digest of the pks and versions of a regency's written official rows, in entry order ("" for none): equal
    exactly when they are. All of them, not only those a file row fills: the index the preview showed reads the
    others too."""
    numbers = array("q", [number for entry in entries if entry is not None for number in entry[2:]])
    return hashlib.blake2b(numbers.tobytes(), digest_size=16).hexdigest() if numbers else ""


def _index_of(row: OfficialRow, keys: list[tuple], written: tuple, index_of) -> Decimal | None:
    """The index (scoring.compute_index, as published) of the row's levels and, for entries it leaves empty, the
    official levels already written (`written`, by column: Written.levels); None while an entry has none (an
    incomplete evaluation has no index)."""
    levels = row.levels
    if len(levels) < len(keys):
        levels = {}
        for key, written_level in zip(keys, written, strict=True):
            level = row.levels.get(key)
            if level is None:
                level = written_level
            if level is None:
                return None
            levels[key] = level
    return index_of(levels)


def level_names_elsewhere(framework: Framework) -> dict[str, str]:
    """{a level's name, lower case: the framework that names it} for the names other frameworks give their levels
    ("merintis" → PermenPANRB 8/2026), so that a sheet using them is told which framework it wrote in (one
    query)."""
    names = {}
    for name, other in (
        LevelName.objects.exclude(framework=framework).exclude(name="").values_list("name", "framework__short_name")
    ):
        names[name.split("(")[0].strip().lower()] = other
    return names


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


def _check_level(
    row: OfficialRow, column: LevelColumn, text: str, framework: Framework, names: dict[str, str]
) -> int | Decimal | None:
    """The level a cell holds, or None: empty, or refused with the row failed."""
    text = text.strip()
    if not text:
        return None
    words = {"column": column.name, "framework": framework.short_name}
    if DECIMAL_NUMBER.fullmatch(text):
        # Read with its decimals whatever the column takes, so that 2,5 in a whole-level column is told the
        # framework's rule (whole levels) rather than "not a number".
        level = Decimal(text.replace(",", "."))
        level = int(level) if WHOLE_NUMBER.fullmatch(text) else level
    elif refused_as_formula(text):
        row.fail(_("Indikator %(column)s: sel ini tampak seperti rumus; tulis angka tingkatnya.") % words)
        return None
    elif not WHOLE_NUMBER.match(text) and (named := framework.level_named(text, column.number))[0] is not None:
        # A level written by the name the framework gives it ("Merintis" for 1 under 8/2026): one query per such
        # text in a column, only for cells that are not numbers.
        level = named[0]
    elif (other := names.get(text.split("(")[0].strip().lower())) is not None:
        row.fail(
            _(
                "Indikator %(column)s: “%(text)s” adalah nama tingkat %(other)s, bukan %(framework)s; tulis "
                "angka tingkatnya."
            )
            % {**words, "text": text, "other": other}
        )
        return None
    elif column.places:
        row.fail(_("Indikator %(column)s: tulis nilai sebagai angka, mis. 3,45 atau 3.45.") % words)
        return None
    else:
        row.fail(_("Indikator %(column)s: tulis tingkat sebagai angka bulat.") % words)
        return None
    problem = framework.level_problem(level, places=column.places)
    if problem:
        row.fail(_("Indikator %(column)s: %(problem)s") % {**words, "problem": problem})
        return None
    return level


def _check_source(row: OfficialRow, *, on_file: set, read: dict) -> None:
    """The source of the row's levels, read as the results' import reads its sources (sources.read_source). `read`
    keeps each source read without a problem by its cells: a file's 500 rows cite one decree, or a few."""
    cells = tuple(map(row.raw.get, SOURCE_COLUMNS, EMPTY_SOURCE))
    row.source = read.get(cells)
    if row.source is not None:
        return
    raw = dict(zip(SOURCE_COLUMNS, cells, strict=True))
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
    if row.source is not None:
        read[cells] = row.source


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
    `previewed` are the rows' versions as previewed: a regency's levels changed since refuse the whole import,
    named. Rows whose levels disagree with the published index are written only with a `reason`, which their
    official rows keep (their explanation)."""
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


def template_csv(level_columns_: list[LevelColumn]) -> bytes:
    return templates.template_csv(columns_for(level_columns_))


def template_xlsx(level_columns_: list[LevelColumn]) -> bytes:
    """Headers only, the code and text columns formatted as text so that 53.10 stays 53.10."""
    numbers = {column.name for column in level_columns_}
    columns = [Column(name, as_text=name not in numbers) for name in columns_for(level_columns_)]
    return spreadsheets.xlsx_bytes(Sheet(title=DATA_SHEET, columns=columns))
