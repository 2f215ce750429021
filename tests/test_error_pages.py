"""Production error pages: the site's own layout, Indonesian (English when chosen), a way on, the view's reason."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import regency_admin

WAY_ON = [reverse("dashboard:home"), reverse("dashboard:method"), reverse("accounts:login")]


def assert_site_page(html: str) -> None:
    assert 'class="site-header"' in html
    for link in WAY_ON:
        assert f'href="{link}"' in html


@pytest.mark.django_db
def test_an_unknown_address_gets_the_sites_404(client, settings):
    assert settings.DEBUG is False

    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Halaman tidak ditemukan</h1>" in html
    assert "Alamat ini tidak ada di portal, atau isinya belum terbit." in html
    assert "Resolver404" not in html
    assert_site_page(html)


def test_the_404_shows_the_reason_the_view_gave(client, reference_data):
    response = client.get(reverse("dashboard:home"), {"tahun": 2031})

    assert response.status_code == 404
    reason = '<p class="lead" role="alert">Belum ada hasil terpublikasi untuk tahun 2031.</p>'
    assert reason in response.content.decode()


@pytest.mark.django_db
def test_the_404_follows_the_chosen_language(client):
    client.cookies["django_language"] = "en"

    html = client.get("/tidak-ada/").content.decode()

    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_a_refused_page_gets_the_sites_403(client):
    client.force_login(regency_admin())

    response = client.get(reverse("accounts:lockouts"))

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Akses ditolak</h1>" in html
    assert_site_page(html)


@pytest.mark.django_db
def test_a_bad_request_gets_the_sites_400():
    response = Client(raise_request_exception=False).get("/", headers={"host": "penyerang.example"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Permintaan tidak dapat diproses</h1>" in html
    assert_site_page(html)


@pytest.mark.django_db
@pytest.mark.urls("tests.error_urls")
def test_a_server_error_gets_the_sites_500():
    response = Client(raise_request_exception=False).get("/rusak/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Terjadi kesalahan di server</h1>" in html
    assert_site_page(html)


@pytest.mark.django_db
def test_the_500_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in response.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_gets_the_sites_page():
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:login"), {"username": "x", "password": "y"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Formulir kedaluwarsa</h1>" in html
    assert_site_page(html)
