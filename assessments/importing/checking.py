"""Checking every read row against the database as it is: a status for each and, for errors, the reasons.

Formulas (CSV/formula injection, OWASP): the one rule of assessments/spreadsheets.py, as the entry forms apply it.
- The number columns (tahun, indeks, target) are read as numbers first: `-0.01` is a number out of range ("antara
  0 dan 5"), `2,45` and `2.45` are numbers; only a cell that is not a number and starts like a formula is refused
  as one. Numbers are written with ASCII digits: Arabic-Indic or fullwidth digits are "not a number".
- Every other column is judged trimmed, as it is stored: a cell starting with `=`, `+`, `@` or a `-` followed by
  anything but a space is refused (`-2+3+cmd|…`, `-cmd|…`, `--1`), while a plain number (`-5`) and a note written
  as a dash list (`- sudah diverifikasi`) are accepted.
The downloads neutralise every text cell that starts like a formula, whatever it holds.

A row with an empty index column and a target is a target on its own, for any year in range (future years
included: a target needs no result yet), with its own source in the sumber_target columns.

A year's target travels with the official result (it is submitted, verified and returned with it), so a
self-assessment (mandiri) or provisional (sementara) row carrying a target is an error row, as it is in the entry
form.
"""

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import regency_editor
from regencies.models import Regency

from ..formatting import index_value
from ..models import (
    INDEX_MAX,
    INDEX_MIN,
    MAX_YEAR,
    MIN_YEAR,
    OPEN_STATES,
    YEAR_RANGE_MESSAGE,
    Framework,
    Result,
    ResultKind,
    ReviewState,
    ReviewStateReading,
    Source,
    SourceKind,
    Target,
)
from ..services import CitedSource
from ..spreadsheets import plain_number, refused_as_formula
from .reading import COLUMNS
from .sources import RESULT_COLUMNS, TARGET_COLUMNS, read_source, sources_on_file

KIND_WORDS = {"resmi": ResultKind.OFFICIAL, "mandiri": ResultKind.SELF_ASSESSMENT, "sementara": ResultKind.PROVISIONAL}
NUMBER_COLUMNS = ("tahun", "indeks", "target")
EMPTY_ROW = [""] * len(COLUMNS)
SHORTENED_CODE = re.compile(r"[0-9]{2}\.[0-9]")
YEAR = re.compile(r"[0-9]{4}")
# What the database enforces on what a row writes; read from the model so the preview follows a migration.
SOURCE_TITLE_MAX = Source._meta.get_field("title").max_length

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
# What a preview calls each status: its pages show these words, never compare the strings above.
STATUS_WORDS = {
    NEW: gettext_lazy("baru"),
    CHANGED: gettext_lazy("berubah"),
    UNCHANGED: gettext_lazy("sama"),
    ERROR: gettext_lazy("salah"),
}


@dataclass(slots=True)
class StoredRecord(ReviewStateReading):
    """A result or target as the check compares against it: read as plain values, never as a model instance (at
    national size a file of 500 rows meets some 1 100 results and targets, whose instances with their sources cost
    more than the rest of the check). A confirm reads the records it changes again as instances (applying.py) and
    refuses the import if one's version is no longer this one."""

    pk: int
    version: int
    state: str
    value: Decimal | None
    source_id: int | None
    source_is_verified_entry: bool
    # Made by seed_demo: a preview that shows its value must say so.
    is_demo: bool = False
    # The published revision this one revises (its pk, value, source), if it is an open revision.
    revises: "StoredRecord | None" = None


# What the check reads of a record: its key's fields, then these, then the pk of the published row it revises.
RECORD_FIELDS = ("pk", "version", "state", "value", "source_id", "source__kind", "is_demo")


def _stored(queryset, *, key: tuple[str, ...]) -> dict[tuple, StoredRecord]:
    """{key: the record an import row of that key changes}: where a key has both a published row and an open
    revision, the open one (superseded rows are history, never changed). The row an open revision revises (what
    its change is measured against) is the published row of its key (services.review starts a revision only from
    it and supersedes it only when the revision is verified), so it is found in the same read, never by a join: at
    national size that hashed the whole table on every upload."""
    own = slice(len(key), len(key) + len(RECORD_FIELDS))
    state_at = own.start + RECORD_FIELDS.index("state")
    read = list(
        queryset.exclude(state=ReviewState.SUPERSEDED).order_by().values_list(*key, *RECORD_FIELDS, "revises_id")
    )
    by_pk = {values[own.start]: values for values in read}

    def record(values, revises=None) -> StoredRecord:
        pk, version, state, value, source_id, source_kind, is_demo = values[own]
        return StoredRecord(
            pk, version, state, value, source_id, source_kind == SourceKind.VERIFIED_ENTRY, is_demo, revises
        )

    records = {}
    for values in read:
        revised = by_pk.get(values[-1]) if values[state_at] in OPEN_STATES else None
        stored = record(values, revises=record(revised) if revised is not None else None)
        row_key = values[: len(key)]
        if row_key not in records or stored.is_open:
            records[row_key] = stored
    return records


@dataclass
class ImportRow:
    line: int
    raw: dict[str, str]
    status: str = NEW
    reasons: list[str] = field(default_factory=list)
    regency: Regency | None = None
    year: int | None = None
    kind: str | None = None
    value: Decimal | None = None
    target: Decimal | None = None
    source_title: str = ""
    source_date: date | None = None
    cited: CitedSource | None = None
    target_cited: CitedSource | None = None
    # An empty index column with a target: the year's target alone, no result written.
    target_only: bool = False
    existing: StoredRecord | None = None
    existing_target: StoredRecord | None = None
    # A row naming a regency the user may not edit: the whole import is refused as forbidden, not just invalid.
    forbidden: bool = False

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)

    @property
    def versions(self) -> list:
        """[pk, version] of the result and of the target this row would change, as checked (None where it would
        make them): kept with the preview, so that its confirm refuses to write over what changed since."""
        return [[record.pk, record.version] if record else None for record in (self.existing, self.existing_target)]

    def fail(self, message: str) -> None:
        self.status = ERROR
        self.reasons.append(message)

    @property
    def shows_demo_data(self) -> bool:
        """Whether the preview shows something seed_demo made: the regency, or the result or target it changes."""
        stored = (self.existing, self.existing_target)
        return bool(self.regency and self.regency.is_demo) or any(record and record.is_demo for record in stored)


def _formula_columns(raw: dict[str, str], refused) -> list[str]:
    """The columns whose cell is refused as a formula; `refused` is `refused_as_formula`, remembered per text for
    a file's rows (500 rows of 16 cells hold a few hundred distinct texts), so that a row without one is told in C."""
    if not any(map(refused, raw.values())):
        return []
    return [
        column
        for column, text in raw.items()
        if refused(text) and not (column in NUMBER_COLUMNS and plain_number(text) is not None)
    ]


def _decimal(text: str, row: ImportRow, column: str) -> Decimal | None:
    if not text.strip():
        return None
    number = plain_number(text)
    if number is None:
        row.fail(_("Kolom %(column)s bukan angka.") % {"column": column})
        return None
    if not INDEX_MIN <= number <= INDEX_MAX:
        row.fail(_("Kolom %(column)s: nilai indeks harus antara 0 dan 5.") % {"column": column})
        return None
    if number.as_tuple().exponent < -2:
        row.fail(_("Kolom %(column)s: paling banyak dua angka di belakang koma.") % {"column": column})
        return None
    return number


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if YEAR.fullmatch(text) else None


def check_rows(
    *, raw_rows: list[dict[str, str]], user: AbstractBaseUser, lines: list[int] | None = None
) -> list[ImportRow]:
    """Every row with its status and, for errors, the reasons. A fixed number of queries for the whole file.

    `lines` are the file's own line numbers of the rows (from `read_numbered_table`); without them a row is
    numbered as if the file had no blank lines."""
    regencies = {regency.code: regency for regency in Regency.objects.all()}
    frameworks = _frameworks_of_year(list(Framework.objects.order_by("-first_year")))
    # Only the rows the file can meet: those of its years and, when it names few of the regencies, of its regencies
    # (at national size the whole table is 11 000 results and targets; a list of 500 regencies cost more to build,
    # send and match than the rows of a year's other 51: 3,5 of 17 ms of a 500-row check).
    years = {year for raw in raw_rows if (year := _year(raw.get("tahun", ""))) is not None}
    named = {regencies[code].pk for raw in raw_rows if (code := raw.get("kode_wilayah", "").strip()) in regencies}
    in_file = {"year__in": years, **({"regency_id__in": named} if len(named) <= len(regencies) // 2 else {})}
    results = _stored(Result.objects.filter(**in_file), key=("regency_id", "year", "kind"))
    targets = _stored(Target.objects.filter(**in_file), key=("regency_id", "year"))
    this_year = timezone.localdate().year
    on_file = sources_on_file()
    refused = functools.cache(refused_as_formula)
    may_edit = regency_editor(user)
    sources_read: dict = {}
    seen: dict[tuple, int] = {}
    # The year's target is written by a target-only row and by an official row with a target: once per file.
    targets_seen: dict[tuple, int] = {}
    rows = []
    for offset, kept in enumerate(raw_rows):
        # A row read from a file holds every column in the template's order (an older, shorter header's rows
        # padded): it is checked as it is. Any other is aligned to the columns, a column it lacks read as empty.
        raw = kept if list(kept) == COLUMNS else dict(zip(COLUMNS, map(kept.get, COLUMNS, EMPTY_ROW), strict=True))
        row = ImportRow(line=lines[offset] if lines and offset < len(lines) else offset + 2, raw=raw)
        rows.append(row)
        formula_columns = _formula_columns(raw, refused)
        if formula_columns:
            row.fail(
                _("Sel berisi rumus (diawali =, +, - atau @) tidak diterima: kolom %(columns)s.")
                % {"columns": ", ".join(formula_columns)}
            )
            continue
        _check_fields(row, may_edit=may_edit, regencies=regencies, frameworks=frameworks, this_year=this_year)
        _check_sources(row, on_file=on_file, read=sources_read)
        if row.status == ERROR:
            continue
        key = (row.regency.pk, row.year, "target" if row.target_only else row.kind)
        if key in seen:
            row.fail(_("Baris ganda: wilayah, tahun dan jenis sama dengan baris %(line)s.") % {"line": seen[key]})
            continue
        seen[key] = row.line
        if row.target is not None:
            if (row.regency.pk, row.year) in targets_seen:
                row.fail(
                    _("Baris ganda: target %(regency)s %(year)s juga ditulis di baris %(line)s.")
                    % {
                        "regency": row.regency.display_name,
                        "year": row.year,
                        "line": targets_seen[(row.regency.pk, row.year)],
                    }
                )
                continue
            targets_seen[(row.regency.pk, row.year)] = row.line
        target = targets.get((row.regency.pk, row.year)) if row.kind == ResultKind.OFFICIAL else None
        row.existing_target = target
        if row.target is not None and target is not None and target.awaits_review and not row.target_only:
            row.fail(_("Kolom target: target tahun ini sedang diperiksa staf provinsi; kosongkan kolom target."))
            continue
        if row.target_only:
            _target_status(row, target)
            continue
        row.existing = results.get(key)
        if row.existing is None:
            row.status = NEW
        elif row.existing.state == ReviewState.SUBMITTED:
            row.fail(_("Hasil ini sedang diperiksa staf provinsi; tunggu verifikasi atau pengembalian."))
        elif row.existing.value == row.value and (row.target is None or (target and target.value == row.target)):
            row.status = UNCHANGED
        else:
            row.status = CHANGED
            _changed_value_needs_source(row, target)
    return rows


def _check_fields(row: ImportRow, *, may_edit, regencies: dict, frameworks, this_year: int) -> None:
    raw = row.raw
    code = raw["kode_wilayah"].strip()
    row.regency = regencies.get(code)
    if row.regency is None:
        row.fail(_("Kode wilayah %(code)s tidak dikenal.") % {"code": code or "—"})
        if SHORTENED_CODE.fullmatch(code):
            # What a spreadsheet makes of 53.10 when the column is a number; which code was meant is not guessed.
            row.fail(
                _(
                    "Kode ditulis dengan dua angka di belakang titik (mis. 53.10, bukan 53.1); bila berkas dibuat "
                    "di Excel, format kolom kode_wilayah sebagai Teks dan ketik ulang kodenya."
                )
            )
    elif not may_edit(row.regency):
        row.forbidden = True
        row.fail(_("Anda tidak berwenang mengisi data %(regency)s.") % {"regency": row.regency.display_name})
    row.target_only = not raw["indeks"].strip() and bool(raw["target"].strip())
    row.year = _year(raw["tahun"])
    if row.year is None:
        row.fail(_("Tahun harus berupa angka empat digit."))
    elif row.target_only:
        if not MIN_YEAR <= row.year <= MAX_YEAR:
            row.fail(str(YEAR_RANGE_MESSAGE))
    elif row.year > this_year:
        row.fail(_("Tahun hasil evaluasi tidak boleh di masa depan."))
    elif frameworks(row.year)[0] is None:
        row.fail(_("Tidak ada kerangka evaluasi yang berlaku untuk tahun %(year)s.") % {"year": row.year})
    row.kind = KIND_WORDS.get(raw["jenis"].strip().lower() or ("resmi" if row.target_only else ""))
    if row.kind is None:
        row.fail(_('Jenis harus "resmi", "mandiri" atau "sementara".'))
    row.value = _decimal(raw["indeks"], row, "indeks")
    if row.value is None and raw["indeks"].strip() == "" and not row.target_only:
        row.fail(_("Kolom indeks kosong."))
    row.target = _decimal(raw["target"], row, "target")
    _check_scale(row, frameworks)
    if row.kind == ResultKind.PROVISIONAL and raw["target"].strip():
        row.fail(
            _(
                "Target tidak diisi pada baris sementara: target tahun ini ikut hasil resmi. Kosongkan kolom "
                "target, atau tulis target pada baris resmi."
            )
        )
    elif row.kind == ResultKind.SELF_ASSESSMENT and raw["target"].strip():
        row.fail(
            _(
                "Target tidak diisi pada baris mandiri: target tahun ini ikut hasil resmi (diajukan, diverifikasi "
                "dan dikembalikan bersamanya). Kosongkan kolom target, atau tulis target pada baris resmi."
            )
        )
    row.source_title = raw["sumber"].strip()


def _frameworks_of_year(frameworks: list[Framework]):
    """For a year: (the framework in force, the framework a target is stated in), as `in_force` and
    `for_target_year` pick them from `frameworks` (newest first), without a query per row and once per year."""

    @functools.cache
    def of(year: int) -> tuple[Framework | None, Framework | None]:
        in_force = next((framework for framework in frameworks if framework.applies_to(year)), None)
        return in_force, in_force or next((framework for framework in frameworks if framework.first_year <= year), None)

    return of


def _check_scale(row: ImportRow, frameworks) -> None:
    """The index and the target on the scale of the framework their year is evaluated or stated in (a Pemdi value
    from 1 to 5), named by column and framework."""
    if row.year is None:
        return
    in_force, stated_in = frameworks(row.year)
    for column, value, framework in (("indeks", row.value, in_force), ("target", row.target, stated_in)):
        if framework is not None and (problem := framework.index_problem(value)):
            row.fail(_("Kolom %(column)s: %(problem)s") % {"column": column, "problem": problem})


def _check_sources(row: ImportRow, *, on_file: set, read: dict) -> None:
    row.cited = read_source(
        row.raw,
        RESULT_COLUMNS,
        default_kind=SourceKind.DECREE,
        on_file=on_file,
        fail=row.fail,
        line=row.line,
        read=read,
    )
    row.source_date = row.cited.published_on if row.cited else None
    row.target_cited = read_source(
        row.raw,
        TARGET_COLUMNS,
        default_kind=SourceKind.REGIONAL_DOCUMENT,
        on_file=on_file,
        fail=row.fail,
        line=row.line,
        read=read,
    )
    if row.target_only and row.cited is not None:
        row.fail(_("Baris target saja: tulis sumber target di kolom sumber_target, bukan di kolom sumber."))


def _target_status(row: ImportRow, target: StoredRecord | None) -> None:
    if target is None:
        row.status = NEW
    elif target.awaits_review:
        row.fail(_("Target tahun ini sedang diperiksa staf provinsi; tunggu verifikasi atau pengembalian."))
    elif target.value == row.target and row.target_cited is None:
        row.status = UNCHANGED
    else:
        row.status = CHANGED
        _changed_value_needs_source(row, target)


def _measured_against(record: StoredRecord | None) -> StoredRecord | None:
    """The published revision a change to `record` is measured against, when `record` still cites its source: the
    rule the services apply (keep_source_only_for_unchanged_value), so that the preview refuses what they would."""
    if record is None:
        return None
    if record.is_published:
        return record
    revised = record.revises
    if revised is not None and record.source_id is not None and record.source_id == revised.source_id:
        return revised
    return None


def _changed_value_needs_source(row: ImportRow, target: StoredRecord | None) -> None:
    """A published value that the row changes needs the source of its new value (the old one states the old)."""
    checks = [(target, row.target, row.target_cited, "sumber_target")]
    if not row.target_only:
        checks.append((row.existing, row.value, row.cited, "sumber"))
    for record, value, cited, column in checks:
        published = _measured_against(record)
        if published is None or value is None or cited is not None:
            continue
        if published.value != value and published.source_id and not published.source_is_verified_entry:
            row.fail(
                _(
                    "Nilai berubah dari %(old)s menjadi %(new)s: isi kolom %(column)s dengan dokumen "
                    "yang memuat nilai baru."
                )
                % {"old": index_value(published.value), "new": index_value(value), "column": column}
            )
