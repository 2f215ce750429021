"""The entry list, the result form (create, edit, preview) and a result's page."""

from html import escape

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.permissions import (
    can_edit_regency,
    editable_regencies,
    entry_required,
    is_provincial_staff,
    regency_of,
)
from assessments import selectors, services
from assessments.models import OPEN_STATES, Framework, Result, ReviewState, Target
from regencies.models import display_names

from ..forms import ReplyForm, ResultForm, ReturnForm, level_field_name, level_key
from ..selectors import entry_list
from ..selectors.structure import framework_structure
from ..source_fields import limit_choices
from .common import (
    attach_errors,
    concurrent_message,
    conversation_context,
    posted_regency,
    posted_year,
    query_text,
    review_context,
    visible_result,
)
from .paging import pager

# The list's two pagers, each keeping the other's page in its links.
RESULTS_PAGE, WORKSPACES_PAGE = "halaman", "halaman_wilayah"
WORKSPACE_CELL = '<td><a href="%s" data-testid="workspace-%s-%d">%s<span class="visually-hidden"> %s %d</span></a></td>'


def workspace_rows(workspaces) -> list[tuple[str, str]]:
    """Each regency's name and its row of cells for the workspaces' table, joined here rather than in the template:
    a page has 20 regencies × every evaluation year (180 cells), which the template engine took 10 ms to write at
    national size (issue 26). Names and labels are escaped; addresses, slugs and years are [-/a-z0-9]."""
    names = display_names(regency for regency, _cells in workspaces)
    rows = []
    for regency, cells in workspaces:
        name = escape(names[regency.pk])
        row = "".join(
            WORKSPACE_CELL % (cell.url, regency.slug, cell.year, escape(cell.label), name, cell.year) for cell in cells
        )
        rows.append((mark_safe(name), mark_safe(row)))
    return rows


@entry_required
def result_list(request):
    regencies = editable_regencies(request.user)
    is_staff = is_provincial_staff(request.user)
    open_counts = entry_list.open_counts(regencies=regencies)
    results = entry_list.entry_results(
        regencies=regencies, staff=is_staff, listed=open_counts.listed, page_number=request.GET.get(RESULTS_PAGE)
    )
    years, workspaces, workspace_page = entry_list.workspace_table(
        regencies=regencies, until_year=timezone.localdate().year, page_number=request.GET.get(WORKSPACES_PAGE)
    )
    context = {
        "workspace_years": years,
        "workspaces": workspaces,
        "workspace_rows": workspace_rows(workspaces) if len(workspaces) > 1 else [],
        "workspace_pager": pager(request, workspace_page, WORKSPACES_PAGE),
        "results": results,
        "results_pager": pager(request, results, RESULTS_PAGE),
        "open_counts": open_counts,
        "shows_demo_data": any(result.is_demo for result in results),
        "is_staff": is_staff,
        "own_regency": regency_of(request.user),
        "queue_size": selectors.awaiting_verification_count() if is_staff else None,
        "open_targets": selectors.targets_on_their_own(regencies=regencies, states=OPEN_STATES),
    }
    return render(request, "entry/result_list.html", context)


def _framework_for_form(request) -> Framework:
    """The framework whose indicators the create form shows: the one posted with the form (so that levels are
    never read against another framework's numbering), else the one for `?tahun=`, else the newest."""
    posted = query_text(request.POST.get("framework", ""))
    if posted:
        framework = Framework.objects.filter(code=posted).first()
        if framework is not None:
            return framework
    try:
        year = int(request.GET.get("tahun") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    return Framework.objects.in_force(year) or Framework.objects.order_by("-first_year").first()


def _render_form(request, form, *, result=None, status=200, preview=False):
    structure = form.structure
    breakdown = form.breakdown if preview else None
    groups = [
        {
            "domain": domain,
            "aspects": [
                {
                    "aspect": aspect,
                    "fields": [
                        form[name]
                        for indicator in aspect.indicators.all()
                        for name in form.level_fields_of[indicator.number]
                    ],
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
        "domain_scores": part_scores(structure, breakdown),
        "scores_by_aspect": not form.framework.has_domains,
        "preview": preview,
        "current_target": Target.objects.select_related("source").current_for(result.regency, result.year)
        if result is not None and result.carries_target
        else None,
        "other_frameworks": Framework.objects.exclude(pk=form.framework.pk).order_by("first_year")
        if result is None
        else [],
    }
    return render(request, "entry/result_form.html", context, status=status)


@entry_required
def result_create(request):
    framework = _framework_for_form(request)
    structure = framework_structure(framework)
    own = regency_of(request.user)
    initial = {"regency": own, "year": timezone.localdate().year - 1}
    if request.method != "POST":
        form = ResultForm(initial=initial, framework=framework, structure=structure)
        _limit_regencies(form, request.user)
        _offer_sources(form, regency=own, year=initial["year"])
        return _render_form(request, form)
    form = ResultForm(request.POST, request.FILES, framework=framework, structure=structure)
    _limit_regencies(form, request.user)
    regency = posted_regency(request)
    _offer_sources(form, regency=regency, year=posted_year(request))
    if regency is not None and not can_edit_regency(request.user, regency):
        raise PermissionDenied
    if not form.is_valid():
        return _render_form(request, form)
    data = form.cleaned_data
    try:
        result = services.save_result_entry(
            regency=data["regency"],
            year=data["year"],
            kind=data["kind"],
            framework=framework,
            by=request.user,
            **_entry_fields(form, preview=_previewing(request)),
        )
    except ValidationError as error:
        attach_errors(form, error)
        return _render_form(request, form)
    if _previewing(request):
        return _render_form(request, form, preview=True)
    messages.success(request, _("Draf disimpan. Ajukan untuk verifikasi bila sudah lengkap."))
    return redirect("entry:result_detail", pk=result.pk)


def part_scores(structure: list, breakdown) -> list[tuple]:
    """(number, name, sub-index) of each domain, or of each aspect where the framework has no domains (Pemdi)."""
    if breakdown is None:
        return []
    if structure and structure[0].number is None:
        names = {aspect.number: aspect.name for aspect in structure[0].aspects.all()}
        return [(number, names.get(number, ""), score) for number, score in breakdown.aspects.items()]
    names = {domain.number: domain.name for domain in structure}
    return [(number, names.get(number, ""), score) for number, score in breakdown.domains.items()]


def result_levels(result: Result) -> dict:
    """The levels a result revision was entered with, keyed as the form and scoring key them (one query)."""
    rows = result.indicator_levels.values_list("indicator__number", "indicator__entries", "part", "level")
    return {level_key(number, part, entries): level for number, entries, part, level in rows}


def _limit_regencies(form, user) -> None:
    """The choice list shows only the user's regencies; the view still refuses a forged value with 403."""
    form.fields["regency"].queryset = editable_regencies(user).order_by("code")


def _offer_sources(form, *, regency, year) -> None:
    """The sources on file for the regency and year, offered in both source lists (and the only ones a post may
    pick)."""
    on_file = selectors.sources_on_file(regency=regency, year=year)
    limit_choices(form, "source", on_file)
    limit_choices(form, "target_source", on_file)


def _previewing(request) -> bool:
    return request.POST.get("aksi") == "pratinjau"


def _entry_fields(form, *, preview: bool) -> dict:
    """What the create and the edit form hand to `save_result_entry` alike; the preview runs the same save as a
    dry run, so that it checks exactly what saving checks."""
    data = form.cleaned_data
    return {
        "dry_run": preview,
        "value": data["value"],
        "levels": form.levels(),
        "evaluated": not data["not_evaluated"],
        "cited": form.cited_source(),
        "target_cited": form.target_cited(),
        "note": data["note"],
        "target": form.target_input(),
        "evidence_upload": data.get("evidence") or None,
    }


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
    # A revision starts from the revised row's sources: the ones on file are picked in the lists, so that an
    # unchanged value keeps its source; a "verified entry" citation is kept without being offered.
    if result.source and not result.source.is_verified_entry:
        initial["source_choice"] = result.source.pk
    target = Target.objects.current_for(result.regency, result.year) if result.carries_target else None
    if target:
        initial.update(target=target.value, target_revision=target.pk, target_version=target.version)
        if target.source_id and not target.source.is_verified_entry:
            initial["target_source_choice"] = target.source_id
    for key, level in result_levels(result).items():
        initial[level_field_name(key)] = level
        # The index of a result with levels is computed from them; a pre-filled value would contradict any edit.
        initial["value"] = None
    return initial


@entry_required
def result_edit(request, pk: int):
    result = visible_result(request, pk)
    if not result.is_editable:
        messages.error(request, _("Hanya draf atau entri yang dikembalikan yang dapat diubah."))
        return redirect("entry:result_detail", pk=result.pk)
    structure = framework_structure(result.framework)
    if request.method != "POST":
        form = ResultForm(initial=_initial_for(result), framework=result.framework, structure=structure, result=result)
        _offer_sources(form, regency=result.regency, year=result.year)
        return _render_form(request, form, result=result)
    form = ResultForm(
        request.POST,
        request.FILES,
        initial=_initial_for(result),
        framework=result.framework,
        structure=structure,
        result=result,
    )
    _offer_sources(form, regency=result.regency, year=result.year)
    if not form.is_valid():
        return _render_form(request, form, result=result)
    data = form.cleaned_data
    try:
        services.save_result_entry(
            result=result,
            version=data["version"] or 0,
            by=request.user,
            **_entry_fields(form, preview=_previewing(request)),
        )
    except services.ConcurrentEdit as conflict:
        form.add_error(None, concurrent_message(conflict.current))
        form.data = form.data.copy()
        if isinstance(conflict.current, Target):
            form.data["target_revision"] = conflict.current.pk
            form.data["target_version"] = conflict.current.version
        else:
            form.data["version"] = conflict.current.version
        return _render_form(request, form, result=result, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return _render_form(request, form, result=result)
    if _previewing(request):
        return _render_form(request, form, result=result, preview=True)
    messages.success(request, _("Perubahan disimpan."))
    return redirect("entry:result_detail", pk=result.pk)


def detail_context(
    request, result: Result, *, return_form: ReturnForm | None = None, reply_form: ReplyForm | None = None
) -> dict:
    structure = framework_structure(result.framework)
    levels = result_levels(result)
    breakdown = None
    if levels:
        try:
            breakdown = services.computed_index(framework=result.framework, levels=levels)
        except ValueError:
            breakdown = None
    review = review_context(request, result, return_form=return_form)
    return {
        "result": result,
        "record": result,
        "domain_scores": part_scores(structure, breakdown),
        "scores_by_aspect": not result.framework.has_domains,
        "published": result.published_counterpart(),
        "target": Target.objects.filter(regency=result.regency, year=result.year)
        .select_related("source")
        .exclude(state=ReviewState.SUPERSEDED)
        .order_by("-pk")
        .first(),
        **review,
        "follow_ups": list(result.follow_ups.select_related("evidence")),
        **conversation_context(result, reply_form=reply_form),
        "delete_url": reverse("entry:result_delete", kwargs={"pk": result.pk})
        if services.may_delete(result, request.user)
        else None,
        # The history of a regency's own rows is theirs to read (visible_result already refused another regency's).
        "history_url": reverse("entry:result_history", kwargs={"pk": result.pk}),
        "revision_number": selectors.revision_numbers(result).get(result.pk),
        "shows_demo_data": result.is_demo,
        "changes": selectors.revision_changes(result),
    }


def detail_page(request, result: Result, *, return_form: ReturnForm | None = None, status: int = 200):
    context = detail_context(request, result, return_form=return_form)
    return render(request, "entry/result_detail.html", context, status=status)


@entry_required
def result_detail(request, pk: int):
    return detail_page(request, visible_result(request, pk))
