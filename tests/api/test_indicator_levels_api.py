"""/api/v1/indicator-levels/: the indicator levels that are public, with their sources; never a PROVINCE row, an
unverified self-assessment or the workspace's own SELF rows."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import (
    FrameworkFactory,
    IndicatorAssessmentFactory,
    IndicatorFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
)


@pytest.fixture
def levels(db):
    framework = FrameworkFactory()
    first = IndicatorFactory(aspect__framework=framework, number=1, name="Kebijakan Internal Arsitektur")
    second = IndicatorFactory(aspect__framework=framework, number=2, aspect=first.aspect)
    regency = RegencyFactory(code="53.01", name="Kupang")
    official_source = SourceFactory(title="Hasil Evaluasi SPBE 2023", url="https://menpan.test/2023")
    # 2023: KemenPAN-RB's official rows; the official result's scores of that year are not repeated.
    for indicator, level in ((first, 3), (second, 2)):
        IndicatorAssessmentFactory(
            regency=regency, year=2023, indicator=indicator, stage="official", level=level, source=official_source
        )
    result_2023 = ResultFactory(regency=regency, year=2023, framework=framework, value=Decimal("2.50"))
    ResultLevelFactory(result=result_2023, indicator=first, level=1)
    # 2022: no official rows, so the verified official result's scores.
    result_2022 = ResultFactory(regency=regency, year=2022, framework=framework, value=Decimal("2.00"))
    ResultLevelFactory(result=result_2022, indicator=first, level=2)
    # A verified self-assessment is public, labelled self; one under review is not, nor the workspace's rows.
    verified_self = ResultFactory(regency=regency, year=2022, framework=framework, kind="self")
    ResultLevelFactory(result=verified_self, indicator=first, level=4)
    submitted_self = ResultFactory(regency=regency, year=2023, framework=framework, kind="self", state="submitted")
    ResultLevelFactory(result=submitted_self, indicator=first, level=5)
    IndicatorAssessmentFactory(regency=regency, year=2024, indicator=first, stage="self", level=5)
    IndicatorAssessmentFactory(regency=regency, year=2023, indicator=first, stage="province", level=5)
    return regency


def fetch(client, **params):
    response = client.get(reverse("api:indicator-levels"), params)
    assert response.status_code == 200
    return response.json()


def test_lists_official_levels_and_verified_self_assessment_levels(client, levels):
    body = fetch(client)

    rows = [(row["year"], row["stage"], row["indicator"], row["level"]) for row in body["results"]]
    assert rows == [(2022, "official", 1, 2), (2022, "self", 1, 4), (2023, "official", 1, 3), (2023, "official", 2, 2)]
    assert body["count"] == 4
    assert body["results"][2]["source"]["title"] == "Hasil Evaluasi SPBE 2023"
    assert body["results"][2]["regency_name"] == "Kabupaten Kupang"


def test_filters_by_year_regency_and_stage(client, levels):
    assert [row["level"] for row in fetch(client, stage="self")["results"]] == [4]
    assert [row["level"] for row in fetch(client, year=2023, regency="53.01")["results"]] == [3, 2]
    assert fetch(client, regency="53.02")["count"] == 0
    assert client.get(reverse("api:indicator-levels"), {"stage": "province"}).status_code == 400


def test_csv_has_every_row_with_its_source(client, levels):
    response = client.get(reverse("api:indicator-levels-csv"), {"year": 2023})

    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(line["indicator"], line["level"], line["source_url"]) for line in lines] == [
        ("1", "3", "https://menpan.test/2023"),
        ("2", "2", "https://menpan.test/2023"),
    ]


def test_pages_are_paginated_and_the_query_count_is_fixed(client, levels, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        body = fetch(client, page_size=3, page=2)

    assert [row["year"] for row in body["results"]] == [2023]
    assert body["previous"] is not None


def test_every_level_names_its_index_and_framework(client, levels):
    """Issue 22: a level of an SPBE year and one of a Pemdi year are never read as one series."""
    from assessments.models import Framework

    framework = Framework.objects.select_related("series").get(aspects__indicators__number=1)
    rows = fetch(client)["results"]

    assert rows
    assert {(row["index"], row["framework_name"]) for row in rows} == {
        (framework.series.short_name, framework.short_name)
    }
