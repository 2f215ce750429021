"""The page's address to share: a button copies it where a script runs; without one the field is still there to
select, and no button that does nothing shows."""

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KUPANG = "/wilayah/kabupaten-kupang/"


def test_the_copy_button_copies_the_page_address(browser: Browser, live_server, reference_data):
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + KUPANG)

    button = page.get_by_role("button", name="Salin")
    assert button.bounding_box()["height"] >= 44
    button.click()

    expect(page.get_by_role("status").filter(has_text="Tautan disalin.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + KUPANG
    context.close()


def test_without_javascript_the_address_is_selectable_and_no_button_shows(
    browser: Browser, live_server, reference_data
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + KUPANG)

    expect(page.get_by_role("button", name="Salin")).to_have_count(0)
    field = page.get_by_label("Salin tautan halaman ini")
    expect(field).to_have_value(live_server.url + KUPANG)
    field.select_text()
    assert page.evaluate("window.getSelection().toString() || document.activeElement.value") == live_server.url + KUPANG
    context.close()
