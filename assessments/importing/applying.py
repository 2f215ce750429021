"""Applying a checked import in one transaction: every new or changed row is written, or none.

The rows are checked again against the database as it is at that moment. Staff may verify what they import in
the same step only where the settings allow a person to verify their own entries
(SPBE_ALLOW_SELF_VERIFICATION, off by default: a second officer verifies); otherwise a staff member's "verify"
submits the rows for another officer.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.permissions import is_provincial_staff

from .. import services
from ..models import Result, ReviewState
from . import checking
from .checking import ERROR, UNCHANGED, ImportRow

DRAFT, SUBMIT, VERIFY = "draft", "submit", "verify"


class ImportRejected(Exception):
    def __init__(self, rows: list[ImportRow]):
        super().__init__("import has rows with errors")
        self.rows = rows


class ImportOvertaken(Exception):
    """Another write got to these rows between this import's check and its write (a second confirm of the same
    file, a double click, a colleague); nothing of this import was written."""


def self_verification_allowed() -> bool:
    return getattr(settings, "SPBE_ALLOW_SELF_VERIFICATION", False)


def next_step(*, user: AbstractBaseUser, verify: bool = False, submit: bool = False) -> str:
    """What happens to the written rows: left as drafts, submitted for verification, or verified at once."""
    if verify and is_provincial_staff(user):
        return VERIFY if self_verification_allowed() else SUBMIT
    return SUBMIT if submit else DRAFT


@transaction.atomic
def apply_import(
    *,
    raw_rows: list[dict[str, str]],
    user: AbstractBaseUser,
    verify: bool = False,
    submit: bool = False,
    lines: list[int] | None = None,
    previewed: list | None = None,
) -> list[ImportRow]:
    """Writes every new or changed row, or nothing: one bad row and the whole import is refused. `previewed` are
    the rows' versions as the preview showed them (ImportRow.versions): a row whose result or target was made or
    changed since refuses the whole import, named, instead of being written over."""
    rows = checking.check_rows(raw_rows=raw_rows, user=user, lines=lines)
    if previewed is not None:
        _refuse_rows_changed_since(rows, previewed)
    if any(row.status == ERROR for row in rows):
        raise ImportRejected(rows)
    step = next_step(user=user, verify=verify, submit=submit)
    written = [row for row in rows if row.status != UNCHANGED]
    # The results the rows change, as model instances the services save (the check read them as plain values).
    results = Result.objects.in_bulk([row.existing.pk for row in written if row.existing is not None])
    try:
        for row in written:
            try:
                _apply_row(row, user=user, step=step, existing=results.get(row.existing.pk) if row.existing else None)
            except ValidationError as error:
                row.fail(" ".join(error.messages))
                raise ImportRejected(rows) from error
    except services.ConcurrentEdit as error:
        raise ImportOvertaken from error
    except IntegrityError as error:
        # Two transactions that both checked before either wrote (PostgreSQL, a double click): the database's
        # one-open-revision rule refuses the second.
        raise ImportOvertaken from error
    return rows


def _refuse_rows_changed_since(rows: list[ImportRow], previewed: list) -> None:
    for row, seen in zip(rows, previewed, strict=False):
        if row.status == ERROR or row.versions == seen:
            continue
        what = _("hasil") if row.versions[0] != seen[0] else _("target")
        row.fail(
            _(
                "Baris %(line)s: %(what)s %(regency)s %(year)s dibuat atau diubah orang lain setelah pratinjau; "
                "impor ini tidak menulis apa pun agar perubahannya tidak tertimpa. Unggah berkasnya lagi untuk "
                "melihat keadaan terbaru."
            )
            % {"line": row.line, "what": what, "regency": row.regency.display_name, "year": row.year}
        )


def _apply_row(row: ImportRow, *, user, step: str, existing: Result | None) -> None:
    if row.target_only:
        _apply_target_row(row, user=user, step=step)
        return
    result = _write_row(row, existing=existing, user=user, cited=row.cited)
    if row.target is not None:
        services.save_target_draft(
            regency=row.regency, year=row.year, value=row.target, by=user, cited=row.target_cited
        )
    if step in (SUBMIT, VERIFY):
        result = services.submit_result(result=result, version=result.version, by=user)
    if step == VERIFY:
        services.verify_result(result=result, version=result.version, by=user)


def _apply_target_row(row: ImportRow, *, user, step: str) -> None:
    """A target on its own goes through its own review: drafted, submitted, verified as the step says."""
    target = services.save_target_draft(
        regency=row.regency, year=row.year, value=row.target, by=user, cited=row.target_cited
    )
    if target.is_published:
        return
    if step in (SUBMIT, VERIFY):
        target = services.submit_target(target=target, version=target.version, by=user)
    if step == VERIFY:
        services.verify_target(target=target, version=target.version, by=user)


def _write_row(row: ImportRow, *, existing: Result | None, user, cited) -> Result:
    """Creates the row's result, or changes `existing` (the one the check found, read again) at the version the
    check read: a write that came between them refuses the import (ImportOvertaken)."""
    if row.existing is None:
        return services.create_result_draft(
            regency=row.regency,
            year=row.year,
            kind=row.kind,
            by=user,
            value=row.value,
            cited=cited,
            note=row.raw["catatan"].strip(),
        )
    if existing is None or existing.version != row.existing.version:
        raise ImportOvertaken
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
