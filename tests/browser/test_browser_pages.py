import csv
import re

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from tests.factories import StaffUserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Every console error and uncaught exception; CSP violations are reported as console errors."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_visitor_sorts_changes_year_opens_a_regency_from_the_map_and_sees_its_chart(
    page: Page, live_server, reference_data, console_errors
):
    page.goto(live_server.url + "/")
    # The latest year with the most values (2021–2023 have two of 22 each; 2024 one): the ranking opens on it.
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023")

    page.get_by_label("Tahun", exact=True).select_option("2022")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"\?tahun=2022"))
    expect(page.get_by_role("row", name="Kabupaten Kupang")).to_contain_text("1,85")

    # The first click on an index sorts highest first; the second turns it round.
    page.get_by_role("table").get_by_role("link", name="Indeks").click()
    expect(page.locator("tbody tr").first).to_contain_text("Kabupaten Rote Ndao")
    page.get_by_role("table").get_by_role("link", name="Indeks").click()
    expect(page.locator("tbody tr").first).to_contain_text("Kabupaten Kupang")
    expect(page.locator("tbody tr").nth(1)).to_contain_text("Kabupaten Rote Ndao")

    page.locator('a.map-area[href="/wilayah/kabupaten-kupang/"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kabupaten Kupang")
    expect(page.locator('[data-chart="chart-index-data"] svg').first).to_be_visible()
    expect(page.locator('[data-chart="chart-index-data"]')).to_have_attribute("data-chart-drawn", "")
    assert console_errors == []


def test_visitor_downloads_the_shown_rows_as_csv(page: Page, live_server, reference_data, tmp_path):
    page.goto(live_server.url + "/?tahun=2022&predikat=Cukup")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    path = tmp_path / "ranking.csv"
    download_info.value.save_as(path)

    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["wilayah"] for row in rows] == ["Kabupaten Rote Ndao", "Kabupaten Kupang"]


def test_ranking_works_without_javascript(browser: Browser, live_server, reference_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + "/?tahun=2022")

    expect(page.get_by_role("row", name="Kabupaten Kupang")).to_contain_text("1,85")
    expect(page.locator("figure.map svg")).to_be_visible()
    expect(page.locator("a.map-area")).to_have_count(22)
    page.get_by_role("table").get_by_role("link", name="Indeks").click()
    expect(page.locator("tbody tr").first).to_contain_text("Kabupaten Rote Ndao")
    page.get_by_role("table").get_by_role("link", name="Indeks").click()
    expect(page.locator("tbody tr").first).to_contain_text("Kabupaten Kupang")
    context.close()


def test_pages_raise_no_console_error_or_csp_violation(page: Page, live_server, reference_data, console_errors):
    signed_in = Client()
    signed_in.force_login(StaffUserFactory())
    page.context.add_cookies(
        [{"name": "sessionid", "value": signed_in.cookies["sessionid"].value, "url": live_server.url}]
    )

    for path in ("/provinsi/", "/", "/wilayah/kabupaten-kupang/", "/wilayah/provinsi-nusa-tenggara-timur/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    expect(page.locator("[data-chart-drawn] svg").first).to_be_visible()

    assert console_errors == []
