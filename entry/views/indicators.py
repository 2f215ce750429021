"""The self-assessment workspace of one regency and year: the indicators grouped by domain and aspect with the
index as it stands, one indicator's page with its criteria and form, the submit, and removing an evidence file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import editable_regencies, entry_required, is_provincial_staff
from assessments import selectors, services
from assessments.formatting import index_value
from assessments.models import EvidenceFile, Framework, IndicatorAssessment

from ..forms_indicators import DeleteEvidenceForm, IndicatorAssessmentForm, SubmitWorkspaceForm
from ..selectors import indicator as indicator_reads
from ..selectors import workspace as workspace_reads
from ..source_fields import limit_choices
from .common import attach_errors, requested_part


def _regency_and_framework(request, slug: str, year: int):
    """A regency the user may not edit is 404, as elsewhere in /entri/; so is a year no framework covers."""
    regency = get_object_or_404(editable_regencies(request.user), slug=slug)
    framework = Framework.objects.in_force(year)
    if framework is None:
        raise Http404
    return regency, framework


@entry_required
def workspace(request, slug: str, year: int):
    regency, framework = _regency_and_framework(request, slug, year)
    data = workspace_reads.workspace(regency=regency, year=year, framework=framework)
    return render(
        request,
        "entry/indicators/workspace.html",
        {
            "ws": data,
            "regency": regency,
            "year": year,
            "framework": framework,
            "submit_form": SubmitWorkspaceForm(initial={"seen_versions": data.seen_versions}),
            "is_staff": is_provincial_staff(request.user),
            "shows_demo_data": data.shows_demo_data,
        },
    )


def _conflict_message(current: IndicatorAssessment) -> str:
    last = current.history.select_related("history_user").first()
    who = services.full_name(last.history_user) if last and last.history_user else _("pengguna lain")
    when = date_format(timezone.localtime(last.history_date), "j M Y H:i T") if last else ""
    level = (
        _("belum dipilih")
        if current.level is None
        else str(current.level)
        if isinstance(current.level, int)
        else number_format(current.level, 2)
    )
    return _(
        "Indikator ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya (tingkat sekarang "
        "%(level)s; penjelasan: “%(explanation)s”). Perubahan Anda belum disimpan; periksa isian terbaru di "
        "bawah lalu simpan lagi bila perlu."
    ) % {"who": who, "when": when, "level": level, "explanation": current.explanation[:200] or "—"}


def _part_url(slug: str, year: int, number: int, part: int | None) -> str:
    url = reverse("entry:indicator", kwargs={"slug": slug, "year": year, "number": number})
    return f"{url}?bagian={part}" if part is not None else url


def _render_indicator(request, *, regency, year, framework, page, form, status=200):
    return render(
        request,
        "entry/indicators/indicator.html",
        {
            "page": page,
            "regency": regency,
            "year": year,
            "framework": framework,
            "form": form,
            "delete_form": DeleteEvidenceForm(initial={"version": page.assessment.version if page.assessment else 0}),
            "shows_demo_data": page.shows_demo_data,
        },
        status=status,
    )


def _indicator_form(page, framework, data=None, files=None, *, regency, year) -> IndicatorAssessmentForm:
    own = page.assessment
    labels = {
        option.level: _("Tingkat %(level)s · %(name)s") % {"level": option.level, "name": option.name}
        if option.name
        else _("Tingkat %(level)s") % {"level": option.level}
        for option in page.options
    }
    initial = {
        "version": own.version if own else 0,
        "level": own.level if own else None,
        "explanation": own.explanation if own else "",
    }
    form = IndicatorAssessmentForm(
        data, files, initial=initial, framework=framework, level_labels=labels, indicator=page.indicator
    )
    if form.takes_external_value:
        # The publications of the index on file are offered; the one this value cites comes first.
        if own is not None and own.source_id:
            form.initial["source_choice"] = own.source_id
        limit_choices(form, "source", selectors.sources_on_file(regency=regency, year=year))
    return form


@entry_required
def indicator(request, slug: str, year: int, number: int):
    regency, framework = _regency_and_framework(request, slug, year)
    part = requested_part(request)
    page = indicator_reads.indicator_page(regency=regency, year=year, framework=framework, number=number, part=part)
    if page is None:
        raise Http404
    context = {"regency": regency, "year": year, "framework": framework, "page": page}
    if request.method != "POST":
        return _render_indicator(request, **context, form=_indicator_form(page, framework, regency=regency, year=year))
    form = _indicator_form(page, framework, request.POST, request.FILES, regency=regency, year=year)
    if not form.is_valid():
        return _render_indicator(request, **context, form=form)
    data = form.cleaned_data
    try:
        services.save_indicator_assessment(
            regency=regency,
            year=year,
            indicator=page.indicator,
            level=data["level"],
            explanation=data["explanation"],
            uploads=data["evidence"],
            details=services.EvidenceDetails(
                level=data["evidence_level"], document_date=data["document_date"], note=data["assessor_note"]
            ),
            by=request.user,
            version=data["version"],
            part=part,
            cited=form.cited(),
        )
    except services.ConcurrentEdit as conflict:
        form.add_error(None, _conflict_message(conflict.current))
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version
        page = indicator_reads.indicator_page(regency=regency, year=year, framework=framework, number=number, part=part)
        context["page"] = page
        return _render_indicator(request, **context, form=form, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return _render_indicator(request, **context, form=form)
    messages.success(request, _("Indikator %(number)s disimpan.") % {"number": number})
    if data["evidence"]:
        _warn_of_evidence_gaps(request, regency=regency, year=year, framework=framework, number=number, part=part)
    if request.POST.get("aksi") == "lanjut":
        if part < page.indicator.entries:
            return redirect(_part_url(slug, year, number, part + 1))
        if page.next_number is not None:
            return redirect("entry:indicator", slug=slug, year=year, number=page.next_number)
    return redirect(_part_url(slug, year, number, part if page.indicator.entries > 1 else None))


def _warn_of_evidence_gaps(request, *, regency, year, framework, number, part) -> None:
    """After an upload, what the assessors may not accept yet (a scan, a document older than asked, a level
    below without evidence): said at once, as a warning; the files are kept."""
    saved = indicator_reads.indicator_page(regency=regency, year=year, framework=framework, number=number, part=part)
    if saved.evidence_gaps:
        messages.warning(
            request,
            _("Berkas disimpan. Periksa sebelum tenggat (peringatan, bukan penolakan; Anda yang memutuskan): %(gaps)s")
            % {"gaps": " ".join(saved.evidence_gaps)},
        )


@entry_required
def workspace_submit(request, slug: str, year: int):
    regency, framework = _regency_and_framework(request, slug, year)
    if request.method != "POST":
        # First a page that says what submitting does and asks to confirm it (works without JavaScript): the
        # index and levels it sends are the ones shown there, and the versions it read go with the form.
        data = workspace_reads.workspace(regency=regency, year=year, framework=framework)
        if not data.can_submit:
            return redirect("entry:indicator_workspace", slug=slug, year=year)
        return render(
            request,
            "entry/indicators/submit_confirm.html",
            {
                "ws": data,
                "regency": regency,
                "year": year,
                "submit_form": SubmitWorkspaceForm(initial={"seen_versions": data.seen_versions}),
            },
        )
    form = SubmitWorkspaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Muat ulang halaman lalu ajukan lagi."))
        return redirect("entry:indicator_workspace", slug=slug, year=year)
    try:
        result = services.submit_self_assessment(
            regency=regency, year=year, seen_versions=form.cleaned_data["seen_versions"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Evaluasi mandiri diajukan untuk verifikasi dengan indeks %(index)s.")
            % {"index": index_value(result.value)},
        )
    return redirect("entry:indicator_workspace", slug=slug, year=year)


@require_POST
@entry_required
def evidence_delete(request, slug: str, year: int, number: int, token):
    regency, _framework = _regency_and_framework(request, slug, year)
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("indicator_assessment__indicator"),
        token=token,
        regency=regency,
        indicator_assessment__year=year,
        indicator_assessment__indicator__number=number,
    )
    form = DeleteEvidenceForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else 0
    try:
        services.delete_indicator_evidence(evidence=evidence, version=version, by=request.user)
    except services.ConcurrentEdit as conflict:
        messages.error(request, _conflict_message(conflict.current))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Berkas %(name)s dihapus.") % {"name": evidence.original_name})
    return redirect("entry:indicator", slug=slug, year=year, number=number)
