"""The province's review of one regency's indicators for a year: the three stages side by side (staff, and the
regency's own admins reading what came back), and the per-indicator form where staff set the province's level
and the official level."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_regency, entry_required, is_provincial_staff, staff_required
from assessments import province_selectors
from assessments.indicator_models import AssessmentStage, IndicatorAssessment
from assessments.models import FollowUp, Indicator
from assessments.services import ConcurrentEdit, indicator_review
from regencies.models import Regency

from ..review_forms import OfficialLevelForm, ProvinceLevelForm
from . import review_rows
from .common import attach_errors

PROVINCE_FORM, OFFICIAL_FORM = "provinsi", "resmi"


def _regency_and_framework(request, slug: str, year: int):
    """A regency admin asking for another regency gets 404, as for its results."""
    regency = get_object_or_404(Regency.objects.ranked(), slug=slug)
    if not can_edit_regency(request.user, regency):
        raise Http404
    framework = province_selectors.framework_of_year(year)
    if framework is None:
        raise Http404
    return regency, framework


@entry_required
def review_page(request, slug: str, year: int):
    regency, framework = _regency_and_framework(request, slug, year)
    review = province_selectors.review(regency=regency, year=year, framework=framework)
    review_rows.prerender(review, is_staff=is_provincial_staff(request.user))
    return render(
        request,
        "entry/indicator_review/review.html",
        {"review": review, "is_staff": is_provincial_staff(request.user), "stages": AssessmentStage},
    )


def _rows(regency, year, indicator) -> dict[str, IndicatorAssessment]:
    return {
        row.stage: row
        for row in IndicatorAssessment.objects.filter(regency=regency, year=year, indicator=indicator).select_related(
            "source"
        )
    }


@staff_required
def indicator_edit(request, slug: str, year: int, number: int):
    regency, framework = _regency_and_framework(request, slug, year)
    indicator = get_object_or_404(
        Indicator.objects.filter(aspect__domain__framework=framework).select_related("aspect__domain"), number=number
    )
    rows = _rows(regency, year, indicator)
    province = rows.get(AssessmentStage.PROVINCE)
    official = rows.get(AssessmentStage.OFFICIAL)
    province_form = ProvinceLevelForm(
        framework=framework,
        initial={
            "level": province.level if province else None,
            "note": province.explanation if province else "",
            "version": province.version if province else 0,
        },
    )
    official_form = OfficialLevelForm(
        framework=framework,
        initial={
            "level": official.level if official else None,
            "source_choice": official.source_id if official else None,
            "version": official.version if official else 0,
        },
    )
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == PROVINCE_FORM:
            province_form = ProvinceLevelForm(request.POST, framework=framework)
            form, write = province_form, _write_province
        elif which == OFFICIAL_FORM:
            official_form = OfficialLevelForm(request.POST, framework=framework)
            form, write = official_form, _write_official
        else:
            return redirect(request.path)
        status = 400
        if form.is_valid():
            try:
                write(form, regency=regency, year=year, indicator=indicator, by=request.user)
            except ConcurrentEdit as conflict:
                form.add_error(None, _conflict_message(conflict.current))
                status = 409
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Indikator %(number)s disimpan.") % {"number": indicator.number})
                return redirect(f"{_review_url(regency, year)}#indikator-{indicator.number}")
    follow_ups = FollowUp.objects.filter(result__regency=regency, result__year=year, indicator=indicator).order_by("pk")
    return render(
        request,
        "entry/indicator_review/indicator_form.html",
        {
            "regency": regency,
            "year": year,
            "framework": framework,
            "indicator": indicator,
            "self_row": rows.get(AssessmentStage.SELF),
            "province": province,
            "official": official,
            "province_form": province_form,
            "official_form": official_form,
            "follow_ups": follow_ups,
            "result": province_selectors.followed_result(regency=regency, year=year),
            "PROVINCE_FORM": PROVINCE_FORM,
            "OFFICIAL_FORM": OFFICIAL_FORM,
        },
        status=status,
    )


def _review_url(regency, year) -> str:
    from django.urls import reverse

    return reverse("entry:indicator_review", kwargs={"slug": regency.slug, "year": year})


def _write_province(form, *, regency, year, indicator, by):
    indicator_review.set_province_level(
        regency=regency,
        year=year,
        indicator=indicator,
        level=form.cleaned_data["level"],
        note=form.cleaned_data["note"],
        version=form.cleaned_data["version"],
        by=by,
    )


def _write_official(form, *, regency, year, indicator, by):
    indicator_review.set_official_level(
        regency=regency,
        year=year,
        indicator=indicator,
        level=form.cleaned_data["level"],
        source=form.source(),
        version=form.cleaned_data["version"],
        by=by,
    )


def _conflict_message(current: IndicatorAssessment) -> str:
    last = current.history.select_related("history_user").first()
    who = last.history_user.get_username() if last and last.history_user else _("pengguna lain")
    level = current.level if current.level is not None else _("belum ditetapkan")
    return _(
        "Indikator ini sudah diubah oleh %(who)s setelah Anda membukanya (tingkat sekarang %(level)s). "
        "Perubahan Anda belum disimpan; periksa nilai terbaru lalu simpan lagi bila perlu."
    ) % {"who": who, "level": level}
