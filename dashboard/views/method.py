"""The data and method page `/metode/`."""

from django.shortcuts import render
from django.utils.translation import get_language

from assessments import trends
from assessments.models import INDEX_MAX, ReviewState
from assessments.trends import TREND_LEGEND

from .. import selectors
from ..cache import public_page


@public_page
def method(request):
    """Where the numbers come from and how they are read. The prose is written once per language in its own
    template (method_id.html, method_en.html) because it is long and explains terms; every number on it comes
    from the database or from the code that computes it."""
    language = "en" if (get_language() or "id").startswith("en") else "id"
    data = selectors.method_page()
    return render(
        request,
        f"dashboard/method_{language}.html",
        {
            "frameworks": data.frameworks,
            "sources": data.sources,
            "national_references": data.national_references,
            "shows_demo_data": any(source.is_demo for source in data.sources),
            "index_max": INDEX_MAX,
            "on_track_percent": trends.ON_TRACK_SHARE * 100,
            "moderate_percent": trends.MODERATE_SHARE * 100,
            "stagnation_floor": trends.STAGNATION_FLOOR,
            "trend_legend": TREND_LEGEND,
            "review_states": ReviewState,
        },
    )
