"""While the database cannot be reached: 503 with Retry-After instead of 500, one log line a request and one
traceback an outage, and persistent connections that survive a restart (issue 25, findings 2, 3 and 7)."""

import logging
from unittest import mock

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from spbe_portal import outages
from spbe_portal.outages import OneTracebackPerOutage
from tests.restarts import drop_from_the_server, kept_between_requests
from tests.test_settings import read_production_setting

DATABASE_DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def database_down():
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DATABASE_DOWN)


@pytest.fixture
def visitor():
    """A browser whose request errors come back as pages, as they do for real visitors."""
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_a_signed_in_page_answers_503_with_retry_after_while_the_database_is_down(visitor):
    visitor.cookies["sessionid"] = "a-session-the-database-would-hold"

    with database_down():
        response = visitor.get(reverse("entry:list"))

    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    html = response.content.decode()
    assert "<h1>Portal sementara tidak dapat melayani</h1>" in html
    assert 'class="site-header"' in html


@pytest.mark.django_db
def test_the_503_page_follows_the_chosen_language(visitor):
    visitor.cookies["django_language"] = "en"
    visitor.cookies["sessionid"] = "a-session-the-database-would-hold"

    with database_down():
        response = visitor.get(reverse("entry:list"))

    assert response.status_code == 503
    lead = "The portal&#x27;s database cannot be reached right now. Try again in 30 seconds."
    assert lead in response.content.decode()


@pytest.mark.django_db
def test_an_api_request_gets_a_json_503_with_retry_after(visitor):
    with database_down():
        response = visitor.get(reverse("api:results"), {"year": 2021})

    assert response.status_code == 503
    assert response["Retry-After"] == str(outages.RETRY_AFTER_SECONDS)
    assert response["Content-Type"] == "application/json"
    assert "database" in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_any_other_error_still_gets_the_500_page(visitor):
    response = visitor.get("/rusak/")

    assert response.status_code == 500
    assert "<h1>Terjadi kesalahan di server</h1>" in response.content.decode()


def outage_record(message: str = "Service Unavailable: /") -> logging.LogRecord:
    try:
        raise DATABASE_DOWN
    except OperationalError:
        import sys

        return logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, (), sys.exc_info())


def test_an_outage_logs_its_traceback_once_and_one_line_a_request_after_it():
    quieter = OneTracebackPerOutage()
    records = [outage_record(f"Service Unavailable: /halaman-{n}/") for n in range(3)]

    for record in records:
        assert quieter.filter(record) is True

    assert records[0].exc_info is not None
    assert [record.exc_info for record in records[1:]] == [None, None]
    assert records[1].getMessage() == (
        'Service Unavailable: /halaman-1/ (OperationalError: connection to server at "127.0.0.1", port 5432 failed:'
        " Connection refused)"
    )
    line = logging.Formatter().format(records[2])
    assert "Traceback" not in line
    assert "\n" not in line


def test_a_new_outage_logs_its_traceback_again(monkeypatch):
    quieter = OneTracebackPerOutage()
    clock = iter([100.0, 101.0, 100.0 + outages.OUTAGE_GAP_SECONDS + 50])
    monkeypatch.setattr(outages.time, "monotonic", lambda: next(clock))
    records = [outage_record() for _ in range(3)]

    for record in records:
        quieter.filter(record)

    assert [record.exc_info is not None for record in records] == [True, False, True]


def test_other_errors_keep_their_traceback():
    quieter = OneTracebackPerOutage()
    try:
        raise ValueError("a bug")
    except ValueError:
        import sys

        records = [logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info()) for _ in range(2)]

    for record in records:
        quieter.filter(record)

    assert all(record.exc_info is not None for record in records)


def test_production_logging_passes_every_line_through_the_outage_filter():
    assert read_production_setting("LOGGING['handlers']['console']['filters']") == "['outage']"
    assert read_production_setting("LOGGING['filters']['outage']['()']") == "spbe_portal.outages.OneTracebackPerOutage"


def test_production_checks_persistent_connections_before_reusing_them():
    assert read_production_setting("DATABASES['default']['CONN_HEALTH_CHECKS']") == "True"
    assert read_production_setting("DATABASES['default']['OPTIONS']['connect_timeout']") == "5"


def wsgi_get(path: str) -> int:
    """One request through Django's own WSGI handler, which, unlike the test client, runs the connection
    housekeeping of a real request (request_started / request_finished)."""
    statuses = []
    body = WSGIHandler()(RequestFactory().get(path).environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()
    return int(statuses[0].split()[0])


@pytest.mark.django_db(transaction=True)
def test_a_connection_that_postgresql_dropped_while_idle_is_replaced_not_an_error():
    if connection.vendor != "postgresql":
        pytest.skip("a server that restarts: PostgreSQL")

    connection.close()
    with kept_between_requests():
        assert wsgi_get("/healthz") == 200
        drop_from_the_server(connection.connection.get_backend_pid())

        assert wsgi_get("/healthz") == 200
