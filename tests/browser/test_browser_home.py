import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_visitor_reads_the_home_table_and_opens_a_regency(page: Page, live_server, reference_data):
    page.goto(live_server.url + "/?tahun=2022")

    kupang = page.get_by_role("row", name="Kabupaten Kupang")
    expect(kupang).to_contain_text("1,85")
    kupang.get_by_role("link", name="Kabupaten Kupang").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kabupaten Kupang")
    expect(page.get_by_text("ANTARA").first).to_be_visible()
