"""Loads the sourced reference data in fixtures/ in one transaction.

Idempotent: a row that already matches its file is left alone (no save, so no history record), a row that
differs is updated, a missing row is created. A result or target that staff have since replaced through a
verified revision is never overwritten by the file.
"""

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import models, transaction
from django.utils.text import slugify

from assessments.models import (
    PUBLISHED_STATES,
    Aspect,
    Domain,
    Framework,
    IndexFamily,
    IndexSeries,
    Indicator,
    PredikatBand,
    RelatedIndexValue,
    Result,
    ResultKind,
    ReviewState,
    Source,
    StatedDistribution,
    Target,
)
from regencies.models import PROVINCE_CODE, Regency, StatusFlag


class ReferenceDataError(Exception):
    """The files disagree with each other or with the model; nothing was written."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    kept_newer: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged) | set(self.kept_newer))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            + (f", {self.kept_newer[name]} kept (newer verified revision)" if self.kept_newer[name] else "")
            for name in names
        ]


def load_reference_data(*, fixtures_dir: Path) -> LoadReport:
    report = LoadReport()
    with transaction.atomic():
        regencies = _load_regencies(fixtures_dir, report)
        sources = _load_sources(fixtures_dir, report)
        frameworks = _load_frameworks(fixtures_dir, report)
        _load_published_results(fixtures_dir, report, regencies=regencies, sources=sources, frameworks=frameworks)
        _load_status_flags(fixtures_dir, report, regencies=regencies, sources=sources)
        _load_stated_distributions(fixtures_dir, report, sources=sources, frameworks=frameworks)
        _load_related_indices(fixtures_dir, report, regencies=regencies)
        # Imported here: the criteria loader builds on this module's helpers.
        from .criteria import load_criteria

        load_criteria(fixtures_dir, report, frameworks=frameworks)
    return report


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _upsert(report: LoadReport, model: type[models.Model], *, lookup: dict, values: dict) -> models.Model:
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return _create(report, model, **lookup, **values)
    return _update_if_changed(report, instance, values)


def _create(report: LoadReport, model: type[models.Model], **values) -> models.Model:
    instance = model(**values)
    instance.full_clean()
    instance.save()
    report.created[model.__name__] += 1
    return instance


def _update_if_changed(report: LoadReport, instance: models.Model, values: dict) -> models.Model:
    changed = False
    for name, value in values.items():
        if _stored_value(instance, name) != _comparable(value):
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.full_clean()
        instance.save()
        report.updated[type(instance).__name__] += 1
    else:
        report.unchanged[type(instance).__name__] += 1
    return instance


def _stored_value(instance: models.Model, name: str):
    model_field = instance._meta.get_field(name)
    return getattr(instance, model_field.attname)


def _comparable(value):
    return value.pk if isinstance(value, models.Model) else value


def _load_regencies(fixtures_dir: Path, report: LoadReport) -> dict[str, Regency]:
    regencies = {}
    for row in _rows(fixtures_dir / "regencies.csv"):
        regency = Regency(name=row["name"], kind=row["kind"])
        regencies[row["kemendagri_code"]] = _upsert(
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
    for row in _rows(fixtures_dir / "sources.csv"):
        sources[(row["citation"], row["published_on"])] = _upsert(
            report,
            Source,
            lookup={"title": row["title"], "published_on": date.fromisoformat(row["published_on"])},
            values={
                "publisher": row["publisher"],
                "kind": row["kind"],
                "url": row["url"],
                "reference": row["reference"],
                "note": row["note"],
            },
        )
    return sources


def _load_series(fixtures_dir: Path, report: LoadReport) -> dict[str, IndexSeries]:
    series = {}
    for row in _rows(fixtures_dir / "index_series.csv"):
        series[row["code"]] = _upsert(
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


def _load_frameworks(fixtures_dir: Path, report: LoadReport) -> dict[str, Framework]:
    series = _load_series(fixtures_dir, report)
    frameworks = {}
    for row in _rows(fixtures_dir / "frameworks.csv"):
        if row["series"] not in series:
            raise ReferenceDataError(f"frameworks.csv: {row['code']} names no series of index_series.csv")
        framework = _upsert(
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
        _load_structure(fixtures_dir / row["structure_file"], framework, report)
    for row in _rows(fixtures_dir / "predikat_bands.csv"):
        _upsert(
            report,
            PredikatBand,
            lookup={"framework": frameworks[row["framework"]], "name": row["name"]},
            values={"lower_bound": Decimal(row["lower_bound"]), "color": row["color"]},
        )
    return frameworks


def _load_structure(path: Path, framework: Framework, report: LoadReport) -> None:
    domains: dict[str, Domain] = {}
    aspects: dict[str, Aspect] = {}
    for row in _rows(path):
        if row["framework"] != framework.code:
            raise ReferenceDataError(f"{path.name}: row for {row['framework']} in the file of {framework.code}")
        if row["domain_no"] not in domains:
            domains[row["domain_no"]] = _upsert(
                report,
                Domain,
                lookup={"framework": framework, "number": int(row["domain_no"])},
                values={"name": row["domain_name"], "weight": Decimal(row["domain_weight"])},
            )
        if row["aspect_no"] not in aspects:
            aspects[row["aspect_no"]] = _upsert(
                report,
                Aspect,
                lookup={"framework": framework, "number": int(row["aspect_no"])},
                values={
                    "domain": domains[row["domain_no"]],
                    "name": row["aspect_name"],
                    "weight": Decimal(row["aspect_weight"]),
                },
            )
        _upsert(
            report,
            Indicator,
            lookup={"aspect": aspects[row["aspect_no"]], "number": int(row["indicator_no"])},
            values={"name": row["indicator_name"], "weight": Decimal(row["indicator_weight"])},
        )


def _source_of(row: dict, sources: dict) -> Source:
    try:
        return sources[(row["source_title"], row["source_date"])]
    except KeyError:
        raise ReferenceDataError(
            f"no entry in sources.csv for {row['source_title']!r} of {row['source_date']}"
        ) from None


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
    for row in _rows(fixtures_dir / "published_results.csv"):
        kind = _kind_of(row)
        code = PROVINCE_CODE if row["level"] == "province" else row["kemendagri_code"]
        regency = regencies[code]
        year = int(row["year"])
        source = _source_of(row, sources)
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
        return _create(report, model, **key, source=source, state=ReviewState.VERIFIED, **values)
    if own.state != ReviewState.VERIFIED:
        report.kept_newer[model.__name__] += 1
        return None
    return _update_if_changed(report, own, values)


def _load_status_flags(fixtures_dir: Path, report: LoadReport, *, regencies, sources) -> None:
    for row in _rows(fixtures_dir / "status_flags.csv"):
        _upsert(
            report,
            StatusFlag,
            lookup={"regency": regencies[row["kemendagri_code"]], "as_of": date.fromisoformat(row["as_of"])},
            values={"flag": row["flag"], "source": _source_of(row, sources), "note": row["note"]},
        )


NOT_EVALUATED = "not_evaluated"


def _load_stated_distributions(fixtures_dir: Path, report: LoadReport, *, sources, frameworks) -> None:
    """One distribution a source, its rows in the file's order; a category is a band of the year's framework or
    `not_evaluated`, so a misspelt band cannot pass as one."""
    by_source: dict[int, list[dict]] = {}
    for row in _rows(fixtures_dir / "stated_distributions.csv"):
        by_source.setdefault(_source_of(row, sources).pk, []).append(row)
    for rows in by_source.values():
        source = _source_of(rows[0], sources)
        if len({(row["year"], row["total"]) for row in rows}) != 1:
            raise ReferenceDataError(f"{source}: one stated distribution a source, of one year and total")
        year = int(rows[0]["year"])
        band_names = {band.name for band in _framework_for(year, frameworks).bands.all()}
        counts = []
        for row in rows:
            if row["category"] != NOT_EVALUATED and row["category"] not in band_names:
                raise ReferenceDataError(f"{source}: {row['category']!r} is no predikat of {year}")
            band = None if row["category"] == NOT_EVALUATED else row["category"]
            counts.append({"band": band, "count": int(row["count"]), "note": row["note"]})
        _upsert(
            report,
            StatedDistribution,
            lookup={"source": source},
            values={"year": year, "counts": counts, "total": int(rows[0]["total"])},
        )


def _upsert_fact(report: LoadReport, *, lookup: dict, values: dict) -> RelatedIndexValue:
    """A fact of the file is published as read (verified); one already stored keeps its review state, so a
    revision verified since (which superseded it) is not undone by loading the file again."""
    instance = RelatedIndexValue.objects.filter(**lookup).order_by("pk").first()
    if instance is None:
        return _create(report, RelatedIndexValue, **lookup, **values, state=ReviewState.VERIFIED)
    return _update_if_changed(report, instance, values)


def _load_related_indices(fixtures_dir: Path, report: LoadReport, *, regencies) -> None:
    """Every row of related_indices.csv is one stated fact, keyed by all it states (so that two sources giving
    different values for the same year stay two rows); quote, note, address and date may be corrected."""
    families = {}
    for row in _rows(fixtures_dir / "index_families.csv"):
        families[row["code"]] = _upsert(
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
    for row in _rows(fixtures_dir / "related_indices.csv"):
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
