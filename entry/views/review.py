"""The review workflow's pages: one view per step for every kind of reviewed record (a result, a target, a
related-index value), and the verification queue. The URLs name the kind ("result", "target", "related"); the
services decide who may take which step."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import entry_required, staff_required
from assessments import selectors, services
from assessments.models import AWAITING_REVIEW_STATES, RelatedIndexValue, Result, ReviewStep, Target
from regencies.models import Regency

from ..forms import ReturnForm
from . import related_indices, results, targets
from .common import attempt_versioned, concurrent_message, versioned_post, visible

# Each kind: its model and the page that shows one record (with a refused return form, at status 400).
KINDS = {
    "result": (Result, results.detail_page),
    "target": (Target, targets.detail_page),
    "related": (RelatedIndexValue, related_indices.detail_page),
}

DONE = {
    ReviewStep.SUBMIT: gettext_lazy("Diajukan untuk verifikasi. Staf provinsi akan memeriksanya."),
    ReviewStep.VERIFY: gettext_lazy("Diverifikasi dan diterbitkan. Halaman publik sekarang menampilkan nilai ini."),
    ReviewStep.RETURN: gettext_lazy("Dikembalikan ke admin wilayah dengan komentar Anda."),
}


def _record(request, kind: str, pk: int):
    model, _page = KINDS[kind]
    return visible(request, model, pk)


def _step(request, kind: str, pk: int, step: ReviewStep, *, comment: str = ""):
    record = _record(request, kind, pk)
    return attempt_versioned(
        request,
        lambda version: services.transition(
            record=record, step=step, by=request.user, version=version, comment=comment
        ),
        DONE[step],
        back=record.review_url(),
    )


def _confirm(request, kind: str, pk: int, step: ReviewStep, *, ready):
    """GET: a page that says what the step will do and asks to confirm it (a form, so it works without
    JavaScript); it posts to the same address. A record not in the step's state goes back to its page."""
    record = _record(request, kind, pk)
    if not ready(record):
        return redirect(record.review_url())
    return render(
        request,
        "entry/step_confirm.html",
        {"record": record, "facts": selectors.fields_of(record), "verifying": step == ReviewStep.VERIFY},
    )


@entry_required
def submit(request, pk: int, *, kind: str):
    if request.method != "POST":
        return _confirm(request, kind, pk, ReviewStep.SUBMIT, ready=lambda record: record.is_editable)
    return _step(request, kind, pk, ReviewStep.SUBMIT)


@staff_required
def verify(request, pk: int, *, kind: str):
    if request.method != "POST":
        return _confirm(request, kind, pk, ReviewStep.VERIFY, ready=lambda record: record.awaits_review)
    return _step(request, kind, pk, ReviewStep.VERIFY)


@require_POST
@staff_required
def return_(request, pk: int, *, kind: str):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        _model, page = KINDS[kind]
        return page(request, _record(request, kind, pk), return_form=form, status=400)
    return _step(request, kind, pk, ReviewStep.RETURN, comment=form.cleaned_data["comment"])


@entry_required
def revise(request, pk: int, *, kind: str):
    """GET asks before anything is created; POST creates the revision. A second POST (a double click, a second
    tab, two or three at once) opens the revision the first one made instead of making another."""
    record = _record(request, kind, pk)
    if request.method != "POST":
        if not record.is_published or (open_one := record.open_revision()) is not None:
            return redirect((open_one if record.is_published else record).review_url())
        facts = selectors.fields_of(record)
        return render(request, "entry/revise_confirm.html", {"record": record, "facts": facts})
    try:
        draft = services.transition(
            record=record, step=ReviewStep.REVISE, by=request.user, version=versioned_post(request)
        )
    except services.RevisionExists as exists:
        messages.info(request, _("Revisi ini sudah dibuat; inilah revisinya."))
        return redirect(reverse(f"entry:{kind}_edit", kwargs={"pk": exists.revision.pk}))
    except services.ConcurrentEdit as conflict:
        messages.error(request, concurrent_message(conflict.current))
        return redirect(record.review_url())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record.review_url())
    messages.success(
        request,
        _(
            "Revisi baru dibuat sebagai draf, berisi nilai dan sumber yang terbit. Ubah yang perlu diubah; nilai yang "
            "terbit tetap tampil sampai revisi ini diverifikasi."
        ),
    )
    return redirect(reverse(f"entry:{kind}_edit", kwargs={"pk": draft.pk}))


@staff_required
def queue(request):
    rows = selectors.verification_queue()
    targets_alone = selectors.targets_on_their_own(regencies=Regency.objects.all(), states=AWAITING_REVIEW_STATES)
    related_waiting = RelatedIndexValue.objects.awaiting_review().count()
    context = {
        "rows": rows,
        "targets": targets_alone,
        "shows_demo_data": any(row[0].is_demo for row in rows),
        # Related-index values are reviewed on their own list; the queue says how many wait there (one query).
        "related_waiting": related_waiting,
        # The header's count (selectors.awaiting_verification_count) from what this page already read.
        "waiting_count": len(rows) + len(targets_alone) + related_waiting,
    }
    return render(request, "entry/queue.html", context)
