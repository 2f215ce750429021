"""Nothing unpublished reaches an anonymous visitor, on any public URL, in any format or language.

The database holds the real reference data plus everything that must stay private: drafts, submitted and
returned results and targets, a self-assessment under review, a revision under review of a published value,
follow-ups not yet verified, evidence files, and people with distinctive names and addresses. Every public URL is
then read twice, before and after that private data is added: the answers must be the same, and none may contain
a private value, name or address. Staff and entry pages must send an anonymous visitor to log in or refuse.
"""

import csv
import io
import json
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assessments import services
from assessments.models import (
    EvidenceFile,
    Indicator,
    IndicatorAssessment,
    Result,
    ResultKind,
    ReviewState,
    Target,
)
from regencies.models import Regency
from tests.entry_helpers import PDF_BYTES
from tests.factories import FollowUpFactory, SourceFactory, StaffUserFactory, UserFactory, regency_admin

pytestmark = pytest.mark.slow

# Read by tests/conftest.py to print how many URLs were checked.
CHECKED: Counter = Counter()

PRIVATE_VALUES = ["4.44", "4.37", "4.19", "3.99", "4.77", "4.66", "4.58", "4.13"]
PRIVATE_WORDS = [
    "bocor_admin_kupang",
    "bocor_staf_provinsi",
    "bocor_orang_luar",
    "admin.kupang@bocor.example",
    "staf.provinsi@bocor.example",
    "luar@bocor.example",
    "Komentar pengembalian yang bocor",
    "Rekomendasi yang belum diverifikasi",
    "Rencana aksi yang belum diverifikasi",
    "Dokumen draf yang bocor",
    "Catatan draf yang bocor",
    "bukti-rahasia.pdf",
    "Penjelasan mandiri yang bocor",
    "Catatan reviu provinsi yang bocor",
    "bukti-indikator-rahasia.pdf",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
# The map's outline coordinates are numbers too; a private value hiding there would still change the page, which
# the before/after comparison catches.
MAP_SVG = re.compile(r"<svg.*?</svg>", re.DOTALL)


def value_pattern(value: str) -> re.Pattern:
    """4.44 or 4,44 as a number on its own, not as part of 104.445."""
    whole, decimals = value.split(".")
    return re.compile(rf"(?<![\d.,]){whole}[.,]{decimals}(?![\d])")


PRIVATE_PATTERNS = [value_pattern(value) for value in PRIVATE_VALUES]


def add_private_data() -> dict:
    kupang = Regency.objects.get(code="53.01")
    ende = Regency.objects.get(code="53.08")
    published_2022 = kupang.results.get(year=2022, kind=ResultKind.OFFICIAL)
    framework = published_2022.framework
    admin = regency_admin(kupang, username="bocor_admin_kupang", email="admin.kupang@bocor.example")
    staff = StaffUserFactory(username="bocor_staf_provinsi", email="staf.provinsi@bocor.example")
    UserFactory(username="bocor_orang_luar", email="luar@bocor.example")
    draft_source = SourceFactory(
        title="Dokumen draf yang bocor", publisher="Penerbit draf", published_on=date(2024, 3, 3)
    )

    def result(**fields) -> Result:
        return Result.objects.create(framework=framework, created_by=admin, **fields)

    draft = result(
        regency=kupang, year=2024, value=Decimal("4.44"), source=draft_source, note="Catatan draf yang bocor"
    )
    IndicatorAssessment.of_result(draft, indicator=framework_indicator(framework), level=5).save()
    submitted_self = result(
        regency=kupang, year=2023, kind=ResultKind.SELF_ASSESSMENT, value=Decimal("4.37"), state="submitted"
    )
    # The indicator workspace (issue 14): a self-assessment under review with its levels, the workspace's own rows
    # with a penjelasan and evidence, the province's desk review. None of it is public.
    indicator = framework_indicator(framework)
    IndicatorAssessment.of_result(submitted_self, indicator=indicator, level=4).save()
    own = IndicatorAssessment.objects.create(
        regency=kupang,
        year=2023,
        indicator=indicator,
        stage="self",
        level=4,
        explanation="Penjelasan mandiri yang bocor",
    )
    IndicatorAssessment.objects.create(
        regency=kupang,
        year=2022,
        indicator=indicator,
        stage="province",
        level=1,
        explanation="Catatan reviu provinsi yang bocor",
    )
    indicator_evidence = services.store_evidence(
        upload=SimpleUploadedFile("bukti-indikator-rahasia.pdf", PDF_BYTES), regency=kupang, by=admin
    )
    indicator_evidence.indicator_assessment = own
    indicator_evidence.save()
    returned = result(
        regency=ende,
        year=2023,
        value=Decimal("4.19"),
        state=ReviewState.RETURNED,
        review_comment="Komentar pengembalian yang bocor",
        reviewed_by=staff,
    )
    under_review = result(
        regency=kupang, year=2022, value=Decimal("3.99"), state=ReviewState.SUBMITTED, revises=published_2022
    )
    result(regency=ende, year=2022, kind=ResultKind.SELF_ASSESSMENT, value=Decimal("4.13"), state="draft")
    Target.objects.create(regency=kupang, year=2024, value=Decimal("4.77"), created_by=admin, source=draft_source)
    Target.objects.create(regency=kupang, year=2025, value=Decimal("4.66"), state=ReviewState.SUBMITTED)
    Target.objects.create(regency=ende, year=2023, value=Decimal("4.58"), state=ReviewState.RETURNED)

    evidence = services.store_evidence(
        upload=SimpleUploadedFile("bukti-rahasia.pdf", PDF_BYTES), regency=kupang, by=admin
    )
    draft.evidence = evidence
    draft.save()
    follow_up = FollowUpFactory(
        result=published_2022,
        recommendation="Rekomendasi yang belum diverifikasi",
        action_plan="Rencana aksi yang belum diverifikasi",
        owner="bocor_admin_kupang",
        evidence=evidence,
    )
    return {
        "results": [draft, returned, under_review],
        "follow_up": follow_up,
        "evidence": evidence,
        "words": [*PRIVATE_WORDS, evidence.token.hex],
    }


def framework_indicator(framework):
    return Indicator.objects.filter(aspect__framework=framework).first()


def public_urls() -> list[str]:
    # Published years, and the years that hold only private entries (their ranking must stay a 404).
    years = sorted({*Result.objects.published().values_list("year", flat=True), 2023, 2024, 2025})
    urls = ["/", "/metode/", "/healthz", "/api/v1/", "/api/v1/openapi.json"]
    for year in [None, *years]:
        query = f"tahun={year}&" if year else ""
        urls += [f"/?{query}unduh=csv", f"/?{query}unduh=xlsx"]
        if year:
            urls.append(f"/?tahun={year}")
    for slug in Regency.objects.order_by("code").values_list("slug", flat=True):
        urls += [f"/wilayah/{slug}/", f"/wilayah/{slug}/embed/"]
    for slug in ("kabupaten-kupang", "kabupaten-ende"):
        urls += [f"/wilayah/{slug}/?unduh=tingkat-csv", f"/wilayah/{slug}/?unduh=tingkat-xlsx"]
    api = [("regencies/", "regencies.csv"), ("results/", "results.csv"), ("targets/", "targets.csv")]
    api += [("flags/", "flags.csv"), ("flags/latest/", "flags/latest.csv")]
    api += [("indicator-levels/", "indicator-levels.csv")]
    for path in (path for pair in api for path in pair):
        urls.append(f"/api/v1/{path}")
        for query in ("regency=53.01", "regency=53.08", "year=2023", "year=2024", "year=2025", "kind=self"):
            urls.append(f"/api/v1/{path}?{query}")
    return urls


def readable(response) -> str:
    """The answer as text a person could read: cells of a workbook, rows of a CSV, JSON re-serialised."""
    content_type = response.headers.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            "\t".join("" if cell is None else str(cell) for cell in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    text = response.content.decode()
    if "json" in content_type:
        return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True)
    if "csv" in content_type:
        return "\n".join("\t".join(row) for row in csv.reader(io.StringIO(text)))
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', text)


def snapshot(client, urls: list[str], language: str) -> dict[str, tuple[int, str]]:
    cache.clear()
    client.cookies["django_language"] = language
    answers = {}
    for url in urls:
        response = client.get(url)
        answers[url] = (response.status_code, readable(response) if response.status_code == 200 else "")
    return answers


@pytest.fixture
def private(reference_data, tmp_path):
    return tmp_path


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_public_url_shows_anything_unpublished(client, private, language):
    urls = public_urls()
    before = snapshot(client, urls, language)
    secrets = add_private_data()

    after = snapshot(client, urls, language)

    CHECKED[f"public URLs ({language})"] = len(urls)
    for url in urls:
        status, text = after[url]
        # 400: a filter an endpoint does not take; 404: a ranking year without published data.
        assert status in (200, 400, 404), (url, status)
        assert (status, text) == before[url], url
        for word in secrets["words"]:
            assert word.lower() not in text.lower(), (url, word)
        searchable = MAP_SVG.sub("", text)
        for pattern in PRIVATE_PATTERNS:
            assert not pattern.search(searchable), (url, pattern.pattern)
    answered = [url for url in urls if after[url][0] == 200]
    CHECKED[f"public URLs answering 200 ({language})"] = len(answered)
    assert len(answered) > 0.8 * len(urls)


def private_urls(secrets) -> list[tuple[str, str]]:
    gets = [
        "/provinsi/",
        "/entri/",
        "/entri/hasil/baru/",
        "/entri/verifikasi/",
        "/entri/impor/",
        "/entri/impor/templat.csv",
        "/entri/impor/templat.xlsx",
        "/akun/kata-sandi/ubah/",
        "/admin/",
        "/admin/assessments/result/",
        "/admin/assessments/target/",
        "/admin/assessments/followup/",
        "/admin/assessments/evidencefile/",
        "/admin/auth/user/",
        f"/entri/bukti/{secrets['evidence'].token}/",
        f"/media/evidence/{secrets['evidence'].token.hex}.pdf",
        f"/entri/tindak-lanjut/{secrets['follow_up'].pk}/ubah/",
        "/entri/indikator/kabupaten-kupang/2023/rencana/",
        "/entri/indikator/kabupaten-kupang/2023/unduh.xlsx",
    ]
    posts = [
        "/entri/impor/konfirmasi/",
        "/entri/indikator/kabupaten-kupang/2023/rencana/simpan/",
        f"/entri/tindak-lanjut/{secrets['follow_up'].pk}/verifikasi/",
    ]
    for result in secrets["results"]:
        base = f"/entri/hasil/{result.pk}/"
        gets += [base, f"{base}ubah/", f"{base}riwayat/", f"{base}tindak-lanjut/baru/"]
        posts += [f"{base}{action}/" for action in ("ajukan", "verifikasi", "kembalikan", "revisi")]
    return [("get", url) for url in gets] + [("post", url) for url in posts]


def test_staff_and_entry_pages_send_an_anonymous_visitor_to_log_in(client, private):
    secrets = add_private_data()
    requests = private_urls(secrets)
    state = (
        list(Result.objects.order_by("pk").values()),
        list(Target.objects.order_by("pk").values()),
        EvidenceFile.objects.count(),
    )

    for method, url in requests:
        response = getattr(client, method)(url)

        if response.status_code == 302:
            assert response["Location"].startswith(("/akun/masuk/?next=", "/admin/login/?next=")), url
        else:
            assert response.status_code in (403, 404, 405), (url, response.status_code)
        body = response.content.decode(errors="replace").lower()
        for word in secrets["words"]:
            assert word.lower() not in body, (url, word)

    CHECKED["staff and entry requests"] = len(requests)
    assert state == (
        list(Result.objects.order_by("pk").values()),
        list(Target.objects.order_by("pk").values()),
        EvidenceFile.objects.count(),
    )
