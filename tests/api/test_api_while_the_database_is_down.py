"""The open-data API while PostgreSQL is unreachable (issue 25, finding 2): an answer stored before is served
as it was, its headers saying it is the last stored copy; one never stored answers a JSON 503 with Retry-After."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

DOWN = OperationalError("could not connect to server: Connection refused")


def database_down():
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DOWN)


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("name", ["results", "results-csv", "targets"])
def test_a_stored_answer_is_served_unchanged_with_a_stale_warning(visitor, reference_data, name):
    before = visitor.get(reverse(f"api:{name}"), {"year": 2022})

    with database_down():
        response = visitor.get(reverse(f"api:{name}"), {"year": 2022})

    assert before.status_code == 200
    assert response.status_code == 200
    assert response.content == before.content
    assert response["Content-Type"] == before["Content-Type"]
    assert response["Warning"] == '110 - "Response is Stale"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in response["Cache-Control"]


def test_an_answer_never_stored_is_a_json_503_with_retry_after(visitor, reference_data):
    visitor.get(reverse("api:results"), {"year": 2022})

    with database_down():
        response = visitor.get(reverse("api:results"), {"year": 2021})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "errors": {"database": ["Basis data portal sedang tidak dapat dihubungi. Coba lagi dalam 30 detik."]}
    }
