"""The ranking page switched to a related index (`/?indeks=ipp&tahun=2025`): each kabupaten/kota's published
values of the year as their sources state them, on the index's own scale.

No predikat band is derived (no band table with a source exists for RB, IPP or KIP): the category is shown as
written. Sources that disagree are both shown. No rank number is given: two sources may give one regency two
values, and a category cannot be ordered against a number; rows are ordered by the highest stated value.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef

from assessments.models import IndexFamily, RelatedIndexValue
from regencies.models import Regency

from .ranking import UnknownYear

SPBE_CODE = "spbe"


class UnknownIndex(LookupError):
    """No related index with published values has this code."""


def _published_with_year():
    return RelatedIndexValue.objects.published().filter(year__isnull=False, is_target=False)


def offered_families() -> list[IndexFamily]:
    """The related indices that have a published value in some year: the ranking's switch offers these (one
    query)."""
    has_values = Exists(_published_with_year().filter(family=OuterRef("pk")))
    return list(IndexFamily.objects.filter(has_values).order_by("position", "code"))


@dataclass(frozen=True)
class RelatedRankingRow:
    regency: Regency
    # The year's stated values (value and/or category), one a source; more than one when sources differ.
    facts: list[RelatedIndexValue]
    targets: list[RelatedIndexValue]

    @property
    def has_value(self) -> bool:
        return bool(self.facts)

    @property
    def disputed(self) -> bool:
        return len({(fact.value, fact.category) for fact in self.facts}) > 1

    @property
    def highest(self) -> Decimal | None:
        values = [fact.value for fact in self.facts if fact.value is not None]
        return max(values) if values else None


@dataclass(frozen=True)
class RelatedRanking:
    family: IndexFamily
    families: list[IndexFamily]
    year: int
    years: list[int]
    rows: list[RelatedRankingRow]
    province: RelatedRankingRow | None
    valued_counts: dict[int, int]

    @property
    def index_query(self) -> str:
        """What a link to another year of this index carries before `tahun=`."""
        return f"indeks={self.family.code.lower()}&"

    @property
    def valued_count(self) -> int:
        return sum(1 for row in self.rows if row.has_value)

    @property
    def regency_count(self) -> int:
        return len(self.rows)

    @property
    def year_options(self) -> list[tuple[int, int]]:
        return [(year, self.valued_counts.get(year, 0)) for year in self.years]

    @property
    def few_values(self) -> bool:
        return self.valued_count * 2 < self.regency_count

    @property
    def fuller_year(self) -> int | None:
        best = max(self.year_options, key=lambda option: (option[1], option[0]), default=None)
        return best[0] if best and best[1] > self.valued_count and best[0] != self.year else None

    @property
    def has_targets(self) -> bool:
        return any(row.targets for row in [*self.rows, *([self.province] if self.province else [])])

    @property
    def has_disputes(self) -> bool:
        return any(row.disputed for row in self.rows)


def _order(rows: list[RelatedRankingRow]) -> list[RelatedRankingRow]:
    """Highest stated value first; then rows with a category only; then "belum ada data"; by code within."""

    def key(row: RelatedRankingRow):
        if row.highest is not None:
            return (0, -row.highest, row.regency.code)
        return (1 if row.has_value else 2, Decimal(0), row.regency.code)

    return sorted(rows, key=key)


def related_ranking(*, code: str, year: int | None) -> RelatedRanking:
    """Two queries whatever the number of regencies, years or facts: the regencies, and every published fact of
    a related index that names a year (the switch, the year picker's counts and the table all come from it).

    Raises UnknownIndex for a code with no published value, UnknownYear for a year without one of the index.
    """
    regencies = sorted(Regency.objects.all(), key=lambda regency: (regency.is_province, regency.code))
    facts = list(
        RelatedIndexValue.objects.published()
        .filter(year__isnull=False)
        .select_related("family")
        # An undated source first on every database: PostgreSQL puts NULL last in ascending order, SQLite first,
        # which showed two sources of one disputed value in a different order.
        .order_by("family__position", "year", "is_target", F("source_published_on").asc(nulls_first=True), "pk")
    )
    families: dict[int, IndexFamily] = {}
    for fact in facts:
        if not fact.is_target:
            families.setdefault(fact.family_id, fact.family)
    family = next((item for item in families.values() if item.code.lower() == code.lower()), None)
    if family is None:
        raise UnknownIndex(code)
    own = [fact for fact in facts if fact.family_id == family.pk]
    province_ids = {regency.pk for regency in regencies if regency.is_province}
    valued: dict[int, set[int]] = {}
    for fact in own:
        if not fact.is_target:
            regencies_of_year = valued.setdefault(fact.year, set())
            if fact.regency_id not in province_ids:
                regencies_of_year.add(fact.regency_id)
    years = sorted(valued, reverse=True)
    if year is None:
        year = years[0]
    elif year not in valued:
        raise UnknownYear(year)

    of_year_by_regency: dict[int, list[RelatedIndexValue]] = {}
    for fact in own:
        if fact.year == year:
            of_year_by_regency.setdefault(fact.regency_id, []).append(fact)
    rows, province = [], None
    for regency in regencies:
        of_year = of_year_by_regency.get(regency.pk, [])
        row = RelatedRankingRow(
            regency=regency,
            facts=[fact for fact in of_year if not fact.is_target],
            targets=[fact for fact in of_year if fact.is_target],
        )
        if regency.is_province:
            province = row
        else:
            rows.append(row)
    return RelatedRanking(
        family=family,
        families=list(families.values()),
        year=year,
        years=years,
        rows=_order(rows),
        province=province if province and (province.facts or province.targets) else None,
        valued_counts={item: len(ids) for item, ids in valued.items()},
    )
