"""The improvement planner in a real browser: a regency admin opens it, sees which indicators move the index most,
sets intended levels in the "what if" and reads the projected index and predikat."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments import planner, scoring
from assessments.models import Framework, Indicator
from regencies.models import Regency
from tests.factories import IndicatorAssessmentFactory, regency_admin

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-planner")
YEAR = 2024


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def comma(value) -> str:
    return f"{value:.2f}".replace(".", ",")


def test_admin_sees_the_heaviest_steps_and_the_projected_predikat(page: Page, live_server, reference_data):
    kupang = Regency.objects.get(code="53.01")
    regency_admin(kupang, username="admin.kupang")
    framework = Framework.objects.for_year(YEAR).order_by("-first_year").first()
    specs = framework.indicator_specs()
    levels = {spec.number: 2 for spec in specs}
    for indicator in Indicator.objects.filter(aspect__framework=framework):
        IndicatorAssessmentFactory(regency=kupang, year=YEAR, indicator=indicator, level=2)
    heaviest = planner.next_steps(levels=levels, indicators=specs, level_range=framework.levels)[0]
    intended = {**levels, **{spec.number: 4 for spec in specs[:12]}}
    projected = planner.projected(levels=intended, indicators=specs, level_range=framework.levels)
    band = scoring.band_for(projected.index, list(framework.bands.all()))

    page.goto(live_server.url + "/akun/masuk/")
    page.locator("#id_username").fill("admin.kupang")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/entri/indikator/{kupang.slug}/{YEAR}/rencana/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Perencana peningkatan")
    expect(page.get_by_test_id("planner-current")).to_contain_text("2,00")
    first_step = page.get_by_test_id("planner-steps").locator("li").first
    expect(first_step).to_contain_text(f"Indikator {heaviest.number}.")
    shot(page, "01-planner")

    for spec in specs[:12]:
        page.locator(f"#id_tingkat_{spec.number}").select_option("4")
    page.get_by_role("button", name="Hitung proyeksi").click()

    expect(page.get_by_test_id("what-if-index")).to_have_text(comma(projected.index))
    expect(page.get_by_test_id("what-if-predikat")).to_contain_text(band.name)
    shot(page, "02-what-if")
