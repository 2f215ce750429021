"""The review workflow: submit, verify, return, start a revision, and the queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    entry_required,
    staff_required,
)
from assessments import selectors, services
from assessments.models import AWAITING_REVIEW_STATES, RelatedIndexValue, Result
from regencies.models import Regency

from ..forms import ReturnForm
from .common import attempt, attempt_versioned, visible_result
from .results import detail_context


@require_POST
@entry_required
def result_submit(request, pk: int):
    result = visible_result(request, pk)
    return _transition(
        request,
        result,
        lambda version: services.submit_result(result=result, version=version, by=request.user),
        _("Diajukan untuk verifikasi. Staf provinsi akan memeriksanya."),
    )


@require_POST
@staff_required
def result_verify(request, pk: int):
    result = get_object_or_404(Result.objects.select_related("regency"), pk=pk)
    return _transition(
        request,
        result,
        lambda version: services.verify_result(result=result, version=version, by=request.user),
        _("Diverifikasi dan diterbitkan. Halaman publik sekarang menampilkan nilai ini."),
    )


def _transition(request, result, action, success_message):
    return attempt_versioned(request, action, success_message, back=_page_of(result))


def _page_of(result) -> str:
    return reverse("entry:result_detail", kwargs={"pk": result.pk})


@require_POST
@staff_required
def result_return(request, pk: int):
    result = get_object_or_404(Result.objects.select_related("regency"), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, result, return_form=form)
        return render(request, "entry/result_detail.html", context, status=400)
    return attempt(
        request,
        lambda: services.return_result(
            result=result, version=form.cleaned_data["version"], by=request.user, comment=form.cleaned_data["comment"]
        ),
        _("Dikembalikan ke admin wilayah dengan komentar Anda."),
        back=_page_of(result),
    )


@entry_required
def result_revise(request, pk: int):
    """GET asks before anything is created; POST creates the revision. A second POST (a double click, a second
    tab) finds the revision the first one made and opens it instead of making another."""
    result = visible_result(request, pk)
    open_revision = Result.objects.open().filter(regency=result.regency, year=result.year, kind=result.kind).first()
    if request.method != "POST":
        if open_revision is not None or not result.is_published:
            return redirect("entry:result_detail", pk=(open_revision or result).pk)
        return render(request, "entry/revise_confirm.html", {"result": result})
    if open_revision is not None:
        messages.info(request, _("Revisi untuk hasil ini sudah dibuat; inilah revisinya."))
        return redirect("entry:result_edit", pk=open_revision.pk)
    try:
        draft = services.start_revision(result=result, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("entry:result_detail", pk=result.pk)
    messages.success(
        request,
        _(
            "Revisi baru dibuat sebagai draf, berisi nilai dan sumber yang terbit. Ubah yang perlu diubah; nilai yang "
            "terbit tetap tampil sampai revisi ini diverifikasi."
        ),
    )
    return redirect("entry:result_edit", pk=draft.pk)


@staff_required
def queue(request):
    rows = selectors.verification_queue()
    targets = selectors.targets_on_their_own(regencies=Regency.objects.all(), states=AWAITING_REVIEW_STATES)
    context = {
        "rows": rows,
        "targets": targets,
        "shows_demo_data": any(row[0].is_demo for row in rows),
        # Related-index values are reviewed on their own list; the queue says how many wait there (one query).
        "related_waiting": RelatedIndexValue.objects.awaiting_review().count(),
    }
    return render(request, "entry/queue.html", context)
