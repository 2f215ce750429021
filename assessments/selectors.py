"""Reads of the domain: the published rows every page builds on, and the entry workspace's reads that the public
side or the imports share (the reads of one /entri/ page alone are in entry/selectors/).

Each function runs a fixed number of queries whatever the number of regencies or years. Only views that checked
the user's rights call the workspace reads with a regency set.
"""

from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from regencies.models import Regency, StatusFlag
from spbe_portal import prepared_statements

from . import series
from .formatting import index_value, stated_number
from .models import (
    AWAITING_REVIEW_STATES,
    FollowUp,
    IndicatorAssessment,
    NationalReference,
    PredikatBand,
    Result,
    ResultKind,
    Reviewed,
    ReviewedField,
    ReviewState,
    Source,
    SourceKind,
    StatedDistribution,
    Target,
)


def published_official_results():
    return published_results_of_kinds(ResultKind.OFFICIAL)


def published_results_of_kinds(*kinds: str):
    """Published results of the given kinds: a page that shows the official results and, apart, the provisional
    ones reads both in one query and splits them by `kind`. Each source comes with the distribution it states, if
    any, in the same query."""
    return (
        Result.objects.published()
        .filter(kind__in=kinds)
        .select_related("source__stated_distribution", "framework", "regency")
        .prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.order_by("lower_bound")))
    )


def published_targets():
    # Ordered by year alone: the model's default order joins the regencies for nothing (docs/performance.md).
    return Target.objects.published().select_related("source").order_by("year")


def national_references(*, years=None) -> list[NationalReference]:
    """The national references (the national index, national targets, averages) with their sources: one query."""
    references = NationalReference.objects.select_related("source").order_by("year", "kind")
    return list(references if years is None else references.filter(year__in=years))


def national_references_of_year(year: int, *, frameworks: series.Frameworks) -> list[NationalReference]:
    """The year's national references stated in the index the year is evaluated with: a Pemdi year shows no SPBE
    number, whatever the table holds (one query)."""
    in_force = frameworks.in_force(year)
    return [
        reference
        for reference in national_references(years=[year])
        if series.comparable(frameworks.of(year, reference.framework_id), in_force)
    ]


def waiting_for_verification() -> tuple[list[Result], list[Target]]:
    """Submitted results and targets, oldest submission first (two queries)."""
    results = list(Result.objects.awaiting_review().select_related("regency").order_by("submitted_at", "pk"))
    targets = list(Target.objects.awaiting_review().select_related("regency").order_by("submitted_at", "pk"))
    return results, targets


def verification_queue() -> list[tuple[Result, Result | None, Target | None, Target | None]]:
    """Submitted results, each with the published value it is compared with and the targets (four queries).

    The comparison is the published revision it would replace or, for a year not yet published, the regency's
    latest earlier published result of the same kind, so that staff always see the old value beside the new one.
    """
    submitted = list(
        Result.objects.awaiting_review().select_related("regency", "submitted_by", "source").order_by("submitted_at")
    )
    regency_ids = {result.regency_id for result in submitted}
    published: dict[tuple, list[Result]] = {}
    # Only the compared rows, chosen in the database (each submission's latest published result of its regency and
    # kind up to its year), and only what the queue shows of them: every published result of the regencies with a
    # submission was read here (about 270 rows at national size for 30 submissions), as model instances.
    latest_earlier = (
        Result.objects.published()
        .filter(regency=OuterRef("regency"), kind=OuterRef("kind"), year__lte=OuterRef("year"))
        .order_by("-year")
        .values("pk")[:1]
    )
    compared_ids = Result.objects.awaiting_review().annotate(compared=Subquery(latest_earlier)).values("compared")
    compared = Result.objects.published().filter(regency_id__in=regency_ids, pk__in=compared_ids).order_by("year")
    for result in compared.only("pk", "regency_id", "kind", "year", "value", "evaluated"):
        published.setdefault((result.regency_id, result.kind), []).append(result)
    # The years submitted too: every target of those regencies was read (eight years of each at national size)
    # for the few beside a submitted result.
    targets = Target.objects.filter(
        regency_id__in=regency_ids,
        year__in={result.year for result in submitted},
        state__in=[ReviewState.SUBMITTED, ReviewState.VERIFIED],
    )
    submitted_targets = {(t.regency_id, t.year): t for t in targets if t.state == ReviewState.SUBMITTED}
    verified_targets = {(t.regency_id, t.year): t for t in targets if t.state == ReviewState.VERIFIED}
    rows = []
    for result in submitted:
        earlier = [p for p in published.get((result.regency_id, result.kind), []) if p.year <= result.year]
        rows.append(
            (
                result,
                earlier[-1] if earlier else None,
                submitted_targets.get((result.regency_id, result.year)),
                verified_targets.get((result.regency_id, result.year)),
            )
        )
    return rows


def follow_ups_for_regency(*, regency: Regency, include_unverified: bool) -> list[FollowUp]:
    """The regency's follow-ups, newest evaluation first: verified ones for the public, all for its editors."""
    follow_ups = FollowUp.objects.filter(Q(result__regency=regency) | Q(regency=regency)).select_related("result")
    if not include_unverified:
        follow_ups = follow_ups.published()
    return list(follow_ups.order_by(Coalesce("result__year", "year").desc(), "due_date", "pk"))


def stated_distributions_of(results) -> dict[int, StatedDistribution]:
    """Per year, the distribution a cited source states (results from published_results_of_kinds: no query)."""
    found: dict[int, StatedDistribution] = {}
    for result in results:
        stated = getattr(result.source, "stated_distribution", None) if result.source else None
        if stated is not None:
            found.setdefault(stated.year, stated)
    return found


def revision_numbers(result: Result) -> dict[int, int]:
    """One numbering for the revisions of a regency's result of a year and kind: revisi 1, 2, 3 … in the order
    they were made, counting deleted drafts too (from the history), so that a number never changes meaning.
    Internal: shown to staff and the regency's admins, never on public pages (two queries)."""
    key = {"regency_id": result.regency_id, "year": result.year, "kind": result.kind}
    ids = set(Result.history.filter(**key).values_list("id", flat=True)) | set(
        Result.objects.filter(**key).values_list("pk", flat=True)
    )
    return {pk: number for number, pk in enumerate(sorted(ids), start=1)}


def sources_on_file(*, regency: Regency | None, year: int | None):
    """The sources an entry form offers, so that the same document is not typed twice: those the regency's rows
    cite, of any year (an RPJMD covers five years, a Renstra as many), and the decrees published that year or the
    next (the KemenPAN-RB decree on a year's results comes out the year after). Never a "verified entry" citation."""
    if year is None:
        return Source.objects.none()
    # Staff open the create form before naming a regency: they are offered the year's decrees.
    wanted = Q(kind=SourceKind.DECREE, published_on__year__in=[year, year + 1])
    if regency is not None:
        # One subquery per citing table: an OR across three joins multiplied every source by every row citing it
        # (at national size 3,4 s for one indicator page of a regency; now a hashed subplan each).
        for citing in (Result, Target, IndicatorAssessment):
            wanted |= Q(pk__in=citing.objects.filter(regency=regency).values("source_id"))
    return Source.objects.filter(wanted).exclude(kind=SourceKind.VERIFIED_ENTRY).order_by("-published_on", "title")


def status_flag_sources():
    """What the status-flag form offers: the sources earlier flags cite (one article often names several
    regencies' status)."""
    ids = StatusFlag.objects.values("source_id")
    return Source.objects.filter(pk__in=ids).order_by("-published_on", "title")


@dataclass(frozen=True)
class Change:
    """One line of a comparison of two states of a revision — the published one and the open one, or the one staff
    returned and the resubmitted one: a field before and after, written as its `shape` says (ReviewedField)."""

    label: str
    shape: str
    old: object
    new: object

    @property
    def is_source(self) -> bool:
        return self.shape == "source"

    @property
    def changed(self) -> bool:
        return self.old != self.new

    # As a mail or a plain line writes them; read while rendering, so in the reader's language.
    @property
    def old_text(self) -> str:
        return _written(self.old, self.shape)

    @property
    def new_text(self) -> str:
        return _written(self.new, self.shape)


def _written(value, shape: str) -> str:
    if value is None or value == "":
        return str(_("belum ada"))
    if shape == "source":
        return value.title
    if shape == "index":
        return index_value(value)
    if shape == "number":
        return stated_number(value)
    return str(value)


def fields_of(record: Reviewed) -> list[Change]:
    """The fields of a record a reader compares, as they stand: what a revision of it starts from."""
    return _compare(None, record, record.review_fields())


def _compare(old, new, fields: list[ReviewedField]) -> list[Change]:
    """`old` or `new` may be missing (None), or a history row of the revision."""
    return [
        Change(field.label, field.shape, getattr(old, field.name, None), getattr(new, field.name, None))
        for field in fields
    ]


def revision_changes(result: Result) -> list[Change]:
    """What an open revision changes compared to the published one, for staff to see before verifying: the
    index and its source, the year's target and its source. Empty when nothing is published yet. Two queries."""
    if not result.is_open:
        return []
    published = (
        Result.objects.published()
        .filter(regency=result.regency_id, year=result.year, kind=result.kind)
        .select_related("source")
        .first()
    )
    if published is None:
        return []
    changes = _compare(published, result, Result.review_fields())
    if result.carries_target:
        targets = Target.objects.filter(regency=result.regency_id, year=result.year).select_related("source")
        by_state = {target.state: target for target in targets.exclude(state=ReviewState.SUPERSEDED)}
        old = by_state.get(ReviewState.VERIFIED)
        new = next((by_state[state] for state in by_state if state != ReviewState.VERIFIED), old)
        changes += _compare(old, new, Target.review_fields())
    return changes


def _as_returned(row) -> object | None:
    """`row` as staff's return left it: the oldest history row of the latest run of returned states (the ones
    after it are the regency's corrections). None when it was never returned."""
    returned = None
    for past in row.history.order_by("-history_date", "-history_id")[:200]:
        if past.state == ReviewState.RETURNED:
            returned = past
        elif returned is not None:
            break
    return returned


def changes_since_return(record: Reviewed) -> list[Change]:
    """What a resubmitted revision changes since staff returned it — its own fields and those of the rows
    submitted with it (an official result's target), as the return left them against now. Empty when it was
    never returned. For the resubmission's mail: two queries per row."""
    returned = _as_returned(record)
    if returned is None:
        return []
    changes = _compare(returned, record, record.review_fields())
    for row in record.carried(AWAITING_REVIEW_STATES):
        changes += _compare(_as_returned(row), row, row.review_fields())
    return changes


def awaiting_verification_count() -> int:
    """Everything staff can verify now, as the queue lists it: submitted results, submitted targets that no open
    official result carries (a carried target is verified with its result, so it is not counted twice) and
    submitted related-index values. One query.

    Every staff page runs it for its header. Its SQL holds no value of the request (states and kinds only), so it
    is built once per process and database (building the union with its subquery through the ORM cost about four
    times running it, issue 26) and, on PostgreSQL, prepared once per connection (planning it took 0.7 ms of the
    database's time against 0.15 ms to run it at national size), as the publication version's read is."""
    alias = router.db_for_read(Result)
    if alias not in _AWAITING_COUNT:
        sql, params = _awaiting_verification().query.get_compiler(alias).as_sql()
        _AWAITING_COUNT[alias] = prepared_statements.Statement(
            "spbe_awaiting_count", f"SELECT COUNT(*) FROM ({sql}) awaiting", tuple(params)
        )
    with connections[alias].cursor() as cursor:
        prepared_statements.execute(cursor, _AWAITING_COUNT[alias])
        return cursor.fetchone()[0]


# The count's statement per database alias, built on first use (awaiting_verification_count).
_AWAITING_COUNT: dict[str, prepared_statements.Statement] = {}


def _awaiting_verification():
    """The primary keys of everything staff can verify now, one row each (awaiting_verification_count)."""
    from .models import RelatedIndexValue

    results = Result.objects.awaiting_review().order_by().values_list("pk")
    targets = Target.objects.awaiting_review().exclude(Exists(_carried_by_open_result())).order_by().values_list("pk")
    related = RelatedIndexValue.objects.awaiting_review().order_by().values_list("pk")
    return results.union(targets, related, all=True)


def _carried_by_open_result():
    return Result.objects.open().filter(kind=ResultKind.OFFICIAL, regency=OuterRef("regency"), year=OuterRef("year"))


def targets_on_their_own(*, regencies, states) -> list[Target]:
    """Targets in `states` that no open official result carries (entered on their own, e.g. a future year's):
    they are submitted and verified by themselves. One query."""
    return list(
        Target.objects.filter(regency__in=regencies, state__in=states)
        .exclude(Exists(_carried_by_open_result()))
        .select_related("regency", "source")
        .order_by("year", "regency__code")
    )
