"""Evidence downloads under the name the person uploaded, made safe (issue 24), and a file missing from storage
answering 404 with a plain message, never 500 (issue 25, finding 6)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments import services
from entry.views.evidence import content_disposition, download_name
from tests.entry_helpers import PDF_BYTES, build_scenario


@pytest.fixture
def scenario(db):
    return build_scenario()


def stored(scenario, name: str):
    return services.store_evidence(
        upload=SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf"),
        regency=scenario.regency,
        by=scenario.admin,
    )


def download(client, scenario, evidence):
    client.force_login(scenario.admin)
    return client.get(reverse("entry:evidence", kwargs={"token": evidence.token}))


def test_a_download_keeps_the_name_the_person_uploaded(client, scenario):
    evidence = stored(scenario, "Laporan SPBE 2023.pdf")

    response = download(client, scenario, evidence)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "inline; filename=\"Laporan SPBE 2023.pdf\"; filename*=UTF-8''Laporan%20SPBE%202023.pdf"
    )


def test_a_name_outside_ascii_is_given_exactly_and_with_an_ascii_fallback(client, scenario):
    evidence = stored(scenario, "Perbup Ngada – SPBE ü.pdf")

    header = download(client, scenario, evidence)["Content-Disposition"]

    assert header == (
        "inline; filename=\"Perbup Ngada SPBE u.pdf\"; filename*=UTF-8''Perbup%20Ngada%20%E2%80%93%20SPBE%20%C3%BC.pdf"
    )


@pytest.mark.parametrize(
    ("uploaded", "served"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ('C:\\Users\\ani\\bukti "final".pdf', "bukti _final_.pdf"),
        ("laporan\r\nSet-Cookie: a=1.pdf", "laporan Set-Cookie_ a=1.pdf"),
        ("\u202efdp.exe", "fdp.pdf"),  # a right-to-left override would show "exe.pdf" backwards
        ("bukti.txt", "bukti.pdf"),  # the kind it is stored and served as decides the extension
        ("Notulen v1.2 rapat", "Notulen v1.2 rapat.pdf"),
        (".htaccess.pdf", "htaccess.pdf"),
        (" .. ", "bukti-0a1b2c3d.pdf"),
        ("CON.pdf", "bukti-0a1b2c3d.pdf"),
        ("x" * 300 + ".pdf", "x" * 120 + ".pdf"),
    ],
)
def test_unsafe_names_are_made_safe(uploaded, served):
    assert download_name(uploaded, extension="pdf", fallback="bukti-0a1b2c3d") == served


def test_an_image_keeps_its_own_spelling_of_its_kind():
    assert download_name("Layar Beranda.JPEG", extension="jpg", fallback="x") == "Layar Beranda.jpeg"


def test_the_header_never_carries_a_line_break_or_a_bare_quote():
    name = download_name('a"b\r\nc.pdf', extension="pdf", fallback="x")

    header = content_disposition("attachment", name)

    assert "\r" not in header
    assert "\n" not in header
    assert header.count('"') == 2


def test_a_file_missing_from_storage_answers_404_with_a_plain_message(scenario, media_root):
    evidence = stored(scenario, "SK Bupati.pdf")
    (media_root / evidence.file.name).unlink()  # restored on a new machine without the evidence folder
    client = Client(raise_request_exception=False)
    client.force_login(scenario.admin)

    response = client.get(reverse("entry:evidence", kwargs={"token": evidence.token}))

    assert response.status_code == 404
    assert "Berkas bukti ini tidak ada di penyimpanan server." in response.content.decode()
