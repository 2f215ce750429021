"""Provincial staff manage regency-admin accounts in the admin and cannot raise anyone's rights, their own least."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership
from tests.factories import RegencyFactory, StaffUserFactory, UserFactory, regency_admin

User = get_user_model()
PASSWORD = "correct horse battery staple"


def change_data(user, **overrides):
    """What the staff change form of `user` posts, plus any field a tampered request adds."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "last_login_0": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        "membership-TOTAL_FORMS": "0",
        "membership-INITIAL_FORMS": "0",
        "membership-MIN_NUM_FORMS": "0",
        "membership-MAX_NUM_FORMS": "1",
    }
    return {**data, **overrides}


@pytest.fixture
def staff(client):
    officer = StaffUserFactory(username="staf.kominfo")
    client.force_login(officer)
    return officer


@pytest.mark.django_db
def test_staff_cannot_make_themselves_superuser(client, staff):
    response = client.post(
        reverse("admin:auth_user_change", args=[staff.pk]),
        change_data(staff, is_superuser="on", is_staff="on", groups=[], user_permissions=[]),
    )

    assert response.status_code == 403
    staff.refresh_from_db()
    assert not staff.is_superuser


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["superuser", "other staff"])
def test_staff_cannot_open_or_change_a_privileged_account(client, staff, kind):
    target = (
        UserFactory(username="root", is_superuser=True, is_staff=True)
        if kind == "superuser"
        else StaffUserFactory(username="staf.lain")
    )
    change = reverse("admin:auth_user_change", args=[target.pk])
    password = reverse("admin:auth_user_password_change", args=[target.pk])

    assert client.get(change).status_code == 403
    assert client.post(change, change_data(target, email="attacker@example.org")).status_code == 403
    assert client.get(password).status_code == 403
    response = client.post(password, {"password1": "taken-over-2025!", "password2": "taken-over-2025!"})

    assert response.status_code == 403
    target.refresh_from_db()
    assert target.email != "attacker@example.org"
    assert target.check_password(PASSWORD)
    listing = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert f">{target.username}<" not in listing


@pytest.mark.django_db
def test_staff_cannot_set_a_regency_admins_password_but_can_edit_the_account(client, staff):
    admin_user = regency_admin(username="admin.ende")

    refused = client.post(
        reverse("admin:auth_user_password_change", args=[admin_user.pk]),
        {"password1": "taken-over-2025!", "password2": "taken-over-2025!"},
    )
    form = client.get(reverse("admin:auth_user_change", args=[admin_user.pk])).content.decode()
    changed = client.post(
        reverse("admin:auth_user_change", args=[admin_user.pk]),
        change_data(admin_user, email="ende.baru@example.org", is_superuser="on", is_staff="on"),
    )

    assert refused.status_code == 403
    assert 'name="is_superuser"' not in form
    assert 'name="groups"' not in form
    assert 'name="user_permissions"' not in form
    assert 'name="is_staff"' not in form
    assert "/password/" not in form
    assert changed.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.email == "ende.baru@example.org"
    assert not admin_user.is_superuser
    assert not admin_user.is_staff
    assert admin_user.check_password(PASSWORD)


@pytest.mark.django_db
def test_staff_create_a_regency_admin_with_a_membership(client, staff):
    regency = RegencyFactory()

    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "admin.sabu",
            "email": "admin.sabu@example.org",
            "usable_password": "true",
            "password1": "sabu-raijua-2025!",
            "password2": "sabu-raijua-2025!",
            "membership-TOTAL_FORMS": "1",
            "membership-INITIAL_FORMS": "0",
            "membership-MIN_NUM_FORMS": "0",
            "membership-MAX_NUM_FORMS": "1",
            "membership-0-regency": regency.pk,
        },
    )

    assert response.status_code == 302
    created = User.objects.get(username="admin.sabu")
    assert Membership.objects.get(user=created).regency == regency
    assert not created.is_staff
    assert not created.is_superuser


@pytest.mark.django_db
def test_staff_cannot_attach_a_membership_to_a_privileged_account(client, staff):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)

    response = client.post(reverse("admin:accounts_membership_add"), {"user": root.pk, "regency": RegencyFactory().pk})

    assert response.status_code == 200
    assert "user" in response.context["adminform"].form.errors
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_a_superuser_keeps_the_full_user_admin(client):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    other = StaffUserFactory(username="staf.lain")
    client.force_login(root)

    form = client.get(reverse("admin:auth_user_change", args=[other.pk])).content.decode()
    password = client.get(reverse("admin:auth_user_password_change", args=[other.pk]))

    assert 'name="is_superuser"' in form
    assert 'name="groups"' in form
    assert password.status_code == 200
