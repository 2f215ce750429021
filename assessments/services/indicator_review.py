"""The province's side of an indicator's levels: its desk review (level + note) and KemenPAN-RB's official level
with its source. Both are written by provincial staff only, one indicator at a time, each row with its own
optimistic version. An official level is public once written, so the publication version moves with it.
"""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.permissions import is_provincial_staff
from regencies.models import Regency

from .. import publication, scoring
from ..models import AssessmentStage, Indicator, IndicatorAssessment
from ..spreadsheets import refuse_formula
from .common import Citation, ConcurrentEdit, claim, save_as, source_for

NOTE_MAX = 4000


def require_staff(user: AbstractBaseUser) -> None:
    if not is_provincial_staff(user):
        raise PermissionDenied(_("Hanya staf provinsi yang dapat menulis reviu dan tingkat resmi."))


def refuse_formula_text(field: str, text: str) -> None:
    try:
        refuse_formula(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


@transaction.atomic
def set_province_level(
    *,
    regency: Regency,
    year: int,
    indicator: Indicator,
    level: int | Decimal | None,
    note: str,
    version: int | None,
    by: AbstractBaseUser,
    part: int = 1,
) -> IndicatorAssessment:
    """The province's review level of one indicator's entry (`part`: the second public service of 5/2018's
    indicator 35) with its note; `version` is the one the form read (None or 0 when the form showed no row yet).
    A converted Pemdi value (2,35) is checked as every level is, against the scale and the indicator's decimals."""
    require_staff(by)
    refuse_formula_text("note", note)
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Catatan paling panjang %(max)s karakter.") % {"max": NOTE_MAX}})
    row = _claimed_row(
        regency=regency, year=year, indicator=indicator, part=part, stage=AssessmentStage.PROVINCE, version=version
    )
    row.level = level
    row.explanation = note
    return _save(row, by=by)


@transaction.atomic
def set_official_level(
    *,
    regency: Regency,
    year: int,
    indicator: Indicator,
    level: int | Decimal | None,
    source: Citation | None,
    version: int | None,
    by: AbstractBaseUser,
    part: int = 1,
) -> IndicatorAssessment:
    """KemenPAN-RB's level of one indicator's entry (`part`), citing a Source on file or a new one described by
    `source` (the one citation path, `source_for`). A level needs a source; clearing the level (None) keeps none.
    Public once written: the publication version is bumped in this transaction."""
    require_staff(by)
    if level is not None and source is None:
        raise ValidationError({"source": _("Tingkat resmi harus menyebut sumbernya.")})
    row = _claimed_row(
        regency=regency, year=year, indicator=indicator, part=part, stage=AssessmentStage.OFFICIAL, version=version
    )
    row.level = level
    row.source = source_for(cited=source) if level is not None else None
    saved = _save(row, by=by)
    publication.bump_version()
    return saved


def _claimed_row(*, regency, year, indicator, part, stage, version) -> IndicatorAssessment:
    row = IndicatorAssessment.objects.for_workspace(regency, year, stage).filter(indicator=indicator, part=part).first()
    if row is None:
        if version:
            # The form showed a row that no longer exists; nothing sensible to compare with.
            raise ValidationError(_("Data indikator ini berubah sejak dibuka; muat ulang halaman."))
        return IndicatorAssessment(regency=regency, year=year, indicator=indicator, part=part, stage=stage)
    claim(row, version=version or 0)
    return row


def _save(row: IndicatorAssessment, *, by) -> IndicatorAssessment:
    row.updated_by = by
    row.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            save_as(row, by=by)
    except IntegrityError as error:
        # Someone created the same indicator's row a moment earlier.
        current = (
            IndicatorAssessment.objects.for_workspace(row.regency, row.year, row.stage)
            .filter(indicator=row.indicator, part=row.part)
            .first()
        )
        if current is None:
            raise
        raise ConcurrentEdit(current=current) from error
    return row


@transaction.atomic
def write_official_levels(
    *,
    year: int,
    framework,
    rows: list[tuple[Regency, dict[tuple[int, int], int | Decimal], Citation]],
    by: AbstractBaseUser,
    notes: dict[int, str] | None = None,
) -> int:
    """The import's write: for each regency, its official levels ((indicator number, part) → level) citing one
    source. Every row or none; one publication bump. Returns how many indicator rows were written. `notes` (regency
    pk → text) is kept as the explanation of that regency's rows written: why they were imported although they
    disagree with the published index."""
    notes = notes or {}
    require_staff(by)
    indicators = {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(aspect__framework=framework).select_related("aspect__framework")
    }
    existing = {
        (row.regency_id, row.indicator_id, row.part): row
        for row in IndicatorAssessment.objects.working().filter(
            year=year, stage=AssessmentStage.OFFICIAL, regency__in=[regency for regency, _levels, _source in rows]
        )
    }
    written = 0
    for regency, levels, cited in rows:
        source = source_for(cited=cited)
        for (number, part), level in ((scoring.entry_key(key), level) for key, level in levels.items()):
            indicator = indicators[number]
            row = existing.get((regency.pk, indicator.pk, part))
            if row is not None:
                if row.level == level and row.source_id == source.pk:
                    continue
                claim(row, version=row.version)
            else:
                row = IndicatorAssessment(
                    regency=regency, year=year, indicator=indicator, part=part, stage=AssessmentStage.OFFICIAL
                )
            row.indicator = indicator
            row.level = level
            row.source = source
            if regency.pk in notes:
                row.explanation = notes[regency.pk]
            _save(row, by=by)
            written += 1
    if written:
        publication.bump_version()
    return written
