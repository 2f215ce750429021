"""The self-assessment journey in a real browser: a regency admin fills 10 indicators of 2024, leaves, comes back
to find them saved, finishes the other 37 (some with the keyboard alone), sees the computed index marked complete
and submits it for verification. At phone width, without sideways scrolling."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments import scoring
from assessments.models import Framework, Result, ResultKind, ReviewState
from regencies.models import Regency
from tests.factories import regency_admin

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-workspace")
# Indicator n gets level 1 + n % 5: every level of the scale is used.
LEVELS = {number: 1 + number % 5 for number in range(1, 48)}


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def log_in(page: Page, base: str) -> None:
    page.goto(base + "/akun/masuk/")
    page.locator("#id_username").fill("admin.kupang")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def fill_current(page: Page, number: int, *, keyboard: bool = False) -> None:
    """Chooses the level and writes a penjelasan on the indicator page shown, then "Simpan dan lanjut"."""
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Indikator {number}.")
    level = LEVELS[number]
    if keyboard:
        page.locator(f"#id_level_{level}").focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # on to the level's "Pemenuhan dan bukti dukung"
        page.locator("#id_explanation").focus()
        page.keyboard.type(f"Dokumen indikator {number}.")
        page.locator("button[value=lanjut], button[value=simpan]").last.focus()
        page.keyboard.press("Enter")
    else:
        page.locator(f"#id_level_{level}").check()
        page.locator("#id_explanation").fill(f"Dokumen indikator {number}.")
        button = page.get_by_role("button", name=f"Simpan dan lanjut ke indikator {number + 1}")
        if number == 47:
            button = page.get_by_role("button", name="Simpan", exact=True)
        button.click()
    expect(page.get_by_text(f"Indikator {number} disimpan.")).to_be_visible()


def expected_index() -> str:
    framework = Framework.objects.get(code="PermenPANRB-59-2020")
    index = scoring.compute_scores(levels=LEVELS, indicators=framework.indicator_specs(), level_range=framework.levels)
    return f"{index.index:.2f}".replace(".", ",")


def test_admin_fills_ten_indicators_leaves_comes_back_finishes_and_submits(browser, live_server, reference_data):
    regency_admin(Regency.objects.get(code="53.01"), username="admin.kupang")
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()

    log_in(page, base)
    page.get_by_test_id("workspace-kabupaten-kupang-2024").click()
    expect(page.get_by_test_id("progress")).to_have_text("0 dari 47 indikator")
    no_sideways_scroll(page)
    page.get_by_role("link", name="1. Tingkat Kematangan Kebijakan Internal Arsitektur SPBE").click()
    expect(page.get_by_text("Rintisan")).to_be_visible()
    no_sideways_scroll(page)
    for number in range(1, 11):
        fill_current(page, number, keyboard=number in (2, 3))
    shot(page, "01-indicator-11-after-ten")
    page.get_by_role("button", name="Keluar").click()

    log_in(page, base)
    page.get_by_test_id("workspace-kabupaten-kupang-2024").click()
    expect(page.get_by_test_id("progress")).to_have_text("10 dari 47 indikator")
    expect(page.get_by_test_id("incomplete")).to_have_text("belum lengkap: 10 dari 47")
    expect(page.get_by_role("button", name="Ajukan untuk verifikasi")).to_have_count(0)
    shot(page, "02-workspace-ten-of-47")
    page.get_by_test_id("indicator-11").get_by_role("link").click()
    for number in range(11, 48):
        fill_current(page, number)

    page.get_by_role("link", name="Semua indikator").click()
    expect(page.get_by_test_id("progress")).to_have_text("47 dari 47 indikator")
    expect(page.get_by_test_id("computed-index")).to_have_text(expected_index())
    expect(page.get_by_text("lengkap", exact=True)).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "03-workspace-complete")
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    # Issue 23: a confirmation page says what submitting does.
    page.get_by_role("button", name="Ya, ajukan untuk verifikasi").click()

    expect(
        page.get_by_text(f"Evaluasi mandiri diajukan untuk verifikasi dengan indeks {expected_index()}.")
    ).to_be_visible()
    expect(page.get_by_test_id("locked")).to_be_visible()
    shot(page, "04-submitted")
    result = Result.objects.get(regency__code="53.01", year=2024, kind=ResultKind.SELF_ASSESSMENT)
    assert result.state == ReviewState.SUBMITTED
    assert f"{result.value:.2f}".replace(".", ",") == expected_index()
    assert result.indicator_levels.count() == 47
