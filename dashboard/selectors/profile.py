from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from assessments import scoring
from assessments.models import (
    IndexFamily,
    IndicatorScore,
    PredikatBand,
    RelatedIndexValue,
    Result,
    ResultKind,
    Source,
    Target,
)
from assessments.selectors import published_targets
from assessments.trends import Trend, trend_mark
from regencies.models import Regency, StatusFlag

from .indicator_levels import LevelTable, level_tables


def _regencies_with_published_rows(*, with_indicator_levels: bool = True):
    """Regencies with their published results (with their indicator scores unless the page draws no sub-indices),
    targets and flags prefetched: six queries (five without the indicator scores), for one regency or several."""
    results = Result.objects.published().select_related("source", "framework")
    results = results.prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.all()))
    if with_indicator_levels:
        results = results.prefetch_related(
            Prefetch(
                "indicator_scores",
                # Not the model's order, which sorts by the result's own order and joins every result.
                queryset=IndicatorScore.objects.select_related("indicator__aspect__domain").order_by(
                    "result_id", "indicator__number"
                ),
            )
        )
    # Whether the regency has related-index facts, in the regency's own query: only a profile that has some runs
    # the one query that reads them.
    has_related = Exists(RelatedIndexValue.objects.published().filter(regency=OuterRef("pk")))
    return Regency.objects.annotate(has_related_indices=has_related).prefetch_related(
        Prefetch("results", queryset=results.order_by("year", "kind"), to_attr="published_results"),
        Prefetch(
            "targets",
            queryset=published_targets(),
            to_attr="published_targets",
        ),
        Prefetch(
            "status_flags",
            queryset=StatusFlag.objects.select_related("source").order_by("-as_of"),
            to_attr="flags",
        ),
    )


def regency_for_profile(*, slug: str, with_indicator_levels: bool = True) -> Regency:
    return get_object_or_404(_regencies_with_published_rows(with_indicator_levels=with_indicator_levels), slug=slug)


@dataclass(frozen=True)
class YearLine:
    """One year of the profile's table: the same numbers the index chart draws."""

    year: int
    official: Result | None = None
    self_assessment: Result | None = None
    target: Target | None = None
    # Shown marked "sementara" with its source; not the year's result, so neither charted nor in the trend.
    provisional: Result | None = None


@dataclass(frozen=True)
class SubIndices:
    """Domain and aspect sub-indices of one result whose indicator levels are all known."""

    result: Result
    domains: list[tuple[str, Decimal]]
    aspects: list[tuple[str, Decimal]]


@dataclass(frozen=True)
class RelatedIndex:
    """One related index of a regency: every stated fact, the years where sources disagree."""

    family: IndexFamily
    facts: list[RelatedIndexValue]

    @property
    def disputed_years(self) -> set[int | None]:
        stated: dict[int | None, set] = {}
        for fact in self.facts:
            if not fact.is_target:
                stated.setdefault(fact.year, set()).add((fact.value, fact.category))
        return {year for year, claims in stated.items() if len(claims) > 1 and year is not None}

    @property
    def svg(self):
        """The index over the years on its own scale, where at least two years have a stated value; else None."""
        from ..svg_charts import related_index_svg

        return related_index_svg(facts=self.facts, scale=self.family.scale)


@dataclass(frozen=True)
class RegencyProfile:
    regency: Regency
    years: list[YearLine]
    bands: list[PredikatBand]
    trend: Trend
    sub_indices: SubIndices | None
    sources: list[Source] = field(default_factory=list)
    related_indices: list[RelatedIndex] = field(default_factory=list)
    # The public indicator levels per framework (selectors/indicator_levels.py); read only for the profile page.
    level_tables: list[LevelTable] = field(default_factory=list)

    @property
    def official(self) -> list[tuple[int, Decimal]]:
        return [(line.year, line.official.value) for line in self.years if line.official and line.official.evaluated]

    @property
    def self_assessed(self) -> list[tuple[int, Decimal]]:
        return [
            (line.year, line.self_assessment.value)
            for line in self.years
            if line.self_assessment and line.self_assessment.evaluated
        ]

    @property
    def targets(self) -> list[tuple[int, Decimal]]:
        return [(line.year, line.target.value) for line in self.years if line.target]

    @property
    def shows_demo_data(self) -> bool:
        """Read from the prefetched rows: no query."""
        rows = [self.regency, *self.regency.published_results, *self.regency.published_targets, *self.regency.flags]
        return any(row.is_demo for row in rows)

    @property
    def latest_official(self) -> Result | None:
        official = [line.official for line in self.years if line.official]
        return official[-1] if official else None


def regency_profile(
    *,
    slug: str,
    with_sub_indices: bool = True,
    with_related_indices: bool = False,
    with_indicator_levels: bool = False,
) -> RegencyProfile:
    """Everything the profile page shows; at most seven queries (one more only when indicator levels exist, and
    one more with_related_indices when the regency has related-index facts: the regency's query says whether).
    Without sub-indices (the embed draws none), the indicator levels are not read: five queries.
    with_indicator_levels adds the public indicator levels per year: one query, two when there are some."""
    regency = regency_for_profile(slug=slug, with_indicator_levels=with_sub_indices)
    profile = _profile_of(regency, specs={}, with_sub_indices=with_sub_indices)
    if with_indicator_levels:
        profile = replace(profile, level_tables=level_tables(regency=regency))
    if not (with_related_indices and regency.has_related_indices):
        return profile
    return replace(profile, related_indices=_related_indices(regency))


def _related_indices(regency: Regency) -> list[RelatedIndex]:
    """One query: the regency's facts of every related index, grouped by index in the index's order."""
    facts = RelatedIndexValue.objects.published().filter(regency=regency).select_related("family", "regency")
    by_family: dict[int, RelatedIndex] = {}
    for fact in facts.order_by("family__position", "year", "is_target", "source_published_on", "pk"):
        by_family.setdefault(fact.family_id, RelatedIndex(family=fact.family, facts=[])).facts.append(fact)
    return list(by_family.values())


def regency_profiles(*, slugs: list[str]) -> list[RegencyProfile]:
    """The profiles of several regencies in the order asked, unknown slugs left out: six queries, and one more per
    framework (not per regency) when indicator levels exist."""
    regencies = {regency.slug: regency for regency in _regencies_with_published_rows().filter(slug__in=slugs)}
    specs: dict[int, list[scoring.IndicatorSpec]] = {}
    return [_profile_of(regencies[slug], specs=specs) for slug in slugs if slug in regencies]


SLOT_OF_KIND = {
    ResultKind.OFFICIAL: "official",
    ResultKind.SELF_ASSESSMENT: "self_assessment",
    ResultKind.PROVISIONAL: "provisional",
}


def _profile_of(
    regency: Regency, *, specs: dict[int, list[scoring.IndicatorSpec]], with_sub_indices: bool = True
) -> RegencyProfile:
    """`specs` keeps each framework's indicators once read, for a page that builds several profiles."""
    lines: dict[int, dict] = {}
    for result in regency.published_results:
        slot = SLOT_OF_KIND[result.kind]
        lines.setdefault(result.year, {})[slot] = result
    for target in regency.published_targets:
        lines.setdefault(target.year, {})["target"] = target
    years = [YearLine(year=year, **lines[year]) for year in sorted(lines)]

    results = regency.published_results
    bands = list(results[-1].framework.bands.all()) if results else []
    official = [(line.year, line.official.value) for line in years if line.official and line.official.evaluated]
    trend = trend_mark(results=official, targets=[(t.year, t.value) for t in regency.published_targets])

    sources: dict[int, Source] = {}
    for item in [*results, *regency.published_targets, *regency.flags]:
        if item.source is not None:
            sources.setdefault(item.source.pk, item.source)
    return RegencyProfile(
        regency=regency,
        years=years,
        bands=bands,
        trend=trend,
        sub_indices=_latest_sub_indices(results, specs=specs) if with_sub_indices else None,
        sources=sorted(sources.values(), key=lambda source: (source.published_on, source.title)),
    )


def _latest_sub_indices(results: list[Result], *, specs: dict[int, list[scoring.IndicatorSpec]]) -> SubIndices | None:
    """The newest result with indicator levels; drawn only when every indicator of its framework is scored,
    because a partial set would give sub-indices the evaluation never stated."""
    scored = [result for result in results if result.indicator_scores.all()]
    if not scored:
        return None
    result = scored[-1]
    scores = list(result.indicator_scores.all())
    if result.framework_id not in specs:
        specs[result.framework_id] = result.framework.indicator_specs()
    try:
        breakdown = scoring.compute_scores(
            levels={score.indicator.number: score.level for score in scores},
            indicators=specs[result.framework_id],
            level_range=result.framework.levels,
        )
    except scoring.IncompleteLevels:
        return None
    domain_names = {s.indicator.aspect.domain.number: s.indicator.aspect.domain.name for s in scores}
    aspect_names = {s.indicator.aspect.number: s.indicator.aspect.name for s in scores}
    return SubIndices(
        result=result,
        domains=[(f"{number}. {domain_names[number]}", value) for number, value in breakdown.domains.items()],
        aspects=[(f"{number}. {aspect_names[number]}", value) for number, value in breakdown.aspects.items()],
    )
