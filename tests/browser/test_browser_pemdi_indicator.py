"""A regency admin fills a Pemdi indicator whose value is another agency's index, converted to 1–5 with two
decimals, and names the publication it comes from: at phone width, without sideways scrolling (issue 22)."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.models import AssessmentStage, IndicatorAssessment
from tests.pemdi_entry_helpers import COACH, EXTERNAL_INDEX, build_pemdi

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-pemdi")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_admin_fills_a_converted_value_with_its_source_at_phone_width(browser, live_server, transactional_db):
    built = build_pemdi()
    built.admin.username = "admin.pemdi"
    built.admin.set_password(PASSWORD)
    built.admin.save()
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(live_server.url + "/akun/masuk/")
    page.locator("#id_username").fill("admin.pemdi")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"{live_server.url}/entri/indikator/{built.regency.slug}/2026/")
    expect(page.get_by_test_id("aspect-scores")).to_be_visible()
    page.get_by_test_id("indicator-2").get_by_role("link").click()
    expect(page.get_by_test_id("external-index")).to_contain_text(f"berasal dari {EXTERNAL_INDEX}")
    expect(page.get_by_test_id("external-index")).to_contain_text(COACH)
    no_sideways_scroll(page)
    page.locator("#id_level").fill("3,45")
    page.locator("#id_source_title").fill("Hasil Pemeriksaan Uji Data 2026")
    page.locator("#id_source_publisher").fill(COACH)
    page.locator("#id_source_date").fill("2026-10-01")
    page.locator("#id_explanation").fill("Nilai dari laporan instansi pembina.")
    shot(page, "01-filled")
    page.get_by_role("button", name="Simpan", exact=True).click()

    expect(page.get_by_text("Indikator 2 disimpan.")).to_be_visible()
    expect(page.locator("#id_level")).to_have_value("3,45")
    expect(page.get_by_text("Hasil Pemeriksaan Uji Data 2026").first).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "02-saved")
    row = IndicatorAssessment.objects.get(indicator=built.indicators[2], stage=AssessmentStage.SELF)
    assert (row.level, row.source.title) == (Decimal("3.45"), "Hasil Pemeriksaan Uji Data 2026")
    page.goto(f"{live_server.url}/entri/indikator/{built.regency.slug}/2026/")
    expect(page.get_by_test_id("indicator-2")).to_contain_text("3,45")
    no_sideways_scroll(page)
    shot(page, "03-workspace")
