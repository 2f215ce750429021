"""The conversation on a revision (answering a return) and deleting a draft after a confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import entry_required
from assessments import services

from ..forms import ReplyForm
from .common import concurrent_message, versioned_post, visible_result
from .results import detail_context


@require_POST
@entry_required
def result_reply(request, pk: int):
    result = visible_result(request, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, result, reply_form=form)
        return render(request, "entry/result_detail.html", context, status=400)
    try:
        services.reply_to_review(result=result, by=request.user, body=form.cleaned_data["body"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Balasan Anda terkirim dan tersimpan di percakapan revisi ini."))
    return redirect("entry:result_detail", pk=result.pk)


@entry_required
def result_delete(request, pk: int):
    """GET asks for confirmation; POST deletes. Someone else's draft is not a regency admin's to delete (403);
    a revision that is no longer a draft is explained on its page."""
    result = visible_result(request, pk)
    if not result.is_deletable:
        messages.error(request, services.drafts.NOT_DELETABLE)
        return redirect("entry:result_detail", pk=result.pk)
    if not services.may_delete(result, request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "entry/result_delete.html", {"result": result})
    version = versioned_post(request)
    if version is None:
        messages.error(request, _("Formulir tidak lengkap; muat ulang halaman lalu coba lagi."))
        return redirect("entry:result_detail", pk=result.pk)
    try:
        services.delete_result_draft(result=result, version=version, by=request.user)
    except services.ConcurrentEdit as conflict:
        messages.error(request, concurrent_message(conflict.current))
        return redirect("entry:result_detail", pk=result.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("entry:result_detail", pk=result.pk)
    messages.success(
        request,
        _("Draf %(kind)s %(year)s untuk %(regency)s dihapus.")
        % {"kind": result.get_kind_display().lower(), "year": result.year, "regency": result.regency.display_name},
    )
    return redirect("entry:list")
