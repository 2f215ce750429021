"""Public citations name organisations and dates, never an account, an e-mail or a revision/row number.

A value verified with no outside document is cited as the regency's entry verified by the provincial office on a
date ("Entri Kabupaten Kupang: Hasil evaluasi resmi 2024, diverifikasi Dinas Kominfo Provinsi Nusa Tenggara Timur,
…"). A revision that changes only the target keeps the result's decree. Checked over every public page, download
and API answer that cites a source, in both languages.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from assessments import services
from assessments.models import Result, ReviewState, SourceKind, Target
from regencies.models import Regency
from tests.dashboard.test_anonymous_leaks import readable
from tests.factories import StaffUserFactory, regency_admin

SECRETS = ["pengisi_rahasia", "pengisi@rahasia.example", "pemeriksa_rahasia", "pemeriksa@rahasia.example"]
ROW_NUMBER = re.compile(r"(?:revisi|revision|baris|row)\s*(?:#|no\.?|nomor)?\s*\d+\b", re.IGNORECASE)


@pytest.fixture
def verified_entries(reference_data):
    """Kabupaten Kupang's 2022 result revised (target only) and a 2024 result with no document, both verified."""
    kupang = Regency.objects.get(code="53.01")
    admin = regency_admin(kupang, username="pengisi_rahasia", email="pengisi@rahasia.example")
    staff = StaffUserFactory(username="pemeriksa_rahasia", email="pemeriksa@rahasia.example")
    published = Result.objects.published().get(regency=kupang, year=2022, kind="official")
    decree = published.source
    revision = services.start_revision(result=published, by=admin)
    current_target = Target.objects.current_for(kupang, 2022)
    revision = services.save_result_entry(
        result=revision,
        version=revision.version,
        by=admin,
        value=revision.value,
        levels=None,
        target=services.TargetInput(
            value=Decimal("3.90"),
            revision=current_target.pk if current_target else None,
            version=current_target.version if current_target else None,
        ),
        target_cited=services.CitedSource(
            title="Perjanjian Kinerja Bupati Kupang 2022",
            published_on=date(2022, 2, 1),
            publisher="Pemerintah Kabupaten Kupang",
            kind=SourceKind.REGIONAL_DOCUMENT,
        ),
    )
    revision = services.submit_result(result=revision, version=revision.version, by=admin)
    services.verify_result(result=revision, version=revision.version, by=staff)
    fresh = services.create_result_draft(regency=kupang, year=2024, kind="official", by=admin, value=Decimal("2.47"))
    fresh = services.submit_result(result=fresh, version=fresh.version, by=admin)
    services.verify_result(result=fresh, version=fresh.version, by=staff)
    return {"regency": kupang, "decree": decree, "revision": revision, "fresh": fresh}


def citing_urls(regency) -> list[str]:
    urls = ["/", "/?tahun=2022", "/?tahun=2024", "/metode/", f"/wilayah/{regency.slug}/"]
    urls += [f"/wilayah/{regency.slug}/embed/", "/?tahun=2024&unduh=csv", "/?tahun=2024&unduh=xlsx"]
    urls += ["/?tahun=2022&unduh=csv", "/?tahun=2022&unduh=xlsx"]
    for path in ("results/", "results.csv", "targets/", "targets.csv"):
        urls += [f"/api/v1/{path}?regency=53.01"]
    return urls


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_public_page_names_an_account_or_a_revision_number(client, verified_entries, language):
    cache.clear()
    client.cookies["django_language"] = language
    pks = [str(verified_entries["revision"].pk), str(verified_entries["fresh"].pk)]

    for url in citing_urls(verified_entries["regency"]):
        response = client.get(url)
        assert response.status_code == 200, url
        text = readable(response)
        for secret in SECRETS:
            assert secret not in text, (url, secret)
        assert not ROW_NUMBER.search(text), (url, ROW_NUMBER.search(text))
        # "#12" as a row number; "#8a2be2" is a colour.
        assert not any(re.search(rf"#{pk}(?![0-9a-fA-F])", text) for pk in pks), url


def test_a_value_verified_without_a_document_is_cited_as_the_regencys_entry_and_the_province(client, verified_entries):
    cache.clear()
    source = Result.objects.get(pk=verified_entries["fresh"].pk).source

    page = client.get(f"/wilayah/{verified_entries['regency'].slug}/").content.decode()

    assert (source.title, source.publisher, source.kind) == (
        "Entri Kabupaten Kupang: Hasil evaluasi resmi 2024",
        "Dinas Kominfo Provinsi Nusa Tenggara Timur",
        SourceKind.VERIFIED_ENTRY,
    )
    assert "Entri Kabupaten Kupang: Hasil evaluasi resmi 2024</cite>, diverifikasi Dinas Kominfo Provinsi" in page
    assert source.note == ""


def test_revising_only_the_target_keeps_the_decree_publicly(client, verified_entries):
    cache.clear()
    published = Result.objects.published().get(regency=verified_entries["regency"], year=2022, kind="official")
    target = Target.objects.published().get(regency=verified_entries["regency"], year=2022)

    page = client.get(f"/wilayah/{verified_entries['regency'].slug}/").content.decode()
    api = client.get("/api/v1/results/?regency=53.01&year=2022").json()

    assert published.pk == verified_entries["revision"].pk
    assert published.source == verified_entries["decree"]
    assert target.source.title == "Perjanjian Kinerja Bupati Kupang 2022"
    assert verified_entries["decree"].title in page
    assert "Perjanjian Kinerja Bupati Kupang 2022" in page
    rows = api["results"] if isinstance(api, dict) and "results" in api else api
    assert any(row["source"]["title"] == verified_entries["decree"].title for row in rows)
    assert Result.objects.filter(state=ReviewState.SUPERSEDED, regency=verified_entries["regency"]).exists()
