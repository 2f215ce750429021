"""The profile's public indicator levels: per framework, one column per year and stage (KemenPAN-RB's official
levels; a verified self-assessment's, always labelled as such), with the domain and aspect scores of every
complete column, and the newest of those as the profile's sub-indices (the report, the comparison). Read through
assessments/public_levels.py: two queries whatever the number of years, indicators or regencies (one when none has
public levels)."""

from dataclasses import dataclass, field
from decimal import Decimal

from assessments import consistency, scoring
from assessments.public_levels import OFFICIAL, indicator_counts, public_indicator_levels


@dataclass(frozen=True)
class LevelSource:
    title: str
    publisher: str
    published_on: object
    url: str


@dataclass
class LevelColumn:
    year: int
    stage: str
    levels: dict[int, int] = field(default_factory=dict)
    # Every scored entry's level, keyed (number, part): 5/2018's indicator 35 has three, one per public service.
    entry_levels: dict[tuple[int, int], int] = field(default_factory=dict)
    sources: list[LevelSource] = field(default_factory=list)
    scores: scoring.ScoreBreakdown | None = None
    # The official index published for this year (official columns only): beside the index the levels compute
    # to, so that the page never shows the two disagreeing without saying so.
    published_index: Decimal | None = None

    @property
    def is_official(self) -> bool:
        return self.stage == OFFICIAL

    @property
    def disagrees(self) -> bool:
        if self.scores is None or self.published_index is None:
            return False
        return consistency.disagrees(computed=self.scores.index, published=self.published_index)


@dataclass
class LevelTable:
    """The public levels of one framework's years."""

    framework: str
    indicators: dict[int, str] = field(default_factory=dict)
    domains: dict[int, str] = field(default_factory=dict)
    aspects: dict[int, str] = field(default_factory=dict)
    columns: list[LevelColumn] = field(default_factory=list)
    specs: dict[int, scoring.IndicatorSpec] = field(default_factory=dict)
    framework_id: int = 0

    @property
    def rows(self) -> list[tuple[int, str, list[int | None]]]:
        return [
            (number, name, [column.levels.get(number) for column in self.columns])
            for number, name in sorted(self.indicators.items())
        ]

    @property
    def scored_columns(self) -> list[LevelColumn]:
        return [column for column in self.columns if column.scores is not None]

    @property
    def domain_rows(self) -> list[tuple[str, list[Decimal | None]]]:
        return self._score_rows(self.domains, lambda scores: scores.domains)

    @property
    def aspect_rows(self) -> list[tuple[str, list[Decimal | None]]]:
        return self._score_rows(self.aspects, lambda scores: scores.aspects)

    def _score_rows(self, names, part):
        return [
            (f"{number}. {name}", [part(column.scores).get(number) for column in self.scored_columns])
            for number, name in sorted(names.items())
        ]

    @property
    def disagreeing_columns(self) -> list[LevelColumn]:
        return [column for column in self.scored_columns if column.disagrees]

    @property
    def chart_column(self) -> LevelColumn | None:
        """The newest scored column, official before self-assessment of the same year."""
        scored = sorted(self.scored_columns, key=lambda column: (column.year, column.is_official))
        return scored[-1] if scored else None


@dataclass(frozen=True)
class SubIndices:
    """The domain and aspect scores of the newest year whose public levels are complete, official before a
    self-assessment of the same year: what the report and the comparison show of the levels."""

    year: int
    is_official: bool
    domains: list[tuple[str, Decimal]]
    aspects: list[tuple[str, Decimal]]
    # The framework the levels were assessed in (LevelTable.framework): the comparison never puts two frameworks'
    # numbers in one row.
    framework: str = ""

    @property
    def groups(self) -> list[tuple[str, Decimal]]:
        """The domains, or a framework's aspects where it has no domains (Pemdi): what the report lists."""
        return self.domains or self.aspects


def sub_indices_of(tables: list[LevelTable], *, official_first: bool = False) -> SubIndices | None:
    """The newest scored column, official before a self-assessment of the same year; `official_first` (the
    comparison) takes the newest official column wherever one exists, a self-assessment only where none does."""
    scored = [(table, column) for table in tables for column in table.scored_columns]
    if official_first and any(column.is_official for _table, column in scored):
        scored = [(table, column) for table, column in scored if column.is_official]
    if not scored:
        return None
    table, column = max(scored, key=lambda pair: (pair[1].year, pair[1].is_official))
    return SubIndices(
        year=column.year,
        is_official=column.is_official,
        domains=[(f"{n}. {table.domains[n]}", value) for n, value in column.scores.domains.items()],
        aspects=[(f"{n}. {table.aspects[n]}", value) for n, value in column.scores.aspects.items()],
        framework=table.framework,
    )


def mark_published_indices(tables: list[LevelTable], official: list[tuple[int, Decimal]]) -> list[LevelTable]:
    """Sets each official column's published index of its year (the regency's official results, already read)."""
    by_year = dict(official)
    for table in tables:
        for column in table.columns:
            if column.is_official:
                column.published_index = by_year.get(column.year)
    return tables


def level_tables_of(regencies) -> dict[str, list[LevelTable]]:
    """{regency code: its tables} for one regency or several at once (the comparison)."""
    rows = list(public_indicator_levels(regencies=regencies))
    if not rows:
        return {}
    counts = indicator_counts()
    by_regency: dict[str, list[dict]] = {}
    for row in rows:
        by_regency.setdefault(row["regency_code"], []).append(row)
    return {code: _tables(regency_rows, counts) for code, regency_rows in by_regency.items()}


def _tables(rows: list[dict], counts: dict[int, int]) -> list[LevelTable]:
    tables: dict[str, LevelTable] = {}
    columns: dict[tuple[str, int, str], LevelColumn] = {}
    for row in rows:
        table = tables.setdefault(
            row["framework_code"], LevelTable(framework=row["framework_code"], framework_id=row["framework_id_value"])
        )
        table.indicators[row["indicator_number"]] = row["indicator_name"]
        if row["domain_number"] is not None:  # Pemdi's aspects stand under the framework itself
            table.domains[row["domain_number"]] = row["domain_name"]
        table.aspects[row["aspect_number"]] = row["aspect_name"]
        table.specs[row["indicator_number"]] = scoring.IndicatorSpec(
            number=row["indicator_number"],
            weight=row["indicator_weight"],
            aspect=row["aspect_number"],
            domain=row["domain_number"],
            entries=row["indicator_entries"],
        )
        key = (row["framework_code"], row["year_value"], row["stage_value"])
        if key not in columns:
            columns[key] = LevelColumn(year=row["year_value"], stage=row["stage_value"])
            table.columns.append(columns[key])
        column = columns[key]
        column.levels[row["indicator_number"]] = row["level_value"]
        column.entry_levels[(row["indicator_number"], row["part_value"])] = row["level_value"]
        if row["source_title"] is not None:
            source = LevelSource(
                title=row["source_title"],
                publisher=row["source_publisher"],
                published_on=row["source_published_on"],
                url=row["source_url"],
            )
            if source not in column.sources:
                column.sources.append(source)
    for table in tables.values():
        complete = counts.get(table.framework_id) == len(table.specs)
        for column in table.columns:
            if complete and len(column.levels) == len(table.specs):
                column.scores = _scores(column.entry_levels, list(table.specs.values()))
    return sorted(tables.values(), key=lambda table: max(column.year for column in table.columns), reverse=True)


def _scores(levels: dict[tuple[int, int], int], specs: list[scoring.IndicatorSpec]) -> scoring.ScoreBreakdown | None:
    # Every level within 0–5: the framework's own range was checked when the level was written.
    try:
        return scoring.compute_scores(levels=levels, indicators=specs, level_range=range(0, scoring.HIGHEST_LEVEL + 1))
    except scoring.IncompleteLevels:
        return None
