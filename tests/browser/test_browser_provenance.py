"""Provenance in a real browser, at phone and desktop width: an admin revises only the target of a verified result
(asked before anything is created), staff see what changes and verify, and the public profile still cites the
decree; an admin enters a 2026 target alone with its RPJMD source and submits it."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Framework, Result, ReviewState, Target
from tests.factories import RegencyFactory, ResultFactory, SourceFactory, StaffUserFactory, TargetFactory, regency_admin

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-provenance")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shots(page: Page, name: str) -> None:
    """The page at phone and at desktop width, back at desktop width afterwards."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("390", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()


def test_admin_revises_only_the_target_staff_verify_and_the_profile_still_cites_the_decree(
    page: Page, live_server, reference_data
):
    regency = RegencyFactory(name="Uji Provenans")
    framework = Framework.objects.get(code="PermenPANRB-59-2020")
    decree = SourceFactory(title="Keputusan Menteri PANRB Uji 13/2025", publisher="Kementerian PANRB")
    published = ResultFactory(regency=regency, year=2024, framework=framework, value=Decimal("2.47"), source=decree)
    TargetFactory(regency=regency, year=2024, value=Decimal("2.60"), source=SourceFactory(title="RPJMD Uji 2021-2026"))
    regency_admin(regency, username="admin.uji")
    StaffUserFactory(username="staf.uji")
    base = live_server.url
    page.set_viewport_size(DESKTOP)

    log_in(page, base, "admin.uji")
    page.goto(f"{base}/entri/hasil/{published.pk}/")
    page.get_by_role("link", name="Mulai revisi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mulai revisi")
    assert Result.objects.filter(regency=regency).count() == 1
    shots(page, "01-revise-confirm")
    page.get_by_role("button", name="Ya, buat revisi").click()

    expect(page.locator("#id_value")).to_have_value("2,47")
    expect(page.locator("#id_source_choice option:checked")).to_contain_text("Keputusan Menteri PANRB Uji 13/2025")
    page.locator("#id_target").fill("2,90")
    page.locator("#id_target_source_choice").select_option("")
    page.locator("#id_target_source_title").fill("Perjanjian Kinerja Bupati Uji 2024")
    page.locator("#id_target_source_publisher").fill("Pemerintah Kabupaten Uji Provenans")
    page.locator("#id_target_source_kind").select_option("regional_document")
    page.locator("#id_target_source_date").fill("2024-02-01")
    shots(page, "02-revision-form")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_test_id("revision-changes")).to_be_visible()
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    # Issue 23: a confirmation page says what submitting does.
    page.get_by_role("button", name="Ya, ajukan untuk verifikasi").click()
    expect(page.get_by_text("Menunggu verifikasi staf provinsi.")).to_be_visible()
    log_out(page)

    log_in(page, base, "staf.uji")
    revision = Result.objects.open().get(regency=regency)
    page.goto(f"{base}/entri/hasil/{revision.pk}/")
    changes = page.get_by_test_id("revision-changes")
    expect(changes.get_by_role("row", name="Target berubah 2,60 2,90")).to_be_visible()
    expect(changes.get_by_role("row", name="Sumber indeks")).to_contain_text("tetap")
    shots(page, "03-staff-sees-changes")
    page.get_by_role("button", name="Verifikasi dan terbitkan").click()
    page.get_by_role("button", name="Ya, verifikasi dan terbitkan").click()
    expect(page.get_by_text("Diverifikasi dan diterbitkan.")).to_be_visible()

    page.goto(f"{base}/wilayah/{regency.slug}/")
    expect(page.locator("main")).to_contain_text("Keputusan Menteri PANRB Uji 13/2025")
    expect(page.locator("main")).to_contain_text("Perjanjian Kinerja Bupati Uji 2024")
    expect(page.locator("main")).not_to_contain_text("Entri terverifikasi")
    expect(page.locator("main")).not_to_contain_text("admin.uji")
    shots(page, "04-profile-cites-decree")
    assert Result.objects.published().get(regency=regency).source == decree
    assert Target.objects.published().get(regency=regency, year=2024).value == Decimal("2.90")


def test_admin_enters_a_2026_target_alone(page: Page, live_server, reference_data):
    regency = RegencyFactory(name="Uji Target")
    regency_admin(regency, username="admin.target")
    base = live_server.url
    page.set_viewport_size(PHONE)

    log_in(page, base, "admin.target")
    page.get_by_role("link", name="Target baru").click()
    page.locator("#id_year").fill("2026")
    page.locator("#id_value").fill("3,25")
    page.locator("#id_target_source_title").fill("RPJMD Kabupaten Uji Target 2021-2026")
    page.locator("#id_target_source_publisher").fill("Pemerintah Kabupaten Uji Target")
    page.locator("#id_target_source_reference").fill("Perda 4/2021")
    page.locator("#id_target_source_date").fill("2021-08-30")
    shots(page, "05-target-form")
    page.get_by_role("button", name="Simpan draf target").click()

    expect(page.get_by_test_id("target-value")).to_have_text("3,25")
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    # Issue 23: a confirmation page says what submitting does.
    page.get_by_role("button", name="Ya, ajukan untuk verifikasi").click()
    expect(page.get_by_text("Menunggu verifikasi staf provinsi.")).to_be_visible()
    shots(page, "06-target-submitted")
    target = Target.objects.get(regency=regency, year=2026)
    assert (target.state, target.source.title, target.source.reference) == (
        ReviewState.SUBMITTED,
        "RPJMD Kabupaten Uji Target 2021-2026",
        "Perda 4/2021",
    )
    assert not Result.objects.filter(regency=regency).exists()
