"""The data and method page /metode/: frameworks with their bands and structure, and every public source."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, Sum

from assessments.models import PUBLISHED_STATES, Aspect, Domain, Framework, PredikatBand, Source


@dataclass(frozen=True)
class MethodPage:
    frameworks: list
    sources: list


def public_sources() -> list:
    """Sources behind something the public sees: a published (or once published) result or target, or a status
    flag. A source cited only by a draft names a document the regency has not yet had verified, so it stays out."""
    return list(
        Source.objects.filter(
            Q(results__state__in=PUBLISHED_STATES)
            | Q(targets__state__in=PUBLISHED_STATES)
            | Q(status_flags__isnull=False)
        )
        .distinct()
        .order_by("-published_on", "title")
    )


def method_page() -> MethodPage:
    """Every framework with its bands and its domains → aspects (with indicator counts and weights), and every
    public source. Five queries whatever the number of frameworks, indicators or sources."""
    aspects = Aspect.objects.order_by("number").annotate(
        indicator_count=Count("indicators"), indicator_weight=Sum("indicators__weight")
    )
    frameworks = list(
        Framework.objects.order_by("-first_year").prefetch_related(
            Prefetch("bands", queryset=PredikatBand.objects.order_by("lower_bound")),
            Prefetch(
                "domains",
                queryset=Domain.objects.order_by("number").prefetch_related(Prefetch("aspects", queryset=aspects)),
            ),
        )
    )
    for framework in frameworks:
        bands = list(framework.bands.all())
        for band, upper in zip(bands, [*(band.lower_bound for band in bands[1:]), None], strict=True):
            # None marks the top band, which includes the index maximum itself.
            band.upper_bound = upper
        domains = list(framework.domains.all())
        framework.domain_count = len(domains)
        framework.aspect_count = sum(len(domain.aspects.all()) for domain in domains)
        framework.indicator_count = sum(aspect.indicator_count for domain in domains for aspect in domain.aspects.all())
        for domain in domains:
            domain.indicator_count = sum(aspect.indicator_count for aspect in domain.aspects.all())
    return MethodPage(frameworks=frameworks, sources=public_sources())
