"""The data and method page /metode/: frameworks with their bands and structure, and every public source."""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q

from assessments.models import PUBLISHED_STATES, Aspect, Domain, Framework, LevelName, PredikatBand, Source


@dataclass(frozen=True)
class MethodPage:
    frameworks: list
    sources: list


def public_sources() -> list:
    """Sources behind something the public sees: a published (or once published) result or target, a status flag
    or a national reference figure. A source cited only by a draft names a document the regency has not yet had
    verified, so it stays out."""
    return list(
        Source.objects.filter(
            Q(results__state__in=PUBLISHED_STATES)
            | Q(targets__state__in=PUBLISHED_STATES)
            | Q(status_flags__isnull=False)
            | Q(national_references__isnull=False)
        )
        .distinct()
        .order_by("-published_on", "title")
    )


def method_page() -> MethodPage:
    """Every framework with its bands, its domains → aspects (with indicator counts), its level names and how many
    of its level criteria texts the reference copies lack, and every public source. Five queries whatever the
    number of frameworks, indicators or sources: domains and their aspects come in one (a domain joined to each
    of its aspects, kept even without any) and the criteria are counted on the frameworks' own query, so that
    with the publication version read the cached page's cold request runs six."""
    structure = Domain.objects.order_by("number", "aspects__number").annotate(
        aspect_pk=F("aspects__pk"),
        aspect_number=F("aspects__number"),
        aspect_name=F("aspects__name"),
        aspect_weight=F("aspects__weight"),
        aspect_indicator_count=Count("aspects__indicators"),
    )
    criteria = "aspects__indicators__criteria"
    frameworks = list(
        Framework.objects.order_by("-first_year")
        .annotate(
            criteria_count=Count(criteria),
            criteria_missing=Count(criteria, filter=Q(**{f"{criteria}__criteria": ""})),
            evidence_hint_missing=Count(criteria, filter=Q(**{f"{criteria}__evidence_hint": ""})),
            fulfilment_missing=Count(criteria, filter=Q(**{f"{criteria}__fulfilment": ""})),
        )
        .prefetch_related(
            Prefetch("bands", queryset=PredikatBand.objects.order_by("lower_bound")),
            Prefetch("domains", queryset=structure, to_attr="structure_rows"),
            Prefetch("level_names", queryset=LevelName.objects.order_by("first_indicator", "level"), to_attr="names"),
        )
    )
    for framework in frameworks:
        bands = list(framework.bands.all())
        for band, upper in zip(bands, [*(band.lower_bound for band in bands[1:]), None], strict=True):
            # None marks the top band, which includes the index maximum itself.
            band.upper_bound = upper
        domains = _domains_with_aspects(framework.structure_rows)
        framework.domain_list = domains
        framework.domain_count = len(domains)
        framework.aspect_count = sum(len(domain.aspect_list) for domain in domains)
        framework.indicator_count = sum(domain.indicator_count for domain in domains)
        framework.level_runs = _level_runs(framework.names)
    return MethodPage(frameworks=frameworks, sources=public_sources())


def _domains_with_aspects(rows: list[Domain]) -> list[Domain]:
    """One row per aspect of a domain, in order (a domain without aspects comes once, with no aspect) → each
    domain once with its `aspect_list` and indicator counts."""
    domains: dict[int, Domain] = {}
    for row in rows:
        domain = domains.setdefault(row.pk, row)
        if domain is row:
            domain.aspect_list = []
        if row.aspect_pk is None:
            continue
        aspect = Aspect(
            pk=row.aspect_pk, domain=domain, number=row.aspect_number, name=row.aspect_name, weight=row.aspect_weight
        )
        aspect.indicator_count = row.aspect_indicator_count
        domain.aspect_list.append(aspect)
    for domain in domains.values():
        domain.indicator_count = sum(aspect.indicator_count for aspect in domain.aspect_list)
    return list(domains.values())


def _level_runs(names: list[LevelName]) -> list[dict]:
    """The level names grouped by the run of indicators they apply to: [{first, last, capability, named, levels:
    [LevelName…], note}] in indicator order; `named` is False where the copies give no name (5/2018)."""
    runs: dict[tuple[int, int], dict] = {}
    for name in names:
        run = runs.setdefault(
            (name.first_indicator, name.last_indicator),
            {
                "first": name.first_indicator,
                "last": name.last_indicator,
                "capability": name.capability,
                "note": name.note,
                "source": name.source,
                "levels": [],
            },
        )
        run["levels"].append(name)
    for run in runs.values():
        run["named"] = any(level.name for level in run["levels"])
    return list(runs.values())
