"""The indicator levels the public may see, as rows for the regency profile, its downloads, the comparison, the
API and the planner's starting point; which levels those are is `IndicatorAssessment.objects.public()`.

- Official levels: KemenPAN-RB's, as staff wrote or imported them (each with its source); for a regency and year
  without those, the levels of its verified official result (citing the result's source).
- Self-assessment levels: only those of a verified self-assessment result, always labelled as self-assessment.
"""

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from .models import AssessmentStage, Indicator, IndicatorAssessment

OFFICIAL = AssessmentStage.OFFICIAL.value
SELF = AssessmentStage.SELF.value
STAGES = [OFFICIAL, SELF]


def _source(name: str) -> Coalesce:
    """A level staff wrote cites its own source; a result's level, the result's."""
    return Coalesce(f"source__{name}", f"result__source__{name}")


COLUMNS = {
    "regency_code": F("regency__code"),
    "regency_name": F("regency__name"),
    "regency_kind": F("regency__kind"),
    "regency_slug": F("regency__slug"),
    "year_value": F("year"),
    "stage_value": F("stage"),
    "framework_code": F("indicator__aspect__framework__code"),
    "framework_short_name": F("indicator__aspect__framework__short_name"),
    "framework_index": F("indicator__aspect__framework__series__short_name"),
    "framework_id_value": F("indicator__aspect__framework_id"),
    "domain_number": F("indicator__aspect__domain__number"),
    "domain_name": F("indicator__aspect__domain__name"),
    "aspect_number": F("indicator__aspect__number"),
    "aspect_name": F("indicator__aspect__name"),
    "indicator_number": F("indicator__number"),
    "indicator_name": F("indicator__name"),
    "indicator_weight": F("indicator__weight"),
    "indicator_entries": F("indicator__entries"),
    "part_value": F("part"),
    "level_value": F("level"),
    "source_title": _source("title"),
    "source_publisher": _source("publisher"),
    "source_kind": _source("kind"),
    "source_reference": _source("reference"),
    "source_url": _source("url"),
    "source_published_on": _source("published_on"),
    "demo": F("is_demo"),
}


def public_indicator_levels(
    *, year: int | None = None, regency_code: str = "", stage: str = "", regency=None, regencies=None
):
    """Rows (dicts) ordered by regency code, year, stage (official first), indicator number and part; one query.
    `regencies` narrows to several regencies at once (the comparison)."""
    levels = IndicatorAssessment.objects.public()
    if year is not None:
        levels = levels.filter(year=year)
    if regency_code:
        levels = levels.filter(regency__code=regency_code)
    if regency is not None:
        levels = levels.filter(regency=regency)
    if regencies is not None:
        levels = levels.filter(regency__in=regencies)
    if stage:
        levels = levels.filter(stage=stage)
    return levels.values(**COLUMNS).order_by("regency_code", "year_value", "stage_value", "indicator_number", "part")


def indicator_counts() -> dict[int, int]:
    """{framework id: number of indicators}, to tell a complete set of levels (one query)."""
    rows = Indicator.objects.order_by().values("aspect__framework_id").annotate(count=Count("pk"))
    return {row["aspect__framework_id"]: row["count"] for row in rows}
