"""The provincial staff overview `/provinsi/`."""

from django.shortcuts import render

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
    published = publication.cached_fragment(
        "overview",
        template="dashboard/_overview_published.html",
        build_context=lambda: _published_context(waiting=(waiting_results, waiting_targets)),
        facts=lambda context: {
            "has_charts": bool(context["counts_chart"] or context["province_chart"]),
            "is_demo": context["overview"].published_is_demo,
        },
        request=request,
    )
    waiting = [*waiting_results, *waiting_targets]
    return render(
        request,
        "dashboard/overview.html",
        {
            "waiting_results": waiting_results,
            "waiting_targets": waiting_targets,
            "waiting_count": len(waiting),
            "published_sections": published,
            "has_charts": published.facts["has_charts"],
            "shows_demo_data": published.facts["is_demo"] or any(item.is_demo for item in waiting),
        },
    )


def _published_context(*, waiting: tuple[list, list]) -> dict:
    data = selectors.provincial_overview(waiting=waiting)
    counts_chart = None
    if data.years:
        counts_chart = charts.predikat_counts_figure(years=data.years, counts=data.predikat_counts, bands=data.bands)
    province_chart = None
    if data.province_results or data.province_targets:
        province_chart = charts.index_history_figure(
            official=[(r.year, r.value) for r in data.province_results if r.evaluated],
            self_assessed=[],
            targets=[(t.year, t.value) for t in data.province_targets],
            bands=data.bands,
            segments=data.segments,
        )
    return {"overview": data, "counts_chart": counts_chart, "province_chart": province_chart}
