"""PDF reports and share pictures are cached by their canonical address: a query string or a cookie never makes
the server draw them again (each build takes 0,2–1,3 s; a unique query string per request kept the workers busy)."""

import pytest
from django.urls import reverse

from tests.factories import StaffUserFactory

FILES = [
    reverse("dashboard:regency_report", kwargs={"slug": "kabupaten-kupang"}),
    reverse("dashboard:ranking_report", args=[2022]),
    reverse("dashboard:regency_image", kwargs={"slug": "kabupaten-kupang"}),
    reverse("dashboard:ranking_image", args=[2022]),
]
UNKNOWN_QUERIES = [{"x": "1"}, {"utm_source": "wa", "fbclid": "abc"}, {"tahun": "2019"}, {"": ""}]


@pytest.mark.parametrize("address", FILES)
def test_an_unknown_query_string_gets_the_stored_file(client, reference_data, django_assert_num_queries, address):
    first = client.get(address)
    assert first.status_code == 200

    for query in UNKNOWN_QUERIES:
        with django_assert_num_queries(1):  # the publication version, nothing built
            again = client.get(address, query)
        assert again.status_code == 200
        assert again.content == first.content
        assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("address", FILES)
def test_a_cookie_gets_the_stored_file(client, reference_data, django_assert_max_num_queries, address):
    """An invented session cookie or a messages cookie made every request a personal one, built afresh; a file
    says the same to everyone, so it is served from the cache whoever asks."""
    first = client.get(address)

    for name in ("sessionid", "messages"):
        visitor = client.__class__()
        visitor.cookies[name] = "made-up-value-0123456789"
        with django_assert_max_num_queries(2):  # the version, and the session looked up for a session cookie
            again = visitor.get(address)
        assert again.content == first.content


@pytest.mark.parametrize("address", FILES)
def test_a_signed_in_visitor_gets_the_same_stored_file(client, reference_data, address):
    anonymous = client.__class__().get(address)
    client.force_login(StaffUserFactory())

    assert client.get(address).content == anonymous.content


def test_the_report_prints_its_canonical_address_whatever_was_asked_first(client, reference_data):
    """The report's footer names the address it lives at; the query string of whoever happened to build the
    stored copy must not end up on everyone's paper."""
    from io import BytesIO

    from pypdf import PdfReader

    address = FILES[0]
    response = client.get(address, {"dari": "tautan-aneh"})
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)

    assert f"http://testserver{address}" in text
    assert "tautan-aneh" not in text
