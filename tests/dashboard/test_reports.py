"""PDF reports: a regency's and a year's ranking, with their numbers and every source, cached by publication."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.models import Result

KUPANG_REPORT = reverse("dashboard:regency_report", kwargs={"slug": "kabupaten-kupang"})
RANKING_REPORT = reverse("dashboard:ranking_report", args=[2022])


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_regency_report_names_its_numbers_and_sources(client, reference_data):
    text = pdf_text(client.get(KUPANG_REPORT))

    assert "Kabupaten Kupang" in text
    assert "1,85" in text
    assert "3,86" in text
    assert "ANTARA" in text
    assert "NTT-News" in text  # the source of its status flag


def test_a_ranking_report_lists_every_regency_and_its_sources(client, reference_data):
    text = pdf_text(client.get(RANKING_REPORT))

    assert "Peringkat indeks SPBE 2022" in text
    assert "Kabupaten Rote Ndao" in text
    assert "tidak dievaluasi" in text  # Ende, 2022
    assert "Pos Kupang" in text


def test_a_report_in_english(client, reference_data):
    client.get(reverse("switch_language", args=["en"]))
    text = pdf_text(client.get(KUPANG_REPORT))

    assert "Kupang Regency" in text
    assert "1.85" in text


def test_a_report_of_a_year_without_results_is_a_404(client, reference_data):
    assert client.get(reverse("dashboard:ranking_report", args=[2019])).status_code == 404


@pytest.mark.django_db
def test_reports_are_cached_and_refreshed_by_a_publication(client, reference_data, django_assert_max_num_queries):
    first = client.get(KUPANG_REPORT)
    with django_assert_max_num_queries(1):
        assert client.get(KUPANG_REPORT, headers={"if-none-match": first["ETag"]}).status_code == 304

    result = Result.objects.published().get(regency__slug="kabupaten-kupang", year=2022)
    result.note = "diubah"
    result.save()
    assert client.get(KUPANG_REPORT, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_the_pages_link_their_reports(client, reference_data):
    assert (
        f'href="{KUPANG_REPORT}"'
        in client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()
    )
    assert f'href="{RANKING_REPORT}"' in client.get(reverse("dashboard:home"), {"tahun": 2022}).content.decode()
