"""Reads of the entry list (`/entri/`): the results a user may work on, what they have to act on first, and where
each regency's self-assessment of each year stands, a page of each at a time. A fixed number of queries whatever
the number of regencies and years; callers pass only the regencies the user may see.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import AssessmentStage, Framework, IndicatorAssessment, Result, ResultKind, ReviewState

# At national size (550 regencies × 8 years) the list held every result and every regency's row: 155 KB of HTML at
# province size already (issue 26). A page of each keeps it under 60 KB whatever the size.
RESULTS_PER_PAGE = 25
REGENCIES_PER_PAGE = 20


def action_order(*, staff: bool) -> Case:
    """What a person acts on first: staff the submitted entries they verify or return, then returned entries and
    drafts; a regency admin the returned entries, then drafts, then what waits for staff. Published ones last."""
    first = (
        [ReviewState.SUBMITTED, ReviewState.RETURNED, ReviewState.DRAFT]
        if staff
        else [ReviewState.RETURNED, ReviewState.DRAFT, ReviewState.SUBMITTED]
    )
    return Case(
        *[When(state=state, then=Value(rank)) for rank, state in enumerate(first)],
        default=Value(len(first)),
        output_field=IntegerField(),
    )


def entry_results(*, regencies, staff: bool, listed: int, page_number=None) -> Page:
    """A page of the `listed` revisions that are not superseded for the given regencies (`OpenCounts.listed`, read
    with the open counts): what the person acts on first (`action_order`), then newest year first. One query."""
    ordering = (action_order(staff=staff), "-year", "regency__code", "kind", "pk")
    listed_ids = (
        Result.objects.filter(regency__in=regencies)
        .exclude(state=ReviewState.SUPERSEDED)
        .order_by(*ordering)
        .values_list("pk", flat=True)
    )
    paginator = Paginator(listed_ids, RESULTS_PER_PAGE)
    # Counted with the open counts, in their query; the paginator would count again (a cached property, given).
    paginator.count = listed
    page = paginator.get_page(page_number)
    # The page's ids are chosen in a subquery of the one page query: at national size, sorting every result with
    # its regency, framework and source columns to keep 25 of them cost more than the rest of the page's queries.
    page.object_list = (
        Result.objects.filter(pk__in=page.object_list)
        .select_related("regency", "framework", "source")
        .order_by(*ordering)
    )
    return page


@dataclass(frozen=True)
class OpenCounts:
    """How many of the list's results wait on someone, over every page; and how many it lists in all."""

    returned: int
    drafts: int
    submitted: int
    listed: int

    @property
    def total(self) -> int:
        return self.returned + self.drafts + self.submitted


def open_counts(*, regencies) -> OpenCounts:
    """One query."""
    counts = Result.objects.filter(regency__in=regencies).aggregate(
        returned=Count("pk", filter=Q(state=ReviewState.RETURNED)),
        drafts=Count("pk", filter=Q(state=ReviewState.DRAFT)),
        submitted=Count("pk", filter=Q(state=ReviewState.SUBMITTED)),
        listed=Count("pk", filter=~Q(state=ReviewState.SUPERSEDED)),
    )
    return OpenCounts(**counts)


@dataclass
class WorkspaceCell:
    """One regency and year of the entry list's table: where its self-assessment stands, in words, and the address
    of its workspace."""

    year: int
    status: str  # "not_started", "in_progress", "returned", "submitted", "verified"
    filled: int
    total: int
    label: str
    url: str


def status_words() -> dict[str, str]:
    """The words of each status but "in progress" (which is its count), translated once for a page: a page shows up
    to 160 cells (issue 26)."""
    return {
        "returned": _("dikembalikan %(count)s"),
        "not_started": _("belum mulai"),
        "submitted": _("diajukan"),
        "verified": _("terverifikasi"),
    }


def cell_label(status: str, *, filled: int, total: int, words: dict[str, str]) -> str:
    counted = f"{filled}/{total}"
    if status == "in_progress":
        return counted
    if status == "returned":
        return words["returned"] % {"count": counted}
    return words[status]


def covered_years(framework: Framework, *, until_year: int) -> range:
    """The evaluation years a framework covers, none after `until_year`."""
    return range(framework.first_year, min(framework.last_year or until_year, until_year) + 1)


def framework_years(frameworks, *, until_year: int) -> list[int]:
    """The evaluation years some framework covers, newest first (the current evaluation year first), none after
    `until_year`."""
    return sorted(
        {year for framework in frameworks for year in covered_years(framework, until_year=until_year)}, reverse=True
    )


def evaluation_years(*, until_year: int) -> list[int]:
    """framework_years of every framework: one query."""
    return framework_years(Framework.objects.only("first_year", "last_year"), until_year=until_year)


def workspace_table(
    *, regencies, until_year: int, page_number=None
) -> tuple[list[int], list[tuple[object, list]], Page]:
    """The years a framework covers (newest first, none after `until_year`) and, for a page of the regencies, a
    cell per year; with the page. The self-assessment revisions of those regencies give the submitted and
    verified states. Five queries whatever the number of regencies and years (frameworks, the regencies' count
    and page, their filled levels, their self-assessments)."""
    frameworks = list(Framework.objects.annotate(indicator_count=Count("aspects__indicators")))
    totals = {}
    for framework in frameworks:
        for year in covered_years(framework, until_year=until_year):
            totals[year] = framework.indicator_count
    years = sorted(totals, reverse=True)
    page = Paginator(regencies.order_by("code"), REGENCIES_PER_PAGE).get_page(page_number)
    regencies = list(page.object_list)
    results = (
        Result.objects.filter(regency__in=regencies, year__in=years, kind=ResultKind.SELF_ASSESSMENT)
        .exclude(state=ReviewState.SUPERSEDED)
        .only("pk", "regency_id", "year", "kind", "state")
        .order_by()
    )
    filled = {
        (row["regency"], row["year"]): row["filled"]
        for row in IndicatorAssessment.objects.working()
        .filter(regency__in=regencies, year__in=years, stage=AssessmentStage.SELF)
        .values("regency", "year")
        # Count(level) counts the rows with a level, and with no ordering (the model's joined the regencies and
        # indicators) PostgreSQL answers from the index `indassess_ystage_reg_part_lvl` alone.
        .annotate(filled=Count("level"))
        .order_by()
    }
    own_results = {
        (result.regency_id, result.year): result
        for result in sorted(results, key=lambda result: (result.is_open, result.pk))
        if result.kind == ResultKind.SELF_ASSESSMENT
    }
    words = status_words()
    table = []
    for regency in regencies:
        # One reverse a regency, not a cell (160 a page): the addresses differ only in their year, at the end.
        newest = reverse("entry:indicator_workspace", args=[regency.slug, years[0]]) if years else ""
        stem = newest[: -len(f"{years[0]}/")] if years else ""
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
            count = filled.get(key, 0)
            cells.append(
                WorkspaceCell(
                    year=year,
                    status=status,
                    filled=count,
                    total=totals[year],
                    label=cell_label(status, filled=count, total=totals[year], words=words),
                    url=f"{stem}{year}/",
                )
            )
        table.append((regency, cells))
    return years, table, page
