"""A result's history in plain words: who (full name), when (WITA), what changed from what to what, with names
instead of row ids, and one numbering for the revisions of the regency's result of that year and kind."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.permissions import can_edit_regency, entry_required
from assessments import selectors, services
from assessments.formatting import index_value
from assessments.models import EvidenceFile, Framework, Result, ResultKind, ReviewMessage, ReviewState, Source, Target

# The lock counter and the reviewer's bookkeeping say nothing a reader needs; who did what is in the record itself.
HISTORY_NOISE = [
    "version",
    "submitted_at",
    "submitted_by",
    "reviewed_at",
    "reviewed_by",
    "created_by",
    "changed_by",
    "is_demo",
]
# Fields whose values are row ids, read as names in a fixed number of queries.
NAMED = {"source": Source, "evidence": EvidenceFile, "framework": Framework}


LABELS = {
    "source": gettext_lazy("Sumber"),
    "revises": gettext_lazy("Merevisi"),
    "evidence": gettext_lazy("Bukti dukung"),
}


def _created(record, numbers: dict[int, int]) -> str:
    """What a revision was made as: "Draf, indeks 2,10, mengubah versi ke-1"."""
    value = index_value(record.value) if record.evaluated else _("tidak dievaluasi")
    made = _("%(state)s, indeks %(value)s") % {"state": ReviewState(record.state).label, "value": value or "—"}
    if record.revises_id:
        made += ", " + _("mengubah versi ke-%(number)s") % {"number": numbers.get(record.revises_id, "?")}
    return made


def source_name(source: Source) -> str:
    """ "Keputusan Menteri PANRB 13/2024 13 Mar 2024": the title and the date a reader recognises."""
    return f"{source.title} {date_format(source.published_on, 'j M Y')}"


def _names(changes: list) -> dict[str, dict[int, str]]:
    wanted: dict[str, set[int]] = {field: set() for field in NAMED}
    for change in changes:
        if change.field in NAMED:
            wanted[change.field] |= {value for value in (change.old, change.new) if value is not None}
    return {
        "source": {s.pk: source_name(s) for s in Source.objects.filter(pk__in=wanted["source"])},
        "evidence": {e.pk: e.original_name for e in EvidenceFile.objects.filter(pk__in=wanted["evidence"])},
        "framework": {f.pk: f.code for f in Framework.objects.filter(pk__in=wanted["framework"])},
    }


def _shown(field: str, value, *, names: dict, numbers: dict[int, int]) -> str:
    if value is None or value == "":
        return "—"
    if field in NAMED:
        return names[field].get(value) or _("(sudah dihapus)")
    if field == "revises":
        return _("versi ke-%(number)s") % {"number": numbers.get(value, "?")}
    if field == "state":
        return str(ReviewState(value).label)
    if field == "kind":
        return str(ResultKind(value).label)
    if field == "value":
        return index_value(value)
    if field == "evaluated":
        return _("ya") if value else _("tidak")
    return str(value)


def _history_rows(records: list, numbers: dict[int, int]) -> list[dict]:
    """`records` newest first; each is compared with the record before it of the same revision, found in the
    list itself rather than by a query per record (`prev_record`)."""
    older: dict[int, object] = {}
    previous_of = {}
    for record in reversed(records):
        previous_of[record.history_id] = older.get(record.id)
        older[record.id] = record
    deltas = []
    for record in records:
        previous = previous_of[record.history_id]
        deltas.append(record.diff_against(previous, excluded_fields=HISTORY_NOISE).changes if previous else [])
    names = _names([change for changes in deltas for change in changes])
    rows = []
    for record, changes in zip(records, deltas, strict=True):
        rows.append(
            {
                "record": record,
                "who": services.full_name(record.history_user) or _("sistem"),
                "number": numbers.get(record.id),
                "created": _created(record, numbers) if record.history_type == "+" else "",
                "changes": [
                    (
                        LABELS.get(change.field) or Result._meta.get_field(change.field).verbose_name,
                        _shown(change.field, change.old, names=names, numbers=numbers),
                        _shown(change.field, change.new, names=names, numbers=numbers),
                    )
                    for change in changes
                ],
            }
        )
    return rows


@entry_required
def result_history(request, pk: int):
    """Staff read any regency's history; a regency admin their own regency's (another's answers 403)."""
    result = get_object_or_404(Result.objects.select_related("regency"), pk=pk)
    if not can_edit_regency(request.user, result.regency):
        raise PermissionDenied
    key = {"regency_id": result.regency_id, "year": result.year, "kind": result.kind}
    numbers = selectors.revision_numbers(result)
    # By the key, not by the rows that exist now: a deleted draft keeps its place in the history.
    records = list(Result.history.filter(**key).select_related("history_user").order_by("-history_date", "-history_id"))
    revisions = [
        {"revision": revision, "number": numbers.get(revision.pk)}
        for revision in Result.objects.filter(**key)
        .select_related("created_by", "submitted_by", "reviewed_by")
        .order_by("-pk")
    ]
    conversation = [
        {"message": message, "number": numbers.get(message.result_id)}
        for message in ReviewMessage.objects.filter(result__in=[row["revision"] for row in revisions]).order_by(
            "created_at", "pk"
        )
    ]
    targets = [
        {"record": record, "who": services.full_name(record.history_user) or _("sistem")}
        for record in Target.history.filter(regency_id=result.regency_id, year=result.year)
        .select_related("history_user", "source")
        .order_by("-history_date", "-history_id")
    ]
    context = {
        "result": result,
        "entries": _history_rows(records, numbers),
        "target_records": targets,
        "revisions": revisions,
        "conversation": conversation,
    }
    return render(request, "entry/result_history.html", context)
