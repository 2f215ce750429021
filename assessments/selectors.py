"""Reads. Each function runs a fixed number of queries whatever the number of regencies or years."""

from dataclasses import dataclass

from django.db.models import Prefetch

from regencies.models import Regency, StatusFlag

from .models import PredikatBand, Result, ResultKind, Target


@dataclass(frozen=True)
class RegencySummary:
    regency: Regency
    result: Result | None
    target: Target | None
    flag: StatusFlag | None

    @property
    def predikat(self) -> PredikatBand | None:
        return self.result.predikat if self.result else None


def published_official_results():
    return (
        Result.objects.published()
        .filter(kind=ResultKind.OFFICIAL)
        .select_related("source", "framework", "regency")
        .prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.order_by("lower_bound")))
    )


def latest_published_summaries() -> list[RegencySummary]:
    """Every regency (the province first) with its latest published official result, that year's target and
    its latest status flag. Five queries."""
    regencies = sorted(Regency.objects.all(), key=lambda regency: (not regency.is_province, regency.code))
    latest_result: dict[int, Result] = {}
    for result in published_official_results().order_by("year"):
        latest_result[result.regency_id] = result
    targets = {
        (target.regency_id, target.year): target for target in Target.objects.published().select_related("source")
    }
    flags = {flag.regency_id: flag for flag in StatusFlag.objects.latest_per_regency().select_related("source")}
    summaries = []
    for regency in regencies:
        result = latest_result.get(regency.pk)
        target = targets.get((regency.pk, result.year)) if result else None
        summaries.append(RegencySummary(regency=regency, result=result, target=target, flag=flags.get(regency.pk)))
    return summaries
