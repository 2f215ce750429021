"""A target entered on its own (any year, future years included, no result needed) and its page. Its review
(submitted by the regency, verified or returned by staff, revised) is every reviewed record's (`review.py`). A
target entered on the official result's form keeps travelling with that result."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from accounts.permissions import (
    can_edit_regency,
    editable_regencies,
    entry_required,
    regency_of,
)
from assessments import selectors, services
from assessments.models import Framework, Target

from ..forms import ReturnForm
from ..source_fields import limit_choices
from ..target_form import TargetForm
from .common import attach_errors, concurrent_message, posted_regency, posted_year, review_context, visible


def _visible_target(request, pk: int) -> Target:
    return visible(request, Target, pk, "source", "revises__source", "framework__series", "revises__framework__series")


def _frameworks_context(target: Target | None = None) -> dict:
    """The index each year's target is stated in (one query), and whether `target` is recorded in another one
    than its year's now, so that saving it restates it (PermenPANRB 8/2026, Pasal 11)."""
    frameworks = list(Framework.objects.select_related("series").order_by("first_year"))
    context = {"frameworks": frameworks}
    if target is not None:
        in_force = [framework for framework in frameworks if framework.applies_to(target.year)]
        begun = [framework for framework in frameworks if framework.first_year <= target.year]
        stated_in = (in_force or begun or [None])[-1]
        context.update(stated_in=stated_in, restates=stated_in is not None and stated_in.pk != target.framework_id)
    return context


def _open_target_message(target: Target) -> str:
    """ "Target 2026 untuk Kabupaten Sikka sudah ada sebagai draf — buka", the last word a link to it."""
    return format_html(
        '{} <a href="{}">{}</a>',
        _("Target %(year)s untuk %(regency)s sudah ada (%(state)s) —")
        % {"year": target.year, "regency": target.regency.display_name, "state": target.get_state_display()},
        reverse("entry:target_detail", kwargs={"pk": target.pk}),
        _("buka"),
    )


@entry_required
def target_create(request):
    own = regency_of(request.user)
    regencies = editable_regencies(request.user).order_by("code")
    if request.method != "POST":
        year = timezone.localdate().year
        form = TargetForm(initial={"regency": own, "year": year})
        form.fields["regency"].queryset = regencies
        limit_choices(form, "target_source", selectors.sources_on_file(regency=own, year=year))
        return render(request, "entry/target_form.html", {"form": form, **_frameworks_context()})
    form = TargetForm(request.POST)
    form.fields["regency"].queryset = regencies
    regency = posted_regency(request)
    if regency is not None and not can_edit_regency(request.user, regency):
        raise PermissionDenied
    limit_choices(form, "target_source", selectors.sources_on_file(regency=regency, year=posted_year(request)))
    if not form.is_valid():
        return render(request, "entry/target_form.html", {"form": form, **_frameworks_context()})
    data = form.cleaned_data
    # An open revision of the year is changed on its own page, which checks the version it read.
    if (open_one := Target.objects.open().filter(regency=data["regency"], year=data["year"]).first()) is not None:
        form.add_error("year", _open_target_message(open_one))
        return render(request, "entry/target_form.html", {"form": form, **_frameworks_context()})
    try:
        target = services.save_target_draft(
            regency=data["regency"], year=data["year"], value=data["value"], by=request.user, cited=form.cited()
        )
    except services.ConcurrentEdit as conflict:
        # A colleague started a revision of the year's target at the same moment.
        form.add_error(None, concurrent_message(conflict.current))
        return render(request, "entry/target_form.html", {"form": form, **_frameworks_context()}, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return render(request, "entry/target_form.html", {"form": form, **_frameworks_context()})
    if target.is_published:
        messages.info(request, _("Target ini sama dengan target yang sudah terbit; tidak ada yang diubah."))
    else:
        messages.success(request, _("Target disimpan sebagai draf. Ajukan untuk verifikasi bila sudah lengkap."))
    return redirect("entry:target_detail", pk=target.pk)


@entry_required
def target_edit(request, pk: int):
    target = _visible_target(request, pk)
    if not target.is_editable:
        raise Http404(_("Hanya target yang masih draf atau dikembalikan yang dapat diubah."))
    initial = {"regency": target.regency, "year": target.year, "value": target.value, "version": target.version}
    form = TargetForm(request.POST or None, initial=initial, editing=target)
    form.fields["regency"].queryset = editable_regencies(request.user)
    on_file = selectors.sources_on_file(regency=target.regency, year=target.year)
    limit_choices(form, "target_source", on_file)
    context = {"form": form, "target": target, **_frameworks_context(target)}
    if request.method != "POST":
        if target.source_id and on_file.filter(pk=target.source_id).exists():
            form.initial["target_source_choice"] = target.source_id
        return render(request, "entry/target_form.html", context)
    if not form.is_valid():
        return render(request, "entry/target_form.html", context)
    data = form.cleaned_data
    try:
        services.save_target_draft(
            regency=target.regency,
            year=target.year,
            value=data["value"],
            by=request.user,
            cited=form.cited(),
            version=data["version"] if data["version"] is not None else -1,
        )
    except services.ConcurrentEdit as conflict:
        form.add_error(None, concurrent_message(conflict.current))
        form.data = form.data.copy()
        form.data["version"] = conflict.current.version if conflict.current else ""
        return render(request, "entry/target_form.html", context, status=409)
    except ValidationError as error:
        attach_errors(form, error)
        return render(request, "entry/target_form.html", context)
    messages.success(request, _("Target disimpan sebagai draf. Ajukan untuk verifikasi bila sudah lengkap."))
    return redirect("entry:target_detail", pk=target.pk)


def detail_page(request, target: Target, *, return_form: ReturnForm | None = None, status: int = 200):
    context = {"target": target, "record": target, **review_context(request, target, return_form=return_form)}
    return render(request, "entry/target_detail.html", context, status=status)


@entry_required
def target_detail(request, pk: int):
    return detail_page(request, _visible_target(request, pk))
