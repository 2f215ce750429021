"""Bulk import: template, preview statuses with reasons, the file checks, and the all-or-nothing confirm."""

import io
import zipfile
from decimal import Decimal

import pytest
from defusedxml import EntitiesForbidden
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assessments import importing, services
from assessments.models import Result, ReviewState, Target
from regencies.models import Regency
from tests.factories import StaffUserFactory, regency_admin

HEADER = ",".join(importing.COLUMNS) + "\n"  # the full template; rows may stop after any column


def csv_file(body: str, *, name="hasil.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + body).encode(encoding), content_type="text/csv")


def xlsx_file(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(importing.COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("hasil.xlsx", buffer.getvalue())


@pytest.fixture
def staff(client, reference_data):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def upload(client, file):
    return client.post(reverse("entry:import"), {"file": file})


def confirm(client, preview, data=None):
    """Confirms the preview that `preview` (the upload's response) showed, with its token as the form sends it."""
    return client.post(reverse("entry:import_confirm"), {"pratinjau": preview.context["token"], **(data or {})})


def preview_rows(response) -> list[importing.ImportRow]:
    return response.context["rows"]


def file_error(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


def test_the_csv_template_has_exactly_the_import_columns(client, staff):
    response = client.get(reverse("entry:import_template", kwargs={"fmt": "csv"}))

    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.split(",") == importing.COLUMNS


def test_the_xlsx_template_has_exactly_the_import_columns(client, staff):
    response = client.get(reverse("entry:import_template", kwargs={"fmt": "xlsx"}))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == importing.COLUMNS


def test_preview_marks_rows_new_changed_unchanged_and_error_with_reasons(client, staff):
    body = (
        "53.02,2023,resmi,2.10,2.50,,,\n"  # new
        "53.01,2022,resmi,1.90,,KepmenPANRB 9/2024,2024-05-01,,Kementerian PANRB\n"  # changed (published 1.85)
        "53.01,2021,resmi,1.60,,,,\n"  # unchanged
        "99.99,2023,resmi,2.00,,,,\n"  # error
    )

    rows = preview_rows(upload(client, csv_file(body)))

    assert [row.status for row in rows] == ["new", "changed", "unchanged", "error"]
    assert rows[3].reason == "Kode wilayah 99.99 tidak dikenal."
    assert not Result.objects.filter(regency__code="53.02", year=2023).exists()


def test_confirming_writes_new_and_changed_rows_as_drafts(client, staff):
    preview = upload(
        client,
        csv_file(
            "53.02,2023,resmi,2.10,2.50,,,\n53.01,2022,resmi,1.90,,KepmenPANRB 9/2024,2024-05-01,,Kementerian PANRB\n"
        ),
    )

    response = confirm(client, preview)

    assert response.status_code == 302
    new = Result.objects.get(regency__code="53.02", year=2023)
    assert (new.value, new.state) == (Decimal("2.10"), ReviewState.DRAFT)
    assert Target.objects.get(regency__code="53.02", year=2023).value == Decimal("2.50")
    revision = Result.objects.open().get(regency__code="53.01", year=2022)
    assert revision.value == Decimal("1.90")
    assert Result.objects.published().get(regency__code="53.01", year=2022).value == Decimal("1.85")


def test_staff_may_verify_imported_rows_in_the_same_step(client, staff, settings):
    settings.SPBE_ALLOW_SELF_VERIFICATION = True
    preview = upload(client, csv_file("53.02,2023,resmi,2.10,2.50,KepmenPANRB 1/2024,2024-01-31,,Kementerian PANRB\n"))

    confirm(client, preview, {"verifikasi": "1"})

    published = Result.objects.published().get(regency__code="53.02", year=2023)
    assert published.source.title == "KepmenPANRB 1/2024"
    assert Target.objects.published().get(regency__code="53.02", year=2023).value == Decimal("2.50")


def test_a_file_with_one_bad_row_writes_nothing(client, staff):
    preview = upload(client, csv_file("53.02,2023,resmi,2.10,,,,\n53.03,2023,resmi,7.00,,,,\n"))

    response = confirm(client, preview)

    assert response.status_code == 400
    assert "Tidak ada data yang ditulis" in response.content.decode()
    assert not Result.objects.filter(year=2023, regency__code__in=["53.02", "53.03"]).exists()


def test_a_failure_while_writing_rolls_back_the_rows_already_written(staff, monkeypatch):
    raw = importing.read_table(
        name="hasil.csv", content=(HEADER + "53.02,2023,resmi,2.10,2.50,,,\n53.03,2023,resmi,2.20,2.60,,,\n").encode()
    )
    calls = []

    def fail_on_second_target(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError("simulated failure")
        return original(**kwargs)

    original = services.save_target_draft
    monkeypatch.setattr(services, "save_target_draft", fail_on_second_target)

    with pytest.raises(importing.ImportRejected):
        importing.apply_import(raw_rows=raw, user=staff)

    assert not Result.objects.filter(year=2023, regency__code__in=["53.02", "53.03"]).exists()
    assert not Target.objects.filter(year=2023, regency__code__in=["53.02", "53.03"]).exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("hasil.txt", b"a,b\n"), "Jenis berkas tidak didukung; unggah CSV atau XLSX."),
        (SimpleUploadedFile("hasil.csv", b""), "Berkas kosong."),
        (SimpleUploadedFile("hasil.csv", b"\n\n"), "Berkas kosong."),
        (SimpleUploadedFile("hasil.csv", HEADER.encode()), "Berkas tidak berisi baris data di bawah judul kolom."),
        (
            SimpleUploadedFile("hasil.csv", b"kode,tahun,nilai\n53.01,2023,2.1\n"),
            "Kolom tidak sesuai templat. Diharapkan: kode_wilayah, tahun, jenis, indeks, target, sumber, "
            "tanggal_sumber, catatan, penerbit_sumber, jenis_sumber, nomor_sumber, tautan_sumber, sumber_target, "
            "penerbit_sumber_target, jenis_sumber_target, nomor_sumber_target, tanggal_sumber_target, "
            "tautan_sumber_target. Ditemukan: kode, tahun, nilai.",
        ),
        (
            SimpleUploadedFile(
                "hasil.csv", (HEADER + "53.01,2023,resmi,2.1,,Keputusan Bupati Ñ,,\n").encode("latin-1")
            ),
            'Berkas tidak terbaca sebagai UTF-8. Simpan ulang sebagai "CSV UTF-8" lalu unggah lagi.',
        ),
        (SimpleUploadedFile("hasil.xlsx", b"not a zip at all"), "Berkas ini bukan XLSX yang sah."),
        (SimpleUploadedFile("hasil.csv", b"PK\x03\x04binary"), "Berkas ini bukan CSV teks."),
    ],
    ids=[
        "wrong-type",
        "empty",
        "blank-lines",
        "header-only",
        "wrong-headers",
        "bad-encoding",
        "fake-xlsx",
        "zip-as-csv",
    ],
)
def test_unreadable_files_get_a_clear_message_next_to_the_field(client, staff, file, message):
    response = upload(client, file)

    assert response.status_code == 400
    assert message in file_error(response)


def test_a_file_over_the_size_limit_is_refused(client, staff, settings):
    settings.IMPORT_MAX_BYTES = 2048

    response = upload(client, csv_file("53.02,2023,resmi,2.10,,,,\n" * 100))

    assert file_error(response) == "Berkas terlalu besar; paling besar 2 KB."


def test_a_file_over_the_row_limit_is_refused(client, staff, settings):
    settings.IMPORT_MAX_ROWS = 2

    response = upload(client, csv_file("53.02,2023,resmi,2.10,,,,\n" * 3))

    assert "Terlalu banyak baris; paling banyak 2." in file_error(response)


@pytest.mark.parametrize("formula", ["=1+1", "+2", "-3", "@SUM(A1)"])
def test_cells_with_formulas_are_refused(client, staff, formula):
    rows = preview_rows(upload(client, csv_file(f"53.02,2023,resmi,2.10,,{formula},,\n")))

    assert rows[0].status == "error"
    assert rows[0].reason == "Sel berisi rumus (diawali =, +, - atau @) tidak diterima: kolom sumber."


def test_an_xlsx_formula_is_refused_not_evaluated(client, staff):
    rows = preview_rows(upload(client, xlsx_file([["53.02", 2023, "resmi", "=2+0.1", None, None, None, None]])))

    assert rows[0].status == "error"
    assert "kolom indeks" in rows[0].reason


def test_an_xlsx_file_is_imported(client, staff):
    rows = preview_rows(upload(client, xlsx_file([["53.02", 2023, "resmi", 2.1, 2.5, None, None, None]])))

    assert [row.status for row in rows] == ["new"]
    assert rows[0].value == Decimal("2.1")


def test_duplicate_rows_are_refused(client, staff):
    rows = preview_rows(upload(client, csv_file("53.02,2023,resmi,2.10,,,,\n53.02,2023,resmi,2.20,,,,\n")))

    assert rows[1].status == "error"
    assert rows[1].reason == "Baris ganda: wilayah, tahun dan jenis sama dengan baris 2."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("53.02,2023,resmi,2.105,,,,", "Kolom indeks: paling banyak dua angka di belakang koma."),
        ("53.02,2023,resmi,abc,,,,", "Kolom indeks bukan angka."),
        ("53.02,2023,resmi,,,,,", "Kolom indeks kosong."),
        ("53.02,2023,lain,2.1,,,,", 'Jenis harus "resmi", "mandiri" atau "sementara".'),
        ("53.02,2099,resmi,2.1,,,,", "Tahun hasil evaluasi tidak boleh di masa depan."),
        ("53.02,2023,resmi,2.1,,SK 1,31-01-2024,", "Tanggal sumber harus berbentuk tttt-bb-hh."),
    ],
)
def test_row_errors_name_their_reason(client, staff, line, reason):
    rows = preview_rows(upload(client, csv_file(line + "\n")))

    assert rows[0].reason == reason


def test_a_regency_admin_imports_only_their_own_regency(client, reference_data):
    client.force_login(regency_admin(Regency.objects.get(code="53.01")))

    preview = upload(client, csv_file("53.01,2023,resmi,2.10,,,,\n53.02,2023,resmi,2.10,,,,\n"))
    rows = preview_rows(preview)
    response = confirm(client, preview)

    assert rows[0].status == "new"
    assert rows[1].reason == "Anda tidak berwenang mengisi data Kabupaten Timor Tengah Selatan."
    assert response.status_code == 403
    assert not Result.objects.filter(year=2023, regency__code__in=["53.01", "53.02"]).exists()


def test_imported_rows_record_who_imported_them_in_the_history(staff):
    raw = importing.read_table(name="hasil.csv", content=(HEADER + "53.02,2023,resmi,2.10,2.50,,,\n").encode())

    importing.apply_import(raw_rows=raw, user=staff)

    result = Result.objects.get(regency__code="53.02", year=2023)
    assert result.history.get().history_user == staff
    assert Target.objects.get(regency__code="53.02", year=2023).history.get().history_user == staff


def _broken_xlsx() -> bytes:
    """A zip that starts like an XLSX but whose manifest is not XML at all."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"")
    return buffer.getvalue()


# Each of these raised something other than ImportFileError before the fuzz tests (tests/test_fuzz.py) found it.
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hasil.csv", b"\xef\xbb\xbf", "Berkas kosong."),
        (
            "hasil.csv",
            (HEADER + "53.01,2022,resmi,2.5,," + "x" * 200_000 + ",,\n").encode(),
            "sel yang terlalu panjang",
        ),
        ("hasil.xlsx", _broken_xlsx(), "Berkas XLSX rusak atau tidak dapat dibaca."),
    ],
)
def test_files_that_once_crashed_the_parser_get_its_own_message(db, name, content, message):
    with pytest.raises(importing.ImportFileError, match=message):
        importing.read_table(name=name, content=content)


def test_an_xlsx_with_an_xml_entity_bomb_is_refused_without_expanding_it(db):
    """defusedxml (in requirements.txt) makes openpyxl refuse entity declarations instead of expanding them."""
    workbook = io.BytesIO(importing.template_xlsx())
    bomb = io.BytesIO()
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                declaration = f'<!DOCTYPE worksheet [<!ENTITY lol0 "lol">{lol}]>'.encode()
                data = declaration + data.replace(b"kode_wilayah", b"&lol9;", 1)
            target.writestr(item, data)

    with pytest.raises(importing.ImportFileError, match=r"Berkas XLSX rusak atau tidak dapat dibaca\.") as refused:
        importing.read_table(name="hasil.xlsx", content=bomb.getvalue())
    # Refused for declaring entities, before any expansion; not merely by expat's own amplification limit.
    causes, error = [], refused.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(cause, EntitiesForbidden) for cause in causes)
