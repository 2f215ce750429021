"""A cached public answer is sent again as it left the stack, before the stack runs (assessments/sent_answers.py),
and only while its publication version is the current one."""

from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from assessments import publication, services
from assessments.sent_answers import SentAnswerMiddleware
from spbe_portal.middleware import LanguageCookieMiddleware
from tests.entry_helpers import build_scenario
from tests.factories import StaffUserFactory

HOME = reverse("dashboard:home")
EMBED = reverse("dashboard:embed", kwargs={"slug": "kabupaten-kupang"})


def _stack_runs():
    """Counts the calls of a middleware below the one under test."""
    return mock.patch.object(
        LanguageCookieMiddleware, "__call__", autospec=True, side_effect=LanguageCookieMiddleware.__call__
    )


@pytest.mark.parametrize("url", [HOME, EMBED, reverse("dashboard:method"), reverse("api:results")])
def test_a_second_anonymous_visit_is_answered_before_the_stack_with_the_same_bytes_and_headers(
    client, reference_data, django_assert_num_queries, url
):
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    with _stack_runs() as stack, django_assert_num_queries(1):
        second = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert stack.call_count == 0
    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())


def test_a_304_from_before_the_stack_keeps_the_embed_frame_policy(client, reference_data):
    first = client.get(EMBED)

    with _stack_runs() as stack:
        again = client.get(EMBED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert stack.call_count == 0
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert "frame-ancestors *" in again["Content-Security-Policy"]
    assert "X-Frame-Options" not in again


def test_a_publication_sends_the_next_visitor_down_the_stack_to_the_new_page(client, db):
    scenario = build_scenario()
    assert "2,40" not in client.get(HOME).content.decode()
    client.get(HOME)

    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    with _stack_runs() as stack:
        fresh = client.get(HOME)
    assert stack.call_count == 1
    assert "2,40" in fresh.content.decode()


def test_each_language_and_encoding_has_its_own_answer(client, reference_data):
    indonesian = client.get(HOME).content
    client.cookies["django_language"] = "en"
    english = client.get(HOME).content
    english_again = client.get(HOME).content
    gzipped = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip")

    assert english == english_again != indonesian
    assert gzipped["Content-Encoding"] == "gzip"


def test_signed_in_visitors_go_down_the_stack(client, reference_data):
    client.get(HOME)
    client.get(HOME)
    client.force_login(StaffUserFactory())

    with _stack_runs() as stack:
        page = client.get(HOME)

    assert stack.call_count == 1
    assert page.status_code == 200


def test_while_the_database_cannot_be_read_the_stack_answers(client, reference_data):
    client.get(HOME)
    client.get(HOME)

    with mock.patch.object(publication, "current", side_effect=DatabaseError("down")), _stack_runs() as stack:
        page = client.get(HOME)

    assert stack.call_count == 1
    assert page.status_code == 200


@pytest.mark.parametrize(("cookie", "views_run"), [(False, 1), (True, 2)])
def test_an_answer_that_sets_a_cookie_is_never_sent_again(db, cookie, views_run):
    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("x")
        setattr(response, publication.PUBLISHED_VERSION, publication.current().version)
        if cookie:
            response.set_cookie("someone", "theirs")
        return response

    middleware = SentAnswerMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/kue/"))

    assert len(calls) == views_run


def test_unknown_parameters_of_a_view_that_names_its_own_share_one_stored_answer(client, reference_data):
    compare = reverse("dashboard:compare")
    client.get(compare, {"wilayah": "kabupaten-kupang"})
    client.get(compare, {"wilayah": "kabupaten-kupang", "fbclid": "a"})

    with _stack_runs() as stack:
        client.get(compare, {"wilayah": "kabupaten-kupang"})
        client.get(compare, {"wilayah": "kabupaten-kupang", "fbclid": "b"})

    assert stack.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_the_version_read_is_the_connections_check_not_a_second_round_trip():
    connection.ensure_connection()
    connection.health_check_done = False  # as at the start of a request on a reused connection

    with mock.patch.object(connection, "is_usable", wraps=connection.is_usable) as checked:
        publication.current()

    assert checked.call_count == 0


@pytest.mark.django_db(transaction=True)
def test_a_connection_that_died_while_idle_is_replaced_by_the_version_read():
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database ignores close(): its connection cannot be replaced")
    connection.ensure_connection()
    connection.connection.close()  # the server restarted while the worker sat idle
    connection.health_check_done = False

    assert publication.current().version >= 0
