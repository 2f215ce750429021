"""Result drafts: created or updated (a revision of a published result starts through `review.transition`).

Each write is prepared first (checked, nothing saved but the version claim) and stored second, so that
`save_result_entry` can check the result, its target and its evidence before it stores any of them.
"""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regencies.models import Regency

from .. import scoring
from ..models import (
    EDITABLE_STATES,
    EvidenceFile,
    Framework,
    Indicator,
    IndicatorAssessment,
    Result,
    ReviewState,
)
from .common import (
    Citation,
    claim,
    keep_source_only_for_unchanged_value,
    require_regency_right,
    require_state,
    save_as,
    source_for,
)


def _write_levels(*, result: Result, levels: dict | None, by: AbstractBaseUser) -> None:
    """Replaces the result's indicator levels, keyed by indicator number or (number, part) for an indicator
    scored more than once; None leaves them as they are, {} removes them."""
    if levels is None:
        return
    indicators = {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(aspect__framework=result.framework).select_related(
            "aspect__framework"
        )
    }
    # Keyed (number, part): an indicator scored once per public service (5/2018's 35) has a row per entry.
    existing = {
        (row.indicator.number, row.part): row
        for row in result.indicator_levels.select_related("indicator__aspect__framework")
    }
    wanted = {scoring.entry_key(key): level for key, level in levels.items()}
    for key, row in existing.items():
        if key not in wanted:
            row._history_user = by
            row.delete()
    for (number, part), level in wanted.items():
        row = existing.get((number, part))
        if row is None:
            row = IndicatorAssessment.of_result(result, indicator=indicators[number], level=level, part=part)
        elif row.level == level:
            continue
        row.level = level
        row.updated_by = by
        row.full_clean(validate_unique=False, validate_constraints=False)
        save_as(row, by=by)


def computed_index(*, framework: Framework, levels: dict[int, int]) -> scoring.ScoreBreakdown:
    return scoring.compute_scores(levels=levels, indicators=framework.indicator_specs(), level_range=framework.levels)


def _value_from(*, framework: Framework, value: Decimal | None, levels: dict[int, int] | None) -> Decimal | None:
    if not levels:
        return value
    try:
        return computed_index(framework=framework, levels=levels).index
    except ValueError as error:
        # The form asks for every level of its framework; a caller naming others would store an index no
        # framework defines.
        raise ValidationError(
            _("Tingkat indikator tidak lengkap atau tidak sesuai kerangka %(framework)s.")
            % {"framework": framework.short_name}
        ) from error


def prepare_new_draft(
    *,
    regency: Regency,
    year: int,
    kind: str,
    by: AbstractBaseUser,
    value: Decimal | None,
    levels: dict[int, int] | None,
    evaluated: bool,
    cited: Citation | None,
    note: str,
    framework: Framework | None,
) -> Result:
    """A new draft, checked but not saved (its cited source may be)."""
    require_regency_right(by=by, regency=regency)
    # The entry form names the framework whose indicators it showed; levels must be scored against that one, not
    # against whichever framework the year happens to pick when two of them overlap.
    if framework is not None and not framework.applies_to(year):
        framework = None
    framework = framework or Framework.objects.in_force(year)
    if framework is None:
        raise ValidationError(
            {"year": _("Tidak ada kerangka evaluasi yang berlaku untuk tahun %(year)s.") % {"year": year}}
        )
    if Result.objects.filter(regency=regency, year=year, kind=kind).exists():
        raise ValidationError({"year": _("Hasil untuk wilayah, tahun dan jenis ini sudah ada.")})
    result = Result(
        regency=regency,
        year=year,
        kind=kind,
        framework=framework,
        value=_value_from(framework=framework, value=value, levels=levels) if evaluated else None,
        evaluated=evaluated,
        source=source_for(cited=cited),
        note=note,
        created_by=by,
        changed_by=by,
        state=ReviewState.DRAFT,
    )
    result.full_clean()
    return result


def prepare_update(
    *,
    result: Result,
    version: int,
    by: AbstractBaseUser,
    value: Decimal | None,
    levels: dict[int, int] | None,
    evaluated: bool,
    cited: Citation | None,
    note: str,
) -> Result:
    """Claims the version the user read and applies the change to `result`, checked but not saved."""
    require_regency_right(by=by, regency=result.regency)
    claim(result, version=version)
    require_state(result, EDITABLE_STATES, _("Hanya draf atau entri yang dikembalikan yang dapat diubah."))
    result.changed_by = by
    result.value = _value_from(framework=result.framework, value=value, levels=levels) if evaluated else None
    result.evaluated = evaluated
    new_source = source_for(cited=cited)
    if new_source is not None:
        result.source = new_source
    keep_source_only_for_unchanged_value(result)
    result.note = note
    result.full_clean()
    return result


def store_draft(*, result: Result, levels: dict[int, int] | None, by: AbstractBaseUser) -> Result:
    save_as(result, by=by)
    _write_levels(result=result, levels=levels if result.evaluated else {}, by=by)
    return result


@transaction.atomic
def create_result_draft(
    *,
    regency: Regency,
    year: int,
    kind: str,
    by: AbstractBaseUser,
    value: Decimal | None = None,
    levels: dict[int, int] | None = None,
    evaluated: bool = True,
    cited: Citation | None = None,
    evidence: EvidenceFile | None = None,
    note: str = "",
    framework: Framework | None = None,
) -> Result:
    result = prepare_new_draft(
        regency=regency,
        year=year,
        kind=kind,
        by=by,
        value=value,
        levels=levels,
        evaluated=evaluated,
        cited=cited,
        note=note,
        framework=framework,
    )
    result.evidence = evidence
    return store_draft(result=result, levels=levels if levels else None, by=by)


@transaction.atomic
def update_result_draft(
    *,
    result: Result,
    version: int,
    by: AbstractBaseUser,
    value: Decimal | None = None,
    levels: dict[int, int] | None = None,
    evaluated: bool = True,
    cited: Citation | None = None,
    evidence: EvidenceFile | None = None,
    note: str = "",
) -> Result:
    prepare_update(
        result=result,
        version=version,
        by=by,
        value=value,
        levels=levels,
        evaluated=evaluated,
        cited=cited,
        note=note,
    )
    if evidence is not None:
        result.evidence = evidence
    return store_draft(result=result, levels=levels, by=by)
