"""Staff review a regency's indicators in a real browser: set the province's levels, see the differences and the
scores per stage, and tie a recommendation to an indicator; then the province view shows the year."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.models import AssessmentStage, Framework, Indicator, IndicatorAssessment, ResultKind
from regencies.models import Regency
from tests.factories import ResultFactory, StaffUserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
SHOTS = Path("/tmp/shots-indicator-review")
YEAR = 2023


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_staff_set_review_levels_see_the_differences_and_tie_a_recommendation(page: Page, live_server, reference_data):
    kupang = Regency.objects.get(code="53.01")
    framework = Framework.objects.for_year(YEAR).order_by("-first_year").first()
    indicators = list(Indicator.objects.filter(aspect__framework=framework).order_by("number"))
    for indicator in indicators:
        IndicatorAssessment.objects.create(
            regency=kupang, year=YEAR, indicator=indicator, stage=AssessmentStage.SELF, level=3, explanation="Ada SK."
        )
    ResultFactory(regency=kupang, year=YEAR, framework=framework, kind=ResultKind.OFFICIAL)
    StaffUserFactory(username="staf.kominfo")
    base = live_server.url

    page.goto(base + "/akun/masuk/")
    page.locator("#id_username").fill("staf.kominfo")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/entri/indikator/kabupaten-kupang/{YEAR}/reviu/")
    expect(page.get_by_text("Evaluasi mandiri 3,00 — Reviu provinsi belum lengkap 0/47").first).to_be_visible()

    for number, level in ((1, "2"), (2, "3")):
        page.get_by_role("link", name=f"Tetapkan tingkat indikator {number}", exact=True).click()
        page.get_by_label("Tingkat hasil reviu provinsi").select_option(level)
        page.get_by_label("Catatan reviu").fill("Bukti dukung belum ditandatangani.")
        page.get_by_role("button", name="Simpan reviu provinsi").click()
        expect(page.get_by_text(f"Indikator {number} disimpan.")).to_be_visible()

    row = page.locator("#indikator-1")
    expect(row).to_contain_text("≠ Reviu provinsi − Evaluasi mandiri −1")
    expect(page.locator("#indikator-2")).not_to_contain_text("≠")
    expect(page.get_by_text("Reviu provinsi − Evaluasi mandiri: 1 dari 2 indikator berbeda").first).to_be_visible()
    shot(page, "01-review-differences")

    page.get_by_role("link", name="tambah rekomendasi indikator 1", exact=True).click()
    expect(page.get_by_label("Indikator (opsional)")).to_have_value(str(indicators[0].pk))
    page.get_by_label("Rekomendasi").fill("Tetapkan kebijakan internal arsitektur SPBE.")
    page.get_by_role("button", name="Simpan").click()
    page.goto(f"{base}/entri/indikator/kabupaten-kupang/{YEAR}/reviu/")
    page.locator("#indikator-1 details summary").click()
    expect(page.locator("#indikator-1")).to_contain_text("Tetapkan kebijakan internal arsitektur SPBE.")
    shot(page, "02-recommendation-on-the-indicator")

    page.goto(f"{base}/entri/indikator/provinsi/{YEAR}/?tahap=province")
    table_row = page.get_by_role("row", name="Kabupaten Kupang")
    expect(table_row).to_contain_text("sedang diisi 47/47")
    shot(page, "03-province-view")
