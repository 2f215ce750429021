"""The official levels' import and its template for Pemdi and for 5/2018's indicator scored once per public
service (issue 22): a column per scored entry, decimals where the indicator takes them, a sheet of another
framework refused naming both frameworks, nothing written on any refusal."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import AssessmentStage, IndicatorAssessment
from tests.pemdi_entry_helpers import build_pemdi, build_with_parts

pytestmark = pytest.mark.django_db
SOURCE_HEADER = "sumber_judul,sumber_penerbit,sumber_jenis,sumber_nomor,sumber_tanggal,sumber_tautan"
SOURCE = "Hasil Evaluasi Uji,Kementerian PANRB,keputusan,B/1/2026,2026-11-02,"


@pytest.fixture
def pemdi(client):
    built = build_pemdi()
    client.force_login(built.staff)
    return built


def upload(client, year: int, header: str, body: str):
    content = f"kode_wilayah,{header},{SOURCE_HEADER}\n{body}".encode()
    return client.post(
        reverse("entry:official_import"),
        {"year": year, "file": SimpleUploadedFile("resmi.csv", content, content_type="text/csv")},
    )


def confirm(client, preview):
    return client.post(reverse("entry:official_import_confirm"), {"pratinjau": preview.context.get("token") or ""})


def test_the_pemdi_template_has_a_column_per_indicator_of_the_year(client, pemdi):
    csv = client.get(reverse("entry:official_import_template", args=[2026, "csv"])).content.decode("utf-8-sig")

    assert csv.splitlines()[0] == f"kode_wilayah,1,2,3,{SOURCE_HEADER}"


def test_the_template_of_an_indicator_scored_per_public_service_has_a_column_per_service(client):
    built = build_with_parts()
    client.force_login(built.staff)

    csv = client.get(reverse("entry:official_import_template", args=[2019, "csv"])).content.decode("utf-8-sig")

    assert csv.splitlines()[0] == (
        f"kode_wilayah,1,2 layanan publik 1,2 layanan publik 2,2 layanan publik 3,{SOURCE_HEADER}"
    )


def test_a_converted_value_is_written_with_its_decimals(client, pemdi):
    preview = upload(client, 2026, "1,2,3", f'{pemdi.regency.code},3,"3,45",4,{SOURCE}\n')

    assert [row.status for row in preview.context["rows"]] == ["new"]
    assert confirm(client, preview).status_code == 302
    levels = dict(
        IndicatorAssessment.objects.filter(stage=AssessmentStage.OFFICIAL).values_list("indicator__number", "level")
    )
    assert levels == {1: 3, 2: Decimal("3.45"), 3: 4}


def test_a_converted_value_uploaded_again_as_written_is_unchanged(client, pemdi):
    """A value with decimals compares as the number it is (written 3,45, uploaded again as 3.45)."""
    confirm(client, upload(client, 2026, "1,2,3", f'{pemdi.regency.code},3,"3,45",4,{SOURCE}\n'))

    again = upload(client, 2026, "1,2,3", f"{pemdi.regency.code},3,3.45,4,{SOURCE}\n")
    other = upload(client, 2026, "1,2,3", f"{pemdi.regency.code},3,3.46,4,{SOURCE}\n")

    assert [(row.status, row.changes) for row in again.context["rows"]] == [("unchanged", 0)]
    assert [(row.status, row.changes) for row in other.context["rows"]] == [("changed", 1)]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ('"2,5",3,3', "Indikator 1: Kerangka Uji Pemdi: Tingkat kematangan harus bilangan bulat"),
        ("2,3.456,3", "Indikator 2: Kerangka Uji Pemdi: Nilai indikator ini paling banyak 2 angka desimal."),
        ("2,5.5,3", "Indikator 2: Kerangka Uji Pemdi: Tingkat kematangan harus antara 1 dan 5."),
        ("0,3,3", "Indikator 1: Kerangka Uji Pemdi: Tingkat kematangan harus antara 1 dan 5."),
    ],
)
def test_a_bad_value_is_refused_naming_the_indicator_and_the_framework(client, pemdi, cells, reason):
    preview = upload(client, 2026, "1,2,3", f"{pemdi.regency.code},{cells},{SOURCE}\n")

    assert reason in preview.context["rows"][0].reason
    assert confirm(client, preview).status_code == 400
    assert not IndicatorAssessment.objects.exists()


def test_a_level_name_of_another_framework_is_refused_naming_it(client, pemdi):
    spbe = build_with_parts(first_year=2021, last_year=2025)
    client.force_login(spbe.staff)

    preview = upload(
        client,
        2025,
        "1,2 layanan publik 1,2 layanan publik 2,2 layanan publik 3",
        f"{spbe.regency.code},Merintis,3,3,3,{SOURCE}\n",
    )

    assert (
        "Indikator 1: “Merintis” adalah nama tingkat Kerangka Uji Pemdi, bukan Kerangka Uji Bagian; tulis angka "
        "tingkatnya." in preview.context["rows"][0].reason
    )


def test_a_sheet_with_another_frameworks_columns_is_refused_naming_both_frameworks(client, pemdi):
    spbe = build_with_parts(first_year=2021, last_year=2025)
    spbe_header = "1,2 layanan publik 1,2 layanan publik 2,2 layanan publik 3"

    spbe_in_2026 = upload(client, 2026, spbe_header, f"{pemdi.regency.code},3,3,3,3,{SOURCE}\n")
    pemdi_in_2025 = upload(client, 2025, "1,2,3", f"{spbe.regency.code},3,3,3,{SOURCE}\n")

    assert spbe_in_2026.status_code == 400
    assert (
        "Baris 1 (judul kolom): berkas ini memuat 4 kolom indikator Kerangka Uji Bagian, padahal tahun 2026 "
        "dinilai dengan Kerangka Uji Pemdi (3 kolom indikator)." in spbe_in_2026.content.decode()
    )
    assert pemdi_in_2025.status_code == 400
    assert (
        "berkas ini memuat 3 kolom indikator Kerangka Uji Pemdi, padahal tahun 2025 dinilai dengan Kerangka Uji "
        "Bagian (4 kolom indikator)" in pemdi_in_2025.content.decode()
    )
    assert not IndicatorAssessment.objects.exists()


def test_an_indicator_column_the_years_framework_lacks_is_named(client, pemdi):
    response = upload(client, 2026, "1,2,3,21", f"{pemdi.regency.code},3,3,3,3,{SOURCE}\n")

    assert response.status_code == 400
    assert (
        "Baris 1 (judul kolom): tahun 2026 dinilai dengan Kerangka Uji Pemdi (3 kolom indikator); kolom 21 tidak "
        "ada pada Kerangka Uji Pemdi." in response.content.decode()
    )


def test_each_public_service_is_written_as_its_own_part(client):
    built = build_with_parts()
    client.force_login(built.staff)
    header = "1,2 layanan publik 1,2 layanan publik 2,2 layanan publik 3"

    preview = upload(client, 2019, header, f"{built.regency.code},2,3,,5,{SOURCE}\n")
    assert confirm(client, preview).status_code == 302

    rows = IndicatorAssessment.objects.filter(stage=AssessmentStage.OFFICIAL)
    assert sorted(rows.values_list("indicator__number", "part", "level")) == [(1, 1, 2), (2, 1, 3), (2, 3, 5)]
    again = upload(client, 2019, header, f"{built.regency.code},2,3,,5,{SOURCE}\n")
    assert [row.status for row in again.context["rows"]] == ["unchanged"]


@pytest.fixture
def staff_with_reference_data(client, reference_data):
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory())


def header_of(numbers) -> str:
    return ",".join(str(number) for number in numbers)


def test_the_real_frameworks_sheets_are_refused_in_each_others_years(client, staff_with_reference_data):
    spbe_in_2026 = upload(client, 2026, header_of(range(1, 48)), "53.01," + "3," * 47 + SOURCE + "\n")
    pemdi_in_2025 = upload(client, 2025, header_of(range(1, 21)), "53.01," + "3," * 20 + SOURCE + "\n")

    assert spbe_in_2026.status_code == 400
    assert (
        "Baris 1 (judul kolom): berkas ini memuat 47 kolom indikator PermenPANRB 59/2020, padahal tahun 2026 "
        "dinilai dengan PermenPANRB 8/2026 (20 kolom indikator)." in spbe_in_2026.content.decode()
    )
    assert pemdi_in_2025.status_code == 400
    assert (
        "berkas ini memuat 20 kolom indikator PermenPANRB 8/2026, padahal tahun 2025 dinilai dengan PermenPANRB "
        "59/2020 (47 kolom indikator)" in pemdi_in_2025.content.decode()
    )
    assert not IndicatorAssessment.objects.filter(stage=AssessmentStage.OFFICIAL).exists()


def test_the_real_templates_of_2018_and_2026(client, staff_with_reference_data):
    of_2018 = client.get(reverse("entry:official_import_template", args=[2018, "csv"])).content.decode("utf-8-sig")
    of_2026 = client.get(reverse("entry:official_import_template", args=[2026, "csv"])).content.decode("utf-8-sig")

    assert of_2018.splitlines()[0] == (
        f"kode_wilayah,{header_of(range(1, 35))},35 layanan publik 1,35 layanan publik 2,35 layanan publik 3,"
        f"{SOURCE_HEADER}"
    )
    assert of_2026.splitlines()[0] == f"kode_wilayah,{header_of(range(1, 21))},{SOURCE_HEADER}"


def test_a_2026_sheet_takes_two_decimals_for_the_six_converted_indicators_only(client, staff_with_reference_data):
    cells = ["3"] * 20
    cells[4] = '"3,45"'  # indicator 5: Indeks Satu Data Indonesia, converted to 1–5
    cells[0] = '"3,45"'  # indicator 1: a maturity level, whole

    preview = upload(client, 2026, header_of(range(1, 21)), "53.01," + ",".join(cells) + "," + SOURCE + "\n")

    reason = preview.context["rows"][0].reason
    assert reason == "Indikator 1: PermenPANRB 8/2026: Tingkat kematangan harus bilangan bulat."


def test_a_level_written_by_its_framework_name_is_read_and_another_frameworks_name_refused(
    client, staff_with_reference_data
):
    cells = ["3"] * 20
    cells[0] = "Merintis"
    cells[1] = "Rintisan"

    preview = upload(client, 2026, header_of(range(1, 21)), "53.01," + ",".join(cells) + "," + SOURCE + "\n")

    row = preview.context["rows"][0]
    assert row.reason == (
        "Indikator 2: “Rintisan” adalah nama tingkat PermenPANRB 59/2020, bukan PermenPANRB 8/2026; tulis angka "
        "tingkatnya."
    )
    cells[1] = "3"
    accepted = upload(client, 2026, header_of(range(1, 21)), "53.01," + ",".join(cells) + "," + SOURCE + "\n")
    assert accepted.context["rows"][0].levels[(1, 1)] == 1
