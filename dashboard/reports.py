"""PDF reports to attach to a letter: one per regency, one per year's ranking, drawn by WeasyPrint from templates.

Rendered from the same selectors as the pages, with the server-drawn SVG chart, every source as a numbered note,
and the date of the data (the publication it reflects), so that the PDF cached for a publication version always
says the same thing.
"""

import re

from django.template.loader import render_to_string
from django.utils import timezone

from assessments import publication
from assessments.selectors import follow_ups_for_regency

from . import svg_charts
from .selectors import Ranking, RegencyProfile


def _pdf(request, template: str, context: dict) -> bytes:
    context = {
        **context,
        "data_as_of": timezone.localtime(publication.current().changed_at),
        # Written into the page footer of the CSS (@page), where HTML escaping does not apply: URL characters only.
        # The report's own address, without whatever query string the request that built the stored copy had.
        "page_url": re.sub(r"[^A-Za-z0-9:/._~%-]", "", request.build_absolute_uri(request.path)),
    }
    html = render_to_string(template, context, request=request)
    # Imported here: WeasyPrint loads Pango when imported, and a machine without it should still serve every page.
    from weasyprint import HTML

    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()


def regency_report(request, profile: RegencyProfile) -> bytes:
    svg = svg_charts.index_history_svg(**profile.chart_lines)
    return _pdf(
        request,
        "dashboard/report_regency.html",
        {
            "profile": profile,
            "regency": profile.regency,
            "svg": svg,
            "follow_ups": follow_ups_for_regency(regency=profile.regency, include_unverified=False),
        },
    )


def ranking_report(request, ranking: Ranking) -> bytes:
    sources = {}
    for row in [*ranking.rows, *([ranking.province] if ranking.province else [])]:
        for item in (row.result, row.target, row.flag):
            if item is not None and item.source is not None:
                sources.setdefault(item.source.pk, item.source)
    return _pdf(
        request,
        "dashboard/report_ranking.html",
        {
            "ranking": ranking,
            "sources": sorted(sources.values(), key=lambda source: (source.published_on, source.title)),
        },
    )
