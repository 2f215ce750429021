"""Provincial staff set a regency's status with its source; nobody else can, and a refused flag writes nothing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Source
from regencies.models import FlagKind, StatusFlag
from tests.factories import RegencyFactory, StaffUserFactory, StatusFlagFactory, UserFactory, regency_admin

URL = reverse("entry:status_flag_create")


def flag_post(regency, **overrides):
    data = {
        "regency": regency.pk,
        "flag": FlagKind.COMPLIANT,
        "as_of": "2026-03-02",
        "note": "Hasil rapat koordinasi",
        "source_title": "Siaran pers Kominfo NTT 2 Maret 2026",
        "source_publisher": "Dinas Kominfo Provinsi NTT",
        "source_kind": "news",
        "source_date": "2026-03-02",
        "source_url": "https://kominfo.nttprov.example/siaran/2026-03-02",
    }
    return {**data, **overrides}


@pytest.fixture
def staff_client(client, db):
    client.force_login(StaffUserFactory())
    return client


def test_staff_sets_a_flag_that_becomes_the_regencys_latest_status_on_its_page(staff_client):
    regency = RegencyFactory()
    StatusFlagFactory(regency=regency, flag=FlagKind.ADJUSTING, as_of=date(2025, 2, 10))

    response = staff_client.post(URL, flag_post(regency))

    assert response.status_code == 302
    assert response["Location"] == regency.get_absolute_url()
    latest = StatusFlag.objects.latest_per_regency().get(regency=regency)
    assert (latest.flag, latest.as_of) == (FlagKind.COMPLIANT, date(2026, 3, 2))
    assert latest.source.title == "Siaran pers Kominfo NTT 2 Maret 2026"
    assert latest.history.first().history_user is not None
    assert StatusFlag.objects.filter(regency=regency).count() == 2
    page = staff_client.get(regency.get_absolute_url()).content.decode()
    assert "Siaran pers Kominfo NTT 2 Maret 2026" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"source_title": ""}, "source_title", "Sebutkan sumber status ini."),
        ({"as_of": "besok"}, "as_of", "Tulis tanggal sebagai tttt-bb-hh."),
        ({"flag": "hebat"}, "flag", "Pilih status dari daftar."),
        ({"source_kind": "verified_entry"}, "source_kind", "Pilih jenis sumber dari daftar."),
        ({"source_url": "bukan alamat"}, "source_url", "Tulis alamat lengkap, diawali https://."),
    ],
)
def test_bad_input_is_answered_next_to_the_field_and_writes_nothing(staff_client, overrides, field, message):
    regency = RegencyFactory()

    response = staff_client.post(URL, flag_post(regency, **overrides))

    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not StatusFlag.objects.filter(regency=regency).exists()


def test_a_future_date_is_refused(staff_client):
    regency = RegencyFactory()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = staff_client.post(URL, flag_post(regency, as_of=tomorrow))

    assert "Tanggal status tidak boleh di masa depan." in response.context["form"].errors["as_of"]
    assert not StatusFlag.objects.filter(regency=regency).exists()


def test_a_second_flag_on_the_same_date_is_refused_and_leaves_no_new_source(staff_client):
    regency = RegencyFactory()
    StatusFlagFactory(regency=regency, as_of=date(2026, 3, 2))
    sources_before = Source.objects.count()

    response = staff_client.post(URL, flag_post(regency))

    assert response.status_code == 400
    assert "Wilayah ini sudah punya status pada tanggal tersebut." in response.context["form"].errors["as_of"]
    assert StatusFlag.objects.filter(regency=regency).count() == 1
    assert Source.objects.count() == sources_before


@pytest.mark.parametrize("who", ["anonymous", "regency admin", "role-less user"])
def test_only_provincial_staff_may_set_a_flag(client, db, who):
    regency = RegencyFactory()
    if who == "regency admin":
        client.force_login(regency_admin(regency))
    elif who == "role-less user":
        client.force_login(UserFactory())

    response = client.post(URL, flag_post(regency))

    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 403
    assert not StatusFlag.objects.filter(regency=regency).exists()


def test_the_province_cannot_be_flagged(staff_client):
    province = RegencyFactory(kind="provinsi", code="53", bps_code="5300")

    response = staff_client.post(URL, flag_post(province))

    assert response.status_code == 400
    assert not StatusFlag.objects.filter(regency=province).exists()
