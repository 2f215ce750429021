import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from assessments.models import ResultKind, ReviewState
from regencies.models import FlagKind
from tests.factories import (
    FrameworkFactory,
    RegencyFactory,
    ResultFactory,
    SourceFactory,
    StatusFlagFactory,
    TargetFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test's database is rolled back without signals; answers cached by an earlier test must not leak in."""
    cache.clear()
    yield
    cache.clear()


def rows(client, name, **params):
    response = client.get(reverse(f"api:{name}"), params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def csv_rows(client, name, **params):
    response = client.get(reverse(f"api:{name}-csv"), params)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_regencies_list_every_regency_with_codes_names_and_kind(client, reference_data):
    regencies = rows(client, "regencies")

    assert len(regencies) == 23
    kupang = next(regency for regency in regencies if regency["code"] == "53.01")
    assert kupang["display_name"] == "Kabupaten Kupang"
    assert kupang["kind"] == "kabupaten"
    assert kupang["bps_code"] == "5303"
    assert {regency["kind"] for regency in regencies} == {"kabupaten", "kota", "provinsi"}


def test_results_give_the_published_value_with_predikat_and_source(client, reference_data):
    results = rows(client, "results", regency="53.01", year=2022)

    assert len(results) == 1
    assert results[0]["value"] == 1.85
    assert results[0]["predikat"] == "Cukup"
    assert results[0]["kind"] == "official"
    assert results[0]["source"]["publisher"] == "ANTARA"
    assert results[0]["source"]["published_on"] == "2023-07-29"


def test_a_regency_not_evaluated_has_null_value_never_zero(client, reference_data):
    [ende] = rows(client, "results", regency="53.08", year=2022)

    assert ende["evaluated"] is False
    assert ende["value"] is None
    assert ende["predikat"] is None


def test_targets_are_filtered_by_year_and_regency(client, reference_data):
    targets = rows(client, "targets", regency="53.01")

    assert [(target["year"], target["value"]) for target in targets] == [(2021, 2.13), (2022, 3.86)]


@pytest.mark.django_db
def test_drafts_and_submitted_values_never_appear(client):
    regency = RegencyFactory(code="53.01")
    ResultFactory(regency=regency, year=2022, value=Decimal("1.11"))
    ResultFactory(regency=regency, year=2023, value=Decimal("4.44"), state=ReviewState.DRAFT, source=None)
    ResultFactory(regency=regency, year=2024, value=Decimal("4.55"), state=ReviewState.SUBMITTED, source=None)
    TargetFactory(regency=regency, year=2022, value=Decimal("2.22"))
    TargetFactory(regency=regency, year=2025, value=Decimal("4.66"), state=ReviewState.SUBMITTED, source=None)

    assert [result["value"] for result in rows(client, "results")] == [1.11]
    assert [target["value"] for target in rows(client, "targets")] == [2.22]
    for name in ("results", "targets"):
        body = client.get(reverse(f"api:{name}-csv")).content.decode()
        assert "4.44" not in body
        assert "4.55" not in body
        assert "4.66" not in body


@pytest.mark.django_db
def test_a_superseded_revision_is_not_a_current_value(client):
    old = ResultFactory(year=2022, value=Decimal("1.00"), state=ReviewState.SUPERSEDED)
    ResultFactory(regency=old.regency, year=2022, value=Decimal("2.00"), framework=old.framework)

    assert [result["value"] for result in rows(client, "results")] == [2.0]


@pytest.mark.django_db
def test_no_user_name_or_email_is_published(client):
    author = UserFactory(username="admin-kupang", email="admin@kupangkab.example")
    result = ResultFactory(created_by=author, submitted_by=author, reviewed_by=author)
    TargetFactory(regency=result.regency, created_by=author)
    StatusFlagFactory(regency=result.regency, created_by=author)

    for name in ("regencies", "results", "targets", "flags", "flags-latest"):
        for url in (reverse(f"api:{name}"), reverse(f"api:{name}-csv")):
            body = client.get(url).content.decode()
            assert "admin-kupang" not in body
            assert "kupangkab.example" not in body


def test_latest_flags_give_one_flag_a_regency_with_its_date(client, reference_data):
    flags = rows(client, "flags-latest", regency="53.71")

    assert len(flags) == 1
    assert flags[0]["flag"] == "compliant"
    assert flags[0]["as_of"] == "2025-02-10"
    assert flags[0]["label"] == "Sesuai penilaian pusat"


@pytest.mark.django_db
def test_flag_history_keeps_every_flag_newest_first(client):
    regency = RegencyFactory(code="53.05")
    StatusFlagFactory(regency=regency, flag=FlagKind.ADJUSTING, as_of=date(2024, 3, 1))
    StatusFlagFactory(regency=regency, flag=FlagKind.COMPLIANT, as_of=date(2025, 2, 10))

    history = rows(client, "flags", regency="53.05")
    latest = rows(client, "flags-latest", regency="53.05")
    of_2024 = rows(client, "flags", year=2024)

    assert [flag["flag"] for flag in history] == ["compliant", "adjusting"]
    assert [flag["flag"] for flag in latest] == ["compliant"]
    assert [flag["as_of"] for flag in of_2024] == ["2024-03-01"]


@pytest.mark.django_db
def test_results_filter_by_kind(client):
    official = ResultFactory(kind=ResultKind.OFFICIAL)
    ResultFactory(regency=official.regency, kind=ResultKind.SELF_ASSESSMENT, value=Decimal("3.10"))

    assert [result["value"] for result in rows(client, "results", kind="self")] == [3.1]


@pytest.mark.django_db
def test_lists_are_paginated_with_links(client):
    framework = FrameworkFactory()
    source = SourceFactory()
    for year in range(2018, 2023):
        ResultFactory(year=year, framework=framework, source=source)

    first = client.get(reverse("api:results"), {"page_size": 2}).json()
    last = client.get(first["next"]).json()
    last = client.get(last["next"]).json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert last["next"] is None
    assert [result["year"] for result in last["results"]] == [2022]


@pytest.mark.django_db
def test_a_page_past_the_end_is_404(client):
    response = client.get(reverse("api:regencies"), {"page": 2})

    assert response.status_code == 404
    assert "page" in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("param", "value"),
    [("year", "dua ribu"), ("year", "1999"), ("regency", "kupang"), ("page", "0"), ("page_size", "501"), ("kind", "x")],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, param, value):
    response = client.get(reverse("api:results"), {param: value})

    assert response.status_code == 400
    assert param in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("param", "value"),
    [("year", "２０２２"), ("year", "٢٠٢٢"), ("year", "२०२२"), ("page", "١"), ("page_size", "𝟝")],
)
def test_digits_other_than_0_to_9_are_a_400_naming_the_parameter(client, param, value):
    """int() reads full-width, Arabic-Indic and Devanagari digits as numbers: ?year=２０２２ answered for 2022."""
    response = client.get(reverse("api:results"), {param: value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][param] == ["Tulis bilangan bulat dengan angka 0–9."]


@pytest.mark.django_db
def test_null_characters_in_a_filter_are_a_400(client):
    response = client.get(reverse("api:regencies"), {"regency": "53\x00"})

    assert response.status_code == 400


def test_csv_has_stable_columns_and_decimal_points(client, reference_data):
    rows_ = csv_rows(client, "results", regency="53.01")

    assert list(rows_[0]) == [
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
        "source_title",
        "source_publisher",
        "source_kind",
        "source_reference",
        "source_url",
        "source_published_on",
        "demo",
    ]
    assert [row["value"] for row in rows_] == ["1.60", "1.85"]


def test_csv_leaves_an_unknown_value_empty(client, reference_data):
    [ende] = csv_rows(client, "results", regency="53.08", year=2022)

    assert ende["value"] == ""
    assert ende["evaluated"] == "false"


def test_csv_is_a_download(client, reference_data):
    response = client.get(reverse("api:targets-csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="spbe-ntt-targets.csv"'


def test_an_unchanged_answer_is_304_for_its_etag(client, reference_data):
    first = client.get(reverse("api:results"))

    again = client.get(reverse("api:results"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_a_newly_verified_result_changes_the_answer_and_its_etag(client):
    result = ResultFactory(year=2022)
    first = client.get(reverse("api:results"))

    ResultFactory(regency=result.regency, year=2023, framework=result.framework, value=Decimal("2.90"))
    second = client.get(reverse("api:results"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert [row["year"] for row in second.json()["results"]] == [2022, 2023]


def test_a_cached_answer_runs_only_the_publication_version_query(client, reference_data, django_assert_num_queries):
    client.get(reverse("api:results"))

    # The version lives in the database so that every worker and machine agrees on it (assessments/publication.py).
    with django_assert_num_queries(1):
        response = client.get(reverse("api:results"))

    assert response.status_code == 200


def test_answers_are_cacheable_by_browsers_and_proxies(client, reference_data):
    response = client.get(reverse("api:regencies"))

    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"


def grow(size: int) -> None:
    framework = FrameworkFactory()
    source = SourceFactory()
    for _ in range(size):
        regency = RegencyFactory()
        for year in (2021, 2022):
            ResultFactory(regency=regency, year=year, framework=framework, source=source)
            TargetFactory(regency=regency, year=year, source=source)
        StatusFlagFactory(regency=regency, source=source, as_of=date(2024, 1, 1))
        StatusFlagFactory(regency=regency, source=source, as_of=date(2025, 1, 1))


# Queries on a cold cache: the publication version, the page count, the page, and for results the predikat bands.
QUERIES = {
    "regencies": 3,
    "results": 4,
    "targets": 3,
    "flags": 3,
    "flags-latest": 3,
}
CSV_QUERIES = {"regencies": 2, "results": 3, "targets": 2, "flags": 2, "flags-latest": 2}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(QUERIES))
def test_json_lists_run_the_same_queries_whatever_the_data_size(client, django_assert_num_queries, name):
    for size in (2, 12):
        grow(size)
        cache.clear()
        with django_assert_num_queries(QUERIES[name]):
            client.get(reverse(f"api:{name}"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CSV_QUERIES))
def test_csv_lists_run_the_same_queries_whatever_the_data_size(client, django_assert_num_queries, name):
    for size in (2, 12):
        grow(size)
        cache.clear()
        with django_assert_num_queries(CSV_QUERIES[name]):
            client.get(reverse(f"api:{name}-csv"))


def test_the_index_names_every_endpoint_and_the_openapi_document(client, db):
    body = client.get(reverse("api:index")).json()

    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["endpoints"]["results.csv"] == "/api/v1/results.csv"


def test_the_api_refuses_writes(client, db):
    assert client.post(reverse("api:results")).status_code == 405


def test_regencies_filter_by_code(client, reference_data):
    [kota_kupang] = rows(client, "regencies", regency="53.71")

    assert kota_kupang["display_name"] == "Kota Kupang"
    assert kota_kupang["kind"] == "kota"


def test_the_openapi_document_is_served_and_describes_every_list(client, db):
    document = client.get(reverse("api:openapi")).json()

    assert document["openapi"].startswith("3.0")
    for name in ("regencies", "results", "targets", "flags", "flags-latest"):
        assert reverse(f"api:{name}") in document["paths"]
        assert reverse(f"api:{name}-csv") in document["paths"]


def test_every_row_says_whether_it_is_demo_data(client, reference_data):
    call_command("seed_demo", regencies=24, years="2021-2022", seed=7, stdout=io.StringIO())

    for name in ("regencies", "results", "targets", "flags"):
        listed = rows(client, name)
        demo = {row["demo"] for row in listed}
        assert demo == {True, False}, name
    real = {row["regency_code"]: row for row in rows(client, "results", year=2022) if not row["demo"]}
    assert real["53.01"]["value"] == 1.85
    assert all(row["demo"] for row in rows(client, "results", year=2022) if row["regency_code"].startswith("9"))


def test_a_304_runs_only_the_publication_version_query(client, reference_data, django_assert_max_num_queries):
    first = client.get(reverse("api:results-csv"))

    with django_assert_max_num_queries(1):
        again = client.get(reverse("api:results-csv"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in again["Cache-Control"]


def test_the_same_question_in_another_parameter_order_has_the_same_etag(client, reference_data):
    one = client.get(reverse("api:results") + "?year=2022&regency=53.01")
    other = client.get(reverse("api:results") + "?regency=53.01&year=2022")

    assert one["ETag"] == other["ETag"]
    assert one.content == other.content


def test_answers_are_in_the_published_language_whatever_the_switch(client, reference_data):
    indonesian = client.get(reverse("api:flags-latest"), {"regency": "53.71"})
    client.get("/bahasa/en/", {"next": "/"})
    switched = client.get(reverse("api:flags-latest"), {"regency": "53.71"})

    assert switched.content == indonesian.content
    assert switched["ETag"] == indonesian["ETag"]


def test_a_provisional_value_has_no_predikat_in_the_api(client, reference_data):
    """The province's 3,30 for 2024 is an interim score: the API gives its value but no band (it was "Baik")."""
    [provisional] = rows(client, "results", regency="53", year=2024, kind=ResultKind.PROVISIONAL)
    [line] = csv_rows(client, "results", regency="53", year=2024, kind=ResultKind.PROVISIONAL)

    assert (provisional["value"], provisional["predikat"]) == (3.3, None)
    assert (line["value"], line["predikat"]) == ("3.30", "")


@pytest.mark.django_db
def test_an_official_value_keeps_its_predikat_beside_a_provisional_one(client):
    regency = RegencyFactory()
    ResultFactory(regency=regency, year=2024, value=Decimal("3.30"), kind=ResultKind.PROVISIONAL)
    ResultFactory(regency=regency, year=2023, value=Decimal("3.30"))

    published = {row["kind"]: row["predikat"] for row in rows(client, "results", regency=regency.code)}

    assert published == {ResultKind.OFFICIAL: "Baik", ResultKind.PROVISIONAL: None}
