"""A framework's structure as the entry pages read it: domains → aspects → indicators in number order, and the
names the framework gives its levels."""

from django.db.models import Prefetch

from assessments import scoring
from assessments.models import Aspect, Domain, Framework, Indicator, LevelName


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


def framework_structure(framework: Framework) -> list:
    """The framework's domains, each with its aspects and their indicators prefetched (three queries). A framework
    without domains gives one `AspectsOnly` group holding its aspects (two queries)."""
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
    """{indicator number: {level: name}} for the framework's named levels (one query); an indicator whose
    framework names no levels (5/2018) maps to an empty dict."""
    names = list(LevelName.objects.filter(framework=framework).exclude(name=""))
    return {
        number: {name.level: name.name for name in names if name.first_indicator <= number <= name.last_indicator}
        for number in indicator_numbers
    }
