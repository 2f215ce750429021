"""Follow-ups of a result: create, edit, verify."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    editable_regencies,
    entry_required,
    staff_required,
)
from assessments import services
from assessments.models import FollowUp, Indicator

from ..forms import FollowUpForm
from .common import asked_number, attach_errors, attempt, concurrent_message, versioned_post, visible_result


def _render_follow_up(request, form, result, follow_up=None, status=200):
    """`result` the follow-up's result, or None for a plan's step (it belongs to a year: follow_up.review_url)."""
    back = result.review_url() if result is not None else follow_up.review_url()
    regency = result.regency if result is not None else follow_up.of_regency
    year = result.year if result is not None else follow_up.evaluation_year
    return render(
        request,
        "entry/follow_up_form.html",
        {"form": form, "follow_up": follow_up, "back": back, "back_label": f"{regency.display_name} {year}"},
        status=status,
    )


@entry_required
def follow_up_create(request, pk: int):
    result = visible_result(request, pk)
    if request.method != "POST":
        initial = {"submission_key": uuid.uuid4()}
        number = asked_number(request, "indikator")
        if number is not None:
            initial["indicator"] = Indicator.objects.filter(aspect__framework=result.framework, number=number).first()
        return _render_follow_up(request, FollowUpForm(initial=initial, framework=result.framework), result)
    form = FollowUpForm(request.POST, request.FILES, framework=result.framework)
    if not form.is_valid():
        return _render_follow_up(request, form, result)
    try:
        services.save_follow_up(
            result=result,
            by=request.user,
            fields={name: form.cleaned_data[name] for name in FollowUpForm.Meta.fields},
            evidence_upload=form.cleaned_data.get("evidence_upload"),
            submission_key=form.cleaned_data.get("submission_key"),
        )
    except ValidationError as error:
        attach_errors(form, error)
        return _render_follow_up(request, form, result)
    messages.success(request, _("Tindak lanjut disimpan; tampil untuk publik setelah diverifikasi staf provinsi."))
    return redirect("entry:result_detail", pk=result.pk)


def _visible_follow_up(request, pk: int) -> FollowUp:
    regencies = editable_regencies(request.user)
    rows = FollowUp.objects.filter(Q(result__regency__in=regencies) | Q(regency__in=regencies))
    return get_object_or_404(rows.select_related("result__regency", "regency"), pk=pk)


@entry_required
def follow_up_edit(request, pk: int):
    follow_up = _visible_follow_up(request, pk)
    result = follow_up.result
    framework = follow_up.framework
    if request.method != "POST":
        form = FollowUpForm(instance=follow_up, initial={"version": follow_up.version}, framework=framework)
        return _render_follow_up(request, form, result, follow_up)
    form = FollowUpForm(
        request.POST, request.FILES, instance=FollowUp.objects.get(pk=follow_up.pk), framework=framework
    )
    if not form.is_valid():
        return _render_follow_up(request, form, result, follow_up)
    try:
        services.save_follow_up(
            result=result,
            by=request.user,
            fields={name: form.cleaned_data[name] for name in FollowUpForm.Meta.fields},
            follow_up=follow_up,
            version=form.cleaned_data["version"] or 0,
            evidence_upload=form.cleaned_data.get("evidence_upload"),
        )
    except services.ConcurrentEdit as conflict:
        form.add_error(None, concurrent_message(conflict.current))
        return _render_follow_up(request, form, result, follow_up, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return _render_follow_up(request, form, result, follow_up)
    messages.success(request, _("Tindak lanjut disimpan; tampil untuk publik setelah diverifikasi staf provinsi."))
    return redirect(follow_up.review_url())


@require_POST
@staff_required
def follow_up_verify(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.select_related("result", "regency"), pk=pk)
    version = versioned_post(request)
    return attempt(
        request,
        lambda: services.verify_follow_up(follow_up=follow_up, version=version or 0, by=request.user),
        _("Tindak lanjut diverifikasi dan tampil untuk publik."),
        back=follow_up.review_url(),
    )
