"""Related-index values (RB, IPP, KIP) in the workspace: a regency admin enters their own regency's, staff any;
they are submitted, and staff verify or return them, as with a result. Only verified values are public."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import editable_regencies, entry_required, is_provincial_staff, staff_required
from assessments import services
from assessments.models import RelatedIndexValue, ReviewState

from ..forms import ReturnForm
from ..related_index_forms import RelatedIndexForm
from .common import attach_errors, attempt, attempt_versioned, concurrent_message


def _visible(request, pk: int) -> RelatedIndexValue:
    """Another regency's value is a 404 for a regency admin: its existence is not theirs to know."""
    return get_object_or_404(
        RelatedIndexValue.objects.filter(regency__in=editable_regencies(request.user)).select_related(
            "regency", "family", "revises"
        ),
        pk=pk,
    )


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


def _detail_context(request, record: RelatedIndexValue, *, return_form: ReturnForm | None = None) -> dict:
    return {
        "record": record,
        "open_revision": record.revisions.open().first() if record.is_published else None,
        "is_staff": is_provincial_staff(request.user),
        "leaves_review_to_colleague": record.awaits_review and services.needs_second_reviewer(record, request.user),
        "return_form": return_form or ReturnForm(initial={"version": record.version}),
    }


@entry_required
def related_detail(request, pk: int):
    record = _visible(request, pk)
    return render(request, "entry/related_detail.html", _detail_context(request, record))


def _page_of(record: RelatedIndexValue) -> str:
    return reverse("entry:related_detail", kwargs={"pk": record.pk})


def _versioned(request, record, action, success_message):
    return attempt_versioned(request, action, success_message, back=_page_of(record))


@require_POST
@entry_required
def related_submit(request, pk: int):
    record = _visible(request, pk)
    return _versioned(
        request,
        record,
        lambda version: services.submit_related_index_value(record=record, version=version, by=request.user),
        _("Diajukan untuk verifikasi. Staf provinsi akan memeriksanya."),
    )


@require_POST
@staff_required
def related_verify(request, pk: int):
    record = get_object_or_404(RelatedIndexValue.objects.select_related("regency", "revises"), pk=pk)
    return _versioned(
        request,
        record,
        lambda version: services.verify_related_index_value(record=record, version=version, by=request.user),
        _("Diverifikasi dan diterbitkan. Halaman publik sekarang menampilkan nilai ini."),
    )


@require_POST
@staff_required
def related_return(request, pk: int):
    record = get_object_or_404(RelatedIndexValue.objects.select_related("regency", "family"), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return render(
            request, "entry/related_detail.html", _detail_context(request, record, return_form=form), status=400
        )
    return attempt(
        request,
        lambda: services.return_related_index_value(
            record=record, version=form.cleaned_data["version"], by=request.user, comment=form.cleaned_data["comment"]
        ),
        _("Dikembalikan ke admin wilayah dengan komentar Anda."),
        back=_page_of(record),
    )


@require_POST
@entry_required
def related_revise(request, pk: int):
    record = _visible(request, pk)
    try:
        draft = services.start_related_index_revision(record=record, by=request.user)
    except (ValidationError, IntegrityError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else _("Revisi sudah dimulai.")
        messages.error(request, text)
        return redirect("entry:related_detail", pk=record.pk)
    messages.success(
        request, _("Revisi baru dibuat sebagai draf. Nilai yang terbit tetap tampil sampai revisi ini diverifikasi.")
    )
    return redirect("entry:related_edit", pk=draft.pk)
