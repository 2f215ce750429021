"""Related-index values (RB, IPP, KIP) in the workspace: a regency admin enters their own regency's, staff any.
Their review (submitted, verified or returned by staff, revised) is every reviewed record's (`review.py`). Only
verified values are public."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import editable_regencies, entry_required, is_provincial_staff
from assessments import services
from assessments.models import RelatedIndexValue, ReviewState

from ..forms import ReturnForm
from ..related_index_forms import RelatedIndexForm
from .common import attach_errors, concurrent_message, review_context, visible


def _visible(request, pk: int) -> RelatedIndexValue:
    return visible(request, RelatedIndexValue, pk, "family", "revises")


@entry_required
def related_list(request):
    """The user's regency's values (staff: every regency's), submitted ones first for staff to review."""
    records = list(
        RelatedIndexValue.objects.filter(regency__in=editable_regencies(request.user))
        .exclude(state=ReviewState.SUPERSEDED)
        .select_related("regency", "family")
        .order_by("family__position", "regency__code", "-year", "is_target", "pk")
    )
    waiting = [record for record in records if record.awaits_review]
    context = {
        "records": waiting + [record for record in records if not record.awaits_review],
        "waiting": waiting,
        "is_staff": is_provincial_staff(request.user),
    }
    return render(request, "entry/related_list.html", context)


def _save(request, *, record: RelatedIndexValue | None):
    regencies = editable_regencies(request.user).order_by("code")
    if request.method == "POST":
        form = RelatedIndexForm(request.POST, regencies=regencies, record=record)
        if form.is_valid():
            try:
                saved = services.save_related_index_value(
                    fact=form.fact(),
                    by=request.user,
                    regency=form.cleaned_data["regency"] if record is None else None,
                    record=record,
                    version=form.cleaned_data["version"],
                )
            except services.ConcurrentEdit as conflict:
                form.add_error(None, concurrent_message(conflict.current))
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Nilai disimpan sebagai draf. Ajukan bila sudah lengkap."))
                return redirect("entry:related_detail", pk=saved.pk)
        status = 400
    else:
        form = RelatedIndexForm(regencies=regencies, record=record)
        if record is None and regencies.count() == 1:
            form.initial["regency"] = regencies.first()
        status = 200
    return render(request, "entry/related_form.html", {"form": form, "record": record}, status=status)


@entry_required
def related_create(request):
    return _save(request, record=None)


@entry_required
def related_edit(request, pk: int):
    record = _visible(request, pk)
    if not record.is_editable:
        messages.error(request, _("Nilai ini sudah diajukan atau diterbitkan; mulai revisi baru."))
        return redirect("entry:related_detail", pk=record.pk)
    return _save(request, record=record)


def detail_page(request, record: RelatedIndexValue, *, return_form: ReturnForm | None = None, status: int = 200):
    context = {"record": record, **review_context(request, record, return_form=return_form)}
    return render(request, "entry/related_detail.html", context, status=status)


@entry_required
def related_detail(request, pk: int):
    return detail_page(request, _visible(request, pk))
