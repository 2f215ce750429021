"""Reads of the read-only pages, one module per page; `from dashboard import selectors` reaches them all."""

from .method import MethodPage, method_page, public_sources
from .overview import HeatRow, Overview, provincial_overview
from .profile import RegencyProfile, SubIndices, YearLine, regency_for_profile, regency_profile, regency_profiles
from .ranking import Ranking, RankingRow, UnknownYear, ranking_for_year
from .related_ranking import (
    SPBE_CODE,
    RelatedRanking,
    RelatedRankingRow,
    UnknownIndex,
    offered_families,
    related_ranking,
)

__all__ = [
    "SPBE_CODE",
    "HeatRow",
    "MethodPage",
    "Overview",
    "Ranking",
    "RankingRow",
    "RegencyProfile",
    "RelatedRanking",
    "RelatedRankingRow",
    "SubIndices",
    "UnknownIndex",
    "UnknownYear",
    "YearLine",
    "method_page",
    "offered_families",
    "provincial_overview",
    "public_sources",
    "ranking_for_year",
    "regency_for_profile",
    "regency_profile",
    "regency_profiles",
    "related_ranking",
]
