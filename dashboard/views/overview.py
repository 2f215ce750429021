"""The provincial staff overview `/provinsi/`."""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.permissions import staff_required
from assessments import publication
from assessments.selectors import waiting_for_verification

from .. import charts, selectors


@staff_required
def overview(request):
    """Provincial Kominfo staff only: it lists what waits for verification.

    Everything below the queue changes only with a publication and is the same for every officer, and at national
    size it takes a second to build; it is rendered once per publication version and language and kept in the
    cache. The queue is read on every visit."""
    waiting_results, waiting_targets = waiting_for_verification()
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
            "html": render_to_string("dashboard/_overview_published.html", context, request=request),
            "has_charts": bool(counts_chart or province_chart),
            "is_demo": data.published_is_demo,
        }
        cache.set(key, published, settings.PUBLIC_PAGE_CACHE_SECONDS)
    waiting = [*waiting_results, *waiting_targets]
    return render(
        request,
        "dashboard/overview.html",
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
