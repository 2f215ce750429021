from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from assessments.models import (
    IndexFamily,
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

from .indicator_levels import LevelTable, SubIndices, level_tables_of, mark_published_indices, sub_indices_of


def _regencies_with_published_rows():
    """Regencies with their published results, targets and flags prefetched: five queries, for one regency or
    several."""
    results = Result.objects.published().select_related("source", "framework")
    results = results.prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.all()))
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


def regency_for_profile(*, slug: str) -> Regency:
    return get_object_or_404(_regencies_with_published_rows(), slug=slug)


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
    sources: list[Source] = field(default_factory=list)
    related_indices: list[RelatedIndex] = field(default_factory=list)
    # The public indicator levels per framework (selectors/indicator_levels.py), whose newest complete year gives
    # `sub_indices`; not read for the embed and the share picture, which draw neither.
    level_tables: list[LevelTable] = field(default_factory=list)
    sub_indices: SubIndices | None = None

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


def regency_profile(*, slug: str, with_levels: bool = True, with_related_indices: bool = False) -> RegencyProfile:
    """Everything the profile page shows: six queries, with_levels one more for the public indicator levels and
    one more when there are some (the indicator count per framework), and with_related_indices one more when the
    regency has related-index facts (the regency's query says whether)."""
    regency = regency_for_profile(slug=slug)
    profile = _profile_of(regency)
    if with_levels:
        tables = mark_published_indices(level_tables_of([regency]).get(regency.code, []), profile.official)
        profile = replace(profile, level_tables=tables, sub_indices=sub_indices_of(tables))
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
    """The profiles of several regencies in the order asked, unknown slugs left out, with their sub-indices (the
    comparison's: official levels wherever a regency has some, a self-assessment's only where it has none): six
    queries, and one more when any of them has public indicator levels."""
    regencies = {regency.slug: regency for regency in _regencies_with_published_rows().filter(slug__in=slugs)}
    tables = level_tables_of(list(regencies.values()))
    profiles = []
    for slug in slugs:
        if slug in regencies:
            profile = _profile_of(regencies[slug])
            regency_tables = mark_published_indices(tables.get(regencies[slug].code, []), profile.official)
            profiles.append(
                replace(
                    profile,
                    level_tables=regency_tables,
                    sub_indices=sub_indices_of(regency_tables, official_first=True),
                )
            )
    return profiles


SLOT_OF_KIND = {
    ResultKind.OFFICIAL: "official",
    ResultKind.SELF_ASSESSMENT: "self_assessment",
    ResultKind.PROVISIONAL: "provisional",
}


def _profile_of(regency: Regency) -> RegencyProfile:
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
        sources=sorted(sources.values(), key=lambda source: (source.published_on, source.title)),
    )
