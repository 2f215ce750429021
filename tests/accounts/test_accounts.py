"""Who may do what, and the login pages: permissions helpers, the staff group, lockout and password reset."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import STAFF_GROUP_NAME
from accounts.permissions import can_edit_regency, is_provincial_staff, regency_of, staff_required
from tests.factories import RegencyFactory, StaffUserFactory, UserFactory, regency_admin

PASSWORD = "correct horse battery staple"


@pytest.mark.django_db
def test_a_regency_admin_belongs_to_their_regency_only():
    regency, other = RegencyFactory(), RegencyFactory()
    admin = regency_admin(regency)

    assert regency_of(admin) == regency
    assert can_edit_regency(admin, regency)
    assert not can_edit_regency(admin, other)
    assert not is_provincial_staff(admin)


@pytest.mark.django_db
def test_staff_may_edit_every_regency_and_belong_to_none():
    staff = StaffUserFactory()

    assert is_provincial_staff(staff)
    assert regency_of(staff) is None
    assert can_edit_regency(staff, RegencyFactory())


@pytest.mark.django_db
def test_a_deactivated_admin_may_edit_nothing():
    regency = RegencyFactory()
    admin = regency_admin(regency, is_active=False)

    assert not can_edit_regency(admin, regency)


def test_anonymous_visitors_may_edit_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert not is_provincial_staff(AnonymousUser())
    assert regency_of(AnonymousUser()) is None
    assert not can_edit_regency(AnonymousUser(), RegencyFactory())


@pytest.mark.django_db
def test_staff_required_refuses_a_regency_admin_and_sends_anonymous_to_login():
    view = staff_required(lambda request: "ok")
    request = RequestFactory().get("/x/")

    request.user = regency_admin()
    with pytest.raises(PermissionDenied):
        view(request)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert view(request)["Location"].startswith(reverse("accounts:login"))
    request.user = StaffUserFactory()
    assert view(request) == "ok"


@pytest.mark.django_db
def test_the_staff_group_can_verify_results_and_manage_memberships_but_not_frameworks():
    codenames = set(Group.objects.get(name=STAFF_GROUP_NAME).permissions.values_list("codename", flat=True))

    assert {"change_result", "change_target", "add_membership", "add_statusflag", "change_followup"} <= codenames
    assert "view_framework" in codenames
    assert "change_framework" not in codenames


@pytest.mark.django_db
def test_logging_in_through_the_page_leads_to_the_workspace(client):
    regency_admin(username="admin.ende")

    response = client.post(reverse("accounts:login"), {"username": "admin.ende", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("entry:list")


@pytest.mark.django_db
def test_the_login_page_is_indonesian_in_the_site_layout(client):
    html = client.get(reverse("accounts:login")).content.decode()

    assert "<h1>Masuk</h1>" in html
    assert "Lupa kata sandi?" in html
    assert 'class="site-header"' in html


@pytest.mark.django_db
def test_the_header_offers_login_to_visitors_and_entry_and_logout_to_users(client):
    anonymous = client.get(reverse("dashboard:home")).content.decode()
    client.force_login(regency_admin())
    logged_in = client.get(reverse("dashboard:home")).content.decode()

    assert reverse("accounts:login") in anonymous
    assert reverse("entry:list") not in anonymous
    assert reverse("entry:list") in logged_in
    assert reverse("accounts:logout") in logged_in


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out(client, settings):
    regency_admin(username="admin.alor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "admin.alor", "password": "salah"})

    response = client.post(reverse("accounts:login"), {"username": "admin.alor", "password": PASSWORD})

    assert response.status_code == 429
    assert "Akun terkunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_failed_login_below_the_limit_shows_the_form_error(client):
    regency_admin(username="admin.sikka")

    response = client.post(reverse("accounts:login"), {"username": "admin.sikka", "password": "salah"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_password_reset_mails_a_link_to_our_confirm_page(client, settings, tmp_path):
    regency_admin(username="admin.belu", email="admin.belu@example.org")

    response = client.post(reverse("accounts:password_reset"), {"email": "admin.belu@example.org"})
    settings.NOTIFICATIONS_LOCK_FILE = str(tmp_path / "mail")
    call_command("send_notifications")

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert "/akun/kata-sandi/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Atur ulang kata sandi Portal Indeks SPBE dan Pemdi NTT"


@pytest.mark.django_db
def test_password_change_needs_login_and_works(client):
    user = UserFactory(username="staf.ganti")
    assert client.get(reverse("accounts:password_change")).status_code == 302
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kupang-lasiana-2025!", "new_password2": "kupang-lasiana-2025!"},
    )

    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("kupang-lasiana-2025!")


def test_development_mail_goes_to_the_console():
    from spbe_portal.settings import dev

    assert dev.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.django_db
def test_staff_see_result_and_follow_up_history_in_the_admin(client):
    from tests.factories import FollowUpFactory

    follow_up = FollowUpFactory()
    client.force_login(StaffUserFactory())

    result_history = client.get(reverse("admin:assessments_result_history", args=[follow_up.result.pk]))
    follow_up_history = client.get(reverse("admin:assessments_followup_history", args=[follow_up.pk]))
    membership_list = client.get(reverse("admin:accounts_membership_changelist"))

    assert result_history.status_code == 200
    assert follow_up_history.status_code == 200
    assert membership_list.status_code == 200


@pytest.mark.parametrize("path", ["/akun/masuk/", "/admin/login/"])
def test_a_login_with_an_absurdly_long_name_is_refused_not_a_server_error(client, db, path):
    from axes.models import AccessAttempt

    # Longer than django-axes' 255-character column: PostgreSQL refused the insert with a 500 (found by fuzzing).
    response = client.post(path, {"username": "x" * 1000, "password": "wrong"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 255
