"""One save of the result form: the result, the year's target and the evidence file, together or not at all."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from regencies.models import Regency

from ..models import Framework, Result
from .common import Citation, save_as
from .evidence import evidence_problem, store_evidence
from .results import prepare_new_draft, prepare_update, store_draft
from .targets import TargetInput, prepare_target


def save_result_entry(
    *,
    by: AbstractBaseUser,
    value: Decimal | None,
    levels: dict[int, int] | None,
    evaluated: bool = True,
    cited: Citation | None = None,
    target_cited: Citation | None = None,
    note: str = "",
    target: TargetInput | None = None,
    evidence_upload: UploadedFile | None = None,
    result: Result | None = None,
    version: int | None = None,
    regency: Regency | None = None,
    year: int | None = None,
    kind: str | None = None,
    framework: Framework | None = None,
    dry_run: bool = False,
) -> Result:
    """Creates a draft (`regency`, `year`, `kind`, `framework`) or updates `result` read at `version`.

    The result cites `cited`, the target its own `target_cited` (RPJMD, Renstra, perjanjian kinerja): a revision
    keeps the revised row's source for a value it leaves unchanged.

    Everything is checked before anything is stored: the result (state, version, values), the target (whose
    result kind it belongs to, its version when the form showed one, whether staff are reviewing it) and the
    evidence file. The file is written to storage last and removed again if the transaction still fails, so a
    refused save leaves neither rows nor a file behind.

    With `dry_run` (the form's preview) every check runs exactly as for a save, then everything is rolled back
    and no file is stored: a preview that passes is a save that passes, and one that is refused says why.
    """
    stored: list = []
    # The transaction is opened inside the try rather than by the decorator, so that a file written to
    # storage is removed after the rollback (storage is not part of the database transaction).
    try:
        with transaction.atomic():
            saved = _save(
                by=by,
                value=value,
                levels=levels,
                evaluated=evaluated,
                cited=cited,
                target_cited=target_cited,
                note=note,
                target=target,
                evidence_upload=evidence_upload,
                result=result,
                version=version,
                regency=regency,
                year=year,
                kind=kind,
                framework=framework,
                stored=stored,
                dry_run=dry_run,
            )
            if dry_run:
                transaction.set_rollback(True)
            return saved
    except BaseException:
        for evidence in stored:
            evidence.file.storage.delete(evidence.file.name)
        raise


def _save(
    *,
    by,
    value,
    levels,
    evaluated,
    cited,
    target_cited,
    note,
    target,
    evidence_upload,
    result,
    version,
    stored,
    dry_run,
    **new,
):
    if evidence_upload is not None and (problem := evidence_problem(evidence_upload)):
        raise ValidationError({"evidence": problem})
    if result is None:
        result = prepare_new_draft(
            **new, by=by, value=value, levels=levels, evaluated=evaluated, cited=cited, note=note
        )
    else:
        prepare_update(
            result=result,
            version=version or 0,
            by=by,
            value=value,
            levels=levels,
            evaluated=evaluated,
            cited=cited,
            note=note,
        )
    target_draft = None
    if target is not None:
        target_draft = prepare_target(
            regency=result.regency,
            year=result.year,
            kind=result.kind,
            target=target,
            by=by,
            cited=target_cited,
            check_version=result.pk is not None,
        )
    if evidence_upload is not None and not dry_run:
        evidence = store_evidence(upload=evidence_upload, regency=result.regency, by=by)
        stored.append(evidence)
        result.evidence = evidence
    store_draft(result=result, levels=levels if (levels or result.pk) else None, by=by)
    if target_draft is not None:
        save_as(target_draft, by=by)
    return result
