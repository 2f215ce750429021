"""The province's review of one regency's indicators for a year: the three stages side by side (staff, and the
regency's own admins reading what came back), and the per-indicator form where staff set the province's level
and the official level."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_regency, entry_required, is_provincial_staff, staff_required
from assessments.models import AssessmentStage, Framework, Indicator, IndicatorAssessment
from assessments.services import ConcurrentEdit, full_name, indicator_review
from regencies.models import Regency

from ..review_forms import OfficialLevelForm, ProvinceLevelForm
from ..selectors import indicator_review as reads
from .common import attach_errors, requested_part

PROVINCE_FORM, OFFICIAL_FORM = "provinsi", "resmi"


def _regency_and_framework(request, slug: str, year: int):
    """A regency admin asking for another regency gets 404, as for its results."""
    regency = get_object_or_404(Regency.objects.ranked(), slug=slug)
    if not can_edit_regency(request.user, regency):
        raise Http404
    framework = Framework.objects.in_force(year)
    if framework is None:
        raise Http404
    return regency, framework


@entry_required
def review_page(request, slug: str, year: int):
    regency, framework = _regency_and_framework(request, slug, year)
    review = reads.review(regency=regency, year=year, framework=framework)
    return render(
        request,
        "entry/indicator_review/review.html",
        {"review": review, "is_staff": is_provincial_staff(request.user), "stages": AssessmentStage},
    )


@staff_required
def indicator_edit(request, slug: str, year: int, number: int):
    regency, framework = _regency_and_framework(request, slug, year)
    indicator = get_object_or_404(
        Indicator.objects.filter(aspect__framework=framework).select_related("aspect__domain"), number=number
    )
    # One entry of an indicator scored more than once (`?bagian=2`: the second public service of 5/2018's 35).
    part = requested_part(request)
    if not 1 <= part <= indicator.entries:
        raise Http404
    rows = reads.stage_rows(regency=regency, year=year, indicator=indicator, part=part)
    province = rows.get(AssessmentStage.PROVINCE)
    official = rows.get(AssessmentStage.OFFICIAL)
    province_form = ProvinceLevelForm(
        framework=framework,
        indicator=indicator,
        initial={
            "level": province.level if province else None,
            "note": province.explanation if province else "",
            "version": province.version if province else 0,
        },
    )
    official_form = OfficialLevelForm(
        framework=framework,
        indicator=indicator,
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
            province_form = ProvinceLevelForm(request.POST, framework=framework, indicator=indicator)
            form, write = province_form, _write_province
        elif which == OFFICIAL_FORM:
            official_form = OfficialLevelForm(request.POST, framework=framework, indicator=indicator)
            form, write = official_form, _write_official
        else:
            return redirect(request.get_full_path())
        status = 400
        if form.is_valid():
            try:
                write(form, regency=regency, year=year, indicator=indicator, part=part, by=request.user)
            except ConcurrentEdit as conflict:
                form.add_error(None, _conflict_message(conflict.current))
                status = 409
            except ValidationError as error:
                attach_errors(form, error)
            else:
                named = (
                    f"{indicator.number} · {indicator.entry_name(part)}" if indicator.entries > 1 else indicator.number
                )
                messages.success(request, _("Indikator %(number)s disimpan.") % {"number": named})
                return redirect(f"{_review_url(regency, year)}#{reads.anchor(indicator, part)}")
    return render(
        request,
        "entry/indicator_review/indicator_form.html",
        {
            "regency": regency,
            "year": year,
            "framework": framework,
            "indicator": indicator,
            "part": part,
            "entry_name": indicator.entry_name(part),
            "anchor": reads.anchor(indicator, part),
            "self_row": rows.get(AssessmentStage.SELF),
            "province": province,
            "official": official,
            "province_form": province_form,
            "official_form": official_form,
            "follow_ups": reads.indicator_follow_ups(regency=regency, year=year, indicator=indicator),
            "result": reads.followed_result(regency=regency, year=year),
            "PROVINCE_FORM": PROVINCE_FORM,
            "OFFICIAL_FORM": OFFICIAL_FORM,
        },
        status=status,
    )


def _review_url(regency, year) -> str:
    from django.urls import reverse

    return reverse("entry:indicator_review", kwargs={"slug": regency.slug, "year": year})


def _write_province(form, *, regency, year, indicator, part, by):
    indicator_review.set_province_level(
        regency=regency,
        year=year,
        indicator=indicator,
        part=part,
        level=form.cleaned_data["level"],
        note=form.cleaned_data["note"],
        version=form.cleaned_data["version"],
        by=by,
    )


def _write_official(form, *, regency, year, indicator, part, by):
    indicator_review.set_official_level(
        regency=regency,
        year=year,
        indicator=indicator,
        part=part,
        level=form.cleaned_data["level"],
        source=form.source(),
        version=form.cleaned_data["version"],
        by=by,
    )


def _conflict_message(current: IndicatorAssessment) -> str:
    last = current.history.select_related("history_user").first()
    who = full_name(last.history_user) if last and last.history_user else _("pengguna lain")
    # In the reader's format: a converted Pemdi value reads 2,35, as on the form.
    level = formats.localize(current.level) if current.level is not None else _("belum ditetapkan")
    return _(
        "Indikator ini sudah diubah oleh %(who)s setelah Anda membukanya (tingkat sekarang %(level)s). "
        "Perubahan Anda belum disimpan; periksa nilai terbaru lalu simpan lagi bila perlu."
    ) % {"who": who, "level": level}
