"""The login lockout behind nginx: the real client address, per-account counting, and the staff's unlock page."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from accounts.lockout import client_address
from spbe_portal.settings.base import client_address_settings
from tests.factories import StaffUserFactory, regency_admin

PASSWORD = "correct horse battery staple"
OFFICE = "10.53.1.20"  # one regency office behind one NAT


def log_in(client, username, password, address=OFFICE, **headers):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


@pytest.fixture
def behind_nginx(settings):
    """The production reading: one trusted proxy that overwrites X-Forwarded-For with the client's address."""
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)


def test_without_a_trusted_proxy_a_forwarded_for_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.66")

    assert client_address(request) == "198.51.100.9"


def test_behind_nginx_the_client_is_the_address_nginx_forwarded(behind_nginx):
    forwarded = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    direct = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")

    assert client_address(forwarded) == "203.0.113.7"
    assert client_address(direct) == "127.0.0.1"


@pytest.mark.django_db
def test_failed_logins_behind_nginx_are_recorded_under_each_visitors_address(client, behind_nginx):
    regency_admin(username="admin.alor")
    regency_admin(username="admin.lembata")

    log_in(client, "admin.alor", "salah", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    log_in(client, "admin.lembata", "salah", address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7", "198.51.100.23"}


@pytest.mark.django_db
def test_failures_under_other_names_from_one_address_do_not_lock_a_colleague_out(client, settings):
    regency_admin(username="admin.ende")
    for number in range(settings.AXES_FAILURE_LIMIT * 2):
        log_in(client, f"admin.salah{number % 3}", "salah")

    response = log_in(client, "admin.ende", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("entry:list")


@pytest.mark.django_db
def test_another_accounts_success_does_not_reset_a_users_failures(client, settings):
    regency_admin(username="admin.rote")
    regency_admin(username="admin.penyerang")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "admin.rote", "tebakan")
    assert log_in(client, "admin.penyerang", PASSWORD).status_code == 302
    client.logout()

    log_in(client, "admin.rote", "tebakan-terakhir")
    response = log_in(client, "admin.rote", PASSWORD)

    assert response.status_code == 429


@pytest.mark.django_db
def test_a_users_own_success_resets_their_failures(client, settings):
    regency_admin(username="admin.sumba")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "admin.sumba", "salah")

    assert log_in(client, "admin.sumba", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="admin.sumba").exists()


@pytest.mark.django_db
def test_the_lockout_page_says_how_long_and_who_can_unlock(client, settings):
    regency_admin(username="admin.alor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "admin.alor", "salah")

    html = log_in(client, "admin.alor", PASSWORD).content.decode()

    assert "satu jam setelah percobaan gagal terakhir" in html
    assert "Staf Dinas Kominfo Provinsi NTT dapat membuka kuncinya sekarang" in html


def lock(client, username, settings, address=OFFICE):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, username, "salah", address=address)


@pytest.mark.django_db
def test_staff_see_locked_accounts_and_unlock_one(client, settings):
    regency_admin(username="admin.alor")
    regency_admin(username="admin.flotim")
    lock(client, "admin.alor", settings)
    log_in(client, "admin.flotim", "salah")  # one failure is not a lockout
    client.force_login(StaffUserFactory())

    page = client.get(reverse("accounts:lockouts"))

    assert page.status_code == 200
    html = page.content.decode()
    assert '<th scope="row">admin.alor</th>' in html
    assert f"<td>{OFFICE}</td>" in html
    assert f"<td>{settings.AXES_FAILURE_LIMIT}</td>" in html
    assert "admin.flotim" not in html

    unlocked = client.post(reverse("accounts:unlock"), {"username": "admin.alor"}, follow=True)

    assert "Kunci akun admin.alor dibuka" in unlocked.content.decode()
    assert "Tidak ada akun yang terkunci." in unlocked.content.decode()
    assert not AccessAttempt.objects.filter(username="admin.alor").exists()
    assert AccessAttempt.objects.filter(username="admin.flotim").exists()
    client.logout()
    assert log_in(client, "admin.alor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_name_with_a_nul_character_is_refused_and_unlocks_nothing(client, settings):
    """PostgreSQL cannot hold a NUL character, so the name reached the query and answered 500 there; the form
    refuses it on every database."""
    regency_admin(username="admin.alor")
    lock(client, "admin.alor", settings)
    client.force_login(StaffUserFactory())

    response = client.post(reverse("accounts:unlock"), {"username": "admin.alor\x00"}, follow=True)

    assert response.redirect_chain == [(reverse("accounts:lockouts"), 302)]
    assert "Nama akun itu tidak dapat dibaca" in response.content.decode()
    assert AccessAttempt.objects.filter(username="admin.alor").exists()


@pytest.mark.django_db
def test_only_staff_may_see_or_unlock_lockouts(client, settings):
    regency_admin(username="admin.alor")
    lock(client, "admin.alor", settings)
    client.force_login(regency_admin(username="admin.kupang"))

    assert client.get(reverse("accounts:lockouts")).status_code == 403
    assert client.post(reverse("accounts:unlock"), {"username": "admin.alor"}).status_code == 403
    assert AccessAttempt.objects.filter(username="admin.alor").exists()
    client.force_login(StaffUserFactory())
    assert client.get(reverse("accounts:unlock")).status_code == 405
