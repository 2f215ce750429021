"""/api/v1/related-indices/: every stated fact of RB, IPP and KIP with its source and quote, on its own scale."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments.models import IndexFamily, RelatedIndexValue, ReviewState
from tests.factories import RegencyFactory


def rows(client, **params):
    response = client.get(reverse("api:related-indices"), {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_every_fact_is_published_with_its_source_and_quote(client, reference_data):
    published = rows(client)

    assert len(published) == 21
    assert all(row["quote"] and row["source"]["title"] for row in published)


def test_the_conflicting_ipp_values_of_kota_kupang_2025_are_both_published(client, reference_data):
    published = rows(client, regency="53.71", year=2025)

    ipp = sorted((row["value"], row["category"], row["source"]["published_on"]) for row in published)
    assert ipp == [(4.002, "A", None), (4.02, "Sangat Baik (A-)", "2026-01-15")]


def test_a_target_and_rows_without_a_year_are_said_so(client, reference_data):
    [target] = [row for row in rows(client, regency="53.01") if row["index"] == "RB"]
    province_kip = [row for row in rows(client, regency="53") if row["index"] == "KIP"]

    assert (target["year"], target["value"], target["is_target"]) == (2024, 64.26, True)
    assert sorted(row["value"] for row in province_kip) == [75.0, 93.4]
    assert {row["year"] for row in province_kip} == {None}


def test_the_csv_has_the_documented_columns(client, reference_data):
    response = client.get(reverse("api:related-indices-csv"), {"regency": "53.04"})

    [belu] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (belu["index"], belu["year"], belu["value"], belu["category"]) == ("KIP", "2023", "79.9", "Cukup Informatif")
    assert belu["source_published_on"] == "2024-07-26"


def grow(size: int) -> None:
    family, _created = IndexFamily.objects.get_or_create(code="IPP", defaults={"name": "IPP", "scale": "0–5"})
    for _ in range(size):
        RelatedIndexValue.objects.create(
            family=family,
            regency=RegencyFactory(),
            year=2025,
            value=Decimal("3.10"),
            source_title="Berita",
            source_published_on=date(2026, 1, 1),
            quote="Indeksnya 3,10.",
            state=ReviewState.VERIFIED,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "queries"), [("related-indices", 3), ("related-indices-csv", 2)])
def test_the_lists_run_the_same_queries_whatever_the_data_size(client, django_assert_num_queries, name, queries):
    for size in (2, 12):
        grow(size)
        cache.clear()
        with django_assert_num_queries(queries):
            assert client.get(reverse(f"api:{name}")).status_code == 200


def test_the_csv_keeps_the_stated_decimals(client, reference_data):
    response = client.get(reverse("api:related-indices-csv"), {"regency": "53.71", "year": 2025})

    values = sorted(row["value"] for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert values == ["4.002", "4.02"]


@pytest.mark.django_db
def test_only_verified_facts_are_published(client):
    from tests.factories import RelatedIndexValueFactory

    regency = RegencyFactory()
    for state, value in [
        (ReviewState.DRAFT, "1.10"),
        (ReviewState.SUBMITTED, "1.20"),
        (ReviewState.RETURNED, "1.30"),
        (ReviewState.SUPERSEDED, "1.40"),
        (ReviewState.VERIFIED, "1.50"),
    ]:
        RelatedIndexValueFactory(regency=regency, value=Decimal(value), state=state)

    assert [row["value"] for row in rows(client, regency=regency.code)] == [1.5]
