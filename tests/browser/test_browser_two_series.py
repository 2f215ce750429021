"""A profile across the change of index, 2025 SPBE and 2026 Pemdi, at phone and desktop width: two series with a
labelled break in the chart, each year's index in the table, which fits a 390 px phone."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.two_series import national_reference, two_series

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# Where the screenshots go when a person wants to look at them (SCREENSHOT_DIR); else the test's own folder.
SHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_profile_draws_two_series_with_a_break_at_phone_and_desktop_width(
    browser: Browser, live_server, db, tmp_path, width
):
    data = two_series(previous_years=3)
    national_reference(data.spbe, 2024, "3.12")
    viewport = WIDTHS[width]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}/wilayah/{data.regency.slug}/")

    # The server-drawn chart holds the break; on a phone it shows until the person asks for the interactive chart
    # (issue 26), on a wide screen plotly replaces it once the page is idle.
    server_break = page.locator(".index-svg .series-break", has_text="SPBE → Pemdi").first
    expect(server_break).to_be_attached()
    if width == "phone":
        expect(server_break).to_be_visible()
        page.get_by_role("button", name="Jelajahi grafik interaktif").click()
    # On a wide screen plotly is drawn once the page is idle, which a loaded test machine may delay.
    expect(page.locator(".js-plotly-plot .legendtext", has_text="Hasil evaluasi resmi · Pemdi")).to_be_visible(
        timeout=15_000
    )
    expect(page.locator(".js-plotly-plot", has_text="SPBE → Pemdi").first).to_be_visible()
    table = page.locator("table.index-table")
    expect(table.locator("td[data-label='Indeks dan kerangka']").last).to_contain_text("Pemdi")
    if width == "phone":
        box = table.bounding_box()
        assert box["x"] + box["width"] <= viewport["width"]
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"profile-two-series-{viewport['width']}.png"), full_page=True)
    context.close()
