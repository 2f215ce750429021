"""Bulk import of results and targets from CSV or XLSX: read → check every row → preview → apply in one transaction.

Reading never writes. `apply_import` checks the rows again against the database as it is at that moment and
writes nothing at all when any row is wrong.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from accounts.permissions import can_edit_regency, is_provincial_staff
from regencies.models import Regency

from . import services
from .models import INDEX_MAX, INDEX_MIN, Result, ResultKind, ReviewState, Target

COLUMNS = ["kode_wilayah", "tahun", "jenis", "indeks", "target", "sumber", "tanggal_sumber", "catatan"]
KIND_WORDS = {"resmi": ResultKind.OFFICIAL, "mandiri": ResultKind.SELF_ASSESSMENT}
FORMULA_PREFIXES = ("=", "+", "-", "@")
XLSX_MAGIC = b"PK\x03\x04"

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in words for the person who uploaded it."""


class ImportRejected(Exception):
    def __init__(self, rows: list["ImportRow"]):
        super().__init__("import has rows with errors")
        self.rows = rows


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
    existing: Result | None = None
    # A row naming a regency the user may not edit: the whole import is refused as forbidden, not just invalid.
    forbidden: bool = False

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)

    def fail(self, message: str) -> None:
        self.status = ERROR
        self.reasons.append(message)


def template_csv() -> bytes:
    example = ["53.01", "2023", "resmi", "2.10", "2.50", "KepmenPANRB 1/2024", "2024-01-31", ""]
    text = ",".join(COLUMNS) + "\r\n" + ",".join(example) + "\r\n"
    return ("\ufeff" + text).encode("utf-8")


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "hasil"
    sheet.append(COLUMNS)
    for column in sheet.columns:
        for cell in column:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_table(*, name: str, content: bytes) -> list[dict[str, str]]:
    """The file's data rows as text keyed by column, after the checks on the file as a whole."""
    if not content:
        raise ImportFileError(_("Berkas kosong."))
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar; paling besar %(kb)s KB.") % {"kb": settings.IMPORT_MAX_BYTES // 1024}
        )
    lower = name.lower()
    if lower.endswith(".xlsx"):
        if not content.startswith(XLSX_MAGIC):
            raise ImportFileError(_("Berkas ini bukan XLSX yang sah. Gunakan templat yang disediakan."))
        table = _xlsx_rows(content)
    elif lower.endswith(".csv"):
        if content.startswith(XLSX_MAGIC) or b"\x00" in content[:1024]:
            raise ImportFileError(_("Berkas ini bukan CSV teks. Gunakan templat yang disediakan."))
        table = _csv_rows(content)
    else:
        raise ImportFileError(_("Jenis berkas tidak didukung; unggah CSV atau XLSX."))
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise ImportFileError(_("Berkas kosong."))
    header = [cell.strip().lower() for cell in table[0]]
    if header != COLUMNS:
        raise ImportFileError(
            _("Kolom tidak sesuai templat. Diharapkan: %(expected)s. Ditemukan: %(found)s.")
            % {"expected": ", ".join(COLUMNS), "found": ", ".join(header) or "—"}
        )
    body = table[1:]
    if not body:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    if len(body) > settings.IMPORT_MAX_ROWS:
        raise ImportFileError(_("Terlalu banyak baris; paling banyak %(max)s.") % {"max": settings.IMPORT_MAX_ROWS})
    return [dict(zip(COLUMNS, [*row, *[""] * len(COLUMNS)][: len(COLUMNS)], strict=True)) for row in body]


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _('Berkas tidak terbaca sebagai UTF-8. Simpan ulang sebagai "CSV UTF-8" lalu unggah lagi.')
        ) from error
    lines = text.splitlines()
    if not lines:
        # A file holding only the UTF-8 byte-order mark decodes to nothing.
        raise ImportFileError(_("Berkas kosong."))
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        # The csv module refuses cells over its field limit (128 KB) and some stray quotes or line breaks.
        raise ImportFileError(
            _("Berkas CSV tidak dapat dibaca: ada sel yang terlalu panjang atau tanda petik yang tidak ditutup.")
        ) from error


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        # data_only=False keeps formulas as text so that they can be refused, never evaluated.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            return _sheet_rows(workbook.worksheets[0])
        finally:
            workbook.close()
    except ImportFileError:
        raise
    # openpyxl lets a malformed file surface as whatever its zip and XML layers raise (ParseError, TypeError,
    # IndexError…); the upload is untrusted, so any failure to read it is the file's, told as such.
    except Exception as error:
        raise ImportFileError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from error


def _sheet_rows(sheet) -> list[list[str]]:
    rows = []
    for index, row in enumerate(sheet.iter_rows(values_only=True)):
        if index > settings.IMPORT_MAX_ROWS + 1:
            raise ImportFileError(_("Terlalu banyak baris; paling banyak %(max)s.") % {"max": settings.IMPORT_MAX_ROWS})
        rows.append([_cell_text(cell) for cell in row])
    return rows


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _decimal(text: str, row: ImportRow, column: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        row.fail(_("Kolom %(column)s bukan angka.") % {"column": column})
        return None
    if not number.is_finite() or not INDEX_MIN <= number <= INDEX_MAX:
        row.fail(_("Kolom %(column)s: nilai indeks harus antara 0 dan 5.") % {"column": column})
        return None
    if number.as_tuple().exponent < -2:
        row.fail(_("Kolom %(column)s: paling banyak dua angka di belakang koma.") % {"column": column})
        return None
    return number


def check_rows(*, raw_rows: list[dict[str, str]], user: AbstractBaseUser) -> list[ImportRow]:
    """Every row with its status and, for errors, the reasons. A fixed number of queries for the whole file."""
    regencies = {regency.code: regency for regency in Regency.objects.all()}
    # Where a key has both a published and an open revision, the open one is the one the import changes.
    results = {}
    for result in Result.objects.exclude(state=ReviewState.SUPERSEDED):
        key = (result.regency_id, result.year, result.kind)
        if key not in results or result.is_open:
            results[key] = result
    targets = {}
    for target in Target.objects.exclude(state=ReviewState.SUPERSEDED):
        key = (target.regency_id, target.year)
        if key not in targets or target.is_open:
            targets[key] = target
    this_year = timezone.localdate().year
    seen: dict[tuple, int] = {}
    rows = []
    for offset, raw in enumerate(raw_rows):
        row = ImportRow(line=offset + 2, raw=raw)
        rows.append(row)
        formula_columns = [column for column, text in raw.items() if text.strip().startswith(FORMULA_PREFIXES)]
        if formula_columns:
            row.fail(
                _("Sel berisi rumus (diawali =, +, - atau @) tidak diterima: kolom %(columns)s.")
                % {"columns": ", ".join(formula_columns)}
            )
            continue
        row.regency = regencies.get(raw["kode_wilayah"].strip())
        if row.regency is None:
            row.fail(_("Kode wilayah %(code)s tidak dikenal.") % {"code": raw["kode_wilayah"].strip() or "—"})
        elif not can_edit_regency(user, row.regency):
            row.forbidden = True
            row.fail(_("Anda tidak berwenang mengisi data %(regency)s.") % {"regency": row.regency.display_name})
        try:
            row.year = int(raw["tahun"].strip())
        except ValueError:
            row.fail(_("Tahun harus berupa angka empat digit."))
        else:
            if row.year > this_year:
                row.fail(_("Tahun hasil evaluasi tidak boleh di masa depan."))
            elif services.framework_for_year(row.year) is None:
                row.fail(_("Tidak ada kerangka evaluasi yang berlaku untuk tahun %(year)s.") % {"year": row.year})
        row.kind = KIND_WORDS.get(raw["jenis"].strip().lower())
        if row.kind is None:
            row.fail(_('Jenis harus "resmi" atau "mandiri".'))
        row.value = _decimal(raw["indeks"], row, "indeks")
        if row.value is None and raw["indeks"].strip() == "":
            row.fail(_("Kolom indeks kosong."))
        row.target = _decimal(raw["target"], row, "target")
        row.source_title = raw["sumber"].strip()
        if row.source_title:
            try:
                row.source_date = date.fromisoformat(raw["tanggal_sumber"].strip())
            except ValueError:
                row.fail(_("Tanggal sumber harus berbentuk tttt-bb-hh."))
        if row.status == ERROR:
            continue
        key = (row.regency.pk, row.year, row.kind)
        if key in seen:
            row.fail(_("Baris ganda: wilayah, tahun dan jenis sama dengan baris %(line)s.") % {"line": seen[key]})
            continue
        seen[key] = row.line
        row.existing = results.get(key)
        target = targets.get((row.regency.pk, row.year)) if row.kind == ResultKind.OFFICIAL else None
        if row.existing is None:
            row.status = NEW
        elif row.existing.state == ReviewState.SUBMITTED:
            row.fail(_("Hasil ini sedang diperiksa staf provinsi; tunggu verifikasi atau pengembalian."))
        elif row.existing.value == row.value and (row.target is None or (target and target.value == row.target)):
            row.status = UNCHANGED
        else:
            row.status = CHANGED
    return rows


@transaction.atomic
def apply_import(*, raw_rows: list[dict[str, str]], user: AbstractBaseUser, verify: bool = False) -> list[ImportRow]:
    """Writes every new or changed row, or nothing: one bad row and the whole import is refused."""
    rows = check_rows(raw_rows=raw_rows, user=user)
    if any(row.status == ERROR for row in rows):
        raise ImportRejected(rows)
    verify = verify and is_provincial_staff(user)
    for row in rows:
        if row.status == UNCHANGED:
            continue
        cited = services.CitedSource(title=row.source_title, published_on=row.source_date) if row.source_title else None
        try:
            result = _write_row(row, user=user, cited=cited)
            if row.target is not None:
                services.save_target_draft(regency=row.regency, year=row.year, value=row.target, by=user, cited=cited)
            if verify:
                result = services.submit_result(result=result, version=result.version, by=user)
                services.verify_result(result=result, version=result.version, by=user)
        except ValidationError as error:
            row.fail(" ".join(error.messages))
            raise ImportRejected(rows) from error
    return rows


def _write_row(row: ImportRow, *, user, cited) -> Result:
    existing = row.existing
    if existing is None:
        return services.create_result_draft(
            regency=row.regency,
            year=row.year,
            kind=row.kind,
            by=user,
            value=row.value,
            cited=cited,
            note=row.raw["catatan"].strip(),
        )
    if existing.state == ReviewState.VERIFIED:
        existing = services.start_revision(result=existing, by=user)
    return services.update_result_draft(
        result=existing,
        version=existing.version,
        by=user,
        value=row.value,
        levels={},
        cited=cited,
        note=row.raw["catatan"].strip(),
    )
