"""Reads of the entry list (`/entri/`): the results a user may work on, and where each regency's self-assessment of
each year stands. A fixed number of queries whatever the number of regencies and years; callers pass only the
regencies the user may see.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from assessments.models import AssessmentStage, Framework, IndicatorAssessment, Result, ResultKind, ReviewState


def entry_results(*, regencies) -> list[Result]:
    """Every revision that is not superseded for the given regencies, newest year first."""
    return list(
        Result.objects.filter(regency__in=regencies)
        .exclude(state=ReviewState.SUPERSEDED)
        .select_related("regency", "framework", "source")
        .order_by("-year", "regency__code", "kind", "state")
    )


@dataclass
class WorkspaceCell:
    """One regency and year of the entry list's table: where its self-assessment stands."""

    year: int
    status: str  # "not_started", "in_progress", "returned", "submitted", "verified"
    filled: int
    total: int

    @property
    def label(self) -> str:
        counted = f"{self.filled}/{self.total}"
        return {
            "not_started": _("belum mulai"),
            "in_progress": counted,
            "returned": _("dikembalikan %(count)s") % {"count": counted},
            "submitted": _("diajukan"),
            "verified": _("terverifikasi"),
        }[self.status]


def framework_years(frameworks, *, until_year: int) -> list[int]:
    """The evaluation years some framework covers, newest first (the current evaluation year first), none after
    `until_year`."""
    years = set()
    for framework in frameworks:
        years.update(range(framework.first_year, min(framework.last_year or until_year, until_year) + 1))
    return sorted(years, reverse=True)


def evaluation_years(*, until_year: int) -> list[int]:
    """framework_years of every framework: one query."""
    return framework_years(Framework.objects.only("first_year", "last_year"), until_year=until_year)


def workspace_table(*, regencies, results, until_year: int) -> tuple[list[int], list[tuple[object, list]]]:
    """The years a framework covers (newest first, none after `until_year`) and, per regency, a cell per year.
    `results` are the list's results already read (the self-assessment revisions among them give the submitted
    and verified states). Three queries whatever the number of regencies and years."""
    frameworks = list(Framework.objects.annotate(indicator_count=Count("domains__aspects__indicators")))
    totals = {}
    for framework in frameworks:
        for year in range(framework.first_year, min(framework.last_year or until_year, until_year) + 1):
            totals[year] = framework.indicator_count
    years = sorted(totals, reverse=True)
    regencies = list(regencies.order_by("code"))
    filled = {
        (row["regency"], row["year"]): row["filled"]
        for row in IndicatorAssessment.objects.working()
        .filter(regency__in=regencies, year__in=years, stage=AssessmentStage.SELF)
        .values("regency", "year")
        .annotate(filled=Count("pk", filter=Q(level__isnull=False)))
    }
    own_results = {
        (result.regency_id, result.year): result
        for result in sorted(results, key=lambda result: (result.is_open, result.pk))
        if result.kind == ResultKind.SELF_ASSESSMENT
    }
    table = []
    for regency in regencies:
        cells = []
        for year in years:
            key = (regency.pk, year)
            result = own_results.get(key)
            if result is not None and result.awaits_review:
                status = "submitted"
            elif result is not None and result.is_returned:
                status = "returned"
            elif result is not None and result.is_published and filled.get(key, totals[year]) == totals[year]:
                # Verified, and not reopened since (a level cleared after verification shows as in progress).
                status = "verified"
            elif key in filled:
                status = "in_progress"
            else:
                status = "not_started"
            cells.append(WorkspaceCell(year=year, status=status, filled=filled.get(key, 0), total=totals[year]))
        table.append((regency, cells))
    return years, table
