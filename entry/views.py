"""The entry workspace. Every view checks the user's rights on the server before reading or writing anything."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import (
    can_edit_regency,
    editable_regencies,
    entry_required,
    is_provincial_staff,
    regency_of,
    staff_required,
)
from assessments import importing, selectors, services
from assessments.models import EvidenceFile, FollowUp, Framework, Result, ReviewState, Target
from assessments.templatetags.spbe import index_value
from regencies.models import Regency
from regencies.services import set_status_flag

from .forms import FollowUpForm, ImportForm, ResultForm, ReturnForm, StatusFlagForm, VersionForm

IMPORT_SESSION_KEY = "entry_import_rows"


def _visible_result(request, pk: int) -> Result:
    """A regency admin asking for another regency's result gets 404: its existence is not theirs to know."""
    return get_object_or_404(
        Result.objects.filter(regency__in=editable_regencies(request.user)).select_related(
            "regency", "framework", "source", "evidence", "revises"
        ),
        pk=pk,
    )


def _concurrent_message(current) -> str:
    last = current.history.select_related("history_user").first()
    who = last.history_user.get_username() if last and last.history_user else _("pengguna lain")
    when = timezone.localtime(last.history_date).strftime("%d-%m-%Y %H:%M") if last else ""
    if isinstance(current, Result):
        value = index_value(current.value) if current.value is not None else _("tidak dievaluasi")
        what = _("indeks sekarang %(value)s, status %(state)s") % {
            "value": value,
            "state": current.get_state_display(),
        }
    else:
        what = _("status %(state)s") % {"state": current.get_state_display()}
    return _(
        "Entri ini sudah diubah oleh %(who)s pada %(when)s setelah Anda membukanya (%(what)s). "
        "Perubahan Anda belum disimpan; periksa nilai terbaru lalu simpan lagi bila perlu."
    ) % {"who": who, "when": when, "what": what}


@entry_required
def result_list(request):
    regencies = editable_regencies(request.user)
    results = selectors.entry_results(regencies=regencies)
    context = {
        "results": results,
        "shows_demo_data": any(result.is_demo for result in results),
        "is_staff": is_provincial_staff(request.user),
        "own_regency": regency_of(request.user),
        "queue_size": Result.objects.filter(state=ReviewState.SUBMITTED).count()
        if is_provincial_staff(request.user)
        else None,
    }
    return render(request, "entry/result_list.html", context)


def _framework_for_form(request) -> Framework:
    """The framework whose indicators the create form shows: the one posted with the form (so that levels are
    never read against another framework's numbering), else the one for `?tahun=`, else the newest."""
    posted = request.POST.get("framework")
    if posted:
        framework = Framework.objects.filter(code=posted).first()
        if framework is not None:
            return framework
    try:
        year = int(request.GET.get("tahun") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    return services.framework_for_year(year) or Framework.objects.order_by("-first_year").first()


def _render_form(request, form, *, result=None, status=200, preview=False):
    structure = form.structure
    domain_names = {domain.number: domain.name for domain in structure}
    breakdown = form.breakdown if preview else None
    groups = [
        {
            "domain": domain,
            "aspects": [
                {
                    "aspect": aspect,
                    "fields": [form[f"level_{indicator.number}"] for indicator in aspect.indicators.all()],
                }
                for aspect in domain.aspects.all()
            ],
        }
        for domain in structure
    ]
    context = {
        "form": form,
        "result": result,
        "groups": groups,
        "breakdown": breakdown,
        "domain_scores": [(number, domain_names.get(number, ""), score) for number, score in breakdown.domains.items()]
        if breakdown
        else [],
        "preview": preview,
        "other_frameworks": Framework.objects.exclude(pk=form.framework.pk).order_by("first_year")
        if result is None
        else [],
    }
    return render(request, "entry/result_form.html", context, status=status)


@entry_required
def result_create(request):
    framework = _framework_for_form(request)
    structure = selectors.framework_structure(framework)
    own = regency_of(request.user)
    initial = {"regency": own, "year": timezone.localdate().year - 1}
    if request.method != "POST":
        form = ResultForm(initial=initial, framework=framework, structure=structure)
        _limit_regencies(form, request.user)
        return _render_form(request, form)
    form = ResultForm(request.POST, request.FILES, framework=framework, structure=structure)
    _limit_regencies(form, request.user)
    regency = _posted_regency(request)
    if regency is not None and not can_edit_regency(request.user, regency):
        raise PermissionDenied
    if not form.is_valid():
        return _render_form(request, form)
    if request.POST.get("aksi") == "pratinjau":
        return _render_form(request, form, preview=True)
    data = form.cleaned_data
    try:
        evidence = _stored_evidence(form, regency=data["regency"], user=request.user)
        result = services.create_result_draft(
            regency=data["regency"],
            year=data["year"],
            kind=data["kind"],
            by=request.user,
            value=data["value"],
            levels=form.levels() or None,
            evaluated=not data["not_evaluated"],
            cited=form.cited_source(),
            evidence=evidence,
            note=data["note"],
            framework=framework,
        )
        if data["target"] is not None:
            services.save_target_draft(
                regency=data["regency"],
                year=data["year"],
                value=data["target"],
                by=request.user,
                cited=form.cited_source(),
            )
    except ValidationError as error:
        _attach_errors(form, error)
        return _render_form(request, form)
    messages.success(request, _("Draf disimpan. Ajukan untuk verifikasi bila sudah lengkap."))
    return redirect("entry:result_detail", pk=result.pk)


def _limit_regencies(form, user) -> None:
    """The choice list shows only the user's regencies; the view still refuses a forged value with 403."""
    form.fields["regency"].queryset = editable_regencies(user).order_by("code")


def _posted_regency(request) -> Regency | None:
    try:
        return Regency.objects.filter(pk=int(request.POST.get("regency", ""))).first()
    except ValueError:
        return None


def _stored_evidence(form, *, regency, user) -> EvidenceFile | None:
    upload = form.cleaned_data.get("evidence")
    if not upload:
        return None
    return services.store_evidence(upload=upload, regency=regency, by=user)


def _attach_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _initial_for(result: Result) -> dict:
    initial = {
        "regency": result.regency,
        "year": result.year,
        "kind": result.kind,
        "not_evaluated": not result.evaluated,
        "value": result.value,
        "note": result.note,
        "version": result.version,
    }
    if result.source and result.source.kind != "verified_entry":
        initial.update(
            source_title=result.source.title, source_date=result.source.published_on, source_url=result.source.url
        )
    target = Target.objects.open().filter(regency=result.regency, year=result.year).first()
    target = target or Target.objects.published().filter(regency=result.regency, year=result.year).first()
    if target:
        initial["target"] = target.value
    for score in result.indicator_scores.select_related("indicator"):
        initial[f"level_{score.indicator.number}"] = score.level
        # The index of a result with levels is computed from them; a pre-filled value would contradict any edit.
        initial["value"] = None
    return initial


@entry_required
def result_edit(request, pk: int):
    result = _visible_result(request, pk)
    if result.state not in (ReviewState.DRAFT, ReviewState.RETURNED):
        messages.error(request, _("Hanya draf atau entri yang dikembalikan yang dapat diubah."))
        return redirect("entry:result_detail", pk=result.pk)
    structure = selectors.framework_structure(result.framework)
    if request.method != "POST":
        form = ResultForm(initial=_initial_for(result), framework=result.framework, structure=structure, result=result)
        return _render_form(request, form, result=result)
    form = ResultForm(
        request.POST,
        request.FILES,
        initial=_initial_for(result),
        framework=result.framework,
        structure=structure,
        result=result,
    )
    if not form.is_valid():
        return _render_form(request, form, result=result)
    if request.POST.get("aksi") == "pratinjau":
        return _render_form(request, form, result=result, preview=True)
    data = form.cleaned_data
    try:
        evidence = _stored_evidence(form, regency=result.regency, user=request.user)
        services.update_result_draft(
            result=result,
            version=data["version"] or 0,
            by=request.user,
            value=data["value"],
            levels=form.levels(),
            evaluated=not data["not_evaluated"],
            cited=form.cited_source(),
            evidence=evidence,
            note=data["note"],
        )
        if data["target"] is not None:
            services.save_target_draft(
                regency=result.regency,
                year=result.year,
                value=data["target"],
                by=request.user,
                cited=form.cited_source(),
            )
    except services.ConcurrentEdit as conflict:
        form.add_error(None, _concurrent_message(conflict.current))
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version
        return _render_form(request, form, result=result, status=409)
    except ValidationError as error:
        _attach_errors(form, error)
        return _render_form(request, form, result=result)
    messages.success(request, _("Perubahan disimpan."))
    return redirect("entry:result_detail", pk=result.pk)


def _detail_context(request, result: Result, *, return_form: ReturnForm | None = None) -> dict:
    structure = selectors.framework_structure(result.framework)
    levels = {score.indicator.number: score.level for score in result.indicator_scores.select_related("indicator")}
    breakdown = None
    if levels:
        try:
            breakdown = services.computed_index(framework=result.framework, levels=levels)
        except ValueError:
            breakdown = None
    domain_names = {domain.number: domain.name for domain in structure}
    same_key = Result.objects.filter(regency=result.regency, year=result.year, kind=result.kind).exclude(pk=result.pk)
    return {
        "result": result,
        "levels": levels,
        "structure": structure,
        "domain_scores": [(n, domain_names.get(n, ""), s) for n, s in breakdown.domains.items()] if breakdown else [],
        "published": same_key.published().first(),
        "open_revision": same_key.open().first(),
        "target": Target.objects.filter(regency=result.regency, year=result.year)
        .exclude(state=ReviewState.SUPERSEDED)
        .order_by("-pk")
        .first(),
        "is_staff": is_provincial_staff(request.user),
        "follow_ups": list(result.follow_ups.select_related("evidence")),
        "return_form": return_form or ReturnForm(initial={"version": result.version}),
        "shows_demo_data": result.is_demo,
    }


@entry_required
def result_detail(request, pk: int):
    result = _visible_result(request, pk)
    return render(request, "entry/result_detail.html", _detail_context(request, result))


def _versioned_post(request) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


@require_POST
@entry_required
def result_submit(request, pk: int):
    result = _visible_result(request, pk)
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
    version = _versioned_post(request)
    if version is None:
        messages.error(request, _("Formulir tidak lengkap; muat ulang halaman lalu coba lagi."))
        return redirect("entry:result_detail", pk=result.pk)
    return _attempt(request, lambda: action(version), success_message, result_pk=result.pk)


def _attempt(request, write, success_message, *, result_pk: int):
    """Runs a workflow write and tells its outcome on the result's page: done, overtaken by someone else's save,
    or refused in the current state."""
    try:
        write()
    except services.ConcurrentEdit as conflict:
        messages.error(request, _concurrent_message(conflict.current))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success_message)
    return redirect("entry:result_detail", pk=result_pk)


@require_POST
@staff_required
def result_return(request, pk: int):
    result = get_object_or_404(Result.objects.select_related("regency"), pk=pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, result, return_form=form)
        return render(request, "entry/result_detail.html", context, status=400)
    return _attempt(
        request,
        lambda: services.return_result(
            result=result, version=form.cleaned_data["version"], by=request.user, comment=form.cleaned_data["comment"]
        ),
        _("Dikembalikan ke admin wilayah dengan komentar Anda."),
        result_pk=result.pk,
    )


@require_POST
@entry_required
def result_revise(request, pk: int):
    result = _visible_result(request, pk)
    try:
        draft = services.start_revision(result=result, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("entry:result_detail", pk=result.pk)
    messages.success(
        request, _("Revisi baru dibuat sebagai draf. Nilai yang terbit tetap tampil sampai revisi ini diverifikasi.")
    )
    return redirect("entry:result_edit", pk=draft.pk)


# The lock counter and the reviewer's bookkeeping say nothing a reader needs; the state and values do.
HISTORY_NOISE = ["version", "submitted_at", "submitted_by", "reviewed_at", "reviewed_by"]


def _readable_change(change) -> tuple[str, object, object]:
    field = Result._meta.get_field(change.field)
    if change.field == "state":
        return field.verbose_name, ReviewState(change.old).label, ReviewState(change.new).label
    if change.field in ("value",):
        return field.verbose_name, index_value(change.old), index_value(change.new)
    return field.verbose_name, change.old, change.new


@staff_required
def result_history(request, pk: int):
    result = get_object_or_404(Result.objects.select_related("regency"), pk=pk)
    revisions = list(
        Result.objects.filter(regency=result.regency, year=result.year, kind=result.kind).values_list("pk", flat=True)
    )
    records = (
        Result.history.filter(id__in=revisions).select_related("history_user").order_by("-history_date", "-history_id")
    )
    entries = []
    for record in records:
        previous = record.prev_record
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=HISTORY_NOISE)
            changes = [_readable_change(change) for change in delta.changes]
        entries.append({"record": record, "changes": changes})
    targets = (
        Target.history.filter(regency_id=result.regency_id, year=result.year)
        .select_related("history_user")
        .order_by("-history_date")
    )
    return render(
        request, "entry/result_history.html", {"result": result, "entries": entries, "target_records": targets}
    )


@staff_required
def queue(request):
    rows = selectors.verification_queue()
    return render(request, "entry/queue.html", {"rows": rows, "shows_demo_data": any(row[0].is_demo for row in rows)})


@entry_required
def import_upload(request):
    context = {"form": ImportForm(), "is_staff": is_provincial_staff(request.user)}
    if request.method != "POST":
        return render(request, "entry/import.html", context)
    form = ImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "entry/import.html", context, status=400)
    upload = form.cleaned_data["file"]
    try:
        raw_rows = importing.read_table(name=upload.name, content=upload.read(settings.IMPORT_MAX_BYTES + 1))
    except importing.ImportFileError as error:
        form.add_error("file", str(error))
        return render(request, "entry/import.html", context, status=400)
    rows = importing.check_rows(raw_rows=raw_rows, user=request.user)
    request.session[IMPORT_SESSION_KEY] = raw_rows
    context.update(rows=rows, has_errors=any(row.status == importing.ERROR for row in rows), file_name=upload.name)
    return render(request, "entry/import.html", context)


@require_POST
@entry_required
def import_confirm(request):
    raw_rows = request.session.get(IMPORT_SESSION_KEY)
    if not raw_rows:
        messages.error(request, _("Tidak ada impor yang menunggu konfirmasi; unggah berkas lagi."))
        return redirect("entry:import")
    try:
        rows = importing.apply_import(
            raw_rows=raw_rows, user=request.user, verify=request.POST.get("verifikasi") == "1"
        )
    except importing.ImportRejected as rejected:
        if any(row.forbidden for row in rejected.rows):
            raise PermissionDenied from rejected
        context = {
            "form": ImportForm(),
            "is_staff": is_provincial_staff(request.user),
            "rows": rejected.rows,
            "has_errors": True,
            "rejected": True,
        }
        return render(request, "entry/import.html", context, status=400)
    del request.session[IMPORT_SESSION_KEY]
    written = sum(1 for row in rows if row.status in (importing.NEW, importing.CHANGED))
    messages.success(request, _("Impor selesai: %(count)s baris ditulis.") % {"count": written})
    return redirect("entry:list")


@entry_required
def import_template(request, fmt: str):
    if fmt == "csv":
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="templat-impor-spbe.{fmt}"'
    return response


def _render_follow_up(request, form, result, follow_up=None, status=200):
    return render(
        request, "entry/follow_up_form.html", {"form": form, "result": result, "follow_up": follow_up}, status=status
    )


@entry_required
def follow_up_create(request, pk: int):
    result = _visible_result(request, pk)
    if request.method != "POST":
        return _render_follow_up(request, FollowUpForm(), result)
    form = FollowUpForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_follow_up(request, form, result)
    fields = {name: form.cleaned_data[name] for name in FollowUpForm.Meta.fields}
    upload = form.cleaned_data.get("evidence_upload")
    if upload:
        fields["evidence"] = services.store_evidence(upload=upload, regency=result.regency, by=request.user)
    services.save_follow_up(result=result, by=request.user, fields=fields)
    messages.success(request, _("Tindak lanjut disimpan; tampil untuk publik setelah diverifikasi staf provinsi."))
    return redirect("entry:result_detail", pk=result.pk)


def _visible_follow_up(request, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.filter(result__regency__in=editable_regencies(request.user)).select_related("result"), pk=pk
    )


@entry_required
def follow_up_edit(request, pk: int):
    follow_up = _visible_follow_up(request, pk)
    result = follow_up.result
    if request.method != "POST":
        form = FollowUpForm(instance=follow_up, initial={"version": follow_up.version})
        return _render_follow_up(request, form, result, follow_up)
    form = FollowUpForm(request.POST, request.FILES, instance=FollowUp.objects.get(pk=follow_up.pk))
    if not form.is_valid():
        return _render_follow_up(request, form, result, follow_up)
    fields = {name: form.cleaned_data[name] for name in FollowUpForm.Meta.fields}
    upload = form.cleaned_data.get("evidence_upload")
    if upload:
        fields["evidence"] = services.store_evidence(upload=upload, regency=result.regency, by=request.user)
    try:
        services.save_follow_up(
            result=result,
            by=request.user,
            fields=fields,
            follow_up=follow_up,
            version=form.cleaned_data["version"] or 0,
        )
    except services.ConcurrentEdit as conflict:
        form.add_error(None, _concurrent_message(conflict.current))
        return _render_follow_up(request, form, result, follow_up, status=409)
    messages.success(request, _("Tindak lanjut disimpan; tampil untuk publik setelah diverifikasi staf provinsi."))
    return redirect("entry:result_detail", pk=result.pk)


@require_POST
@staff_required
def follow_up_verify(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.select_related("result"), pk=pk)
    version = _versioned_post(request)
    return _attempt(
        request,
        lambda: services.verify_follow_up(follow_up=follow_up, version=version or 0, by=request.user),
        _("Tindak lanjut diverifikasi dan tampil untuk publik."),
        result_pk=follow_up.result_id,
    )


@entry_required
def evidence_download(request, token):
    evidence = get_object_or_404(EvidenceFile, token=token)
    if not can_edit_regency(request.user, evidence.regency):
        raise Http404
    response = FileResponse(evidence.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bukti-{evidence.token.hex[:8]}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def status_flag_create(request):
    """Provincial staff record a regency's status as of a date; the newest flag is the one the public sees."""
    if request.method == "POST":
        form = StatusFlagForm(request.POST)
        if form.is_valid():
            regency = form.cleaned_data["regency"]
            try:
                set_status_flag(
                    regency=regency,
                    flag=form.cleaned_data["flag"],
                    as_of=form.cleaned_data["as_of"],
                    note=form.cleaned_data["note"],
                    source=form.source_fields(),
                    by=request.user,
                )
            except ValidationError as error:
                _attach_errors(form, error)
            except IntegrityError:
                # Another staff member saved a flag for the same regency and date a moment earlier.
                form.add_error("as_of", _("Wilayah ini sudah punya status pada tanggal tersebut."))
            else:
                messages.success(request, _("Status %(regency)s disimpan.") % {"regency": regency.display_name})
                return redirect(regency.get_absolute_url())
        status = 400
    else:
        initial_regency = Regency.objects.ranked().filter(code=request.GET.get("wilayah", "")).first()
        form = StatusFlagForm(initial={"regency": initial_regency, "as_of": timezone.localdate()})
        status = 200
    return render(request, "entry/status_flag_form.html", {"form": form}, status=status)
