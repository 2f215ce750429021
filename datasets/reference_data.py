"""Loads the sourced reference data in fixtures/ in one transaction.

Idempotent: a row that already matches its file is left alone (no save, so no history record), a row that
differs is updated, a missing row is created. A result or target that staff have since replaced through a
verified revision is never overwritten by the file.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from assessments import publication
from assessments.models import (
    PUBLISHED_STATES,
    Framework,
    IndexFamily,
    RelatedIndexValue,
    Result,
    ResultKind,
    ReviewState,
    Source,
    StatedDistribution,
    Target,
)
from regencies.models import PROVINCE_CODE, Regency, StatusFlag

from .criteria import load_criteria
from .frameworks import load_frameworks
from .loading import LoadReport, ReferenceDataError, create, published_date, rows, source_of, update_if_changed, upsert
from .national import load_national_references

__all__ = ["LoadReport", "ReferenceDataError", "load_reference_data"]


def load_reference_data(*, fixtures_dir: Path) -> LoadReport:
    report = LoadReport()
    with transaction.atomic():
        regencies = _load_regencies(fixtures_dir, report)
        sources = _load_sources(fixtures_dir, report)
        frameworks = load_frameworks(fixtures_dir, report)
        _load_published_results(fixtures_dir, report, regencies=regencies, sources=sources, frameworks=frameworks)
        _load_status_flags(fixtures_dir, report, regencies=regencies, sources=sources)
        _load_stated_distributions(fixtures_dir, report, sources=sources, frameworks=frameworks)
        _load_related_indices(fixtures_dir, report, regencies=regencies)
        load_national_references(fixtures_dir, report, sources=sources, frameworks=frameworks)
        load_criteria(fixtures_dir, report, frameworks=frameworks)
        if report.changed:
            # The public method page shows level names and weights; criteria and level names are written without
            # a model the publication version follows (and criteria in bulk, without signals): announce the change
            # once, in this transaction, so no cached page outlives it.
            publication.bump_version()
    return report


def _load_regencies(fixtures_dir: Path, report: LoadReport) -> dict[str, Regency]:
    regencies = {}
    for row in rows(fixtures_dir / "regencies.csv"):
        regency = Regency(name=row["name"], kind=row["kind"])
        regencies[row["kemendagri_code"]] = upsert(
            report,
            Regency,
            lookup={"code": row["kemendagri_code"]},
            values={
                "bps_code": row["bps_code"],
                "name": row["name"],
                "kind": row["kind"],
                "capital": row["capital"],
                "slug": slugify(regency.display_name),
            },
        )
    return regencies


def _load_sources(fixtures_dir: Path, report: LoadReport) -> dict[tuple[str, str], Source]:
    sources = {}
    for row in rows(fixtures_dir / "sources.csv"):
        published_on, precision = published_date(row["published_on"])
        sources[(row["citation"], row["published_on"])] = upsert(
            report,
            Source,
            lookup={"title": row["title"], "published_on": published_on},
            values={
                "published_precision": precision,
                "publisher": row["publisher"],
                "kind": row["kind"],
                "url": row["url"],
                "reference": row["reference"],
                "note": row["note"],
            },
        )
    return sources


# The file's `status`: a final value is the year's evaluation result, a provisional one an interim figure
# reported during the evaluation, kept apart so that nothing ranks, charts or counts it.
KIND_OF_STATUS = {"final": ResultKind.OFFICIAL, "provisional": ResultKind.PROVISIONAL}


def _kind_of(row: dict) -> str:
    try:
        return KIND_OF_STATUS[row.get("status") or "final"]
    except KeyError:
        raise ReferenceDataError(
            f"{row['name']} {row['year']}: unknown status {row['status']!r} (final or provisional)"
        ) from None


def _load_published_results(fixtures_dir: Path, report: LoadReport, *, regencies, sources, frameworks) -> None:
    for row in rows(fixtures_dir / "published_results.csv"):
        kind = _kind_of(row)
        code = PROVINCE_CODE if row["level"] == "province" else row["kemendagri_code"]
        regency = regencies[code]
        year = int(row["year"])
        source = source_of(row, sources)
        framework = _framework_for(year, frameworks)
        value = Decimal(row["index_value"]) if row["index_value"] else None
        result = _upsert_published(
            report,
            Result,
            key={"regency": regency, "year": year, "kind": kind},
            source=source,
            values={"framework": framework, "value": value, "evaluated": value is not None, "note": row["note"]},
        )
        if row["predikat"] and result is not None:
            band = framework.predikat_for(value)
            if band is None or band.name != row["predikat"]:
                raise ReferenceDataError(
                    f"{regency} {year}: the file says {row['predikat']}, the bands say {band and band.name}"
                )
        if row["target_value"] and kind != ResultKind.OFFICIAL:
            raise ReferenceDataError(f"{regency} {year}: a target travels with the official result only")
        if row["target_value"]:
            _upsert_published(
                report,
                Target,
                key={"regency": regency, "year": year},
                source=source,
                values={"value": Decimal(row["target_value"]), "note": row["note"]},
            )


def _framework_for(year: int, frameworks: dict[str, Framework]) -> Framework:
    applicable = [framework for framework in frameworks.values() if framework.applies_to(year)]
    if len(applicable) != 1:
        raise ReferenceDataError(f"{len(applicable)} frameworks apply to {year}; expected exactly one")
    return applicable[0]


def _upsert_published(report: LoadReport, model, *, key: dict, source: Source, values: dict):
    """The published revision this file owns is the one citing its source; a newer verified one wins."""
    own = model.objects.filter(**key, source=source, state__in=PUBLISHED_STATES).first()
    if own is None:
        if model.objects.filter(**key, state=ReviewState.VERIFIED).exists():
            report.kept_newer[model.__name__] += 1
            return None
        return create(report, model, **key, source=source, state=ReviewState.VERIFIED, **values)
    if own.state != ReviewState.VERIFIED:
        report.kept_newer[model.__name__] += 1
        return None
    return update_if_changed(report, own, values)


def _load_status_flags(fixtures_dir: Path, report: LoadReport, *, regencies, sources) -> None:
    for row in rows(fixtures_dir / "status_flags.csv"):
        upsert(
            report,
            StatusFlag,
            lookup={"regency": regencies[row["kemendagri_code"]], "as_of": date.fromisoformat(row["as_of"])},
            values={"flag": row["flag"], "source": source_of(row, sources), "note": row["note"]},
        )


NOT_EVALUATED = "not_evaluated"


def _load_stated_distributions(fixtures_dir: Path, report: LoadReport, *, sources, frameworks) -> None:
    """One distribution a source, its rows in the file's order; a category is a band of the year's framework or
    `not_evaluated`, so a misspelt band cannot pass as one."""
    by_source: dict[int, list[dict]] = {}
    for row in rows(fixtures_dir / "stated_distributions.csv"):
        by_source.setdefault(source_of(row, sources).pk, []).append(row)
    for group in by_source.values():
        source = source_of(group[0], sources)
        if len({(row["year"], row["total"]) for row in group}) != 1:
            raise ReferenceDataError(f"{source}: one stated distribution a source, of one year and total")
        year = int(group[0]["year"])
        band_names = {band.name for band in _framework_for(year, frameworks).bands.all()}
        counts = []
        for row in group:
            if row["category"] != NOT_EVALUATED and row["category"] not in band_names:
                raise ReferenceDataError(f"{source}: {row['category']!r} is no predikat of {year}")
            band = None if row["category"] == NOT_EVALUATED else row["category"]
            counts.append({"band": band, "count": int(row["count"]), "note": row["note"]})
        upsert(
            report,
            StatedDistribution,
            lookup={"source": source},
            values={"year": year, "counts": counts, "total": int(group[0]["total"])},
        )


def _upsert_fact(report: LoadReport, *, lookup: dict, values: dict) -> RelatedIndexValue:
    """A fact of the file is published as read (verified); one already stored keeps its review state, so a
    revision verified since (which superseded it) is not undone by loading the file again."""
    instance = RelatedIndexValue.objects.filter(**lookup).order_by("pk").first()
    if instance is None:
        return create(report, RelatedIndexValue, **lookup, **values, state=ReviewState.VERIFIED)
    return update_if_changed(report, instance, values)


def _load_related_indices(fixtures_dir: Path, report: LoadReport, *, regencies) -> None:
    """Every row of related_indices.csv is one stated fact, keyed by all it states (so that two sources giving
    different values for the same year stay two rows); quote, note, address and date may be corrected."""
    families = {}
    for row in rows(fixtures_dir / "index_families.csv"):
        families[row["code"]] = upsert(
            report,
            IndexFamily,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "scale": row["scale"],
                "reading": row["reading"],
                "scale_en": row["scale_en"],
                "reading_en": row["reading_en"],
                "position": int(row["position"]),
            },
        )
    for row in rows(fixtures_dir / "related_indices.csv"):
        if row["index_name"] not in families:
            raise ReferenceDataError(f"related_indices.csv: no index family {row['index_name']!r}")
        code = PROVINCE_CODE if row["level"] == "province" else row["kemendagri_code"]
        target = row["target_value"]
        if target and row["index_value"]:
            raise ReferenceDataError(f"related_indices.csv: {row['name']} {row['year']} has a value and a target")
        _upsert_fact(
            report,
            lookup={
                "family": families[row["index_name"]],
                "regency": regencies[code],
                "year": int(row["year"]) if row["year"] else None,
                "value": Decimal(target or row["index_value"]) if (target or row["index_value"]) else None,
                "is_target": bool(target),
                "category": row["category"],
                "source_title": row["source_title"],
            },
            values={
                "source_url": row["source_url"],
                "source_published_on": date.fromisoformat(row["source_date"]) if row["source_date"] else None,
                "quote": row["quote"],
                "note": row["note"],
            },
        )
