"""What each list of the API is made of: its filters, its rows, its CSV file name. views.py serves them."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from . import selectors, serializers
from .forms import (
    IndicatorLevelFilterForm,
    NationalReferenceFilterForm,
    RegencyFilterForm,
    ResultFilterForm,
    YearFilterForm,
)


@dataclass(frozen=True)
class Endpoint:
    name: str
    form_class: type[forms.Form]
    rows: Callable[[dict], QuerySet]
    serialize: Callable[[object], dict]
    columns: list[str]
    # A CSV line other than the flattened JSON row, where the JSON number would lose the stated precision.
    csv_row: Callable[[object], dict] | None = None


SOURCE_COLUMNS = [
    "source_title",
    "source_publisher",
    "source_kind",
    "source_reference",
    "source_url",
    "source_published_on",
]

REGENCIES = Endpoint(
    name="regencies",
    form_class=RegencyFilterForm,
    rows=lambda filters: selectors.regencies(code=filters["regency"]),
    serialize=serializers.regency_row,
    columns=["code", "bps_code", "name", "display_name", "kind", "capital", "slug", "demo"],
)

RESULTS = Endpoint(
    name="results",
    form_class=ResultFilterForm,
    rows=lambda filters: selectors.published_results(
        year=filters["year"], regency_code=filters["regency"], kind=filters["kind"]
    ),
    serialize=serializers.result_row,
    columns=[
        "regency_code",
        "regency_name",
        "year",
        "kind",
        "evaluated",
        "value",
        "predikat",
        "framework",
        "index",
        "framework_name",
        *SOURCE_COLUMNS,
        "demo",
    ],
)

TARGETS = Endpoint(
    name="targets",
    form_class=YearFilterForm,
    rows=lambda filters: selectors.published_targets(year=filters["year"], regency_code=filters["regency"]),
    serialize=serializers.target_row,
    columns=[
        "regency_code",
        "regency_name",
        "year",
        "value",
        "framework",
        "index",
        "framework_name",
        *SOURCE_COLUMNS,
        "demo",
    ],
)

NATIONAL_REFERENCES = Endpoint(
    name="national-references",
    form_class=NationalReferenceFilterForm,
    rows=lambda filters: selectors.national_references(year=filters["year"]),
    serialize=serializers.national_reference_row,
    csv_row=serializers.national_reference_csv_row,
    columns=[
        "year",
        "kind",
        "scope",
        "value",
        "framework",
        "index",
        "framework_name",
        "quote",
        "note",
        *SOURCE_COLUMNS,
    ],
)

FLAG_COLUMNS = ["regency_code", "regency_name", "flag", "label", "as_of", *SOURCE_COLUMNS, "demo"]

FLAGS = Endpoint(
    name="flags",
    form_class=YearFilterForm,
    rows=lambda filters: selectors.status_flags(
        latest_only=False, year=filters["year"], regency_code=filters["regency"]
    ),
    serialize=serializers.flag_row,
    columns=FLAG_COLUMNS,
)

LATEST_FLAGS = Endpoint(
    name="flags-latest",
    form_class=RegencyFilterForm,
    rows=lambda filters: selectors.status_flags(latest_only=True, regency_code=filters["regency"]),
    serialize=serializers.flag_row,
    columns=FLAG_COLUMNS,
)

RELATED_INDICES = Endpoint(
    name="related-indices",
    form_class=YearFilterForm,
    rows=lambda filters: selectors.related_index_values(year=filters["year"], regency_code=filters["regency"]),
    serialize=serializers.related_index_row,
    csv_row=serializers.related_index_csv_row,
    columns=[
        "index",
        "index_name",
        "scale",
        "regency_code",
        "regency_name",
        "year",
        "is_target",
        "value",
        "category",
        "source_title",
        "source_url",
        "source_published_on",
        "quote",
    ],
)

INDICATOR_LEVELS = Endpoint(
    name="indicator-levels",
    form_class=IndicatorLevelFilterForm,
    rows=lambda filters: selectors.indicator_levels(
        year=filters["year"], regency_code=filters["regency"], stage=filters["stage"]
    ),
    serialize=serializers.indicator_level_row,
    csv_row=serializers.indicator_level_csv_row,
    columns=[
        "regency_code",
        "regency_name",
        "year",
        "stage",
        "framework",
        "index",
        "framework_name",
        "domain",
        "aspect",
        "indicator",
        "indicator_name",
        "level",
        *SOURCE_COLUMNS,
        "demo",
    ],
)

ALL = [REGENCIES, RESULTS, TARGETS, FLAGS, LATEST_FLAGS, RELATED_INDICES, INDICATOR_LEVELS, NATIONAL_REFERENCES]
