"""The comparison is a public page of the publication cache: a second visit runs the version query alone, a
publication makes it fresh, and only the parameter it reads keys it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory

COMPARE = reverse("dashboard:compare")


@pytest.fixture
def two(db):
    framework = FrameworkFactory()
    regencies = [RegencyFactory() for _ in range(2)]
    for regency in regencies:
        ResultFactory(regency=regency, year=2022, framework=framework, value=Decimal("2.10"))
    return framework, regencies


def slugs(regencies) -> list[str]:
    return [regency.slug for regency in regencies]


def test_a_second_visit_runs_only_the_version_query(client, two, django_assert_max_num_queries):
    _framework, regencies = two
    first = client.get(COMPARE, {"wilayah": slugs(regencies)}, HTTP_ACCEPT_ENCODING="gzip")

    with django_assert_max_num_queries(1):
        second = client.get(COMPARE, {"wilayah": slugs(regencies)}, HTTP_ACCEPT_ENCODING="gzip")

    assert second.status_code == 200
    assert second["Content-Encoding"] == "gzip"
    assert second.content == first.content


def test_a_publication_makes_the_comparison_fresh(client, two):
    framework, regencies = two
    assert "3,45" not in client.get(COMPARE, {"wilayah": slugs(regencies)}).content.decode()

    ResultFactory(regency=regencies[0], year=2023, framework=framework, value=Decimal("3.45"))

    assert "3,45" in client.get(COMPARE, {"wilayah": slugs(regencies)}).content.decode()


def test_unknown_parameters_and_repeated_regencies_share_the_entry(client, two, django_assert_max_num_queries):
    _framework, regencies = two
    a, b = slugs(regencies)
    plain = client.get(f"{COMPARE}?wilayah={a}&wilayah={b}")

    with django_assert_max_num_queries(1):
        tagged = client.get(f"{COMPARE}?fbclid=xyz&wilayah={a}&utm_source=wa&wilayah={b}&wilayah={a}")

    assert tagged.status_code == 200
    assert tagged.content == plain.content
    assert "fbclid" not in tagged.content.decode()
    assert "utm_source" not in plain.content.decode()


def test_the_order_chosen_is_kept(client, two):
    _framework, regencies = two
    a, b = slugs(regencies)
    names = [regency.display_name for regency in regencies]

    forward = client.get(COMPARE, {"wilayah": [a, b]}).content.decode()
    backward = client.get(COMPARE, {"wilayah": [b, a]}).content.decode()

    assert forward.index(names[0]) < forward.index(names[1])
    assert backward.index(names[1]) < backward.index(names[0])


def test_a_page_built_for_unknown_parameters_prints_only_the_known_address(client, two):
    _framework, regencies = two
    a, b = slugs(regencies)

    html = client.get(f"{COMPARE}?wilayah={a}&wilayah={b}&asal=%3Cscript%3E").content.decode()

    assert "asal" not in html
    assert f"wilayah={a}" in html
