"""The XLSX export of a regency's indicator workspace `/entri/indikator/<slug>/<year>/unduh.xlsx`."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import EvidenceFile
from entry.views.indicator_export import COLUMNS
from tests.entry.test_planner import YEAR, small_framework
from tests.entry_helpers import PDF_BYTES
from tests.factories import IndicatorAssessmentFactory, RegencyFactory, SourceFactory, StaffUserFactory, regency_admin


def export_url(regency, year=YEAR):
    return reverse("entry:indicator_export", kwargs={"slug": regency.slug, "year": year})


def read_sheet(response) -> list[tuple]:
    sheet = load_workbook(BytesIO(response.content)).active
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture
def workspace(db):
    _framework, indicators = small_framework()
    regency = RegencyFactory()
    admin = regency_admin(regency)
    own = IndicatorAssessmentFactory(
        regency=regency, year=YEAR, indicator=indicators[0], level=3, explanation='=HYPERLINK("http://x")'
    )
    for name in ("sk-kebijakan.pdf", "notulen.pdf"):
        upload = SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
        evidence = services.store_evidence(upload=upload, regency=regency, by=admin)
        evidence.indicator_assessment = own
        evidence.save()
    IndicatorAssessmentFactory(
        regency=regency, year=YEAR, indicator=indicators[0], stage="province", level=2, explanation="Bukti kurang"
    )
    source = SourceFactory(title="Hasil Evaluasi SPBE 2024", publisher="Kementerian PANRB", url="https://x.test/h")
    IndicatorAssessmentFactory(
        regency=regency, year=YEAR, indicator=indicators[0], stage="official", level=2, source=source
    )
    IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicators[1], level=None)
    return {"regency": regency, "admin": admin, "indicators": indicators}


def test_admin_downloads_one_row_per_indicator_with_every_stage(client, workspace):
    client.force_login(workspace["admin"])

    response = client.get(export_url(workspace["regency"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{YEAR}.xlsx"')
    rows = read_sheet(response)
    assert rows[0] == tuple(COLUMNS)
    assert rows[1] == (
        1,
        "Indikator nomor 1",
        None,  # entri: an indicator scored once names no entry
        3,
        '\'=HYPERLINK("http://x")',  # neutralised: shown as text, never run
        "notulen.pdf; sk-kebijakan.pdf",
        2,
        "Bukti kurang",
        2,
        "Hasil Evaluasi SPBE 2024 (Kementerian PANRB), 2024-02-01, https://x.test/h",
    )
    assert [row[:4] for row in rows[2:]] == [
        (2, "Indikator nomor 2", None, None),
        (3, "Indikator nomor 3", None, None),
        (4, "Indikator nomor 4", None, None),
    ]


def test_staff_may_download_and_another_admin_may_not(client, workspace):
    client.force_login(StaffUserFactory())
    assert client.get(export_url(workspace["regency"])).status_code == 200

    client.force_login(regency_admin())
    assert client.get(export_url(workspace["regency"])).status_code == 404


@pytest.mark.parametrize("indicator_count", [4, 47])
def test_export_query_count_is_fixed(db, client, django_assert_max_num_queries, indicator_count):
    _framework, indicators = small_framework(indicator_count)
    regency = RegencyFactory()
    for indicator in indicators:
        IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicator, level=2)
    client.force_login(regency_admin(regency))

    with django_assert_max_num_queries(10):
        response = client.get(export_url(regency))

    assert len(read_sheet(response)) == indicator_count + 1


def test_each_file_carries_its_level_date_and_note_for_the_assessor_ready_to_paste(client, workspace):
    # Issue 23: the notes that must be pasted per item into the central application travel with the download.
    EvidenceFile.objects.filter(original_name="notulen.pdf").update(
        level=2, document_date=date(2024, 3, 12), assessor_note="Halaman 4, rapat tim SPBE."
    )
    client.force_login(workspace["admin"])

    rows = read_sheet(client.get(export_url(workspace["regency"])))

    assert (
        rows[1][COLUMNS.index("bukti_dukung")]
        == "notulen.pdf (tingkat 2, 12 Mar 2024): Halaman 4, rapat tim SPBE.; sk-kebijakan.pdf"
    )
