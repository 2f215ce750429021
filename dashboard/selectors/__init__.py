"""Reads of the read-only pages, one module per page; `from dashboard import selectors` reaches them all."""

from .method import MethodPage, method_page, public_sources
from .overview import HeatRow, Overview, provincial_overview
from .profile import RegencyProfile, SubIndices, YearLine, regency_for_profile, regency_profile, regency_profiles
from .ranking import Ranking, RankingRow, UnknownYear, ranking_for_year

__all__ = [
    "HeatRow",
    "MethodPage",
    "Overview",
    "Ranking",
    "RankingRow",
    "RegencyProfile",
    "SubIndices",
    "UnknownYear",
    "YearLine",
    "method_page",
    "provincial_overview",
    "public_sources",
    "ranking_for_year",
    "regency_for_profile",
    "regency_profile",
    "regency_profiles",
]
