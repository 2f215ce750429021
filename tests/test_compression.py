"""Every page leaves the server compressed when the client takes gzip: the pages of signed-in people through
Django's GZipMiddleware with its mitigation of compression attacks (random bytes in every gzip header,
docs/security.md), the cached public pages as the cache stored them; the API's answers stay plain bytes."""

import gzip

from django.urls import reverse

from tests.factories import StaffUserFactory


def test_a_signed_in_page_comes_back_gzipped(client, reference_data):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("dashboard:overview"), HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"</html>" in gzip.decompress(response.content)


def test_a_signed_in_page_is_plain_for_a_client_without_gzip(client, reference_data):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("dashboard:overview"))

    assert "Content-Encoding" not in response
    assert b"</html>" in response.content


def test_the_same_signed_in_page_differs_in_length_between_requests(client, reference_data):
    """Django's mitigation: up to 100 random bytes in the gzip header, so a page's compressed length says nothing
    about whether a guessed secret matched what the page holds."""
    client.force_login(StaffUserFactory())
    lengths = {len(client.get(reverse("dashboard:overview"), HTTP_ACCEPT_ENCODING="gzip").content) for _ in range(8)}

    assert len(lengths) > 1


def test_a_cached_public_page_is_still_sent_as_the_cache_stored_it(client, reference_data):
    first = client.get(reverse("dashboard:home"), HTTP_ACCEPT_ENCODING="gzip")
    second = client.get(reverse("dashboard:home"), HTTP_ACCEPT_ENCODING="gzip")

    assert second["Content-Encoding"] == "gzip"
    assert second.content == first.content
    assert b"</html>" in gzip.decompress(second.content)


def test_the_login_page_comes_back_gzipped(client, db):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"


def test_api_answers_are_gzipped_for_a_client_that_asks_and_plain_for_one_that_does_not(client, reference_data):
    for url in (reverse("api:index"), reverse("api:results"), reverse("api:results-csv")):
        asked = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        plain = client.get(url)

        assert asked["Content-Encoding"] == "gzip", url
        assert gzip.decompress(asked.content) == plain.content, url
        assert "Content-Encoding" not in plain, url


def test_only_text_is_compressed():
    """Evidence PDFs, pictures and XLSX files are compressed already: gzipping them again costs CPU for nothing."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from spbe_portal.middleware import CompressionMiddleware

    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    body = b"%PDF-1.7 " + b"x" * 2000
    for content_type, compressed in [
        ("application/pdf", False),
        ("image/png", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("text/html; charset=utf-8", True),
        ("text/csv; charset=utf-8", True),
    ]:
        response = CompressionMiddleware(lambda request, ct=content_type: HttpResponse(body, content_type=ct))(request)

        assert (response.get("Content-Encoding") == "gzip") is compressed, content_type
