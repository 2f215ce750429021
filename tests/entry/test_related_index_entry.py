"""A related-index value (RB, IPP, KIP) goes draft → submitted → verified like an SPBE result, entered in the
workspace by the regency's admin and verified by provincial staff; only then do the public pages show it."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import RelatedIndexValue, ReviewState
from tests.factories import (
    IndexFamilyFactory,
    RegencyFactory,
    RelatedIndexValueFactory,
    StaffUserFactory,
    regency_admin,
)

QUOTE = "Indeks Reformasi Birokrasi Kabupaten Uji tahun 2025 sebesar 71,35 dengan kategori BB."


def form_data(regency, family, **overrides) -> dict:
    data = {
        "regency": regency.pk,
        "family": family.pk,
        "year": "2025",
        "value": "71,35",
        "category": "BB",
        "source_title": "Berita uji RB 2025",
        "source_published_on": "2026-02-01",
        "source_url": "https://example.org/rb-2025",
        "quote": QUOTE,
        "note": "",
    }
    data.update(overrides)
    return data


def public_profile(regency) -> str:
    return Client().get(reverse("dashboard:regency", kwargs={"slug": regency.slug})).content.decode()


@pytest.mark.django_db
def test_a_value_goes_draft_submitted_verified_and_only_then_appears_on_the_profile(client):
    regency = RegencyFactory()
    family = IndexFamilyFactory(code="RB", name="Indeks Reformasi Birokrasi")
    admin, staff = regency_admin(regency), StaffUserFactory()

    client.force_login(admin)
    response = client.post(reverse("entry:related_create"), form_data(regency, family))
    record = RelatedIndexValue.objects.get()
    assert response.status_code == 302
    assert (record.state, record.value, record.category, record.created_by) == (
        ReviewState.DRAFT,
        Decimal("71.35"),
        "BB",
        admin,
    )
    assert QUOTE not in public_profile(regency)

    client.post(reverse("entry:related_submit", kwargs={"pk": record.pk}), {"version": record.version})
    record.refresh_from_db()
    assert record.state == ReviewState.SUBMITTED
    assert QUOTE not in public_profile(regency)
    assert (
        client.post(reverse("entry:related_verify", kwargs={"pk": record.pk}), {"version": record.version}).status_code
        == 403
    )

    client.force_login(staff)
    client.post(reverse("entry:related_verify", kwargs={"pk": record.pk}), {"version": record.version})
    record.refresh_from_db()
    assert (record.state, record.reviewed_by) == (ReviewState.VERIFIED, staff)
    html = public_profile(regency)
    assert QUOTE in html
    assert ">71,35<" in html
    assert "Berita uji RB 2025" in html


@pytest.mark.django_db
def test_staff_return_a_value_with_a_comment_and_the_admin_sees_it(client):
    regency = RegencyFactory()
    record = RelatedIndexValueFactory(regency=regency, state=ReviewState.SUBMITTED)
    staff = StaffUserFactory()
    client.force_login(staff)

    refused = client.post(reverse("entry:related_return", kwargs={"pk": record.pk}), {"version": record.version})
    assert refused.status_code == 400
    assert RelatedIndexValue.objects.get().state == ReviewState.SUBMITTED

    client.post(
        reverse("entry:related_return", kwargs={"pk": record.pk}),
        {"version": record.version, "comment": "Kutip kalimat yang menyebut nilainya."},
    )
    client.force_login(regency_admin(regency))
    html = client.get(reverse("entry:related_list")).content.decode()

    assert RelatedIndexValue.objects.get().state == ReviewState.RETURNED
    assert "Kutip kalimat yang menyebut nilainya." in html


@pytest.mark.django_db
def test_a_revision_supersedes_the_verified_value_only_when_verified(client):
    regency = RegencyFactory()
    published = RelatedIndexValueFactory(regency=regency, value=Decimal("60.10"), quote="Nilai lama 60,10.")
    admin, staff = regency_admin(regency), StaffUserFactory()

    draft = services.start_related_index_revision(record=published, by=admin)
    fact = services.RelatedIndexFact(
        family=published.family,
        year=2025,
        value=Decimal("61.20"),
        category="",
        is_target=False,
        source_title="Koreksi",
        source_url="",
        source_published_on=None,
        quote="Nilai baru 61,20.",
    )
    draft = services.save_related_index_value(fact=fact, by=admin, record=draft, version=draft.version)
    services.submit_related_index_value(record=draft, version=draft.version, by=admin)
    assert "Nilai lama 60,10." in public_profile(regency)

    services.verify_related_index_value(record=draft, version=draft.version, by=staff)
    published.refresh_from_db()
    html = public_profile(regency)

    assert published.state == ReviewState.SUPERSEDED
    assert "Nilai baru 61,20." in html
    assert "Nilai lama 60,10." not in html


@pytest.mark.django_db
def test_the_form_refuses_a_value_without_value_or_category_and_a_formula(client):
    regency = RegencyFactory()
    family = IndexFamilyFactory(code="KIP")
    client.force_login(regency_admin(regency))

    empty = client.post(reverse("entry:related_create"), form_data(regency, family, value="", category=""))
    formula = client.post(reverse("entry:related_create"), form_data(regency, family, source_title="=HYPERLINK(1)"))

    assert empty.status_code == formula.status_code == 400
    assert "Isi nilai atau kategori seperti tertulis di sumber." in empty.content.decode()
    assert not RelatedIndexValue.objects.exists()


@pytest.mark.django_db
def test_the_queue_points_staff_to_the_values_awaiting_review_listed_first(client):
    regency = RegencyFactory()
    RelatedIndexValueFactory(regency=regency, year=2020)
    waiting = RelatedIndexValueFactory(regency=regency, year=2019, state=ReviewState.SUBMITTED)
    client.force_login(StaffUserFactory())

    queue = client.get(reverse("entry:queue")).content.decode()
    listed = client.get(reverse("entry:related_list")).content.decode()

    assert "1 nilai indeks terkait (RB, IPP, KIP) menunggu verifikasi" in queue
    assert "1 nilai menunggu verifikasi." in listed
    first_row = listed[listed.index("<tbody>") :].split("</tr>")[0]
    assert reverse("entry:related_detail", kwargs={"pk": waiting.pk}) in first_row
