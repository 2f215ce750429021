"""The login form's own error message, the password-reset limits and queue, and the idle timeout of a session."""

import socket
import threading
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from post_office.models import STATUS, Email

from accounts.forms import INVALID_LOGIN
from accounts.sessions import REFRESHED_KEY
from tests.factories import regency_admin

RESET_DONE = reverse("accounts:password_reset_done")


@pytest.fixture
def send_queue(settings, tmp_path):
    """Sends the mail queue as the timer does, with its lock in this test's own folder."""
    settings.NOTIFICATIONS_LOCK_FILE = str(tmp_path / "mail")
    return lambda: call_command("send_notifications")


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
def test_twenty_reset_requests_in_a_row_send_at_most_three_mails(client, send_queue):
    regency_admin(username="admin.belu", email="admin.belu@example.org")

    responses = [
        client.post(reverse("accounts:password_reset"), {"email": "admin.belu@example.org"}) for _ in range(20)
    ]
    send_queue()

    assert len(mail.outbox) == 3
    assert {response.status_code for response in responses} == {302}
    assert {response["Location"] for response in responses} == {reverse("accounts:password_reset_done")}


@pytest.mark.django_db
def test_one_client_may_ask_for_ten_resets_an_hour_whatever_the_addresses(client, settings, send_queue):
    for number in range(12):
        regency_admin(username=f"admin.{number}", email=f"admin.{number}@example.org")

    for number in range(12):
        client.post(
            reverse("accounts:password_reset"), {"email": f"admin.{number}@example.org"}, REMOTE_ADDR="10.1.1.1"
        )
    client.post(reverse("accounts:password_reset"), {"email": "admin.11@example.org"}, REMOTE_ADDR="10.1.1.2")
    send_queue()

    assert len(mail.outbox) == settings.PASSWORD_RESET_REQUESTS_PER_CLIENT + 1
    assert mail.outbox[-1].to == ["admin.11@example.org"]


@pytest.mark.django_db
def test_the_reset_mail_waits_in_the_queue_and_a_refused_delivery_is_retried(client, settings, send_queue):
    """The mail server is not asked during the request; when it refuses, the mail stays queued for the next run
    instead of being lost while the request still counted against the hourly limit."""
    regency_admin(username="admin.belu", email="admin.belu@example.org")

    response = client.post(reverse("accounts:password_reset"), {"email": "admin.belu@example.org"})

    assert response["Location"] == RESET_DONE
    assert mail.outbox == []
    (queued,) = Email.objects.all()
    assert queued.status == STATUS.queued
    assert queued.to == ["admin.belu@example.org"]

    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.DownBackend"
    # A run in which every mail failed exits non-zero (issue 25), its mail requeued for the next run.
    with pytest.raises(CommandError, match="every mail of this run failed"):
        send_queue()
    assert mail.outbox == []
    assert Email.objects.get().status == STATUS.requeued

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email.objects.update(scheduled_time=None)  # the retry interval has passed
    send_queue()
    (message,) = mail.outbox
    assert "/akun/kata-sandi/reset/" in message.body
    assert "Buka tautan ini untuk membuat kata sandi baru:" in message.body  # the text part is text
    assert "<p>" not in message.body
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    assert "Buat kata sandi baru</a>" in html
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db
def test_a_known_and_an_unknown_address_get_the_same_answer_without_the_mail_server(client, settings):
    """Whether an account exists shows neither in the answer nor in waiting on a mail server: the request never
    opens a connection to one (this backend fails the test if it is used)."""
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.UntouchableBackend"
    regency_admin(username="admin.belu", email="admin.belu@example.org")

    known = client.post(reverse("accounts:password_reset"), {"email": "admin.belu@example.org"}, follow=True)
    unknown = client.post(reverse("accounts:password_reset"), {"email": "tidak.ada@example.org"}, follow=True)

    assert [r.status_code for r in (known, unknown)] == [200, 200]
    assert known.redirect_chain == unknown.redirect_chain == [(RESET_DONE, 302)]
    assert known.content == unknown.content
    assert Email.objects.count() == 1


def test_mail_waits_at_most_ten_seconds_for_a_mail_server(settings):
    from django.core.mail import get_connection

    assert settings.EMAIL_TIMEOUT == 10
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 10


@pytest.mark.django_db
def test_a_mail_server_that_never_answers_stops_the_run_and_leaves_the_reset_mail_queued(client, settings, send_queue):
    """A server that accepts the connection and then says nothing: the run gives up after EMAIL_TIMEOUT (one
    second here) instead of waiting on every mail of a batch in turn, fails so that its timer shows it, and leaves
    the mail queued as it was, none of its retries used."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", silent.getsockname()[1], 1
    regency_admin(username="admin.belu", email="admin.belu@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "admin.belu@example.org"})

    try:
        with pytest.raises(CommandError, match="Server surat tidak menjawab"):
            send_queue()
    finally:
        silent.close()

    assert accepted
    email = Email.objects.get()
    assert email.status == STATUS.queued
    assert not email.logs.exists()


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
