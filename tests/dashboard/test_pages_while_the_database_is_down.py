"""Public pages while PostgreSQL is unreachable (issue 25, finding 2): the last stored copy of a page is served,
saying so at its top with the time of the publication it shows; a page never stored answers 503 with
Retry-After. Before, the publication version was read first and every public page answered 500 although the
cache held it."""

import gzip
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from assessments import publication

DOWN = OperationalError("could not connect to server: Connection refused")
KUPANG = reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})
NOTICE = "Basis data portal sedang tidak dapat dihubungi."


def database_down():
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DOWN)


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def published_at(language: str = "id") -> str:
    with translation.override(language):
        return dateformat.format(timezone.localtime(publication.current().changed_at), "j F Y H:i")


def test_a_stored_page_is_served_with_a_notice_and_the_publication_time(visitor, reference_data):
    before = visitor.get(KUPANG)
    when = published_at()

    with database_down():
        response = visitor.get(KUPANG)

    assert before.status_code == 200
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE in html
    assert f"data terpublikasi per {when} WITA" in html
    assert html.index(NOTICE) < html.index('<main id="main"')
    # The page itself is the one stored: only the notice was added.
    assert html.replace(html[html.index('<div class="stale-notice"') : html.index('<main id="main"')], "") == (
        before.content.decode()
    )
    assert "no-store" in response["Cache-Control"]
    assert response["Warning"] == '110 - "Response is Stale"'
    assert not response.has_header("ETag")


def test_the_notice_speaks_the_pages_language(visitor, reference_data):
    visitor.cookies["django_language"] = "en"
    assert visitor.get(KUPANG).status_code == 200

    with database_down():
        html = visitor.get(KUPANG).content.decode()

    assert "The portal's database cannot be reached right now." in html
    assert f"with the data published as of {published_at('en')} WITA" in html


def test_a_page_stored_gzipped_is_served_to_a_client_without_gzip_and_back(visitor, reference_data):
    assert visitor.get(KUPANG, HTTP_ACCEPT_ENCODING="gzip").status_code == 200

    with database_down():
        plain = visitor.get(KUPANG)
        packed = visitor.get(KUPANG, HTTP_ACCEPT_ENCODING="gzip")

    assert plain.status_code == 200
    assert not plain.has_header("Content-Encoding")
    assert NOTICE in plain.content.decode()
    assert packed["Content-Encoding"] == "gzip"
    assert NOTICE in gzip.decompress(packed.content).decode()


def test_a_browser_holding_the_page_gets_it_with_the_notice_not_a_304(visitor, reference_data):
    etag = visitor.get(KUPANG)["ETag"]

    with database_down():
        response = visitor.get(KUPANG, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert NOTICE in response.content.decode()


def test_the_downloads_of_a_stored_ranking_stay_as_they_were(visitor, reference_data):
    before = visitor.get(reverse("dashboard:home"), {"tahun": 2022, "unduh": "csv"})

    with database_down():
        response = visitor.get(reverse("dashboard:home"), {"tahun": 2022, "unduh": "csv"})

    assert response.status_code == 200
    assert response.content == before.content
    assert response["Content-Disposition"] == before["Content-Disposition"]
    assert response["Warning"] == '110 - "Response is Stale"'


def test_a_page_never_stored_answers_503_with_retry_after(visitor, reference_data):
    visitor.get(KUPANG)

    with database_down():
        response = visitor.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-ende"}))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    assert "<h1>Portal sementara tidak dapat melayani</h1>" in response.content.decode()


def test_a_stored_page_read_during_an_outage_is_kept_for_another_timeout(visitor, reference_data, settings):
    assert visitor.get(KUPANG).status_code == 200

    with database_down(), mock.patch.object(publication.cache, "touch", wraps=publication.cache.touch) as kept:
        assert visitor.get(KUPANG).status_code == 200

    timeouts = {call.args[1] for call in kept.call_args_list}
    assert len(kept.call_args_list) == 2  # the page and the note of its publication
    assert timeouts == {settings.PUBLIC_PAGE_CACHE_SECONDS}
