"""A regency's profile on a 390 px phone: the chart within the first screen, the table without sideways scrolling."""

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect

from assessments.models import Framework
from regencies.models import Regency
from tests.factories import ResultFactory

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


def test_plotly_loads_on_a_phone_only_when_the_person_asks_to_explore_the_chart(
    browser: Browser, live_server, reference_data
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live_server.url + "/wilayah/kabupaten-kupang/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2500)  # longer than the idle timeout a wide screen would wait

    expect(page.locator("svg.index-svg")).to_be_visible()
    assert not [url for url in asked if "plotly" in url]
    chart = page.locator('[data-chart="chart-index-data"]')
    expect(chart).not_to_have_attribute("data-chart-drawn", "")

    explore = page.get_by_role("button", name="Jelajahi grafik interaktif")
    explore.focus()
    page.keyboard.press("Enter")

    expect(chart).to_have_attribute("data-chart-drawn", "")
    expect(chart.locator(".chart-plotly svg").first).to_be_visible()
    expect(page.locator("svg.index-svg")).to_be_hidden()
    expect(explore).to_be_hidden()
    expect(chart).to_be_focused()  # the keyboard's place is the chart the person asked for
    assert [url for url in asked if "plotly" in url]
    context.close()


def test_a_wide_screen_draws_the_interactive_chart_once_the_page_is_idle(browser: Browser, live_server, reference_data):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/wilayah/kabupaten-kupang/")

    expect(page.locator('[data-chart="chart-index-data"]')).to_have_attribute("data-chart-drawn", "")
    context.close()


def test_a_long_predikat_stays_inside_its_cell_on_a_phone(browser: Browser, live_server, reference_data):
    """On a phone each year's numbers sit in 4.5rem cells: "Sangat Baik" ran over the next cell's label, and a first
    attempt at wrapping it cut "Memuaskan" in two."""
    kupang = Regency.objects.get(slug="kabupaten-kupang")
    # Synthetic (a factory's): values that read Sangat Baik under PermenPANRB 59/2020 (3,5 ≤ v < 4,2) and
    # Memuaskan under PermenPANRB 8/2026 (v ≥ 4,0).
    ResultFactory(regency=kupang, year=2024, framework=Framework.objects.in_force(2024), value=Decimal("3.72"))
    ResultFactory(regency=kupang, year=2026, framework=Framework.objects.in_force(2026), value=Decimal("4.01"))
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/wilayah/kabupaten-kupang/")

    def badge_in_its_cell(predikat: str) -> dict:
        cell = page.locator("table.index-table td", has=page.locator(".badge", has_text=predikat)).first
        badge_box, cell_box = cell.locator(".badge").bounding_box(), cell.bounding_box()
        assert badge_box["x"] + badge_box["width"] <= cell_box["x"] + cell_box["width"], predikat
        return badge_box

    one_line = badge_in_its_cell("Kurang")["height"]  # Kupang's 2021 (ANTARA, 29 Jul 2023)
    badge_in_its_cell("Sangat Baik")
    # One word, one line: never cut inside it.
    assert badge_in_its_cell("Memuaskan")["height"] == one_line
    context.close()
