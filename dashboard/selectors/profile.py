from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from assessments import series
from assessments.models import (
    Framework,
    IndexFamily,
    NationalReference,
    NationalReferenceKind,
    PredikatBand,
    RelatedIndexValue,
    Result,
    ResultKind,
    Source,
    Target,
)
from assessments.selectors import national_references, published_targets
from assessments.trends import Trend
from regencies.models import Regency, StatusFlag

from .indicator_levels import LevelTable, SubIndices, level_tables_of, mark_published_indices, sub_indices_of


def _regencies_with_published_rows():
    """Regencies with their published results, targets and flags prefetched: five queries, for one regency or
    several."""
    # Each result's framework (with its bands) is the one read of every framework (series.Frameworks), bound in
    # _profile_of: no bands query of its own.
    results = Result.objects.published().select_related("source")
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
    # The framework the year is evaluated with (its series names the row's index), and the official value and
    # the target with their own frameworks: the gap only within one series (assessments/series.py).
    framework: Framework | None = None
    official_valued: series.Valued | None = None
    target_valued: series.Valued | None = None
    # The national references of the year in the year's own index, each with its source.
    national: list[NationalReference] = field(default_factory=list)

    @property
    def gap(self) -> Decimal | None:
        return series.gap(self.official_valued, self.target_valued)

    @property
    def gap_note(self) -> str:
        if self.official_valued is None or self.target_valued is None:
            return ""
        return series.break_reason(self.target_valued.framework, self.official_valued.framework)


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
    # The chart's years split per index series, each on its own bands (assessments.series.Segment).
    segments: list[series.Segment] = field(default_factory=list)
    # Why the trend is empty when the newest result follows one of another index.
    trend_note: str = ""
    # Every framework with its series and bands, as read for this request (a comparison splits its years by it).
    frameworks: series.Frameworks | None = None

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
    def national(self) -> list[tuple[int, Decimal]]:
        """The national index (results only; targets and averages are in the table, named as what they are)."""
        return [
            (line.year, reference.value)
            for line in self.years
            for reference in line.national
            if reference.value is not None and reference.kind == NationalReferenceKind.RESULT
        ]

    @property
    def chart_lines(self) -> dict:
        """What the index chart draws, the same for the SVG, plotly and the PDF: each index series on its own
        bands (a Segment is what svg_charts.ChartSegment describes), the national reference as its own line."""
        return {
            "official": self.official,
            "self_assessed": self.self_assessed,
            "targets": self.targets,
            "national": self.national,
            "bands": self.bands,
            "segments": self.segments,
        }

    @property
    def has_national(self) -> bool:
        return any(line.national for line in self.years)

    @property
    def several_series(self) -> bool:
        return len(self.segments) > 1

    @property
    def shows_demo_data(self) -> bool:
        """Read from the prefetched rows: no query."""
        rows = [self.regency, *self.regency.published_results, *self.regency.published_targets, *self.regency.flags]
        return any(row.is_demo for row in rows)

    @property
    def latest_official_line(self) -> YearLine | None:
        """The year of the newest official result, with its framework and target."""
        lines = [line for line in self.years if line.official]
        return lines[-1] if lines else None

    @property
    def latest_index_name(self) -> str:
        """The index of the newest official result ("SPBE", "Pemdi"), empty when there is none."""
        line = self.latest_official_line
        return line.framework.series.short_name if line and line.framework else ""

    @property
    def latest_official(self) -> Result | None:
        official = [line.official for line in self.years if line.official]
        return official[-1] if official else None


def regency_profile(*, slug: str, with_levels: bool = True, with_related_indices: bool = False) -> RegencyProfile:
    """Everything the profile page shows: nine queries (the regency's rows six, every framework with its series
    and bands two, the national references one), with_levels one more for the public indicator levels and one
    more when there are some (the indicator count per framework), and with_related_indices one more when the
    regency has related-index facts (the regency's query says whether)."""
    regency = regency_for_profile(slug=slug)
    profile = _profile_of(regency, series.Frameworks.read(), national_references())
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
    comparison's: official levels wherever a regency has some, a self-assessment's only where it has none): nine
    queries, and one more when any of them has public indicator levels."""
    regencies = {regency.slug: regency for regency in _regencies_with_published_rows().filter(slug__in=slugs)}
    tables = level_tables_of(list(regencies.values()))
    frameworks, national = series.Frameworks.read(), national_references()
    profiles = []
    for slug in slugs:
        if slug in regencies:
            profile = _profile_of(regencies[slug], frameworks, national)
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


def _profile_of(regency: Regency, frameworks: series.Frameworks, national: list[NationalReference]) -> RegencyProfile:
    lines: dict[int, dict] = {}
    for result in regency.published_results:
        result.framework = frameworks.of(result.year, result.framework_id)
        slot = SLOT_OF_KIND[result.kind]
        lines.setdefault(result.year, {})[slot] = result
    for target in regency.published_targets:
        lines.setdefault(target.year, {})["target"] = target
    national_by_year: dict[int, list[NationalReference]] = {}
    for reference in national:
        national_by_year.setdefault(reference.year, []).append(reference)
    years = [
        _year_line(year, lines.get(year, {}), frameworks, national_by_year.get(year, [])) for year in sorted(lines)
    ]

    results = regency.published_results
    official = [line.official_valued for line in years]
    targets = [line.target_valued for line in years]
    segments = frameworks.segments(
        [line.year for line in years if line.official or line.self_assessment or line.target or line.national]
    )
    bands = segments[-1].bands if segments else (list(results[-1].framework.bands.all()) if results else [])

    sources: dict[int, Source] = {}
    for item in [
        *results,
        *regency.published_targets,
        *regency.flags,
        *(ref for line in years for ref in line.national),
    ]:
        if item.source is not None:
            sources.setdefault(item.source.pk, item.source)
    return RegencyProfile(
        regency=regency,
        years=years,
        bands=bands,
        trend=series.trend(official, targets),
        trend_note=series.trend_break(official),
        segments=segments,
        frameworks=frameworks,
        sources=sorted(sources.values(), key=lambda source: (source.published_on, source.title)),
    )


def _year_line(year: int, slots: dict, frameworks: series.Frameworks, national: list[NationalReference]) -> YearLine:
    """A year of the profile with its framework; the national references only of the year's own index, and only
    in years where the regency has a row (a national value never stands alone in a regency's table)."""
    framework = frameworks.in_force(year)
    official, target = slots.get("official"), slots.get("target")
    return YearLine(
        year=year,
        **slots,
        framework=framework,
        official_valued=frameworks.valued(year, official.value, framework_id=official.framework_id, item=official)
        if official
        else None,
        target_valued=frameworks.valued(year, target.value, framework_id=target.framework_id, item=target)
        if target
        else None,
        national=[ref for ref in national if series.comparable(frameworks.of(year, ref.framework_id), framework)],
    )
