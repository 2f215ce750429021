from django.shortcuts import render

from accounts.permissions import can_edit_regency
from assessments import charts
from assessments.selectors import follow_ups_for_regency
from spbe_portal.public_cache import public_page

from . import selectors


@public_page
def detail(request, slug: str):
    profile = selectors.regency_profile(slug=slug)
    index_chart = None
    if profile.official or profile.self_assessed or profile.targets:
        index_chart = charts.index_history_figure(
            official=profile.official,
            self_assessed=profile.self_assessed,
            targets=profile.targets,
            bands=profile.bands,
        )
    sub_index_chart = None
    if profile.sub_indices:
        sub_index_chart = charts.sub_index_figure(
            domains=profile.sub_indices.domains, aspects=profile.sub_indices.aspects
        )
    return render(
        request,
        "regencies/detail.html",
        {
            "regency": profile.regency,
            "profile": profile,
            "index_chart": index_chart,
            "sub_index_chart": sub_index_chart,
            "has_charts": bool(index_chart or sub_index_chart),
            "shows_demo_data": profile.shows_demo_data,
            # Verified follow-ups for everyone; staff and the regency's own admin also see those awaiting review.
            "follow_ups": follow_ups_for_regency(
                regency=profile.regency, include_unverified=can_edit_regency(request.user, profile.regency)
            ),
        },
    )
