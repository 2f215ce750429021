"""Entry and import can record a provisional value ("sementara"), which carries no target."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import importing, services
from assessments.models import Result, ResultKind, ReviewState, Target
from regencies.models import Regency
from tests.entry_helpers import result_post
from tests.factories import StaffUserFactory, regency_admin

KUPANG = "53.01"
HEADER = ",".join(importing.COLUMNS) + "\n"  # the full template; rows may stop after any column


@pytest.fixture
def kupang_admin(client, reference_data):
    admin = regency_admin(Regency.objects.get(code=KUPANG))
    client.force_login(admin)
    return admin


def post_create(client, **fields):
    regency = Regency.objects.get(code=KUPANG)
    return client.post(reverse("entry:result_create"), result_post(regency=str(regency.pk), **fields))


def upload(client, body: str):
    file = SimpleUploadedFile("hasil.csv", (HEADER + body).encode("utf-8"), content_type="text/csv")
    return client.post(reverse("entry:import"), {"file": file})


def test_the_entry_form_records_a_provisional_value_with_its_source(client, kupang_admin):
    post_create(
        client,
        kind="provisional",
        value="2,31",
        source_title="Berita tahap interview",
        source_date="2024-10-24",
        source_publisher="Pos Kupang",
    )

    result = Result.objects.get(regency__code=KUPANG, year=2023)
    assert (result.kind, result.value, result.state) == (ResultKind.PROVISIONAL, Decimal("2.31"), ReviewState.DRAFT)
    assert result.source.title == "Berita tahap interview"


def test_a_provisional_value_with_a_target_is_refused_and_nothing_is_written(client, kupang_admin):
    response = post_create(client, kind="provisional", value="2,31", target="3,00")

    assert "bukan nilai sementara" in response.content.decode()
    assert not Result.objects.filter(regency__code=KUPANG, year=2023).exists()
    assert not Target.objects.filter(regency__code=KUPANG, year=2023).exists()


def test_the_import_records_a_sementara_row_as_a_provisional_draft(client, reference_data):
    client.force_login(StaffUserFactory())

    preview = upload(client, "53.02,2023,sementara,2.10,,Berita tahap interview,2023-10-24,,Pos Kupang\n")
    client.post(reverse("entry:import_confirm"), {"pratinjau": preview.context["token"]})

    result = Result.objects.get(regency__code="53.02", year=2023)
    assert (result.kind, result.value, result.state) == (ResultKind.PROVISIONAL, Decimal("2.10"), ReviewState.DRAFT)


def test_the_import_refuses_a_target_on_a_sementara_row(client, reference_data):
    client.force_login(StaffUserFactory())

    rows = upload(client, "53.02,2023,sementara,2.10,2.50,,,\n").context["rows"]

    assert rows[0].status == "error"
    assert rows[0].reason.startswith("Target tidak diisi pada baris sementara")


def test_a_provisional_value_goes_through_review_and_is_then_shown_sementara_not_ranked(client, kupang_admin):
    post_create(
        client,
        kind="provisional",
        value="2,31",
        source_title="Berita tahap interview",
        source_date="2023-10-24",
        source_publisher="Pos Kupang",
    )
    draft = Result.objects.get(regency__code=KUPANG, year=2023)
    submitted = services.submit_result(result=draft, version=draft.version, by=kupang_admin)
    verified = services.verify_result(result=submitted, version=submitted.version, by=StaffUserFactory())

    assert verified.state == ReviewState.VERIFIED
    html = client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()
    assert "nilai sementara 2,31" in html
    ranking = client.get(reverse("dashboard:home"), {"tahun": 2023}).context["ranking"]
    kupang = next(row for row in ranking.rows if row.regency.code == KUPANG)
    assert kupang.rank is None
    assert kupang.provisional.value == Decimal("2.31")
