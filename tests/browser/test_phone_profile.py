"""A regency's profile on a 390 px phone: the chart within the first screen, the table without sideways scrolling."""

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_chart_starts_within_the_first_screen_and_the_table_fits(browser: Browser, live_server, reference_data):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/wilayah/kabupaten-kupang/")

    assert page.locator(".chart").first.bounding_box()["y"] < PHONE["height"] - 100
    table = page.locator("table.index-table")
    box = table.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    for text in ("3,86", "ANTARA"):
        cell = table.get_by_text(text).first.bounding_box()
        assert cell["x"] + cell["width"] <= PHONE["width"], text
    expect(table.locator("td[data-label='Target']").first).to_have_text("2,13")
    context.close()
