"""The indicator page and the planner seen at 1280×900 and at phone width (390 px): on a laptop screen the level
choices start above the fold (the long texts fold), the page cites the regulation in words, and the planner's
advice is one-level steps (issue 23). Screenshots go to /tmp/shots-indicator-page."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Framework, Indicator
from regencies.models import Regency
from tests.factories import IndicatorAssessmentFactory, regency_admin

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-indicator-page")
YEAR = 2024


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full_page)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_indicator_page_and_the_planner_at_laptop_and_phone_width(
    page: Page, live_server, reference_data, width, height
):
    regency = Regency.objects.get(code="53.10")  # Manggarai
    regency_admin(regency, username="admin.sikka", first_name="Maria", last_name="Bria")
    framework = Framework.objects.get(code="PermenPANRB-59-2020")
    # Half the indicators filled at level 2: the planner first asks for the others.
    for indicator in Indicator.objects.filter(aspect__framework=framework, number__lte=24):
        IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicator, level=2)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/akun/masuk/")
    page.locator("#id_username").fill("admin.sikka")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(f"{live_server.url}/entri/indikator/{regency.slug}/{YEAR}/1/")
    expect(page.get_by_test_id("text-source")).to_contain_text("Peraturan Menteri PANRB Nomor 59 Tahun 2020")
    if width == 1280:
        first_choice = page.locator("#id_level_1").bounding_box()
        assert first_choice is not None
        assert first_choice["y"] < height, "the level choices start below the fold"
    shot(page, f"indicator-{width}-fold", full_page=False)
    page.get_by_text("Penjelasan indikator, penilaian dan bukti dukung").click()
    expect(page.locator("ol.ws-parts li").first).to_contain_text("Arsitektur SPBE")
    shot(page, f"indicator-{width}")

    page.goto(f"{live_server.url}/entri/indikator/{regency.slug}/{YEAR}/rencana/")
    goals = page.get_by_test_id("planner-goals")
    expect(goals).to_contain_text("Isi dulu 23 isian indikator yang masih kosong")
    expect(goals).not_to_contain_text("belum diisi →")
    shot(page, f"planner-{width}")
    page.get_by_role("link", name="Lihat proyeksi rencana ini").first.click()
    expect(page.get_by_test_id("what-if-result")).to_be_visible()
    shot(page, f"planner-what-if-{width}")
