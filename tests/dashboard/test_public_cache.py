"""Public pages from the cache: stale the moment anything is published, 304 for a browser that has them, gzip
once, never a signed-in user's page, never a CSRF token."""

import gzip
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Aspect, ReviewState
from tests.entry_helpers import build_scenario
from tests.factories import ResultFactory, SourceFactory, StaffUserFactory

HOME = reverse("dashboard:home")


@pytest.fixture
def scenario(db):
    return build_scenario()


def profile(regency) -> str:
    return reverse("dashboard:regency", kwargs={"slug": regency.slug})


def test_a_second_visit_is_served_from_the_cache_with_one_query(client, reference_data, django_assert_num_queries):
    first = client.get(HOME, {"tahun": 2022})

    with django_assert_num_queries(1):
        second = client.get(HOME, {"tahun": 2022})

    assert second.content == first.content


def test_verifying_a_result_shows_on_the_cached_ranking_at_once(client, scenario):
    assert "2,40" not in client.get(HOME).content.decode()
    assert "2,40" not in client.get(profile(scenario.regency)).content.decode()

    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    assert "2,40" in client.get(HOME).content.decode()
    assert "2,40" in client.get(profile(scenario.regency)).content.decode()


def test_verifying_through_the_workspace_changes_the_public_page(client, scenario):
    visitor = client.__class__()
    assert "2,40" not in visitor.get(profile(scenario.regency)).content.decode()

    client.force_login(scenario.staff)
    response = client.post(
        reverse("entry:result_verify", kwargs={"pk": scenario.submitted.pk}), {"version": scenario.submitted.version}
    )

    assert response.status_code == 302
    assert "2,40" in visitor.get(profile(scenario.regency)).content.decode()


def test_a_browser_that_has_the_page_gets_304_until_something_is_published(client, scenario):
    first = client.get(profile(scenario.regency))
    assert first["ETag"]
    assert first["Last-Modified"]

    again = client.get(profile(scenario.regency), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    after = client.get(profile(scenario.regency), HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]


def test_a_304_runs_only_the_version_query(client, reference_data, django_assert_num_queries):
    etag = client.get(HOME)["ETag"]

    with django_assert_num_queries(1):
        assert client.get(HOME, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_downloads_have_an_etag_and_answer_304(client, reference_data):
    first = client.get(HOME, {"unduh": "csv"})
    assert first["Content-Disposition"].startswith("attachment;")

    again = client.get(HOME, {"unduh": "csv"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert first["ETag"] != client.get(HOME)["ETag"]


def test_a_client_accepting_gzip_gets_the_page_gzipped(client, reference_data):
    plain = client.get(HOME)
    packed = client.get(HOME, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    assert "Accept-Encoding" in packed["Vary"]
    assert packed["ETag"] != plain["ETag"]


def test_signed_in_users_never_get_or_fill_the_public_cache(client, reference_data):
    anonymous = client.get(HOME).content.decode()

    client.force_login(StaffUserFactory())
    signed_in = client.get(HOME).content.decode()

    assert "Keluar" in signed_in
    assert "Keluar" not in anonymous
    assert "Keluar" not in client.__class__().get(HOME).content.decode()


def test_cached_public_pages_carry_no_csrf_token(client, reference_data):
    html = client.get(HOME).content.decode()

    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in client.cookies


def test_the_language_switch_is_a_link_that_sets_the_cookie(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()
    assert 'href="/bahasa/en/?next=/%3Ftahun%3D2022"' in html

    response = client.get("/bahasa/en/", {"next": "/?tahun=2022"})

    assert response.status_code == 302
    assert response["Location"] == "/?tahun=2022"
    assert '<html lang="en">' in client.get(HOME, {"tahun": 2022}).content.decode()


def test_the_language_switch_refuses_to_send_visitors_elsewhere(client, db):
    response = client.get("/bahasa/en/", {"next": "https://evil.example/"})

    assert response["Location"] == HOME


def test_an_unknown_language_is_404(client, db):
    assert client.get("/bahasa/xx/").status_code == 404


def test_a_new_result_saved_anywhere_makes_the_page_stale(client, scenario):
    client.get(HOME)

    ResultFactory(regency=scenario.other_regency, year=2021, framework=scenario.framework, value=Decimal("4.44"))

    assert "4,44" in client.get(HOME, {"tahun": 2021}).content.decode()
    assert scenario.submitted.state == ReviewState.SUBMITTED


METHOD = reverse("dashboard:method")


def embed(regency) -> str:
    return reverse("dashboard:embed", kwargs={"slug": regency.slug})


@pytest.mark.parametrize("page", ["method", "embed"])
def test_method_page_and_embed_answer_304_until_something_is_published(client, scenario, page):
    url = METHOD if page == "method" else embed(scenario.regency)
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""

    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    after = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]


def test_a_verify_shows_on_the_cached_embed_at_once(client, scenario):
    assert "2,40" not in client.get(embed(scenario.regency)).content.decode()

    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    assert "2,40" in client.get(embed(scenario.regency)).content.decode()


def test_a_verify_citing_a_new_source_shows_on_the_cached_method_page(client, scenario):
    assert "Berita Verifikasi Baru" not in client.get(METHOD).content.decode()

    ResultFactory(
        regency=scenario.other_regency,
        year=2022,
        framework=scenario.framework,
        source=SourceFactory(title="Berita Verifikasi Baru"),
    )

    assert "Berita Verifikasi Baru" in client.get(METHOD).content.decode()


@pytest.mark.parametrize("page", ["method", "embed"])
def test_cached_method_page_and_embed_run_only_the_version_query(
    client, reference_data, django_assert_max_num_queries, page
):
    url = METHOD if page == "method" else reverse("dashboard:embed", kwargs={"slug": "kabupaten-kupang"})
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    with django_assert_max_num_queries(1):
        second = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_max_num_queries(1):
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_ENCODING="gzip").status_code == 304

    assert second["Content-Encoding"] == "gzip"
    assert second.content == first.content
    assert "Accept-Encoding" in second["Vary"]


def test_the_cached_embed_and_its_304_keep_the_frame_policy(client, reference_data):
    url = reverse("dashboard:embed", kwargs={"slug": "kabupaten-kupang"})
    first = client.get(url)

    for response in (client.get(url), client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])):
        assert "X-Frame-Options" not in response.headers
        assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    method = client.get(METHOD)
    assert method.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in method.headers["Content-Security-Policy"]


def test_the_method_page_is_cached_per_language(client, reference_data):
    indonesian = client.get(METHOD)
    client.get("/bahasa/en/", {"next": METHOD})
    english = client.get(METHOD)

    assert "<h1>Data dan metode</h1>" in indonesian.content.decode()
    assert "<h1>Data and method</h1>" in english.content.decode()
    assert english["ETag"] != indonesian["ETag"]


def test_signed_in_users_get_the_method_page_rendered_for_them(client, reference_data):
    client.get(METHOD)
    client.force_login(StaffUserFactory())

    assert "Keluar" in client.get(METHOD).content.decode()
    assert "Keluar" not in client.__class__().get(METHOD).content.decode()


def test_renaming_an_aspect_shows_on_the_cached_method_page_at_once(client, reference_data):
    assert "Aspek Yang Baru Dinamai" not in client.get(METHOD).content.decode()
    aspect = Aspect.objects.first()
    aspect.name = "Aspek Yang Baru Dinamai"
    aspect.save()

    assert "Aspek Yang Baru Dinamai" in client.get(METHOD).content.decode()
