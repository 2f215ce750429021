"""The data and method page on a 390 px phone: nothing runs off to the right, the sources read as cards."""

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_method_page_does_not_scroll_sideways_on_a_phone(browser: Browser, live_server, reference_data, language):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/metode/")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    sources = page.locator("#sources-table")
    assert sources.evaluate("table => table.scrollWidth <= table.parentElement.clientWidth")
    context.close()
