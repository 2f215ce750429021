"""Loads the index series and the evaluation frameworks named in fixtures/frameworks.csv: each framework's row,
its structure file (domains → aspects → indicators, or aspects straight under the framework where the file has
no domain columns), how its indicators are scored (indicator_scoring.csv: entries, decimals, another agency's
index) and its predikat bands (predikat_bands.csv). Nothing here knows a framework by its code: a fourth framework
is rows in these files and nothing else.
"""

from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from assessments.models import Aspect, Domain, Framework, IndexSeries, Indicator, PredikatBand

from .loading import LoadReport, ReferenceDataError, rows, upsert

# Band colours by position, from the lowest band to the highest; a framework with another number of bands takes
# colours spread over the same scale.
BAND_COLORS = ["#f4a6a6", "#f9d38c", "#d4e79e", "#8fd19e", "#4fb286"]
# The value a band without a stated lower bound starts from: the bottom of the 0–5 index.
NO_LOWER_BOUND = Decimal("0.00")


def load_frameworks(fixtures_dir: Path, report: LoadReport) -> dict[str, Framework]:
    series = _load_series(fixtures_dir, report)
    framework_rows = rows(fixtures_dir / "frameworks.csv")
    scoring = _indicator_scoring(fixtures_dir / "indicator_scoring.csv", {row["code"] for row in framework_rows})
    frameworks: dict[str, Framework] = {}
    for row in framework_rows:
        if row["series"] not in series:
            raise ReferenceDataError(f"frameworks.csv: {row['code']} names no series of index_series.csv")
        framework = upsert(
            report,
            Framework,
            lookup={"code": row["code"]},
            values={
                "series": series[row["series"]],
                "name": row["name"],
                "short_name": row["short_name"],
                "first_year": int(row["first_year"]),
                "last_year": int(row["last_year"]) if row["last_year"] else None,
                "sourcing": row["sourcing"],
                "sourcing_note": row["sourcing_note"],
                "has_domains": row["has_domains"] == "true",
                "min_level": int(row["min_level"]),
                "max_level": int(row["max_level"]),
                "note": row["note"],
            },
        )
        frameworks[framework.code] = framework
        _load_structure(fixtures_dir / row["structure_file"], framework, scoring.get(framework.code, {}), report)
    _load_bands(fixtures_dir / "predikat_bands.csv", frameworks, report)
    return frameworks


def _load_series(fixtures_dir: Path, report: LoadReport) -> dict[str, IndexSeries]:
    series = {}
    for row in rows(fixtures_dir / "index_series.csv"):
        series[row["code"]] = upsert(
            report,
            IndexSeries,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "name_en": row["name_en"],
                "short_name": row["short_name"],
                "order": int(row["order"]),
                "source": row["source"],
            },
        )
    return series


def _indicator_scoring(path: Path, codes: set[str]) -> dict[str, dict[int, dict]]:
    """How an indicator is scored where it differs from one whole level: entries (scored once per public service,
    each weighing weight / entries), decimals (a value converted from another agency's index) and that index."""
    stated: dict[str, dict[int, dict]] = {}
    for row in rows(path):
        if row["framework"] not in codes:
            raise ReferenceDataError(f"{path.name}: unknown framework {row['framework']!r}")
        stated.setdefault(row["framework"], {})[int(row["indicator_no"])] = {
            "entries": int(row["entries"] or 1),
            "entry_label": row["entry_label"],
            "value_places": int(row["value_places"] or 0),
            "external_index": row["external_index"],
        }
    return stated


ONE_WHOLE_LEVEL = {"entries": 1, "entry_label": "", "value_places": 0, "external_index": ""}


def _load_structure(path: Path, framework: Framework, scoring: dict[int, dict], report: LoadReport) -> None:
    """One row per indicator; the domain columns are there exactly when the framework has domains. Where the file
    marks the indicators fed by another agency's index, indicator_scoring.csv gives exactly those decimals."""
    domains: dict[str, Domain] = {}
    aspects: dict[str, Aspect] = {}
    structure = rows(path)
    numbers = {int(row["indicator_no"]) for row in structure}
    if unknown := sorted(scoring.keys() - numbers):
        raise ReferenceDataError(f"indicator_scoring.csv: {framework.code} has no indicator {unknown}")
    if structure and "value_from_external_index" in structure[0]:
        external = {int(row["indicator_no"]) for row in structure if row["value_from_external_index"]}
        with_decimals = {number for number, values in scoring.items() if values["value_places"]}
        if external != with_decimals:
            raise ReferenceDataError(
                f"indicator_scoring.csv: {framework.code} gives decimals to {sorted(with_decimals)}, its structure "
                f"file feeds {sorted(external)} from another agency's index"
            )
    for row in structure:
        if row["framework"] != framework.code:
            raise ReferenceDataError(f"{path.name}: row for {row['framework']} in the file of {framework.code}")
        if ("domain_no" in row) != framework.has_domains:
            raise ReferenceDataError(
                f"{path.name}: {framework.code} has_domains is {framework.has_domains} in frameworks.csv, "
                f"but the file {'has' if 'domain_no' in row else 'has no'} domain columns"
            )
        domain = None
        if framework.has_domains:
            if row["domain_no"] not in domains:
                domains[row["domain_no"]] = upsert(
                    report,
                    Domain,
                    lookup={"framework": framework, "number": int(row["domain_no"])},
                    values={"name": row["domain_name"], "weight": Decimal(row["domain_weight"])},
                )
            domain = domains[row["domain_no"]]
        if row["aspect_no"] not in aspects:
            aspects[row["aspect_no"]] = upsert(
                report,
                Aspect,
                lookup={"framework": framework, "number": int(row["aspect_no"])},
                values={"domain": domain, "name": row["aspect_name"], "weight": Decimal(row["aspect_weight"])},
            )
        upsert(
            report,
            Indicator,
            lookup={"aspect": aspects[row["aspect_no"]], "number": int(row["indicator_no"])},
            values={
                "name": row["indicator_name"],
                "weight": Decimal(row["indicator_weight"]),
                "coach": row.get("instansi_pembina", ""),
                **scoring.get(int(row["indicator_no"]), ONE_WHOLE_LEVEL),
            },
        )


def _load_bands(path: Path, frameworks: dict[str, Framework], report: LoadReport) -> None:
    """The bands of each framework, lowest first. The file states each band's bounds and whether each is
    inclusive; the one rule the portal applies (PredikatBand: lower bound inclusive, upper exclusive, the top band
    up to 5 inclusive) must be the file's, and each band must start where the one below ends."""
    by_framework: dict[str, list[dict]] = {}
    previous_source = ""
    for row in rows(path):
        if row["framework"] not in frameworks:
            raise ReferenceDataError(f"{path.name}: unknown framework {row['framework']!r}")
        # "same" repeats the source of the row above, as the file writes it.
        row["source"] = previous_source if row["source"] == "same" else row["source"]
        previous_source = row["source"]
        by_framework.setdefault(row["framework"], []).append(row)
    for code, bands in by_framework.items():
        _check_band_rule(path, code, bands)
        for position, row in enumerate(bands):
            upsert(
                report,
                PredikatBand,
                lookup={"framework": frameworks[code], "name": row["predikat"]},
                values={
                    "alias": row["alias"],
                    "lower_bound": Decimal(row["lower"]) if row["lower"] else NO_LOWER_BOUND,
                    "color": _color(position, len(bands)),
                    "source": row["source"],
                    "note": row["note"],
                },
            )


def _check_band_rule(path: Path, code: str, bands: list[dict]) -> None:
    for below, above in pairwise(bands):
        if below["upper"] != above["lower"] or below["upper_inclusive"] != "false":
            raise ReferenceDataError(
                f"{path.name}: {code} {below['predikat']} must end where {above['predikat']} starts"
            )
    for band in bands:
        if band["lower"] and band["lower_inclusive"] != "true":
            raise ReferenceDataError(f"{path.name}: {code} {band['predikat']}: a lower bound is inclusive")


def _color(position: int, count: int) -> str:
    if count == 1:
        return BAND_COLORS[-1]
    return BAND_COLORS[round(position * (len(BAND_COLORS) - 1) / (count - 1))]
