"""The login form's own error message, the password-reset limits and the idle timeout of a session."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.forms import INVALID_LOGIN
from accounts.sessions import REFRESHED_KEY
from tests.factories import regency_admin


@pytest.mark.django_db
def test_a_wrong_password_gets_a_message_that_reads_correctly(client):
    regency_admin(username="admin.sikka")

    response = client.post(reverse("accounts:login"), {"username": "admin.sikka", "password": "salah"})

    assert response.context["form"].non_field_errors() == [
        "Nama pengguna atau kata sandi salah. Periksa keduanya; huruf besar dan kecil dibedakan."
    ]
    assert "nama pengguna nama pengguna" not in response.content.decode()


@pytest.mark.django_db
def test_in_english_the_login_error_is_our_message_in_english(client):
    """Our message, through our catalogue (the English line is in the branch's .po), not Django's."""
    regency_admin(username="admin.sikka")
    client.cookies["django_language"] = "en"

    response = client.post(reverse("accounts:login"), {"username": "admin.sikka", "password": "salah"})

    with translation.override("en"):
        assert response.context["form"].non_field_errors() == [str(INVALID_LOGIN)]


@pytest.mark.django_db
def test_twenty_reset_requests_in_a_row_send_at_most_three_mails(client):
    regency_admin(username="admin.belu", email="admin.belu@example.org")

    responses = [
        client.post(reverse("accounts:password_reset"), {"email": "admin.belu@example.org"}) for _ in range(20)
    ]

    assert len(mail.outbox) == 3
    assert {response.status_code for response in responses} == {302}
    assert {response["Location"] for response in responses} == {reverse("accounts:password_reset_done")}


@pytest.mark.django_db
def test_one_client_may_ask_for_ten_resets_an_hour_whatever_the_addresses(client, settings):
    for number in range(12):
        regency_admin(username=f"admin.{number}", email=f"admin.{number}@example.org")

    for number in range(12):
        client.post(
            reverse("accounts:password_reset"), {"email": f"admin.{number}@example.org"}, REMOTE_ADDR="10.1.1.1"
        )
    client.post(reverse("accounts:password_reset"), {"email": "admin.11@example.org"}, REMOTE_ADDR="10.1.1.2")

    assert len(mail.outbox) == settings.PASSWORD_RESET_REQUESTS_PER_CLIENT + 1
    assert mail.outbox[-1].to == ["admin.11@example.org"]


@pytest.mark.django_db
def test_an_active_session_is_refreshed_at_most_every_quarter_hour(client, django_assert_num_queries, settings):
    client.force_login(regency_admin())
    page = reverse("entry:list")
    client.get(page)
    session = Session.objects.get()
    first_expiry = session.expire_date

    # A quarter of an hour later, the next page moves the expiry a full SESSION_COOKIE_AGE from now.
    stale = client.session
    stale[REFRESHED_KEY] = int(time.time()) - settings.SESSION_REFRESH_AFTER_SECONDS - 1
    stale.save()
    client.get(page)

    assert Session.objects.get().expire_date > first_expiry
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60


@pytest.mark.django_db
def test_a_fresh_session_is_not_rewritten_by_the_next_pages(client, settings):
    client.force_login(regency_admin())
    page = reverse("entry:list")
    client.get(page)
    expiry = Session.objects.get().expire_date
    stamp = client.session[REFRESHED_KEY]

    client.get(page)
    client.get(page)

    assert Session.objects.get().expire_date == expiry
    assert client.session[REFRESHED_KEY] == stamp
