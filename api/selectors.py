"""Reads for the open-data API: published rows only, each a fixed number of queries.

Only `published()` results and targets (state verified) ever leave here; status flags have no draft state, every
one of them is set by provincial staff and public."""

from django.db.models import Prefetch, QuerySet

from assessments.models import NationalReference, PredikatBand, RelatedIndexValue, Result, Target
from assessments.public_levels import public_indicator_levels
from regencies.models import Regency, StatusFlag


def regencies(*, code: str = "") -> QuerySet[Regency]:
    regencies = Regency.objects.order_by("code")
    return regencies.filter(code=code) if code else regencies


def published_results(*, year: int | None = None, regency_code: str = "", kind: str = "") -> QuerySet[Result]:
    results = (
        Result.objects.published()
        .select_related("regency", "framework__series", "source")
        .prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.order_by("lower_bound")))
        .order_by("regency__code", "year", "kind")
    )
    if year is not None:
        results = results.for_year(year)
    if regency_code:
        results = results.filter(regency__code=regency_code)
    if kind:
        results = results.filter(kind=kind)
    return results


def published_targets(*, year: int | None = None, regency_code: str = "") -> QuerySet[Target]:
    targets = (
        Target.objects.published()
        .select_related("regency", "framework__series", "source")
        .order_by("regency__code", "year")
    )
    if year is not None:
        targets = targets.for_year(year)
    if regency_code:
        targets = targets.filter(regency__code=regency_code)
    return targets


def status_flags(*, latest_only: bool, year: int | None = None, regency_code: str = "") -> QuerySet[StatusFlag]:
    flags = StatusFlag.objects.all()
    if latest_only:
        flags = flags.latest_per_regency()
    flags = flags.select_related("regency", "source").order_by("regency__code", "-as_of")
    if year is not None:
        flags = flags.filter(as_of__year=year)
    if regency_code:
        flags = flags.filter(regency__code=regency_code)
    return flags


def related_index_values(*, year: int | None = None, regency_code: str = "") -> QuerySet[RelatedIndexValue]:
    """Every published fact of the related indices (RB, IPP, KIP); sources that disagree are separate rows. The
    verified ones only: a draft, submitted or returned fact, or one a newer revision superseded, never leaves."""
    values = (
        RelatedIndexValue.objects.published()
        .select_related("family", "regency")
        .order_by("family__position", "regency__code", "year", "is_target", "source_title", "pk")
    )
    if year is not None:
        values = values.filter(year=year)
    if regency_code:
        values = values.filter(regency__code=regency_code)
    return values


def indicator_levels(*, year: int | None = None, regency_code: str = "", stage: str = ""):
    """The public indicator levels (assessments/public_levels.py): KemenPAN-RB's official levels, else those of a
    verified official result, and the levels of verified self-assessments; one query per page."""
    return public_indicator_levels(year=year, regency_code=regency_code, stage=stage)


def national_references(*, year: int | None = None) -> QuerySet[NationalReference]:
    """The national references (index, targets, averages) by year, each with its framework and source."""
    references = NationalReference.objects.select_related("framework__series", "source").order_by("year", "kind")
    return references.filter(year=year) if year is not None else references
