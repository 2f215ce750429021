"""The import's source columns: each source's publisher, kind, number and link, the target's own source, a row
with an empty index and a target (a target alone, future years too), and the refusals: a new source without its
publisher, a date after today, a changed published value without a new source."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments import importing
from assessments.models import Result, ReviewState, SourceKind, Target
from regencies.models import Regency
from tests.factories import StaffUserFactory, regency_admin

HEADER = ",".join(importing.COLUMNS) + "\n"


def row(**cells) -> str:
    return ",".join(cells.get(column, "") for column in importing.COLUMNS) + "\n"


def upload(client, body: str):
    file = SimpleUploadedFile("hasil.csv", (HEADER + body).encode(), content_type="text/csv")
    return client.post(reverse("entry:import"), {"file": file})


def confirm(client, preview, data=None):
    return client.post(reverse("entry:import_confirm"), {"pratinjau": preview.context["token"], **(data or {})})


@pytest.fixture
def admin(client, reference_data):
    user = regency_admin(Regency.objects.get(code="53.02"))
    client.force_login(user)
    return user


def test_a_row_with_an_empty_index_and_a_target_records_a_future_target_alone(client, admin):
    body = row(
        kode_wilayah="53.02",
        tahun="2027",
        target="3.20",
        sumber_target="RPJMD Kabupaten 2025-2029",
        penerbit_sumber_target="Pemerintah Kabupaten",
        jenis_sumber_target="rpjmd",
        nomor_sumber_target="Perda 1/2025",
        tanggal_sumber_target="2025-03-01",
    )
    preview = upload(client, body)
    assert [r.status for r in preview.context["rows"]] == ["new"]

    confirm(client, preview, {"ajukan": "1"})

    target = Target.objects.get(regency__code="53.02", year=2027)
    assert (target.value, target.state) == (Decimal("3.20"), ReviewState.SUBMITTED)
    assert (target.source.title, target.source.kind, target.source.reference) == (
        "RPJMD Kabupaten 2025-2029",
        SourceKind.REGIONAL_DOCUMENT,
        "Perda 1/2025",
    )
    assert not Result.objects.filter(regency__code="53.02", year=2027).exists()


def test_a_staff_import_of_a_target_alone_is_verified_where_self_verification_is_allowed(
    client, reference_data, settings
):
    settings.SPBE_ALLOW_SELF_VERIFICATION = True
    client.force_login(StaffUserFactory())
    body = row(
        kode_wilayah="53.02",
        tahun="2028",
        target="3.40",
        sumber_target="Renstra Diskominfo 2024-2028",
        penerbit_sumber_target="Dinas Kominfo Kabupaten",
        tanggal_sumber_target="2024-05-01",
    )

    confirm(client, upload(client, body), {"verifikasi": "1"})

    assert Target.objects.published().get(regency__code="53.02", year=2028).value == Decimal("3.40")


def test_the_result_and_target_sources_are_stored_apart_with_their_publishers(client, admin):
    body = row(
        kode_wilayah="53.02",
        tahun="2023",
        jenis="resmi",
        indeks="2.10",
        target="2.50",
        sumber="KepmenPANRB 1/2024",
        tanggal_sumber="2024-01-31",
        penerbit_sumber="Kementerian PANRB",
        jenis_sumber="keputusan",
        nomor_sumber="1/2024",
        tautan_sumber="https://menpan.go.id/1-2024",
        sumber_target="Perjanjian Kinerja 2023",
        penerbit_sumber_target="Pemerintah Kabupaten",
        tanggal_sumber_target="2023-01-15",
    )

    confirm(client, upload(client, body))

    result = Result.objects.get(regency__code="53.02", year=2023)
    target = Target.objects.get(regency__code="53.02", year=2023)
    assert (result.source.publisher, result.source.reference, result.source.url) == (
        "Kementerian PANRB",
        "1/2024",
        "https://menpan.go.id/1-2024",
    )
    assert (target.source.title, target.source.kind) == ("Perjanjian Kinerja 2023", SourceKind.REGIONAL_DOCUMENT)


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (
            {"sumber": "SK tanpa penerbit", "tanggal_sumber": "2024-01-31"},
            "Kolom penerbit_sumber wajib untuk sumber yang belum tercatat: sebutkan lembaga penerbitnya.",
        ),
        (
            {"sumber": "SK", "tanggal_sumber": "TOMORROW", "penerbit_sumber": "Kementerian PANRB"},
            "Kolom tanggal_sumber: tanggal sumber tidak boleh di masa depan.",
        ),
        (
            {"sumber": "SK", "tanggal_sumber": "2024-01-31", "penerbit_sumber": "X", "jenis_sumber": "gosip"},
            "Kolom jenis_sumber harus salah satu dari: keputusan, peraturan, berita, portal, dokumen daerah, rpjmd, "
            "renstra, perjanjian kinerja.",
        ),
        (
            {"penerbit_sumber_target": "Bappeda"},
            "Kolom sumber_target kosong, padahal kolom sumber lainnya diisi.",
        ),
    ],
)
def test_source_cells_are_checked_in_the_preview(client, admin, cells, reason):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    cells = {key: tomorrow if value == "TOMORROW" else value for key, value in cells.items()}

    rows = upload(client, row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10", **cells)).context[
        "rows"
    ]

    assert rows[0].status == "error"
    assert rows[0].reason == reason


def test_a_changed_published_value_without_a_new_source_is_an_error_row(client, reference_data):
    client.force_login(StaffUserFactory())
    published = Result.objects.published().filter(regency__code="53.01", kind="official").exclude(source=None).first()

    rows = upload(client, row(kode_wilayah="53.01", tahun=str(published.year), jenis="resmi", indeks="4.99")).context[
        "rows"
    ]

    assert rows[0].status == "error"
    assert rows[0].reason.endswith("isi kolom sumber dengan dokumen yang memuat nilai baru.")


def test_a_source_on_file_needs_no_publisher_in_the_file(client, admin):
    on_file = Result.objects.published().exclude(source=None).first().source

    rows = upload(
        client,
        row(
            kode_wilayah="53.02",
            tahun="2023",
            jenis="resmi",
            indeks="2.10",
            sumber=on_file.title,
            tanggal_sumber=on_file.published_on.isoformat(),
        ),
    ).context["rows"]

    assert rows[0].status == "new"
