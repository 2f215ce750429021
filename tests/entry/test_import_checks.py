"""What the imports read and what their confirm writes (issues 24 and 25): dates as Indonesian Excel writes them,
numbers in ASCII digits only, one target per regency and year per file, a preview that runs the confirm's own
checks, a confirm that writes only what was previewed, cells and sheets bounded while reading, and previews kept
out of the session."""

import hashlib
import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from pytest_django.asserts import assertContains

from assessments import importing, services
from assessments.import_previews import ImportKind, ImportPreview
from assessments.models import AssessmentStage, IndicatorAssessment, Result, ReviewState, Source, Target
from regencies.models import Regency
from tests.factories import RegencyFactory, StaffUserFactory
from tests.indicator_review_data import build_review_data, set_levels

HEADER = ",".join(importing.COLUMNS) + "\n"
OFFICIAL_HEADER = (
    "kode_wilayah,1,2,3,4,sumber_judul,sumber_penerbit,sumber_jenis,sumber_nomor,sumber_tanggal,sumber_tautan\n"
)


@pytest.fixture
def staff(client, reference_data):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def row(**cells) -> str:
    return ",".join(cells.get(column, "") for column in importing.COLUMNS) + "\n"


def official_draft(code: str, *, by, value: str, note: str = ""):
    """An official result of 2023 drafted through the service, without a source."""
    return services.create_result_draft(
        regency=Regency.objects.get(code=code),
        year=2023,
        kind="official",
        by=by,
        value=Decimal(value),
        cited=None,
        note=note,
    )


def upload(client, body: str, *, header: str = HEADER, name: str = "hasil.csv"):
    file = SimpleUploadedFile(name, (header + body).encode(), content_type="text/csv")
    return client.post(reverse("entry:import"), {"file": file})


def upload_bytes(client, name: str, content: bytes):
    return client.post(reverse("entry:import"), {"file": SimpleUploadedFile(name, content)})


def official_upload(client, body: str):
    file = SimpleUploadedFile("resmi.csv", (OFFICIAL_HEADER + body).encode(), content_type="text/csv")
    return client.post(reverse("entry:official_import"), {"year": 2023, "file": file})


def official_confirm(client, preview):
    return client.post(reverse("entry:official_import_confirm"), {"pratinjau": preview.context["token"]})


def confirm(client, preview):
    return client.post(reverse("entry:import_confirm"), {"pratinjau": preview.context["token"]})


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def sourced(**cells) -> str:
    return row(
        kode_wilayah="53.02",
        tahun="2023",
        jenis="resmi",
        indeks="2.10",
        sumber="KepmenPANRB uji 2024",
        penerbit_sumber="Kementerian PANRB",
        **cells,
    )


# --- dates -------------------------------------------------------------------------------------------------------


def test_a_day_first_date_of_an_indonesian_excel_csv_is_read(client, staff):
    """A ";" CSV with decimal commas, as Excel set to Indonesian saves it: it wrote 15/01/2024 and was refused."""
    header = ";".join(importing.COLUMNS) + "\n"
    body = "53.02;2023;resmi;2,10;;KepmenPANRB uji 2024;15/01/2024;;Kementerian PANRB\n"

    preview = upload(client, body, header=header)
    assert [r.status for r in preview.context["rows"]] == ["new"]
    confirm(client, preview)

    assert Result.objects.get(regency__code="53.02", year=2023).source.published_on == date(2024, 1, 15)


def test_an_excel_date_cell_and_a_day_first_text_date_read_alike(client, staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(importing.COLUMNS)
    sheet.append(["53.02", 2023, "resmi", 2.1, None, "KepmenPANRB uji 2024", date(2024, 1, 15), None, "Kementerian"])
    sheet.append(["53.03", 2023, "resmi", 2.2, None, "KepmenPANRB uji 2024", "15/01/2024", None, "Kementerian"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows = upload_bytes(client, "hasil.xlsx", buffer.getvalue()).context["rows"]

    assert [(r.status, r.source_date) for r in rows] == [("new", date(2024, 1, 15)), ("new", date(2024, 1, 15))]


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (
            "31/02/2024",
            "Baris 2, kolom tanggal_sumber: 31/02/2024 bukan tanggal yang ada (Februari 2024 hanya 29 hari).",
        ),
        (
            "2023-02-29",
            "Baris 2, kolom tanggal_sumber: 2023-02-29 bukan tanggal yang ada (Februari 2023 hanya 28 hari).",
        ),
        ("15/13/2024", "Baris 2, kolom tanggal_sumber: 15/13/2024 bukan tanggal yang ada (bulan 13)."),
        # Found by the fuzz test: year 0 was a 500 (Python's dates start at year 1).
        ("0000-01-01", "Baris 2, kolom tanggal_sumber: 0000-01-01 bukan tanggal yang ada (tahun 0)."),
        ("31/02/0000", "Baris 2, kolom tanggal_sumber: 31/02/0000 bukan tanggal yang ada (tahun 0)."),
    ],
)
def test_an_impossible_date_is_refused_naming_its_row_and_column(client, staff, written, reason):
    rows = upload(client, sourced(tanggal_sumber=written)).context["rows"]

    assert rows[0].reason == reason


def test_a_source_dated_before_the_spbe_era_is_refused_in_the_preview(client, staff):
    rows = upload(client, sourced(tanggal_sumber="0001-01-01")).context["rows"]

    assert rows[0].reason == (
        "Kolom tanggal_sumber: tanggal sumber sebelum 2000 tidak mungkin untuk data SPBE; periksa tahunnya."
    )


def test_the_official_import_reads_a_day_first_date(client, db):
    data = build_review_data()
    client.force_login(data.staff)
    body = f"{data.regency.code},2,,,,Hasil Evaluasi SPBE 2023,Kementerian PANRB,keputusan,,01/02/2024,\n"

    preview = official_upload(client, body)

    assert [r.status for r in preview.context["rows"]] == ["new"]
    assert preview.context["rows"][0].source.published_on == date(2024, 2, 1)


# --- numbers ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"indeks": "٢.١٠"}, "Kolom indeks bukan angka."),  # Arabic-Indic digits
        ({"indeks": "２.１０"}, "Kolom indeks bukan angka."),  # fullwidth digits
        ({"indeks": "2.10", "target": "३.५०"}, "Kolom target bukan angka."),  # Devanagari digits
        ({"indeks": "2.10", "tahun": "２０２３"}, "Tahun harus berupa angka empat digit."),
    ],
)
def test_digits_other_than_ascii_are_not_a_number(client, staff, cells, reason):
    """Python's Decimal and int read them, so the import did: a number typed in another script by mistake."""
    values = {"kode_wilayah": "53.02", "tahun": "2023", "jenis": "resmi", **cells}

    rows = upload(client, row(**values)).context["rows"]

    assert rows[0].status == "error"
    assert rows[0].reason == reason


def test_the_official_import_refuses_a_level_in_other_digits(client, db):
    data = build_review_data()
    client.force_login(data.staff)
    body = f"{data.regency.code},٣,,,,Hasil Evaluasi SPBE 2023,Kementerian PANRB,keputusan,,2024-02-01,\n"

    rows = official_upload(client, body).context["rows"]

    assert rows[0].reason == "Indikator 1: tulis tingkat sebagai angka bulat."


# --- one target per regency and year ------------------------------------------------------------------------------


def test_two_targets_for_one_regency_and_year_are_refused_in_the_preview(client, staff):
    """An official row with a target and a target-only row: both showed "baru" and one overwrote the other."""
    body = row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10", target="2.50") + row(
        kode_wilayah="53.02", tahun="2023", target="2.60"
    )

    preview = upload(client, body)

    rows = preview.context["rows"]
    assert rows[0].status == "new"
    assert rows[1].reason == "Baris ganda: target Kabupaten Timor Tengah Selatan 2023 juga ditulis di baris 2."
    assert confirm(client, preview).status_code == 400
    assert not Target.objects.filter(regency__code="53.02", year=2023).exists()


# --- the preview runs the confirm's checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"nomor_sumber": "B/" + "1" * 200}, "nomor_sumber"),
        ({"tautan_sumber": "https://example.org/" + "a" * 500}, "tautan_sumber"),
        ({"tautan_sumber": "https://exa mple.org/sk"}, "tautan_sumber"),
    ],
)
def test_what_the_confirm_would_refuse_the_preview_refuses_naming_the_column(client, staff, cells, column):
    """The preview accepted these rows; the confirm then refused them with a message naming no column."""
    preview = upload(client, sourced(tanggal_sumber="2024-01-31", **cells))

    [checked] = preview.context["rows"]
    assert checked.status == "error"
    assert checked.reason.startswith(f"Kolom {column}: ")
    assert confirm(client, preview).status_code == 400
    assert not Source.objects.filter(title="KepmenPANRB uji 2024").exists()


def test_a_file_naming_most_regencies_finds_each_ones_result_as_one_naming_a_few_does(client, staff):
    """A file naming more than half of the regencies is checked against its years' rows of every regency (no list
    of hundreds of regencies sent to the database): each row still meets its own regency's result."""
    codes = list(Regency.objects.exclude(code="53").order_by("code").values_list("code", flat=True))
    rows = [row(kode_wilayah=code, tahun="2023", jenis="mandiri", indeks="2.10") for code in codes]
    assert confirm(client, upload(client, "".join(rows))).status_code == 302
    written = dict(Result.objects.filter(year=2023, kind="self").values_list("regency__code", "pk"))

    many = upload(client, "".join(rows)).context["rows"]
    few = upload(client, rows[0]).context["rows"]

    assert [(checked.status, checked.existing.pk) for checked in many] == [("unchanged", written[c]) for c in codes]
    assert [(checked.status, checked.existing.pk) for checked in few] == [("unchanged", written[codes[0]])]


def test_a_changed_value_of_an_open_revision_needs_its_source_in_the_preview(client, staff):
    """A revision of Kabupaten Kupang's published 1,85 still cites the published source: a new value needs its own
    document. The preview said "berubah"; the confirm refused it without naming the column."""
    published = Result.objects.published().get(regency__code="53.01", year=2022, kind="official")
    services.start_revision(result=published, by=staff)

    preview = upload(client, row(kode_wilayah="53.01", tahun="2022", jenis="resmi", indeks="1.95"))

    assert preview.context["rows"][0].reason == (
        "Nilai berubah dari 1,85 menjadi 1,95: isi kolom sumber dengan dokumen yang memuat nilai baru."
    )


def test_the_official_import_refuses_a_source_link_longer_than_its_column_in_the_preview(client, db):
    """The confirm answered 500 on a source address over 500 characters although its preview passed it."""
    data = build_review_data()
    client.force_login(data.staff)
    link = "https://example.org/" + "a" * 600
    body = f"{data.regency.code},2,,,,Hasil Evaluasi SPBE 2023,Kementerian PANRB,keputusan,,2024-02-01,{link}\n"

    preview = official_upload(client, body)
    answer = client.post(reverse("entry:official_import_confirm"), {"pratinjau": preview.context["token"]})

    assert preview.context["rows"][0].reason.startswith("Kolom sumber_tautan: ")
    assert answer.status_code == 400
    assert not IndicatorAssessment.objects.exists()


# --- the confirm writes what was previewed -------------------------------------------------------------------------


def test_a_draft_a_colleague_made_after_the_preview_is_not_overwritten(client, staff):
    """The confirm overwrote it, emptied its note and reported "1 baris ditulis"."""
    preview = upload(client, row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10"))
    colleague = StaffUserFactory()
    draft = official_draft("53.02", by=colleague, value="2.75", note="Menunggu lampiran keputusan.")

    answer = confirm(client, preview)

    assert answer.status_code == 400
    assert answer.context["rejected"]
    assert answer.context["rows"][0].reason.startswith(
        "Baris 2: hasil Kabupaten Timor Tengah Selatan 2023 dibuat atau diubah orang lain setelah pratinjau"
    )
    draft.refresh_from_db()
    assert (draft.value, draft.note, draft.version) == (Decimal("2.75"), "Menunggu lampiran keputusan.", 1)
    assert not any("baris ditulis" in message for message in messages_of(answer))


def test_a_draft_changed_after_the_preview_refuses_the_whole_confirm(client, staff):
    own = official_draft("53.03", by=staff, value="2.00")
    body = row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10") + row(
        kode_wilayah="53.03", tahun="2023", jenis="resmi", indeks="2.20"
    )
    preview = upload(client, body)
    services.update_result_draft(
        result=own,
        version=own.version,
        by=StaffUserFactory(),
        value=Decimal("2.40"),
        levels={},
        cited=None,
        note="Diperbaiki rekan.",
    )

    answer = confirm(client, preview)

    assert answer.status_code == 400
    assert answer.context["rows"][1].reason.startswith("Baris 3: hasil Kabupaten Timor Tengah Utara 2023")
    assert not Result.objects.filter(regency__code="53.02", year=2023).exists()
    assert Result.objects.get(pk=own.pk).value == Decimal("2.40")


def test_a_result_changed_between_the_confirms_check_and_its_write_refuses_the_whole_import(staff, monkeypatch):
    """The check reads results as plain values and the write reads them again: a save that lands between the two
    refuses the import rather than being written over."""
    own = official_draft("53.03", by=staff, value="2.00")
    checked = importing.checking.check_rows

    def check_then_a_colleague_saves(**arguments):
        rows = checked(**arguments)
        Result.objects.filter(pk=own.pk).update(value=Decimal("2.40"), version=own.version + 1)
        return rows

    monkeypatch.setattr(importing.checking, "check_rows", check_then_a_colleague_saves)
    body = row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10") + row(
        kode_wilayah="53.03", tahun="2023", jenis="resmi", indeks="2.20"
    )

    with pytest.raises(importing.ImportOvertaken):
        importing.apply_import(
            raw_rows=importing.read_table(name="hasil.csv", content=(HEADER + body).encode()), user=staff
        )

    # Nothing of the import stays (the colleague's save, made inside the import's transaction here, went with it).
    assert not Result.objects.filter(regency__code="53.02", year=2023).exists()
    assert Result.objects.get(pk=own.pk).value == Decimal("2.00")


def test_official_levels_changed_after_the_preview_are_not_overwritten(client, db):
    data = build_review_data()
    client.force_login(data.staff)
    source = "Hasil Evaluasi SPBE 2023,Kementerian PANRB,keputusan,,2024-02-01,"
    official_confirm(client, official_upload(client, f"{data.regency.code},2,,,,{source}\n"))
    preview = official_upload(client, f"{data.regency.code},3,,,,{source}\n")
    row_now = IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL)
    IndicatorAssessment.objects.filter(pk=row_now.pk).update(level=4, version=row_now.version + 1)

    answer = official_confirm(client, preview)

    assert answer.status_code == 400
    assert answer.context["rows"][0].reason.startswith("Baris 2: tingkat resmi")
    assert IndicatorAssessment.objects.get(pk=row_now.pk).level == 4


def test_a_level_the_row_leaves_empty_changed_after_the_preview_refuses_the_confirm(client, db):
    """The preview's index read the regency's other official levels too: one of them changed since, the index it
    showed no longer holds, so the confirm writes nothing (it used to compare only the levels the row filled)."""
    data = build_review_data()
    client.force_login(data.staff)
    source = "Hasil Evaluasi SPBE 2023,Kementerian PANRB,keputusan,,2024-02-01,"
    official_confirm(client, official_upload(client, f"{data.regency.code},2,2,2,2,{source}\n"))
    preview = official_upload(client, f"{data.regency.code},3,,,,{source}\n")
    other = IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL, indicator=data.indicators[4])
    IndicatorAssessment.objects.filter(pk=other.pk).update(level=5, version=other.version + 1)

    answer = official_confirm(client, preview)

    assert answer.status_code == 400
    assert answer.context["rows"][0].reason.startswith("Baris 2: tingkat resmi")
    assert IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL, indicator=data.indicators[1]).level == 2


# --- bounded reading ----------------------------------------------------------------------------------------------


def _xlsx_with_a_cell(text: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(importing.COLUMNS)
    sheet.append(["53.02", 2023, "resmi", 2.1, None, None, None, text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_unpacking_to(size: int) -> bytes:
    """The probe's file: a cell Excel would never write (openpyxl cuts cells at 32,767 characters), put in the
    sheet's XML by hand."""
    source, crafted = io.BytesIO(_xlsx_with_a_cell("PLATZHALTER")), io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target:
        for item in original.infolist():
            data = original.read(item.filename).replace(b"PLATZHALTER", b"a" * size)
            target.writestr(item.filename, data)
    return crafted.getvalue()


def test_an_xlsx_that_unpacks_to_a_huge_cell_is_refused_before_it_is_read(db, monkeypatch):
    """A 209 KB file with a 200 MB cell took a worker to 982 MB. Here 20 MB of one letter packs into about 20 KB."""
    content = _xlsx_unpacking_to(20_000_000)
    assert len(content) < 100_000

    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("assessments.importing.reading.load_workbook", never)

    with pytest.raises(importing.ImportFileError, match="terlalu besar setelah dibuka") as refused:
        importing.read_table(name="hasil.xlsx", content=content)
    assert "paling besar 8 MB" in str(refused.value)


@pytest.mark.parametrize("name", ["hasil.xlsx", "hasil.csv"])
def test_a_cell_longer_than_any_column_stores_is_refused_naming_its_row_and_column(db, name):
    if name.endswith(".xlsx"):
        content = _xlsx_with_a_cell("c" * 6000)
    else:
        content = (HEADER + "53.02,2023,resmi,2.10,,,," + "c" * 6000 + "\n").encode()

    with pytest.raises(importing.ImportFileError) as refused:
        importing.read_table(name=name, content=content)

    assert str(refused.value) == "Baris 2, kolom H (catatan): sel berisi 6000 karakter; paling banyak 5000."


def test_cells_longer_together_than_one_cell_may_be_are_read_when_each_fits(db):
    """A row is passed whole when its cells together fit in one; longer together, each cell is still its own."""
    fits = "c" * 4000
    content = (HEADER + f"53.02,2023,resmi,2.10,,{fits},,{fits}\n").encode()

    (row,) = importing.read_table(name="hasil.csv", content=content)

    assert row["catatan"] == fits


# --- previews on the server ----------------------------------------------------------------------------------------


def test_a_preview_is_kept_on_the_server_not_in_the_session(client, staff):
    """Five 500-row previews rode in the session and slowed every later page to 2 s."""
    body = "".join(
        row(kode_wilayah=f"53.{code:02d}", tahun="2023", jenis="mandiri", indeks="2.10") for code in range(2, 22)
    )

    preview = upload(client, body)

    session = client.session
    assert not [key for key in session.keys() if "import" in key]  # noqa: SIM118
    kept = ImportPreview.objects.get(owner=staff)
    assert len(kept.data["rows"]) == 20
    assert preview.context["token"] == f"{kept.key}.{kept.digest}"


def test_a_preview_keeps_its_rows_as_lists_in_the_order_of_the_columns(client, staff):
    """At national size 500 rows of 54 columns as dicts took longer to encode and store than the rest."""
    upload(client, row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10"))

    kept = ImportPreview.objects.get(owner=staff)

    assert kept.data["columns"] == list(importing.COLUMNS)
    assert kept.data["rows"] == [
        [
            {"kode_wilayah": "53.02", "tahun": "2023", "jenis": "resmi", "indeks": "2.10"}.get(column, "")
            for column in importing.COLUMNS
        ]
    ]
    assert kept.rows == [
        {
            column: {"kode_wilayah": "53.02", "tahun": "2023", "jenis": "resmi", "indeks": "2.10"}.get(column, "")
            for column in importing.COLUMNS
        }
    ]


def test_a_preview_kept_in_the_earlier_shape_confirms_nothing(client, staff):
    """A preview kept before its rows were kept as lists (rows as dicts, digested without the format) is refused as
    one that matches no waiting preview, and nothing is written."""
    raw = dict.fromkeys(importing.COLUMNS, "")
    raw.update(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10")
    content = json.dumps({"rows": [raw], "lines": [2], "versions": [[None, None]]}, sort_keys=True, ensure_ascii=False)
    earlier = hashlib.sha256(content.encode()).hexdigest()
    kept = ImportPreview.objects.create(
        key="earlier-shape", owner=staff, kind=ImportKind.RESULTS, content=content, digest=earlier
    )

    answer = client.post(reverse("entry:import_confirm"), {"pratinjau": kept.token})

    assert answer.status_code == 409
    assert "tidak cocok dengan pratinjau yang menunggu" in answer.content.decode()
    assert not Result.objects.filter(regency__code="53.02", year=2023).exists()


def test_an_official_preview_kept_with_its_versions_as_numbers_confirms_nothing(client, db):
    """Before the versions were sealed a preview kept each row's pks and versions as numbers, digested under the
    earlier format: its confirm is refused as one that matches no waiting preview, never compared in the wrong
    shape, and its levels are not written."""
    data = build_review_data()
    set_levels(data, year=2023, stage=AssessmentStage.OFFICIAL, levels={1: 2})
    stored = IndicatorAssessment.objects.get()
    columns = ["kode_wilayah", "1", "sumber_judul", "sumber_penerbit", "sumber_jenis", "sumber_tanggal"]
    cells = [data.regency.code, "4", "Hasil Evaluasi SPBE 2023", "Kementerian PANRB", "keputusan", "2024-02-01"]
    content = json.dumps(
        {"year": 2023, "columns": columns, "rows": [cells], "lines": [2], "versions": [[stored.pk, stored.version]]},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(("rows-as-lists\n" + content).encode()).hexdigest()
    kept = ImportPreview.objects.create(
        key="versions-as-numbers", owner=data.staff, kind=ImportKind.OFFICIAL_LEVELS, content=content, digest=digest
    )
    client.force_login(data.staff)

    answer = client.post(reverse("entry:official_import_confirm"), {"pratinjau": kept.token})

    assert answer.status_code == 409
    assert "tidak cocok dengan pratinjau yang menunggu" in answer.content.decode()
    assert IndicatorAssessment.objects.get().level == 2


def test_the_preview_shows_each_rows_status_in_words_and_the_value_it_changes(client, staff):
    """The rows are written by the view in one pass (500 rows through template filters took 50 ms): what each
    shows stays what the template showed."""
    source = {"sumber": "KepmenPANRB uji 2024", "penerbit_sumber": "Kementerian PANRB", "tanggal_sumber": "2024-02-01"}
    confirm(client, upload(client, row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10", **source)))

    preview = upload(
        client,
        row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.35", **source)
        + row(kode_wilayah="53.03", tahun="2023", jenis="mandiri", indeks="1.5", **source)
        + row(kode_wilayah="99.99", tahun="2023", jenis="resmi", indeks="2", **source),
    )

    assertContains(preview, '<td class="num">2,35 <span class="hint">(sebelumnya 2,10)</span></td>', html=True)
    assertContains(preview, "<td>berubah</td>", html=True)
    assertContains(preview, "<td>baru</td>", html=True)
    assertContains(preview, '<td class="num">1,50</td>', html=True)
    assertContains(preview, "<td><strong>salah</strong></td>", html=True)
    assertContains(preview, "<td>99.99</td>", html=True)
    assertContains(preview, f"<td>{Regency.objects.get(code='53.03').display_name}</td>", html=True)
    assertContains(preview, '<tr class="import-changed">', count=1)


def test_the_preview_escapes_what_the_file_wrote(client, staff):
    preview = upload(client, row(kode_wilayah="<b>53.02</b>", tahun="<i>2023</i>", jenis="resmi", indeks="2.10"))

    html = preview.content.decode()
    assert "&lt;b&gt;53.02&lt;/b&gt;" in html
    assert "&lt;i&gt;2023&lt;/i&gt;" in html
    assert "<b>53.02</b>" not in html
    assert "<i>2023</i>" not in html


def test_a_source_read_once_for_its_rows_still_refuses_a_row_citing_it_otherwise(client, staff):
    """The check reads a source's cells once for the rows citing it alike; a row whose cells differ (a date in
    the future) is read, and refused, on its own."""
    source = {"sumber": "KepmenPANRB uji 2024", "penerbit_sumber": "Kementerian PANRB"}
    preview = upload(
        client,
        row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10", tanggal_sumber="2024-02-01", **source)
        + row(kode_wilayah="53.03", tahun="2023", jenis="resmi", indeks="2.10", tanggal_sumber="2999-01-01", **source)
        + row(kode_wilayah="53.04", tahun="2023", jenis="resmi", indeks="2.10", tanggal_sumber="2024-02-01", **source),
    )

    rows = preview.context["rows"]
    assert [row.status for row in rows] == ["new", "error", "new"]
    assert "tanggal sumber tidak boleh di masa depan" in rows[1].reason
    assert rows[0].cited == rows[2].cited


def test_another_persons_token_confirms_nothing(client, staff):
    preview = upload(client, row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10"))
    client.force_login(StaffUserFactory())

    answer = confirm(client, preview)

    assert answer.status_code == 400
    assert not Result.objects.filter(regency__code="53.02", year=2023).exists()


def test_an_expired_preview_confirms_nothing_and_is_let_go_at_the_next_upload(client, staff, settings):
    preview = upload(client, row(kode_wilayah="53.02", tahun="2023", jenis="resmi", indeks="2.10"))
    old = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    ImportPreview.objects.update(created_at=old)

    answer = confirm(client, preview)
    upload(client, row(kode_wilayah="53.03", tahun="2023", jenis="resmi", indeks="2.20"))

    assert answer.status_code == 400
    assert not Result.objects.filter(regency__code="53.02", year=2023).exists()
    assert ImportPreview.objects.count() == 1


def test_a_target_under_review_is_refused_in_the_preview_naming_the_target_column(client, staff):
    regency = RegencyFactory(code="53.99")
    Target.objects.create(regency=regency, year=2023, value=Decimal("2.50"), state=ReviewState.SUBMITTED)

    rows = upload(client, row(kode_wilayah="53.99", tahun="2023", jenis="resmi", indeks="2.10", target="2.70")).context[
        "rows"
    ]

    assert rows[0].reason == "Kolom target: target tahun ini sedang diperiksa staf provinsi; kosongkan kolom target."
