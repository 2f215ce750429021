import json
import logging
from unittest import mock

from django.db import OperationalError
from django.urls import reverse

from spbe_portal.json_logging import JsonFormatter


def test_healthz_answers_200_with_the_database_reachable(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("operations:healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get(reverse("operations:healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable", "cache": "ok"}


def test_healthz_is_never_cached(client, db):
    response = client.get(reverse("operations:healthz"))

    assert "no-store" in response["Cache-Control"]


def test_healthz_needs_no_login(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200


def test_json_log_lines_carry_level_logger_message_and_extra_fields():
    record = logging.LogRecord("spbe", logging.WARNING, __file__, 1, "Hasil %s", ("53.01",), None)
    record.status_code = 404

    line = json.loads(JsonFormatter().format(record))

    assert line["level"] == "WARNING"
    assert line["logger"] == "spbe"
    assert line["message"] == "Hasil 53.01"
    assert line["status_code"] == 404
    assert line["time"].endswith("+00:00")


def test_gunicorn_access_lines_become_fields():
    atoms = {"h": "10.0.0.1", "m": "GET", "U": "/api/v1/results/", "q": "year=2022", "s": "200", "B": "812", "M": "7"}
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(s)s", (), None)
    record.args = atoms

    line = json.loads(JsonFormatter().format(record))

    assert line["path"] == "/api/v1/results/"
    assert line["status"] == 200
    assert line["duration_ms"] == 7
    assert line["remote_addr"] == "10.0.0.1"


def test_an_access_line_with_a_unicode_digit_query_stays_text():
    # str.isdigit() accepts "²"; int() refused it and the log line was lost (`/?²`, found with the `?tahun=` 500).
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(s)s", (), None)
    record.args = {"h": "10.0.0.1", "q": "²", "s": "200"}

    line = json.loads(JsonFormatter().format(record))

    assert line["query"] == "²"
    assert line["status"] == 200
