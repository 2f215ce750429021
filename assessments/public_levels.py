"""The indicator levels the public may see, in one query, for the regency profile, its downloads and the API.

- Official levels: KemenPAN-RB's OFFICIAL-stage rows with a level (public once written, each with its source);
  for a regency and year without such rows, the indicator scores of its verified official result.
- Self-assessment levels: only those of a verified self-assessment result (the scores copied from the workspace
  when it was submitted), always labelled as self-assessment. The workspace's SELF rows themselves, PROVINCE
  rows (the province's desk review) and evidence never leave here.
"""

from django.db.models import CharField, Count, Exists, F, OuterRef, Value

from .indicator_models import AssessmentStage, IndicatorAssessment
from .models import Indicator, IndicatorScore, Result, ResultKind

OFFICIAL = "official"
SELF = "self"
STAGES = [OFFICIAL, SELF]


def _columns(*, regency: str, year: str, source: str, stage: str, demo: str) -> dict:
    """The same named columns, in the same order, for each part of the union."""
    return {
        "regency_code": F(f"{regency}__code"),
        "regency_name": F(f"{regency}__name"),
        "regency_kind": F(f"{regency}__kind"),
        "regency_slug": F(f"{regency}__slug"),
        "year_value": F(year),
        "stage_value": Value(stage, output_field=CharField()),
        "framework_code": F("indicator__aspect__domain__framework__code"),
        "framework_id_value": F("indicator__aspect__domain__framework_id"),
        "domain_number": F("indicator__aspect__domain__number"),
        "domain_name": F("indicator__aspect__domain__name"),
        "aspect_number": F("indicator__aspect__number"),
        "aspect_name": F("indicator__aspect__name"),
        "indicator_number": F("indicator__number"),
        "indicator_name": F("indicator__name"),
        "indicator_weight": F("indicator__weight"),
        "level_value": F("level"),
        "source_title": F(f"{source}__title"),
        "source_publisher": F(f"{source}__publisher"),
        "source_kind": F(f"{source}__kind"),
        "source_reference": F(f"{source}__reference"),
        "source_url": F(f"{source}__url"),
        "source_published_on": F(f"{source}__published_on"),
        "demo": F(demo),
    }


def public_indicator_levels(*, year: int | None = None, regency_code: str = "", stage: str = "", regency=None):
    """Rows (dicts) ordered by regency code, year, stage (official first) and indicator number; one query."""
    official_rows = IndicatorAssessment.objects.filter(stage=AssessmentStage.OFFICIAL, level__isnull=False)
    has_official_rows = Exists(
        IndicatorAssessment.objects.filter(
            regency=OuterRef("result__regency"),
            year=OuterRef("result__year"),
            stage=AssessmentStage.OFFICIAL,
            level__isnull=False,
        )
    )
    published = Result.objects.published()
    official_scores = IndicatorScore.objects.filter(
        result__in=published.filter(kind=ResultKind.OFFICIAL, evaluated=True)
    ).filter(~has_official_rows)
    self_scores = IndicatorScore.objects.filter(result__in=published.filter(kind=ResultKind.SELF_ASSESSMENT))

    def narrowed(queryset, *, regency_path: str, year_path: str):
        queryset = queryset.order_by()  # the models' default order is not allowed inside a union
        if year is not None:
            queryset = queryset.filter(**{year_path: year})
        if regency_code:
            queryset = queryset.filter(**{f"{regency_path}__code": regency_code})
        if regency is not None:
            queryset = queryset.filter(**{regency_path: regency})
        return queryset

    parts = []
    if stage in ("", OFFICIAL):
        parts.append(
            narrowed(official_rows, regency_path="regency", year_path="year").values(
                **_columns(regency="regency", year="year", source="source", stage=OFFICIAL, demo="is_demo")
            )
        )
        parts.append(
            narrowed(official_scores, regency_path="result__regency", year_path="result__year").values(
                **_columns(
                    regency="result__regency",
                    year="result__year",
                    source="result__source",
                    stage=OFFICIAL,
                    demo="result__is_demo",
                )
            )
        )
    if stage in ("", SELF):
        parts.append(
            narrowed(self_scores, regency_path="result__regency", year_path="result__year").values(
                **_columns(
                    regency="result__regency",
                    year="result__year",
                    source="result__source",
                    stage=SELF,
                    demo="result__is_demo",
                )
            )
        )
    first, *rest = parts
    union = first.union(*rest, all=True) if rest else first
    return union.order_by("regency_code", "year_value", "stage_value", "indicator_number")


def indicator_counts() -> dict[int, int]:
    """{framework id: number of indicators}, to tell a complete set of levels (one query)."""
    rows = Indicator.objects.order_by().values("aspect__domain__framework_id").annotate(count=Count("pk"))
    return {row["aspect__domain__framework_id"]: row["count"] for row in rows}
