"""Importing every regency's official levels from one sheet: template, preview with line numbers, refusals,
all or nothing, and a second confirm that writes nothing."""

import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pytest_django.asserts import assertContains

from assessments import publication
from assessments.models import AssessmentStage, IndicatorAssessment, Source
from assessments.services import indicator_review
from tests.factories import RegencyFactory, ResultFactory
from tests.indicator_review_data import build_review_data

pytestmark = pytest.mark.django_db
YEAR = 2023
HEADER = "kode_wilayah,1,2,3,4,sumber_judul,sumber_penerbit,sumber_jenis,sumber_nomor,sumber_tanggal,sumber_tautan\n"
SOURCE = "Hasil Evaluasi SPBE 2023,Kementerian PANRB,keputusan,B/1/2024,2024-02-01,https://example.org/spbe"


@pytest.fixture
def data(client):
    built = build_review_data()
    built.second = RegencyFactory()
    client.force_login(built.staff)
    return built


def csv_file(body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("resmi.csv", (HEADER + body).encode(), content_type="text/csv")


def upload(client, body: str, year=YEAR):
    return client.post(reverse("entry:official_import"), {"year": year, "file": csv_file(body)})


def confirm(client, preview):
    return client.post(reverse("entry:official_import_confirm"), {"pratinjau": preview.context.get("token") or ""})


def official_levels() -> dict:
    return {
        (row.regency.code, row.indicator.number): (row.level, row.source.title)
        for row in IndicatorAssessment.objects.filter(stage=AssessmentStage.OFFICIAL).select_related(
            "regency", "indicator", "source"
        )
    }


def test_the_templates_hold_headers_only(client, data):
    csv = client.get(reverse("entry:official_import_template", args=[YEAR, "csv"]))
    xlsx = client.get(reverse("entry:official_import_template", args=[YEAR, "xlsx"]))

    assert csv.content.decode("utf-8-sig") == HEADER.replace("\n", "\r\n")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER.strip().split(",")
    assert sheet.max_row == 1 or all(cell.value is None for row in sheet.iter_rows(min_row=2) for cell in row)


def test_the_template_follows_a_change_of_the_frameworks_indicators(client, data):
    client.get(reverse("entry:official_import_template", args=[YEAR, "csv"]))
    data.indicators[4].entries = 2
    data.indicators[4].entry_label = "layanan publik"
    data.indicators[4].save()

    csv = client.get(reverse("entry:official_import_template", args=[YEAR, "csv"]))

    assert csv.content.decode("utf-8-sig").splitlines()[0].split(",")[1:6] == [
        "1",
        "2",
        "3",
        "4 layanan publik 1",
        "4 layanan publik 2",
    ]


def test_preview_then_confirm_writes_every_level_once(client, data):
    before = publication.current_version()
    body = f"{data.regency.code},2,3,,4,{SOURCE}\n{data.second.code},1,1,2,2,{SOURCE}\n"

    preview = upload(client, body)

    assert preview.status_code == 200
    assert [(row.line, row.status, len(row.levels)) for row in preview.context["rows"]] == [
        (2, "new", 3),
        (3, "new", 4),
    ]
    assert not IndicatorAssessment.objects.exists()
    response = confirm(client, preview)
    assert response.status_code == 302
    levels = official_levels()
    assert len(levels) == 7
    assert levels[(data.regency.code, 1)] == (2, "Hasil Evaluasi SPBE 2023")
    assert (data.regency.code, 3) not in levels  # an empty cell writes nothing, never a 0
    assert Source.objects.get(title="Hasil Evaluasi SPBE 2023").reference == "B/1/2024"
    assert publication.current_version() > before  # official levels are public once written

    again = confirm(client, preview)
    assert again.status_code == 302
    assert "sudah dikonfirmasi" in " ".join(str(m) for m in get_messages(again.wsgi_request))
    assert len(official_levels()) == 7


def test_one_bad_row_refuses_the_whole_file_with_line_numbers(client, data):
    body = (
        f"{data.regency.code},2,3,1,4,{SOURCE}\n"
        f"{data.second.code},9,=1+1,x,,{SOURCE}\n"
        f"99.99,1,1,1,1,{SOURCE}\n"
        f"{data.regency.code},1,,,,{SOURCE}\n"
        f"{data.second.code},,,,,{SOURCE}\n"
    )

    preview = upload(client, body)

    reasons = {row.line: row.reason for row in preview.context["rows"]}
    assert reasons[2] == ""
    # The level message names the framework whose scale it applies (issue 22).
    assert f"Indikator 1: {data.framework.short_name}: Tingkat kematangan harus antara 1 dan 5." in reasons[3]
    assert "Indikator 2: sel ini tampak seperti rumus; tulis angka tingkatnya." in reasons[3]
    assert "Indikator 3: tulis tingkat sebagai angka bulat." in reasons[3]
    assert reasons[4] == "Kode wilayah 99.99 tidak dikenal."
    assert reasons[5] == f"Wilayah {data.regency.code} sudah ada di baris 2."
    assert reasons[6] == f"Wilayah {data.second.code} sudah ada di baris 3."
    assert "Konfirmasi dan tulis" not in preview.content.decode()
    refused = confirm(client, preview)
    assert refused.status_code == 400
    assert not IndicatorAssessment.objects.exists()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        # The source is read as the results' import reads its own (sources.read_source): the same rules and
        # words, each problem naming its column.
        (",Kementerian PANRB,keputusan,,2024-02-01,", "Sebutkan judul sumber tingkat resmi."),
        ("Judul,,keputusan,,2024-02-01,", "Kolom sumber_penerbit wajib untuk sumber yang belum tercatat"),
        ("Judul,Kementerian PANRB,surat,,2024-02-01,", "Kolom sumber_jenis harus salah satu dari: keputusan,"),
        ("Judul,Kementerian PANRB,keputusan,,2999-01-01,", "Kolom sumber_tanggal: tanggal sumber tidak boleh di"),
        ("Judul,Kementerian PANRB,keputusan,,1/13/2024,", "kolom sumber_tanggal: 1/13/2024 bukan tanggal yang ada"),
        ("@Judul,Kementerian PANRB,keputusan,,2024-02-01,", "Kolom sumber_judul tampak seperti rumus"),
        ("Judul,Kementerian PANRB,keputusan,,2024-02-01,javascript:alert(1)", "Kolom sumber_tautan harus alamat"),
    ],
)
def test_source_refusals(client, data, source, message):
    preview = upload(client, f"{data.regency.code},2,,,,{source}\n")
    assert message in preview.context["rows"][0].reason
    assert confirm(client, preview).status_code == 400
    assert not IndicatorAssessment.objects.exists()


def test_a_source_read_once_for_its_rows_still_refuses_a_row_citing_it_otherwise(client, data):
    """The check reads a source's cells once for the rows citing it alike; a row whose cells differ (a date in
    the future) is read, and refused, on its own."""
    third = RegencyFactory()
    late = SOURCE.replace("2024-02-01", "2999-01-01")
    body = f"{data.regency.code},2,,,,{SOURCE}\n{data.second.code},2,,,,{late}\n{third.code},2,,,,{SOURCE}\n"

    preview = upload(client, body)

    assert [row.status for row in preview.context["rows"]] == ["new", "error", "new"]
    assert "tanggal sumber tidak boleh di masa depan" in preview.context["rows"][1].reason
    assert preview.context["rows"][0].source == preview.context["rows"][2].source


def test_file_wide_refusals(client, data):
    wrong_header = client.post(
        reverse("entry:official_import"),
        {"year": YEAR, "file": SimpleUploadedFile("x.csv", b"kode_wilayah,1\n53.01,2\n", content_type="text/csv")},
    )
    assert wrong_header.status_code == 400
    assert "Kolom tidak sesuai templat." in wrong_header.content.decode()
    data.framework.first_year = 2019
    data.framework.save()
    no_framework = upload(client, f"{data.regency.code},2,,,,{SOURCE}\n", year=2018)
    assert no_framework.status_code == 400
    assert "Tidak ada kerangka evaluasi untuk tahun 2018." in no_framework.content.decode()


def test_an_xlsx_sheet_is_read_like_the_csv(client, data):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([data.regency.code, 3, 3, 3, 3, *SOURCE.split(",")])
    content = io.BytesIO()
    workbook.save(content)
    upload_file = SimpleUploadedFile("resmi.xlsx", content.getvalue())

    preview = client.post(reverse("entry:official_import"), {"year": YEAR, "file": upload_file})

    assert [row.status for row in preview.context["rows"]] == ["new"]
    confirm(client, preview)
    assert {level for level, _title in official_levels().values()} == {3}


def test_an_unchanged_row_writes_nothing_and_a_changed_one_is_marked(client, data):
    confirm(client, upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n"))
    before = publication.current_version()

    preview = upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n{data.second.code},1,,,,{SOURCE}\n")
    assert [row.status for row in preview.context["rows"]] == ["unchanged", "new"]
    changed = upload(client, f"{data.regency.code},2,2,2,3,{SOURCE}\n")
    assert [(row.status, row.changes) for row in changed.context["rows"]] == [("changed", 1)]
    confirm(client, changed)

    assert official_levels()[(data.regency.code, 4)][0] == 3
    assert IndicatorAssessment.objects.get(regency=data.regency, indicator=data.indicators[4]).version == 2
    assert publication.current_version() == before + 1


def test_the_preview_says_so_when_it_shows_a_published_index_seed_demo_made(client, data):
    ResultFactory(regency=data.regency, year=YEAR, framework=data.framework, value=Decimal("2.50"), is_demo=True)
    real = upload(client, f"{data.second.code},1,1,2,2,{SOURCE}\n").content.decode()

    demo = upload(client, f"{data.regency.code},2,3,2,4,{SOURCE}\n").content.decode()

    assert "Data contoh" not in real
    assert "Data contoh" in demo


def test_levels_as_written_but_citing_another_source_change_every_entry(client, data):
    confirm(client, upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n"))
    other_source = SOURCE.replace("Hasil Evaluasi SPBE 2023", "Hasil Evaluasi SPBE 2023 (ralat)")

    preview = upload(client, f"{data.regency.code},2,2,2,2,{other_source}\n")

    assert [(row.status, row.changes) for row in preview.context["rows"]] == [("changed", 4)]


def test_a_row_filling_entries_not_yet_written_changes_by_those_it_adds(client, data):
    """Written: two entries of four. A row with those two as written and two more changes by two; a row leaving the
    written ones empty and filling only the other two is new, by the same two. Both compute the index of all four."""
    confirm(client, upload(client, f"{data.regency.code},2,2,,,{SOURCE}\n"))

    fuller = upload(client, f"{data.regency.code},2,2,3,3,{SOURCE}\n")
    others = upload(client, f"{data.regency.code},,,3,3,{SOURCE}\n")

    assert [(row.status, row.changes) for row in fuller.context["rows"]] == [("changed", 2)]
    assert [(row.status, row.changes) for row in others.context["rows"]] == [("new", 2)]
    assert fuller.context["rows"][0].computed_index == others.context["rows"][0].computed_index is not None


def test_the_preview_shows_each_rows_status_in_words_its_index_and_its_errors(client, data):
    """The rows are written by the view in one pass (500 rows through template filters took 60 ms): what each
    shows stays what the template showed."""
    confirm(client, upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n"))

    preview = upload(
        client,
        f"{data.regency.code},2,2,2,2,{SOURCE}\n{data.second.code},1,,,,{SOURCE}\n99.99,1,1,1,1,{SOURCE}\n",
    )

    assertContains(preview, f"<td>{data.regency.display_name}</td>", html=True)
    assertContains(preview, f"<td>{data.second.display_name}</td>", html=True)
    assertContains(preview, "<td>tidak berubah</td>", html=True)
    assertContains(preview, "<td>baru</td>", html=True)
    assertContains(preview, '<td class="num">2,00</td>', html=True)
    assertContains(preview, '<td class="num"><span class="no-data">belum lengkap</span></td>', html=True)
    assertContains(preview, '<td class="num"><span class="no-data">belum ada data</span></td>', count=2, html=True)
    assertContains(preview, "<td><strong>Galat:</strong> Kode wilayah 99.99 tidak dikenal.</td>", html=True)
    assertContains(preview, '<tr class="import-error">', count=1)


def test_the_preview_escapes_what_the_file_wrote(client, data):
    preview = upload(client, f"<b>53.99</b>,1,1,1,1,{SOURCE}\n")

    assert "&lt;b&gt;53.99&lt;/b&gt;" in preview.content.decode()
    assert "<b>53.99</b>" not in preview.content.decode()


def test_a_regency_admin_may_not_import(client, data):
    client.force_login(data.admin)
    assert upload(client, f"{data.regency.code},2,,,,{SOURCE}\n").status_code == 403


def test_a_file_over_the_size_limit_is_refused(client, data, settings):
    settings.IMPORT_MAX_BYTES = 200
    body = "".join(f"{data.regency.code},2,,,,{SOURCE}\n" for _line in range(5))

    response = upload(client, body)

    assert response.status_code == 400
    assert "Berkas terlalu besar; paling besar 0 KB." in response.content.decode()
    assert not IndicatorAssessment.objects.exists()


def test_the_preview_flags_levels_that_compute_to_another_index_than_the_published_one(client, data):
    # Weights 10, 30, 20, 40 (tests/indicator_review_data.py): levels 3,3,3,4 give (30+90+60+160)/100 = 3,40 beside
    # a published 2,85; levels 2,3,3,3 give (20+90+60+120)/100 = 2,90 beside a published 2,90: no flag.
    from decimal import Decimal

    from tests.factories import ResultFactory

    ResultFactory(regency=data.regency, year=YEAR, framework=data.framework, value=Decimal("2.85"))
    ResultFactory(regency=data.second, year=YEAR, framework=data.framework, value=Decimal("2.90"))

    preview = upload(client, f"{data.regency.code},3,3,3,4,{SOURCE}\n{data.second.code},2,3,3,3,{SOURCE}\n")

    rows = preview.context["rows"]
    assert [(row.computed_index, row.published_index, row.disagrees) for row in rows] == [
        (Decimal("3.4"), Decimal("2.85"), True),
        (Decimal("2.9"), Decimal("2.90"), False),
    ]
    content = preview.content.decode()
    assert content.count('data-testid="index-mismatch"') == 1
    assert "3,40" in content
    assert 'name="alasan"' in content


def test_a_difference_within_rounding_is_not_flagged():
    from decimal import Decimal

    from assessments import consistency

    assert not consistency.disagrees(computed=Decimal("2.8549"), published=Decimal("2.85"))
    assert not consistency.disagrees(computed=Decimal("2.855"), published=Decimal("2.86"))
    assert consistency.disagrees(computed=Decimal("2.865"), published=Decimal("2.85"))


def test_confirming_past_a_flag_requires_a_reason_which_the_rows_keep(client, data):
    from decimal import Decimal

    from tests.factories import ResultFactory

    ResultFactory(regency=data.regency, year=YEAR, framework=data.framework, value=Decimal("2.85"))
    preview = upload(client, f"{data.regency.code},3,3,3,4,{SOURCE}\n")
    token = preview.context["token"]

    refused = client.post(reverse("entry:official_import_confirm"), {"pratinjau": token, "alasan": "  "})

    assert refused.status_code == 400
    assert "tulis alasannya" in refused.content.decode()
    assert not IndicatorAssessment.objects.exists()

    done = client.post(
        reverse("entry:official_import_confirm"),
        {"pratinjau": token, "alasan": "Indeks terpublikasi memakai tingkat sebelum banding."},
    )

    assert done.status_code == 302
    notes = set(
        IndicatorAssessment.objects.filter(stage=AssessmentStage.OFFICIAL).values_list("explanation", flat=True)
    )
    assert notes == {
        "Diimpor meski tingkat ini menghasilkan indeks 3,40, berbeda dengan indeks resmi terpublikasi 2,85. "
        "Alasan: Indeks terpublikasi memakai tingkat sebelum banding."
    }


def test_after_the_import_the_page_shows_the_official_stage_just_written(client, data):
    preview = upload(client, f"{data.regency.code},2,3,,4,{SOURCE}\n")

    response = confirm(client, preview)

    assert response["Location"] == reverse("entry:province_indicators", args=[YEAR]) + "?tahap=official"


@pytest.mark.parametrize("regency_count", [1, 12])
def test_the_preview_reads_a_fixed_number_of_queries(client, data, django_assert_max_num_queries, regency_count):
    regencies = [data.regency, *RegencyFactory.create_batch(regency_count - 1)]
    body = "".join(f"{regency.code},2,3,3,4,{SOURCE}\n" for regency in regencies)

    # Issue 22 adds one: the level names other frameworks give their levels ("Merintis" in a 2025 sheet). Issue 26
    # one more: the publication version, under which the levels already written are kept for the next preview.
    with django_assert_max_num_queries(17):
        preview = upload(client, body)
    # The next preview finds them kept: the version's read instead of the levels'.
    with django_assert_max_num_queries(16):
        again = upload(client, body)

    assert len(preview.context["rows"]) == len(again.context["rows"]) == regency_count


# --- the levels already written, kept between previews (issue 26) ---------------------------------------------------


def test_a_level_set_on_the_review_page_shows_in_the_next_preview(client, data):
    """The preview keeps the levels already written under the publication version: a level written since by the
    other writer of official levels (one indicator on the review page) bumps it, and the next preview sees it."""
    confirm(client, upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n"))
    assert [row.status for row in upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n").context["rows"]] == [
        "unchanged"
    ]
    written = IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL, indicator=data.indicators[1])
    indicator_review.set_official_level(
        regency=data.regency,
        year=YEAR,
        indicator=data.indicators[1],
        level=3,
        source=written.source,
        version=written.version,
        by=data.staff,
    )

    preview = upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n")

    assert [(row.status, row.changes) for row in preview.context["rows"]] == [("changed", 1)]


def test_a_kept_copy_that_outlived_a_change_makes_the_confirm_refuse_never_write(client, data):
    """A change made around the services (here an update that bumps nothing) leaves the kept copy stale: the
    preview shows the levels as they were, and its confirm, which reads the database, refuses and writes nothing."""
    confirm(client, upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n"))
    upload(client, f"{data.regency.code},2,2,2,2,{SOURCE}\n")
    row = IndicatorAssessment.objects.get(stage=AssessmentStage.OFFICIAL, indicator=data.indicators[1])
    IndicatorAssessment.objects.filter(pk=row.pk).update(level=4, version=row.version + 1)

    stale = upload(client, f"{data.regency.code},3,2,2,2,{SOURCE}\n")
    answer = confirm(client, stale)

    assert [(row.status, row.changes) for row in stale.context["rows"]] == [("changed", 1)]
    assert answer.status_code == 400
    assert answer.context["rows"][0].reason.startswith("Baris 2: tingkat resmi")
    assert IndicatorAssessment.objects.get(pk=row.pk).level == 4


def test_an_unchanged_row_shows_the_index_of_the_levels_as_written(client, data):
    """An unchanged row's index is the one its regency's written levels compute to, kept with them: weights 10,
    30, 20 and 40 at levels 1, 2, 3 and 4 make 2,90; a regency with an entry still empty has none."""
    confirm(client, upload(client, f"{data.regency.code},1,2,3,4,{SOURCE}\n{data.second.code},1,2,3,,{SOURCE}\n"))

    again = upload(client, f"{data.regency.code},1,2,3,4,{SOURCE}\n{data.second.code},1,2,3,,{SOURCE}\n")
    partly = upload(client, f"{data.regency.code},,2,,4,{SOURCE}\n")

    assert [(row.status, row.computed_index) for row in again.context["rows"]] == [
        ("unchanged", Decimal("2.90")),
        ("unchanged", None),
    ]
    assert [(row.status, row.computed_index) for row in partly.context["rows"]] == [("unchanged", Decimal("2.90"))]
