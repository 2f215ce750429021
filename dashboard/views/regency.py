"""A regency's profile `/wilayah/<slug>/` and its embeddable chart."""

from csp.decorators import csp_replace
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt

from accounts.permissions import can_edit_regency
from assessments import spreadsheets
from assessments.selectors import follow_ups_for_regency

from .. import (
    charts,
    level_exports,
    profile_exports,
    related_exports,
    reports,
    selectors,
    share_images,
    sharing,
    svg_charts,
)
from ..cache import public_file, public_page


def _index_svg(profile: selectors.RegencyProfile) -> svg_charts.IndexSvg | None:
    return svg_charts.index_history_svg(**profile.chart_lines)


def _index_chart(profile: selectors.RegencyProfile) -> dict | None:
    if not (profile.official or profile.self_assessed or profile.targets):
        return None
    return charts.index_history_figure(**profile.chart_lines)


def _level_bars(table) -> svg_charts.BarsSvg | None:
    """Bars of the newest scored year of the table (official before self-assessment)."""
    column = table.chart_column
    if column is None:
        return None
    return svg_charts.score_bars(
        domains=[(f"{n}. {table.domains[n]}", value) for n, value in column.scores.domains.items()],
        aspects=[(f"{n}. {table.aspects[n]}", value) for n, value in column.scores.aspects.items()],
    )


@public_page
def detail(request, slug: str):
    profile = selectors.regency_profile(slug=slug, with_related_indices=True)
    download = request.GET.get("unduh")
    levels_name = f"tingkat-indikator-spbe-{profile.regency.slug}"
    if download == "tingkat-csv":
        return level_exports.csv_response(profile.regency, profile.level_tables, filename=levels_name)
    if download == "tingkat-xlsx":
        return level_exports.xlsx_response(profile.regency, profile.level_tables, filename=levels_name)
    if download in ("csv", "csv-excel"):
        flavour = spreadsheets.excel_flavour() if download == "csv-excel" else spreadsheets.STANDARD
        return profile_exports.csv_response(profile, flavour=flavour)
    if download in RELATED_DOWNLOADS:
        return _related_download(profile, download)
    index_chart = _index_chart(profile)
    return render(
        request,
        "dashboard/regency.html",
        {
            "regency": profile.regency,
            "profile": profile,
            "index_chart": index_chart,
            "index_svg": _index_svg(profile),
            "level_tables": [(table, _level_bars(table)) for table in profile.level_tables],
            "has_charts": bool(index_chart),
            "shows_demo_data": profile.shows_demo_data,
            # Verified follow-ups for everyone; staff and the regency's own admin also see those awaiting review.
            "follow_ups": follow_ups_for_regency(
                regency=profile.regency, include_unverified=can_edit_regency(request.user, profile.regency)
            ),
            "embed_url": request.build_absolute_uri(profile.regency.get_embed_url()),
            "share": sharing.for_regency(request, profile),
        },
    )


RELATED_DOWNLOADS = ("indeks-terkait-csv", "indeks-terkait-csv-excel", "indeks-terkait-xlsx")


def _related_download(profile: selectors.RegencyProfile, download: str):
    """The profile's related indices (RB, IPP, KIP): every published fact with its source, as the section shows."""
    lines = related_exports.profile_lines(profile.related_indices)
    filename = f"indeks-terkait-{profile.regency.slug}"
    if download == "indeks-terkait-csv":
        return related_exports.csv_response(lines, filename=filename)
    if download == "indeks-terkait-xlsx":
        return related_exports.xlsx_response(lines, filename=filename)
    return related_exports.excel_csv_response(lines, filename=filename)


# The one page other sites may frame: it carries no form and no signed-in content, so a framing page can trick
# no one into an action. Every other page keeps frame-ancestors 'none' and X-Frame-Options DENY.
EMBED_FRAME_ANCESTORS = ["*"]


@xframe_options_exempt
@csp_replace({"frame-ancestors": EMBED_FRAME_ANCESTORS})
@public_page
def embed(request, slug: str):
    """The regency's index over the years, small enough for an iframe on a regency's or a newspaper's site.
    Published data only, whoever asks: a signed-in admin framing it must not show drafts to their readers."""
    profile = selectors.regency_profile(slug=slug, with_levels=False)
    return render(
        request,
        "dashboard/embed.html",
        {
            "regency": profile.regency,
            "profile": profile,
            "index_chart": _index_chart(profile),
            "index_svg": _index_svg(profile),
            "shows_demo_data": profile.shows_demo_data,
        },
    )


@public_file
def share_image(request, slug: str):
    """The picture a shared link to the profile shows (Open Graph), cached by publication version."""
    profile = selectors.regency_profile(slug=slug, with_levels=False)
    page_url = request.build_absolute_uri(profile.regency.get_absolute_url())
    return HttpResponse(share_images.regency_card(profile, page_url=page_url), content_type="image/png")


@public_file
def report(request, slug: str):
    """The regency's report as a PDF to attach to a letter, cached by publication version and language."""
    profile = selectors.regency_profile(slug=slug)
    response = HttpResponse(reports.regency_report(request, profile), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-spbe-{profile.regency.slug}.pdf"'
    return response
