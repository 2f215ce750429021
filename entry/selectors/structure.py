"""A framework's structure as the entry pages read it: domains → aspects → indicators in number order, the names
the framework gives its levels, what each level asks and its predikat bands.

Only the reference data changes them, and every change of it moves the publication version
(datasets/reference_data.py bumps it once a load has changed anything, criteria and level names included; a save
of a framework, band, domain, aspect or indicator bumps it as any published model's does). So they are read once
per version and kept in the publication cache (`framework_reference`): a page reads the version, one small query,
instead of up to six (issue 26: at national size they were a fifth of the planner's CPU)."""

from dataclasses import dataclass

from django.db.models import Prefetch

from assessments import publication, scoring
from assessments.models import Aspect, Domain, Framework, Indicator, LevelCriterion, LevelName, PredikatBand


class AspectsOnly:
    """The aspects of a framework without domains (the Pemdi index) as one group with no number or name, read
    like a domain by the pages that group indicators by domain (`group.aspects.all()`); a page shows no domain
    heading for it."""

    number = None
    name = ""
    weight = None

    def __init__(self, aspects: list[Aspect]):
        self._aspects = aspects

    @property
    def aspects(self) -> "AspectsOnly":
        return self

    def all(self) -> list[Aspect]:
        return self._aspects


# Part of the cache key: raise it when FrameworkReference or the tuples it holds change shape, because the cache
# (a directory or Redis) outlives a deploy and a copy of the old shape would be read by the new code.
REFERENCE_LAYOUT = 1


@dataclass(frozen=True)
class FrameworkReference:
    # Domains, each with its aspects and their indicators prefetched (`framework_structure`).
    structure: list
    # (first indicator, last indicator, level, name) of every named level.
    level_names: list[tuple[int, int, int, str]]
    # {(indicator pk, level): (criteria, evidence hint)}: what a level asks and the evidence it expects.
    criteria: dict[tuple[int, int], tuple[str, str]]
    bands: list[PredikatBand]

    def names_by_indicator(self, indicator_numbers) -> dict[int, dict[int, str]]:
        """{indicator number: {level: name}}; an indicator whose framework names no levels (5/2018) maps to an
        empty dict."""
        return {
            number: {level: name for first, last, level, name in self.level_names if first <= number <= last}
            for number in indicator_numbers
        }


def framework_reference(framework: Framework) -> FrameworkReference:
    """The framework's reference as of the current publication version: one query (the version) when kept, seven
    when read."""
    return publication.cached(
        f"framework-reference:{REFERENCE_LAYOUT}:{framework.pk}",
        lambda: _read_reference(framework),
        version=publication.current_version(),
    )


def _read_reference(framework: Framework) -> FrameworkReference:
    return FrameworkReference(
        structure=_read_structure(framework),
        level_names=list(
            LevelName.objects.filter(framework=framework)
            .exclude(name="")
            .values_list("first_indicator", "last_indicator", "level", "name")
        ),
        # Plain values: each indicator's criteria as model instances (every column of about 280 rows) cost 8 ms
        # of CPU a planner visit.
        criteria={
            (indicator_id, level): (criteria, evidence_hint)
            for indicator_id, level, criteria, evidence_hint in LevelCriterion.objects.filter(
                indicator__aspect__framework=framework
            )
            .order_by()
            .values_list("indicator_id", "level", "criteria", "evidence_hint")
        },
        bands=list(PredikatBand.objects.filter(framework=framework).order_by("lower_bound")),
    )


def framework_structure(framework: Framework) -> list:
    """The framework's domains, each with its aspects and their indicators prefetched (`framework_reference`). A
    framework without domains gives one `AspectsOnly` group holding its aspects."""
    return framework_reference(framework).structure


def _read_structure(framework: Framework) -> list:
    """Three queries; two for a framework without domains."""
    indicators = Indicator.objects.order_by("number")
    if not framework.has_domains:
        aspects = (
            Aspect.objects.filter(framework=framework)
            .order_by("number")
            .prefetch_related(Prefetch("indicators", queryset=indicators))
        )
        return [AspectsOnly(list(aspects))]
    return list(
        Domain.objects.filter(framework=framework)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "aspects",
                queryset=Aspect.objects.order_by("number").prefetch_related(
                    Prefetch("indicators", queryset=indicators)
                ),
            )
        )
    )


def indicator_specs(structure: list[Domain]) -> list[scoring.IndicatorSpec]:
    """What scoring needs of each indicator of a structure read by framework_structure, in number order (no query)."""
    return [
        scoring.IndicatorSpec(
            number=indicator.number,
            weight=indicator.weight,
            aspect=aspect.number,
            domain=domain.number,
            entries=indicator.entries,
        )
        for domain in structure
        for aspect in domain.aspects.all()
        for indicator in aspect.indicators.all()
    ]


def level_names_by_indicator(framework: Framework, indicator_numbers) -> dict[int, dict[int, str]]:
    """{indicator number: {level: name}} for the framework's named levels (`framework_reference`)."""
    return framework_reference(framework).names_by_indicator(indicator_numbers)
