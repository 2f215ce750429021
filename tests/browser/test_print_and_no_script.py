"""Paper and pages without JavaScript, as a phone on a slow link or a printer sees them."""

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_profile_chart_shows_without_javascript_on_a_phone(browser: Browser, live_server, reference_data):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/wilayah/kabupaten-kupang/")

    chart = page.locator("svg.index-svg")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] <= PHONE["width"]
    assert box["height"] > 150
    expect(chart.locator("circle")).to_have_count(2)
    context.close()


def test_printing_the_ranking_hides_navigation_and_filters_and_keeps_every_column(
    browser: Browser, live_server, reference_data
):
    page = browser.new_page(viewport={"width": 700, "height": 1000})
    page.goto(live_server.url + "/?tahun=2022")
    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Navigasi utama")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.locator(".downloads")).to_be_hidden()
    table = page.locator("table.ranking").bounding_box()
    assert table["x"] + table["width"] <= 700
    for header in ("Tren", "Status terakhir", "Sumber"):
        cell = page.locator("table.ranking thead th", has_text=header).bounding_box()
        assert cell["x"] + cell["width"] <= 700, header
    expect(page.locator("footer .print-only")).to_contain_text("Dicetak dari")
    page.close()


def test_the_focus_ring_is_dark_on_white_and_ringed_in_yellow(browser: Browser, live_server, reference_data):
    page = browser.new_page()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert outline == "rgb(27, 31, 36)"
    assert "rgb(255, 191, 71)" in shadow
    page.close()
