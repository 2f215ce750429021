"""Paper and pages without JavaScript, as a phone on a slow link or a printer sees them."""

import pytest
from playwright.sync_api import Browser, expect

from regencies.models import Regency
from tests.paper import page_count, text_of, words_of

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


def printed(page) -> bytes:
    """What Chromium's own print makes of the page: A4 portrait, the print stylesheet."""
    page.emulate_media(media="print")
    return page.pdf(format="A4")


def test_chromium_prints_the_22_row_ranking_on_two_pages_without_breaking_a_word(
    browser: Browser, live_server, reference_data
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/?tahun=2022")
    pdf = printed(page)
    on_paper = page.evaluate("document.body.innerText")
    page.close()

    assert page_count(pdf) <= 2
    text = " ".join(text_of(pdf).split())
    names = [regency.display_name for regency in Regency.objects.all() if not regency.is_province]
    assert len(names) == 22
    for name in names:
        assert name in text, name
    # A word broken inside ("Pering kat") leaves pieces no reader wrote; two neighbouring cells may run together
    # in the PDF's text ("48belum"), which is not a broken word.
    words = words_of(on_paper)
    unknown = [word for word in words_of(text) if word not in words]
    broken = [
        word for word in unknown if not any(word[:cut] in words and word[cut:] in words for cut in range(1, len(word)))
    ]
    assert broken == []


def test_chromium_prints_the_profile_chart_and_table_within_the_page_width(
    browser: Browser, live_server, reference_data
):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/wilayah/kabupaten-kupang/")
    expect(page.locator('[data-chart="chart-index-data"]')).to_have_attribute("data-chart-drawn", "")
    pdf = printed(page)
    page.close()

    assert page_count(pdf) <= 2
    # What lies beyond the paper's edge is not printed: the last year and the band names in the chart's right
    # margin are, and the legend says what the lines are.
    pieces = {" ".join(piece.split()) for piece in text_of(pdf).splitlines()}
    assert {"2021 2022", "Memuaskan", "Sangat Baik", "Kurang"} <= pieces  # the chart's years and band names
    text = " ".join(text_of(pdf).split())
    assert "Hasil evaluasi resmi" in text
    assert "Selisih target" in text
    assert "−2,01" in text
