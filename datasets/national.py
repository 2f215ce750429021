"""Loads the national reference figures of fixtures/national_reference.csv: the national index per year as the
ministry announced it, national targets and averages, each in its framework and citing its source (sources.csv,
keyed by the file's source_title and source_date like every other file's citations)."""

from decimal import Decimal
from pathlib import Path

from assessments.models import Framework, NationalReference, NationalReferenceKind

from .loading import LoadReport, ReferenceDataError, rows, source_of, upsert


def load_national_references(fixtures_dir: Path, report: LoadReport, *, sources, frameworks: dict[str, Framework]):
    path = fixtures_dir / "national_reference.csv"
    previous_title = ""
    for row in rows(path):
        # "same" repeats the source of the row above, as the file writes it.
        row["source_title"] = previous_title if row["source_title"] == "same" else row["source_title"]
        previous_title = row["source_title"]
        if row["framework"] not in frameworks:
            raise ReferenceDataError(f"{path.name}: {row['year']} names an unknown framework {row['framework']!r}")
        if row["kind"] not in NationalReferenceKind.values:
            raise ReferenceDataError(f"{path.name}: {row['year']} has an unknown kind {row['kind']!r}")
        framework = frameworks[row["framework"]]
        year = int(row["year"])
        if not framework.applies_to(year):
            raise ReferenceDataError(f"{path.name}: {framework.code} does not apply to {year}")
        upsert(
            report,
            NationalReference,
            lookup={"framework": framework, "year": year, "kind": row["kind"]},
            values={
                "value": Decimal(row["value"]) if row["value"] else None,
                "scope": row["scope"],
                "source": source_of(row, sources),
                "quote": row["quote"],
                "note": row["note"],
            },
        )
