from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from accounts.permissions import staff_required
from regencies.maps import map_areas, projected_map
from spbe_portal.public_cache import public_page

from . import charts, exports, publication, selectors, trends
from .filters import RankingFilter
from .models import INDEX_MAX, ReviewState
from .tables import RankingTable
from .trends import TREND_LEGEND

YEAR_PARAM = "tahun"
DOWNLOAD_PARAM = "unduh"


def _requested_year(request) -> int | None:
    raw = request.GET.get(YEAR_PARAM, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(_("Tahun tidak dikenal."))
    return int(raw)


@public_page
def home(request):
    """The public ranking of one year, with its map, filters and downloads."""
    try:
        ranking = selectors.ranking_for_year(year=_requested_year(request))
    except selectors.UnknownYear as unknown:
        raise Http404(_("Belum ada hasil terpublikasi untuk tahun %(year)s.") % {"year": unknown.args[0]}) from None

    filterset = RankingFilter(request.GET or None, predikat_names=[band.name for band in ranking.bands])
    # Not RankingTable(request=...): that configures the table with django-tables2's default pagination, 25 rows,
    # and every regency after the 25th vanished from the page (found at national size by seed_demo).
    table = RankingTable(filterset.filter_rows(ranking.rows))
    RequestConfig(request, paginate=False).configure(table)
    # render_table passes only the table to its template, so the caption travels on it.
    table.caption = _("Peringkat indeks SPBE %(year)s; klik judul kolom untuk mengurutkan") % {"year": ranking.year}

    download = request.GET.get(DOWNLOAD_PARAM)
    filename = f"peringkat-spbe-ntt-{ranking.year}"
    if download == "csv":
        return exports.csv_response(table.sorted_rows, filename=filename)
    if download == "xlsx":
        return exports.xlsx_response(table.sorted_rows, filename=filename)

    query_without_download = request.GET.copy()
    query_without_download.pop(DOWNLOAD_PARAM, None)
    return render(
        request,
        "assessments/home.html",
        {
            "ranking": ranking,
            "table": table,
            "filterset": filterset,
            "map": projected_map(),
            "map_areas": _ranking_map_areas(ranking),
            "query": query_without_download.urlencode(),
            "trend_legend": TREND_LEGEND,
            "shows_demo_data": ranking.shows_demo_data,
        },
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


@staff_required
def overview(request):
    """Provincial Kominfo staff only: it lists what waits for verification.

    Everything below the queue changes only with a publication and is the same for every officer, and at national
    size it takes a second to build; it is rendered once per publication version and language and kept in the
    cache. The queue is read on every visit."""
    waiting_results, waiting_targets = selectors.waiting_for_verification()
    key = f"overview:{publication.current_version()}:{get_language()}"
    published = cache.get(key)
    if published is None:
        data = selectors.provincial_overview(waiting=(waiting_results, waiting_targets))
        counts_chart = None
        if data.years:
            counts_chart = charts.predikat_counts_figure(
                years=data.years, counts=data.predikat_counts, bands=data.bands
            )
        province_chart = None
        if data.province_results or data.province_targets:
            province_chart = charts.index_history_figure(
                official=[(r.year, r.value) for r in data.province_results if r.evaluated],
                self_assessed=[],
                targets=[(t.year, t.value) for t in data.province_targets],
                bands=data.bands,
            )
        context = {"overview": data, "counts_chart": counts_chart, "province_chart": province_chart}
        published = {
            "html": render_to_string("assessments/_overview_published.html", context, request=request),
            "has_charts": bool(counts_chart or province_chart),
            "is_demo": data.published_is_demo,
        }
        cache.set(key, published, settings.PUBLIC_PAGE_CACHE_SECONDS)
    waiting = [*waiting_results, *waiting_targets]
    return render(
        request,
        "assessments/overview.html",
        {
            "waiting_results": waiting_results,
            "waiting_targets": waiting_targets,
            "waiting_count": len(waiting),
            # Rendered by this view from our own template above: already escaped.
            "published_sections": mark_safe(published["html"]),
            "has_charts": published["has_charts"],
            "shows_demo_data": published["is_demo"] or any(item.is_demo for item in waiting),
        },
    )


def method(request):
    """Where the numbers come from and how they are read. The prose is written once per language in its own
    template (method_id.html, method_en.html) because it is long and explains terms; every number on it comes
    from the database or from the code that computes it."""
    language = "en" if (get_language() or "id").startswith("en") else "id"
    data = selectors.method_page()
    return render(
        request,
        f"assessments/method_{language}.html",
        {
            "frameworks": data.frameworks,
            "sources": data.sources,
            "shows_demo_data": any(source.is_demo for source in data.sources),
            "index_max": INDEX_MAX,
            "on_track_percent": trends.ON_TRACK_SHARE * 100,
            "moderate_percent": trends.MODERATE_SHARE * 100,
            "stagnation_floor": trends.STAGNATION_FLOOR,
            "trend_legend": TREND_LEGEND,
            "review_states": ReviewState,
        },
    )
