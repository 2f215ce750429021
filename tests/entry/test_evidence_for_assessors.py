"""Evidence the assessors will accept (issue 23): a claimed level's lower levels, scans without a text layer,
documents older than the instrument asks, a note per file for the assessor; what is still missing per indicator on
its page and counted on the workspace. Warnings, never refusals: every file is kept."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from assessments import evidence_checks
from assessments.models import EvidenceFile
from tests.workspace_helpers import PNG_BYTES, build_workspace, scan_pdf, text_pdf, upload

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def ws(db):
    return build_workspace()


def indicator_url(regency, number, year=2023):
    return reverse("entry:indicator", kwargs={"slug": regency.slug, "year": year, "number": number})


def post(client, ws, number=1, *, level="3", version="0", **extra):
    data = {"level": level, "explanation": "Perbup 12/2023.", "version": version, "aksi": "simpan", **extra}
    return client.post(indicator_url(ws.regency, number), data)


def warnings_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


def test_a_scan_is_kept_and_the_person_is_told_it_has_no_text_layer(client, ws):
    client.force_login(ws.admin)

    response = post(
        client,
        ws,
        evidence=[upload("sk-pindai.pdf", scan_pdf()), upload("sk-ketik.pdf", text_pdf())],
        evidence_level="3",
    )

    assert response.status_code == 302
    stored = {file.original_name: file.has_text_layer for file in EvidenceFile.objects.all()}
    assert stored == {"sk-pindai.pdf": False, "sk-ketik.pdf": True}
    (warning,) = warnings_of(response)
    assert "peringatan, bukan penolakan; Anda yang memutuskan" in warning
    assert "sk-pindai.pdf tampak hasil pindai tanpa lapisan teks" in warning
    assert "sk-ketik.pdf tampak" not in warning
    page = client.get(indicator_url(ws.regency, 1)).content.decode()
    assert "hasil pindai" in page


def test_a_claimed_level_without_evidence_for_the_levels_below_says_which(client, ws):
    client.force_login(ws.admin)
    post(client, ws, evidence=[upload("sk.pdf", text_pdf())], evidence_level="3")

    page = client.get(indicator_url(ws.regency, 1)).content.decode()

    gaps = page[page.index('data-testid="evidence-gaps"') :]
    gaps = gaps[: gaps.index("</div>")]
    assert "Tingkat 1 belum punya bukti dukung, padahal tingkat 3 dibangun di atasnya." in gaps
    assert "Tingkat 2 belum punya bukti dukung, padahal tingkat 3 dibangun di atasnya." in gaps
    assert "Tingkat 3 yang diklaim" not in gaps


def test_nothing_is_listed_when_every_level_up_to_the_claim_has_a_typed_file(client, ws):
    client.force_login(ws.admin)
    response = None
    for level in (1, 2):
        response = post(
            client,
            ws,
            level="2",
            version=str(level - 1),
            evidence=[upload(f"tingkat-{level}.pdf", text_pdf())],
            evidence_level=str(level),
        )
        assert response.status_code == 302
        if level == 1:
            # Level 2 claimed with level 1's file only: warned; the page read consumes that message.
            assert "Tingkat 2 yang diklaim belum punya bukti dukung." in " ".join(warnings_of(response))
            client.get(indicator_url(ws.regency, 1))

    assert warnings_of(response) == []
    assert 'data-testid="evidence-gaps"' not in client.get(indicator_url(ws.regency, 1)).content.decode()


def test_a_document_older_than_the_instrument_asks_is_pointed_out(client, ws):
    # The indicator's own level-3 criteria ask for the last three years' work plans, as 59/2020's indicator 12 does.
    ws.indicators[0].criteria.filter(level=3).update(
        criteria="Rencana induk diterapkan melalui rencana kerja 3 (tiga) tahun terakhir."
    )
    client.force_login(ws.admin)

    response = post(
        client, ws, evidence=[upload("renja-2018.pdf", text_pdf())], evidence_level="3", document_date="2018-06-30"
    )

    (warning,) = warnings_of(response)
    assert "renja-2018.pdf bertanggal 30 Jun 2018, lebih tua dari 3 tahun terakhir yang diminta instrumen" in warning
    assert "(sejak 1 Jan 2020)" in warning
    assert EvidenceFile.objects.get().document_date == date(2018, 6, 30)


def test_a_recent_document_or_an_indicator_that_asks_no_period_gets_no_date_warning(client, ws):
    ws.indicators[0].criteria.filter(level=3).update(criteria="Rencana kerja 3 (tiga) tahun terakhir.")
    client.force_login(ws.admin)

    recent = post(
        client, ws, evidence=[upload("renja.pdf", text_pdf())], evidence_level="1", document_date="2021-01-04"
    )
    no_period = post(
        client, ws, 2, evidence=[upload("perbup.pdf", text_pdf())], evidence_level="1", document_date="2010-01-04"
    )

    assert not any("lebih tua" in warning for warning in warnings_of(recent))
    assert not any("lebih tua" in warning for warning in warnings_of(no_period))


def test_each_file_carries_its_note_for_the_assessor(client, ws):
    client.force_login(ws.admin)
    post(
        client,
        ws,
        evidence=[upload("sk.pdf", text_pdf()), upload("layar.png", PNG_BYTES)],
        evidence_level="3",
        assessor_note="Pasal 4 halaman 3 memuat <domain> arsitektur.",
    )

    assert {file.assessor_note for file in EvidenceFile.objects.all()} == {
        "Pasal 4 halaman 3 memuat <domain> arsitektur."
    }
    page = client.get(indicator_url(ws.regency, 1)).content.decode()
    assert "Catatan untuk asesor: Pasal 4 halaman 3 memuat &lt;domain&gt; arsitektur." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("assessor_note", '=HYPERLINK("http://x")', "Teks tidak boleh diawali =, +, - atau @"),
        ("assessor_note", "x" * 501, "paling banyak 500 karakter"),
        ("document_date", (date.today() + timedelta(days=2)).isoformat(), "Tanggal dokumen tidak boleh di masa depan."),
    ],
)
def test_a_formula_a_long_note_or_a_future_date_is_refused_by_field_and_nothing_is_written(
    client, ws, field, value, message
):
    client.force_login(ws.admin)

    response = post(client, ws, evidence=[upload("sk.pdf", text_pdf())], **{field: value})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, []))
    assert not EvidenceFile.objects.exists()


def test_the_service_refuses_a_formula_note_and_a_level_outside_the_framework(ws):
    from django.core.exceptions import ValidationError

    from assessments import services

    for details, field in [
        (services.EvidenceDetails(note="@SUM(A1)"), "assessor_note"),
        (services.EvidenceDetails(level=6), "evidence_level"),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.save_indicator_assessment(
                regency=ws.regency,
                year=2023,
                indicator=ws.indicators[0],
                level=3,
                explanation="",
                by=ws.admin,
                version=0,
                uploads=[upload("sk.pdf", text_pdf())],
                details=details,
            )
        assert field in refused.value.message_dict
    assert not EvidenceFile.objects.exists()


def test_the_workspace_counts_what_is_missing_per_indicator_and_in_all(client, ws):
    client.force_login(ws.admin)
    post(client, ws, 1, evidence=[upload("sk.pdf", scan_pdf())], evidence_level="3")
    post(client, ws, 2, level="1", evidence=[upload("sk.pdf", text_pdf())], evidence_level="1")

    html = client.get(reverse("entry:indicator_workspace", kwargs={"slug": ws.regency.slug, "year": 2023})).content
    html = html.decode()

    # Indicator 1: levels 1 and 2 lack evidence and its file is a scan; indicator 2 lacks nothing.
    first = html[html.index('data-testid="indicator-1"') :][:900]
    second = html[html.index('data-testid="indicator-2"') :][:900]
    assert '<span class="ws-gap-count">3 kekurangan bukti</span>' in first
    assert "kekurangan bukti" not in second[: second.index("</li>")]
    assert "1 indikator masih kurang bukti dukung untuk tingkat yang diklaim" in html


def test_years_asked_reads_the_instruments_words_and_nothing_else():
    assert evidence_checks.years_asked(["rencana kerja 3 (tiga) tahun terakhir", ""]) == 3
    assert evidence_checks.years_asked(["Dokumen kebijakan yang sudah ditetapkan."]) is None
    assert evidence_checks.oldest_accepted(year=2024, years=3) == date(2021, 1, 1)


def test_a_pdf_without_pages_is_unknown_not_a_scan():
    assert evidence_checks.pdf_has_text_layer(io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")) is None
    assert evidence_checks.pdf_has_text_layer(io.BytesIO(scan_pdf())) is False
    assert evidence_checks.pdf_has_text_layer(io.BytesIO(text_pdf())) is True
