"""The public ranking of one year `/`, with its map, filters and downloads."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from assessments.trends import TREND_LEGEND

from .. import exports, related_exports, reports, selectors, share_images, sharing
from ..cache import public_file, public_page
from ..filters import RankingFilter
from ..maps import map_areas, projected_map
from ..tables import RankingTable

YEAR_PARAM = "tahun"
INDEX_PARAM = "indeks"
DOWNLOAD_PARAM = "unduh"


def _requested_year(request) -> int | None:
    raw = request.GET.get(YEAR_PARAM, "").strip()
    if not raw:
        return None
    # ASCII digits only: str.isdigit() accepts "2022²" (and other Unicode digits), which int() then refuses.
    if not (len(raw) == 4 and raw.isascii() and raw.isdigit()):
        raise Http404(_("Tahun tidak dikenal."))
    return int(raw)


@public_page
def home(request):
    """The public ranking of one year, with its map, filters and downloads; `?indeks=ipp` switches it to a
    related index."""
    code = request.GET.get(INDEX_PARAM, "").strip().lower()
    if code and code != selectors.SPBE_CODE:
        return _related_home(request, code)
    try:
        ranking = selectors.ranking_for_year(year=_requested_year(request))
    except selectors.UnknownYear as unknown:
        raise Http404(_("Belum ada hasil terpublikasi untuk tahun %(year)s.") % {"year": unknown.args[0]}) from None

    filterset = RankingFilter(request.GET or None, predikat_names=[band.name for band in ranking.bands])
    # Not RankingTable(request=...): that configures the table with django-tables2's default pagination, 25 rows,
    # and every regency after the 25th vanished from the page (found at national size by seed_demo).
    table = RankingTable(
        filterset.filter_rows(ranking.rows), exclude=("change", "trend") if ranking.index_break else ()
    )
    RequestConfig(request, paginate=False).configure(table)
    # render_table passes only the table to its template, so the caption travels on it.
    index = ranking.index_name
    table.caption = _("Peringkat indeks %(index)s %(year)s; klik judul kolom untuk mengurutkan") % {
        "index": index,
        "year": ranking.year,
    }

    download = request.GET.get(DOWNLOAD_PARAM)
    query_without_download = request.GET.copy()
    query_without_download.pop(DOWNLOAD_PARAM, None)
    filename = exports.filtered_filename(f"peringkat-{index.lower()}-ntt-{ranking.year}", filterset.chosen_labels())
    if download == "csv":
        return exports.csv_response(table.sorted_rows, filename=filename)
    if download == "csv-excel":
        return exports.excel_csv_response(table.sorted_rows, filename=filename)
    if download == "xlsx":
        return exports.xlsx_response(
            table.sorted_rows,
            filename=filename,
            year=ranking.year,
            index=index,
            filters=filterset.chosen_labels(),
            # The page the file was taken from, not the download's own address.
            address=request.build_absolute_uri(f"{request.path}?{query_without_download.urlencode()}"),
        )

    return render(
        request,
        "dashboard/home.html",
        {
            "ranking": ranking,
            "table": table,
            "filterset": filterset,
            "map": projected_map(),
            "map_areas": _ranking_map_areas(ranking),
            "query": query_without_download.urlencode(),
            "trend_legend": TREND_LEGEND,
            "shows_demo_data": ranking.shows_demo_data,
            "share": sharing.for_ranking(request, ranking),
            # Read only when the page is drawn (not for a download): the indices the switch offers.
            "index_families": selectors.offered_families(),
        },
    )


def _related_home(request, code: str):
    """The ranking switched to a related index: the year's stated values with their sources, no predikat."""
    try:
        ranking = selectors.related_ranking(code=code, year=_requested_year(request))
    except selectors.UnknownIndex:
        raise Http404(_("Indeks tidak dikenal.")) from None
    except selectors.UnknownYear as unknown:
        raise Http404(
            _("Belum ada nilai terpublikasi indeks ini untuk tahun %(year)s.") % {"year": unknown.args[0]}
        ) from None
    download = request.GET.get(DOWNLOAD_PARAM)
    filename = f"indeks-{ranking.family.code.lower()}-ntt-{ranking.year}"
    respond = {
        "csv": related_exports.csv_response,
        "xlsx": related_exports.xlsx_response,
        "csv-excel": related_exports.excel_csv_response,
    }.get(download)
    if respond is not None:
        return respond(related_exports.ranking_lines(ranking), filename=filename)
    query_without_download = request.GET.copy()
    query_without_download.pop(DOWNLOAD_PARAM, None)
    return render(
        request,
        "dashboard/related_ranking.html",
        {"ranking": ranking, "index_families": ranking.families, "query": query_without_download.urlencode()},
    )


def _ranking_map_areas(ranking: selectors.Ranking):
    colours, titles, urls = {}, {}, {}
    for row in ranking.rows:
        code = row.regency.code
        urls[code] = row.regency.get_absolute_url()
        colours[code] = row.predikat.color if row.predikat else None
        if row.has_value:
            shown = f"{number_format(row.value, 2)} ({row.predikat_name})"
        elif row.not_evaluated:
            shown = _("tidak dievaluasi")
        else:
            shown = _("belum ada data")
        titles[code] = f"{row.regency.display_name}: {shown}"
    return map_areas(colours=colours, titles=titles, urls=urls)


def _ranking_of(year: int) -> selectors.Ranking:
    try:
        return selectors.ranking_for_year(year=year)
    except selectors.UnknownYear:
        raise Http404(_("Belum ada hasil terpublikasi untuk tahun %(year)s.") % {"year": year}) from None


@public_file
def report(request, year: int):
    """A year's ranking as a PDF to attach to a letter, cached by publication version and language."""
    response = HttpResponse(reports.ranking_report(request, _ranking_of(year)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-peringkat-spbe-ntt-{year}.pdf"'
    return response


@public_file
def share_image(request, year: int):
    """The picture a shared link to a year's ranking shows (Open Graph), cached by publication version."""
    page_url = request.build_absolute_uri(f"{reverse('dashboard:home')}?{YEAR_PARAM}={year}")
    return HttpResponse(share_images.ranking_card(_ranking_of(year), page_url=page_url), content_type="image/png")
