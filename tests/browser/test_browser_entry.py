"""The entry journey in a real browser: a regency admin enters 47 levels and submits, staff return it with a
comment, the admin corrects and resubmits, staff verify, and the public ranking shows the new value."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments import scoring
from assessments.models import Framework
from regencies.models import Regency
from tests.factories import StaffUserFactory, regency_admin

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-entry")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Keluar").click()


def fill_levels(page: Page, levels: dict[int, int]) -> None:
    for number, level in levels.items():
        page.locator(f"#id_level_{number}").fill(str(level))


def expected_index(levels: dict[int, int]) -> str:
    framework = Framework.objects.get(code="PermenPANRB-59-2020")
    index = scoring.compute_scores(
        levels=levels, indicators=framework.indicator_specs(), level_range=framework.levels
    ).index
    return f"{index:.2f}".replace(".", ",")


def test_admin_enters_levels_staff_return_then_verify_and_the_public_sees_it(page: Page, live_server, reference_data):
    kupang = Regency.objects.get(code="53.01")
    regency_admin(kupang, username="admin.kupang")
    StaffUserFactory(username="staf.kominfo")
    base = live_server.url
    first_levels = {number: 2 if number <= 20 else 3 for number in range(1, 48)}
    corrected_levels = {number: 3 if number <= 30 else 4 for number in range(1, 48)}

    log_in(page, base, "admin.kupang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Entri data SPBE")
    shot(page, "01-admin-list")

    page.get_by_role("link", name="Entri hasil baru").click()
    fill_levels(page, first_levels)
    page.get_by_label("Target indeks tahun ini").fill("2,50")
    page.get_by_role("button", name="Pratinjau").click()
    expect(page.get_by_test_id("computed-index")).to_have_text(expected_index(first_levels))
    shot(page, "02-preview-computed-index")

    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_test_id("result-value")).to_have_text(expected_index(first_levels))
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    # Issue 23: a confirmation page says what submitting does.
    page.get_by_role("button", name="Ya, ajukan untuk verifikasi").click()
    expect(page.get_by_text("Menunggu verifikasi staf provinsi.")).to_be_visible()
    shot(page, "03-submitted")
    log_out(page)

    log_in(page, base, "staf.kominfo")
    page.get_by_role("link", name="Antrean verifikasi").click()
    queue_row = page.get_by_role("row", name="Kabupaten Kupang")
    expect(queue_row).to_contain_text("1,85")
    expect(queue_row).to_contain_text(expected_index(first_levels))
    shot(page, "04-staff-queue-old-and-new")
    queue_row.get_by_role("link", name="Kabupaten Kupang").click()
    page.get_by_label("Alasan pengembalian").fill("Indikator 21–30 belum didukung bukti; periksa lagi.")
    page.get_by_role("button", name="Kembalikan dengan komentar").click()
    expect(page.get_by_role("note")).to_contain_text("Indikator 21–30 belum didukung bukti")
    shot(page, "05-staff-returned")
    log_out(page)

    log_in(page, base, "admin.kupang")
    expect(page.get_by_text("Perbaiki sesuai komentar lalu ajukan lagi")).to_be_visible()
    # The result's own link ("2025"), not the self-assessment workspace's ("2025 · …") listed above the results.
    page.get_by_role("link", name="2025", exact=True).click()
    page.get_by_role("link", name="Ubah").first.click()
    fill_levels(page, corrected_levels)
    page.get_by_role("button", name="Pratinjau").click()
    expect(page.get_by_test_id("computed-index")).to_have_text(expected_index(corrected_levels))
    shot(page, "06-admin-corrects-preview")
    page.get_by_role("button", name="Simpan draf").click()
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    # Issue 23: a confirmation page says what submitting does.
    page.get_by_role("button", name="Ya, ajukan untuk verifikasi").click()
    shot(page, "07-resubmitted")
    log_out(page)

    log_in(page, base, "staf.kominfo")
    page.goto(base + "/entri/verifikasi/")
    page.get_by_role("row", name="Kabupaten Kupang").get_by_role("link", name="Kabupaten Kupang").click()
    page.get_by_role("button", name="Verifikasi dan terbitkan").click()
    page.get_by_role("button", name="Ya, verifikasi dan terbitkan").click()
    expect(page.get_by_text("Diverifikasi dan diterbitkan")).to_be_visible()
    shot(page, "08-staff-verified")
    log_out(page)

    page.goto(base + "/")
    # The ranking opens on the fullest recent year; a year whose results only begin to come in is one link away.
    page.get_by_role("link", name="2025 (1 dari 22 bernilai)").click()
    kupang_row = page.get_by_role("row", name="Kabupaten Kupang")
    expect(kupang_row).to_contain_text(expected_index(corrected_levels))
    expect(kupang_row).to_contain_text("2025")
    shot(page, "09-public-home-shows-new-value")
