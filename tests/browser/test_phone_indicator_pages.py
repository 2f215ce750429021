"""The province view and one indicator's page at phone width, as axe and the keyboard meet them (issue 23): the
"Indikator terlemah" table scrolls sideways and takes the focus; the indicator page's sticky save bar never covers
the field that has the focus."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser

from assessments.models import Framework, Indicator
from regencies.models import Regency
from tests.factories import IndicatorAssessmentFactory, StaffUserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Clear of the bar: the focused element's box and the bar's box do not overlap.
COVERED_BY_BAR = """() => {
    const el = document.activeElement;
    const bar = document.querySelector('.form-actions');
    if (!el || !bar || bar.contains(el) || el === document.body) return null;
    const a = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
    return a.bottom > b.top && a.top < b.bottom ? (el.id || el.name || el.textContent.trim().slice(0, 40)) : null;
}"""


def staff_page(browser: Browser, live_server, viewport):
    client = Client()
    client.force_login(StaffUserFactory(username="ponsel"))
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context, context.new_page()


def test_the_weakest_indicators_table_can_be_scrolled_with_the_keyboard_on_a_phone(
    browser: Browser, live_server, reference_data
):
    # A few workspace levels of 2022 (the test's own), so that the province view has weakest indicators to list.
    kupang = Regency.objects.get(slug="kabupaten-kupang")
    for indicator in Indicator.objects.filter(aspect__framework=Framework.objects.in_force(2022))[:12]:
        IndicatorAssessmentFactory(regency=kupang, year=2022, indicator=indicator, level=2)
    context, page = staff_page(browser, live_server, PHONE)
    page.goto(live_server.url + "/entri/indikator/provinsi/2022/")
    page.wait_for_load_state("networkidle")

    weakest = page.locator("section[aria-labelledby=terlemah] .table-scroll")
    assert weakest.get_attribute("tabindex") == "0"
    assert weakest.get_attribute("role") == "region"
    assert weakest.get_attribute("aria-label") == "Tabel indikator terlemah"
    assert page.evaluate("(el) => el.scrollWidth > el.clientWidth", weakest.element_handle())
    found = Axe().run(page).response["violations"]
    context.close()
    assert [(v["id"], v["impact"]) for v in found] == []


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 720}])
def test_tabbing_through_an_indicator_page_keeps_every_focused_field_clear_of_the_save_bar(
    browser: Browser, live_server, reference_data, viewport
):
    context, page = staff_page(browser, live_server, viewport)
    page.goto(live_server.url + "/entri/indikator/kabupaten-kupang/2024/1/")
    page.wait_for_load_state("networkidle")

    covered, reached = [], set()
    page.locator("#id_level_none").focus()
    for _step in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        hidden = page.evaluate(COVERED_BY_BAR)
        if hidden:
            covered.append(hidden)
    found = Axe().run(page).response["violations"]
    context.close()
    assert "id_explanation" in reached
    assert covered == []
    assert [(v["id"], v["impact"]) for v in found] == []
