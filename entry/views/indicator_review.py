"""The province's review of one regency's indicators for a year: the three stages side by side (staff, and the
regency's own admins reading what came back), and the per-indicator form where staff set the province's level
and the official level."""

from html import escape

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import date, linebreaksbr
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_regency, entry_required, is_provincial_staff, staff_required
from assessments.formatting import signed_level
from assessments.models import AssessmentStage, Framework, Indicator, IndicatorAssessment
from assessments.services import ConcurrentEdit, full_name, indicator_review
from regencies.models import Regency

from ..review_forms import OfficialLevelForm, ProvinceLevelForm
from ..selectors import indicator_review as reads
from .common import attach_errors, level_cell, requested_part

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
    is_staff = is_provincial_staff(request.user)
    write = _rows_writer(review, is_staff=is_staff)
    # Each domain with its aspects, each aspect with its table's body.
    domains = [
        (domain, part, [(aspect, write(rows)) for aspect, rows in part.aspects]) for domain, part in review.domains
    ]
    return render(
        request,
        "entry/indicator_review/review.html",
        {"review": review, "domains": domains, "is_staff": is_staff, "stages": AssessmentStage},
    )


# Between a row's cells, as the page's other markup is indented.
LINE = "\n      "


def _rows_writer(review: reads.Review, *, is_staff: bool):
    """Writes an aspect's scored entries as its table's rows: each entry's three stages, the differences, its
    details (explanation, evidence, the province's note, the official source, the recommendations) and links.
    Written here, as the province view's cells and the imports' previews are: through a template the page's 47-58
    rows took 37 of its 55 ms of CPU at national size, two dozen lookups and a reversed link each. The labels are
    translated once for the page, and only text escaped (html.escape, what django.utils.html.escape calls)."""
    none_yet = f'<span class="no-data">{escape(_("belum ada"))}</span>'
    no_data = f'<span class="no-data">{escape(_("belum ada data"))}</span>'
    details, indicator_word = escape(_("Rincian")), escape(_("indikator"))
    set_label, add_label, edit_label = escape(_("Tetapkan tingkat")), escape(_("tambah rekomendasi")), escape(_("Ubah"))
    same = f'<span class="hint">{escape(_("sama atau belum dapat dibandingkan"))}</span>'
    labels = [
        escape(_("Penjelasan wilayah")),
        escape(_("Bukti dukung")),
        escape(_("Catatan reviu provinsi")),
        escape(_("Sumber tingkat resmi")),
    ]
    recommendations, see_recommendations = escape(_("Rekomendasi")), escape(_("lihat rekomendasi di baris"))
    add_url = escape(reverse("entry:follow_up_create", args=[review.result.pk])) if review.result else ""

    def explained(row) -> str:
        return linebreaksbr(row.explanation) if row and row.explanation else none_yet

    def evidence(row) -> str:
        links = [
            f'<a href="{reverse("entry:evidence", args=[file.token])}">{escape(file.original_name)}</a>'
            for file in row.evidence
        ]
        return ", ".join(links) or none_yet

    def source(row) -> str:
        cited = row.official_row.source if row.official_row else None
        if cited is None:
            return no_data
        title = escape(cited.title)
        named = f'<a href="{escape(cited.url)}" rel="noopener">{title}</a>' if cited.url else title
        return f"{named} ({escape(cited.publisher)}, {escape(date(cited.published_on, 'j N Y'))})"

    def follow_ups(row, number: int) -> str:
        items = []
        for item in row.follow_ups:
            status = escape(item.get_status_display())
            if not item.is_published:
                status += f", {escape(item.get_state_display())}"
            edit = reverse("entry:follow_up_edit", args=[item.pk])
            items.append(
                f'<p>{escape(item.recommendation)} <span class="hint">({status})</span> '
                f'<a href="{edit}">{edit_label}</a></p>'
            )
        if items:
            return "".join(items)
        if row.follow_ups_at:
            first = escape(row.first_entry_name)
            return f'<a href="#{row.follow_ups_at}">{see_recommendations} {number} · {first}</a>'
        return none_yet

    def actions(row, number: int, entry: str) -> str:
        links = []
        if is_staff:
            edit = reverse("entry:indicator_review_edit", args=[review.regency.slug, review.year, number])
            edit += f"?bagian={row.part}" if row.is_one_of_several else ""
            links.append(
                f'<a href="{edit}">{set_label}<span class="visually-hidden"> {indicator_word} {number}{entry}'
                "</span></a>"
            )
        if add_url:
            links.append(
                f'<a href="{add_url}?indikator={number}">{add_label}<span class="visually-hidden"> {indicator_word} '
                f"{number}</span></a>"
            )
        return " · ".join(links)

    def level(value) -> str:
        return f'<td class="num">{no_data}</td>' if value is None else level_cell(value)

    def deltas(row) -> str:
        found = [
            f'<span class="delta"><span aria-hidden="true">≠ </span>{escape(label)} {signed_level(delta)}</span>'
            for label, delta in row.deltas
        ]
        return "<br>".join(found) or same

    def write(rows: list[reads.ReviewRow]) -> str:
        written = []
        for row in rows:
            number = row.indicator.number
            entry = f" · {escape(row.entry_name)}" if row.is_one_of_several else ""
            differs = ' class="differs"' if row.differs else ""
            written.append(
                f'<tr id="{row.anchor}"{differs}>\n'
                f'      <th scope="row">{number}. {escape(row.indicator.name)}{entry}\n'
                f'        <details class="indicator-detail"><summary>{details}</summary>\n'
                f"          <dl>\n"
                f"            <dt>{labels[0]}</dt><dd>{explained(row.self_row)}</dd>\n"
                f"            <dt>{labels[1]}</dt><dd>{evidence(row)}</dd>\n"
                f"            <dt>{labels[2]}</dt><dd>{explained(row.province_row)}</dd>\n"
                f"            <dt>{labels[3]}</dt><dd>{source(row)}</dd>\n"
                f"            <dt>{recommendations}</dt><dd>{follow_ups(row, number)}</dd>\n"
                f"          </dl>\n"
                f"        </details>\n"
                f'        <p class="row-actions">{actions(row, number, entry)}</p>\n'
                f"      </th>\n"
                f"      {''.join(level(value) + LINE for value in row.levels)}<td>{deltas(row)}</td>\n"
                f"</tr>"
            )
        # Every piece above is escaped text, a number, a level, a reversed link or markup written here.
        return mark_safe("\n".join(written))

    return write


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
