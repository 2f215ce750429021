"""The regency's self-assessment, indicator by indicator: each indicator's SELF-stage row (level, penjelasan,
evidence files) is saved on its own with its own version, so two people on different indicators never overwrite
each other; submitting the workspace turns the filled levels into the year's self-assessment Result and submits it
through the review service, so verification, notifications and the public rules apply unchanged.

While that Result awaits review the workspace is read-only; a return opens it again.
"""

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regencies.models import Regency

from .. import scoring
from ..models import (
    AssessmentStage,
    EvidenceFile,
    Framework,
    Indicator,
    IndicatorAssessment,
    Result,
    ResultKind,
    ReviewState,
)
from .common import Citation, ConcurrentEdit, WrongState, claim, require_regency_right, save_as, source_for
from .indicator_evidence import (
    MAX_FILES_PER_INDICATOR,
    EvidenceDetails,
    evidence_details_problems,
    indicator_evidence_problem,
    store_indicator_evidence,
)
from .results import _write_levels
from .review import submit_result

LOCKED_MESSAGE = _(
    "Evaluasi mandiri tahun ini sudah diajukan dan menunggu verifikasi staf provinsi; penilaian indikator tidak "
    "dapat diubah sampai dikembalikan."
)


def version_total(rows: Sequence[IndicatorAssessment]) -> int:
    """What a submit names as the workspace it saw: every save of any row (a new row counts 1) raises it."""
    return sum(row.version for row in rows)


def self_result_awaiting_review(*, regency: Regency, year: int) -> Result | None:
    return Result.objects.awaiting_review().filter(regency=regency, year=year, kind=ResultKind.SELF_ASSESSMENT).first()


def _check_workspace(*, regency: Regency, year: int, by: AbstractBaseUser) -> Framework:
    """The rights, the year's framework and that the workspace is open; raises otherwise."""
    require_regency_right(by=by, regency=regency, message=_("Anda tidak berhak mengisi evaluasi mandiri wilayah ini."))
    framework = Framework.objects.in_force(year)
    if framework is None:
        raise ValidationError(
            {"year": _("Tidak ada kerangka evaluasi yang berlaku untuk tahun %(year)s.") % {"year": year}}
        )
    if self_result_awaiting_review(regency=regency, year=year) is not None:
        raise WrongState(LOCKED_MESSAGE)
    return framework


def save_indicator_assessment(
    *,
    regency: Regency,
    year: int,
    indicator: Indicator,
    level: int | None,
    explanation: str,
    by: AbstractBaseUser,
    version: int,
    uploads: Sequence[UploadedFile] = (),
    details: EvidenceDetails = EvidenceDetails(),  # noqa: B008 (frozen, never changed)
    part: int = 1,
    cited: Citation | None = None,
) -> IndicatorAssessment:
    """Saves one entry of an indicator's self-assessment: its level (None = not chosen yet; two decimals where
    the indicator's value is another agency's index converted to the framework's scale), penjelasan and new
    evidence files with what the person said of them (`details`: the level they back, their date, a note for the
    assessor). `part` numbers the entry of an indicator scored more than once (5/2018's indicator 35, once per
    public service). `cited` is the source of a value taken from another agency's index (the index's
    publication), recorded through the one citation path (`source_for`); other indicators cite none.

    `version` is the row's version the user read, 0 when there was no row yet. Files are checked before any is
    stored and removed again if the save fails.
    """
    stored: list[EvidenceFile] = []
    try:
        with transaction.atomic():
            return _save(
                regency=regency,
                year=year,
                indicator=indicator,
                level=level,
                explanation=explanation,
                by=by,
                version=version,
                uploads=uploads,
                details=details,
                part=part,
                cited=cited,
                stored=stored,
            )
    except BaseException:
        for evidence in stored:
            evidence.file.storage.delete(evidence.file.name)
        raise


def _save(
    *, regency, year, indicator, level, explanation, by, version, uploads, details, part, cited, stored
) -> IndicatorAssessment:
    framework = _check_workspace(regency=regency, year=year, by=by)
    if indicator.aspect.framework_id != framework.pk:
        raise ValidationError(
            {
                "indicator": _("Indikator ini bukan bagian dari kerangka %(framework)s yang berlaku tahun %(year)s.")
                % {"framework": framework.code, "year": year}
            }
        )
    if not 1 <= part <= indicator.entries:
        raise ValidationError({"part": _("Indikator ini tidak punya entri ke-%(part)s.") % {"part": part}})
    if cited is not None and not indicator.external_index:
        raise ValidationError(_("Indikator ini tidak diisi dari indeks instansi lain; sumbernya tidak dicatat."))
    row = (
        IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF)
        .filter(indicator=indicator, part=part)
        .first()
    )
    if row is None:
        if level is None and not explanation.strip() and not uploads:
            raise ValidationError(_("Pilih tingkat, tulis penjelasan atau lampirkan bukti sebelum menyimpan."))
        row = IndicatorAssessment(
            regency=regency, year=year, indicator=indicator, part=part, stage=AssessmentStage.SELF
        )
        if version:
            raise ValidationError(_("Versi penilaian tidak dikenal; muat ulang halaman."))
    elif not version:
        # The user read the indicator before anyone had saved it; someone has since.
        raise ConcurrentEdit(current=row)
    else:
        claim(row, version=version)
    row.level = level
    row.explanation = explanation.strip()
    row.updated_by = by
    if indicator.external_index:
        # The value as that agency published it, with its publication: a new source replaces the one on file.
        row.source = source_for(cited=cited) or row.source
    row.full_clean()
    if uploads:
        already = row.evidence_files.count() if row.pk else 0
        if already + len(uploads) > MAX_FILES_PER_INDICATOR:
            raise ValidationError(
                {
                    "evidence": _("Paling banyak %(max)s berkas bukti per indikator; sudah ada %(count)s.")
                    % {"max": MAX_FILES_PER_INDICATOR, "count": already}
                }
            )
        problems = [problem for upload in uploads if (problem := indicator_evidence_problem(upload))]
        if problems:
            raise ValidationError({"evidence": problems})
        if detail_problems := evidence_details_problems(details, framework=framework):
            raise ValidationError(detail_problems)
    if row.pk is None:
        try:
            with transaction.atomic():
                save_as(row, by=by)
        except IntegrityError:
            # Someone saved this indicator's first version between our look-up and our insert.
            raise ConcurrentEdit(
                current=IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF).get(
                    indicator=indicator, part=part
                )
            ) from None
    else:
        save_as(row, by=by)
    for upload in uploads:
        stored.append(store_indicator_evidence(upload=upload, assessment=row, by=by, details=details))
    return row


@transaction.atomic
def delete_indicator_evidence(*, evidence: EvidenceFile, version: int, by: AbstractBaseUser) -> IndicatorAssessment:
    """Removes one evidence file of an indicator (the stored file once the transaction commits); the row's
    `version` is the one the user read, so a delete never slips past someone else's save."""
    row = evidence.indicator_assessment
    if row is None or row.stage != AssessmentStage.SELF or row.result_id is not None:
        raise ValidationError(_("Berkas ini bukan bukti evaluasi mandiri sebuah indikator."))
    _check_workspace(regency=row.regency, year=row.year, by=by)
    claim(row, version=version)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
    row.updated_by = by
    save_as(row, by=by)
    return row


@transaction.atomic
def submit_self_assessment(*, regency: Regency, year: int, seen_versions: int, by: AbstractBaseUser) -> Result:
    """Turns a complete workspace into the year's self-assessment Result (its index computed from the levels and
    its level of every indicator, kept with that revision) and submits it for verification.

    The open self-assessment revision is updated, or a new one made (revising the published one, if any).
    `seen_versions` is the workspace's `version_total` the user saw: a submit after someone changed a level
    is refused, so what is submitted is what the user read.
    """
    framework = _check_workspace(regency=regency, year=year, by=by)
    rows = list(
        IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF)
        .select_for_update()
        .select_related("indicator")
    )
    if version_total(rows) != seen_versions:
        raise WrongState(
            _("Penilaian indikator berubah sejak Anda membuka halaman ini. Periksa indeksnya lalu ajukan lagi.")
        )
    specs = framework.indicator_specs()
    # Keyed (number, part): 5/2018's indicator 35 is three entries, one per public service.
    levels = {(row.indicator.number, row.part): row.level for row in rows if row.level is not None}
    expected = {key for spec in specs for key in spec.keys}
    missing = len(expected - levels.keys())
    if missing:
        raise ValidationError(
            _("Semua %(total)s indikator harus diisi sebelum diajukan; belum diisi: %(missing)s.")
            % {"total": len(expected), "missing": missing}
        )
    try:
        index = scoring.compute_scores(levels=levels, indicators=specs, level_range=framework.levels).index
    except ValueError as error:
        raise ValidationError(
            _("Tingkat indikator tidak sesuai kerangka %(framework)s.") % {"framework": framework.short_name}
        ) from error
    key = {"regency": regency, "year": year, "kind": ResultKind.SELF_ASSESSMENT}
    result = Result.objects.open().filter(**key).first()
    if result is None:
        result = Result(
            **key,
            framework=framework,
            revises=Result.objects.published().filter(**key).first(),
            created_by=by,
            state=ReviewState.DRAFT,
        )
    else:
        claim(result, version=result.version)
    result.framework = framework
    result.value = index
    result.evaluated = True
    result.changed_by = by
    result.full_clean()
    save_as(result, by=by)
    _write_levels(result=result, levels=levels, by=by)
    return submit_result(result=result, version=result.version, by=by)
