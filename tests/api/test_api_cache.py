"""Every list of the API is answered from the publication cache: a second request runs the version query alone, a
publication makes it fresh, and only the parameters the list knows, normalised, key it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from api.endpoints import ALL
from tests.factories import FrameworkFactory, RegencyFactory, ResultFactory

LISTS = [endpoint.name for endpoint in ALL]


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("suffix", ["", "-csv"])
def test_a_second_request_of_every_list_runs_only_the_version_query(
    client, reference_data, django_assert_max_num_queries, name, suffix
):
    url = reverse(f"api:{name}{suffix}")
    first = client.get(url)

    with django_assert_max_num_queries(1):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.parametrize("suffix", ["", "-csv"])
def test_a_publication_makes_the_results_fresh(client, db, suffix):
    regency = RegencyFactory()
    framework = FrameworkFactory()
    ResultFactory(regency=regency, year=2022, framework=framework, value=Decimal("2.10"))
    url = reverse(f"api:results{suffix}")
    assert "3.45" not in client.get(url).content.decode()

    ResultFactory(regency=regency, year=2023, framework=framework, value=Decimal("3.45"))

    assert "3.45" in client.get(url).content.decode()


def test_unknown_parameters_order_and_spelling_share_the_entry(client, reference_data, django_assert_max_num_queries):
    url = reverse("api:results")
    plain = client.get(url, {"year": "2022", "page_size": "5"})

    with django_assert_max_num_queries(1):
        asked_otherwise = client.get(f"{url}?utm_source=x&page_size=5&year=02022&page=1")

    assert asked_otherwise.status_code == 200
    assert asked_otherwise.content == plain.content


def test_page_links_carry_only_the_known_parameters(client, reference_data):
    body = client.get(reverse("api:results"), {"page_size": "2", "callback": "x", "year": "2022"}).json()

    assert body["next"] == f"{reverse('api:results')}?page_size=2&year=2022&page=2"
    following = client.get(body["next"]).json()
    assert following["previous"] == f"{reverse('api:results')}?page_size=2&year=2022&page=1"
