from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from assessments.models import PredikatBand, Result, Target

from .models import Regency, StatusFlag


def regency_for_profile(*, slug: str) -> Regency:
    """A regency with its published results, targets and flags prefetched (five queries)."""
    return get_object_or_404(
        Regency.objects.prefetch_related(
            Prefetch(
                "results",
                queryset=Result.objects.published()
                .select_related("source", "framework")
                .prefetch_related(Prefetch("framework__bands", queryset=PredikatBand.objects.all()))
                .order_by("year", "kind"),
                to_attr="published_results",
            ),
            Prefetch(
                "targets",
                queryset=Target.objects.published().select_related("source").order_by("year"),
                to_attr="published_targets",
            ),
            Prefetch(
                "status_flags",
                queryset=StatusFlag.objects.select_related("source").order_by("-as_of"),
                to_attr="flags",
            ),
        ),
        slug=slug,
    )
