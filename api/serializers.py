"""Rows as the API publishes them. These field names are the API's contract: add fields, never rename or drop one
within /api/v1/. Nothing about who entered or reviewed a value is here, by design."""

from assessments.models import NationalReference, RelatedIndexValue, Result, ResultKind, Source, Target
from regencies.models import Regency, StatusFlag


def _index(value) -> float | None:
    return None if value is None else float(value)


def source_row(source: Source) -> dict:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "kind": source.kind,
        "reference": source.reference or None,
        "url": source.url or None,
        "published_on": source.published_on.isoformat(),
    }


def regency_row(regency: Regency) -> dict:
    return {
        "code": regency.code,
        "bps_code": regency.bps_code,
        "name": regency.name,
        "display_name": regency.display_name,
        "kind": regency.kind,
        "capital": regency.capital or None,
        "slug": regency.slug,
        "demo": regency.is_demo,
    }


def _series_fields(framework) -> dict:
    """Which index a value is ("SPBE", "Pemdi") and its framework's short name: values of two indices are never
    compared. Needs framework__series selected."""
    return {"index": framework.series.short_name, "framework_name": framework.short_name}


def result_row(result: Result) -> dict:
    """Needs regency, framework__series and source selected and framework__bands prefetched. A provisional value gets no
    predikat: it is not the year's result, and a band read from it would pass as the evaluation's verdict."""
    predikat = None if result.kind == ResultKind.PROVISIONAL else result.predikat
    return {
        "regency_code": result.regency.code,
        "regency_name": result.regency.display_name,
        "year": result.year,
        "kind": result.kind,
        "evaluated": result.evaluated,
        "value": _index(result.value),
        "predikat": predikat.name if predikat else None,
        "framework": result.framework.code,
        **_series_fields(result.framework),
        "source": source_row(result.source),
        "demo": result.is_demo,
    }


def target_row(target: Target) -> dict:
    """Needs regency, framework__series and source selected. A target is stated in one framework: a gap is read
    only against a value of the same index."""
    return {
        "regency_code": target.regency.code,
        "regency_name": target.regency.display_name,
        "year": target.year,
        "value": _index(target.value),
        "framework": target.framework.code,
        **_series_fields(target.framework),
        "source": source_row(target.source),
        "demo": target.is_demo,
    }


def national_reference_row(reference: NationalReference) -> dict:
    """The national index, a national target or an average of a year, named for what it is, with its source;
    value null where none is known (no national Pemdi value exists yet). Needs framework__series and source
    selected."""
    return {
        "year": reference.year,
        "kind": reference.kind,
        "scope": reference.scope or None,
        "value": _index(reference.value),
        "framework": reference.framework.code,
        **_series_fields(reference.framework),
        "quote": reference.quote or None,
        "note": reference.note or None,
        "source": source_row(reference.source) if reference.source else None,
    }


def national_reference_csv_row(reference: NationalReference) -> dict:
    """Empty source columns where a reference names no source (never a made-up one)."""
    flat = national_reference_row(reference)
    source = flat.pop("source") or dict.fromkeys(["title", "publisher", "kind", "reference", "url", "published_on"])
    return {**flat, **{f"source_{key}": value for key, value in source.items()}}


def flag_row(flag: StatusFlag) -> dict:
    return {
        "regency_code": flag.regency.code,
        "regency_name": flag.regency.display_name,
        "flag": flag.flag,
        "label": str(flag.get_flag_display()),
        "as_of": flag.as_of.isoformat(),
        "source": source_row(flag.source),
        "demo": flag.is_demo,
    }


def related_index_row(fact: RelatedIndexValue) -> dict:
    """The value on the index's own scale (never SPBE's 0–5) and the category as the source wrote it."""
    return {
        "index": fact.family.code,
        "index_name": fact.family.name,
        "scale": fact.family.scale,
        "regency_code": fact.regency.code,
        "regency_name": fact.regency.display_name,
        "year": fact.year,
        "is_target": fact.is_target,
        "value": _index(fact.value),
        "category": fact.category or None,
        "source": {
            "title": fact.source_title,
            "url": fact.source_url or None,
            "published_on": fact.source_published_on.isoformat() if fact.source_published_on else None,
        },
        "quote": fact.quote,
    }


def related_index_csv_row(fact: RelatedIndexValue) -> dict:
    """The value as many decimals as the source gave (4,002 is not 4,00): the API's CSV writes floats with two."""
    stated = format(fact.value.normalize(), "f") if fact.value is not None else None
    return {**flatten(related_index_row(fact)), "value": stated}


def _row_source(row: dict) -> dict | None:
    if row["source_title"] is None:
        return None
    return {
        "title": row["source_title"],
        "publisher": row["source_publisher"],
        "kind": row["source_kind"],
        "reference": row["source_reference"] or None,
        "url": row["source_url"] or None,
        "published_on": row["source_published_on"].isoformat(),
    }


def indicator_level_row(row: dict) -> dict:
    """A row of assessments.public_levels: one indicator's public level at one stage of one regency's year."""
    regency = Regency(name=row["regency_name"], kind=row["regency_kind"])
    return {
        "regency_code": row["regency_code"],
        "regency_name": regency.display_name,
        "year": row["year_value"],
        "stage": row["stage_value"],
        "framework": row["framework_code"],
        "index": row["framework_index"],
        "framework_name": row["framework_short_name"],
        "domain": row["domain_number"],
        "aspect": row["aspect_number"],
        "indicator": row["indicator_number"],
        "indicator_name": row["indicator_name"],
        "level": row["level_value"],
        "source": _row_source(row),
        "demo": row["demo"],
    }


def indicator_level_csv_row(row: dict) -> dict:
    """Empty source columns where a verified result names no source (never a made-up one)."""
    flat = indicator_level_row(row)
    source = flat.pop("source") or dict.fromkeys(["title", "publisher", "kind", "reference", "url", "published_on"])
    demo = flat.pop("demo")
    return {**flat, **{f"source_{key}": value for key, value in source.items()}, "demo": demo}


def flatten(row: dict) -> dict:
    """A CSV line: the nested source becomes source_title, source_url, …"""
    flat = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update({f"{key}_{inner}": inner_value for inner, inner_value in value.items()})
        else:
            flat[key] = value
    return flat
