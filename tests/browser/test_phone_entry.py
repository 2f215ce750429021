"""The entry workspace on a 390 px phone: the entry list shows each entry's status and next step without sideways
scrolling; after a refused save the focus is on the error summary, whose links lead to the fields."""

from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect

from assessments.models import ResultKind, ReviewState
from regencies.models import Regency
from tests.factories import ResultFactory, regency_admin

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"


@pytest.fixture
def phone(browser: Browser, live_server, reference_data):
    kupang = Regency.objects.get(code="53.01")
    regency_admin(kupang, username="admin.kupang")
    framework = kupang.results.first().framework
    ResultFactory(regency=kupang, year=2024, framework=framework, value=Decimal("2.40"), state=ReviewState.DRAFT)
    ResultFactory(
        regency=kupang,
        year=2024,
        kind=ResultKind.SELF_ASSESSMENT,
        framework=framework,
        value=Decimal("2.90"),
        state=ReviewState.RETURNED,
        review_comment="Lampirkan bukti dukung indikator 1 sampai 10 dan SK tim SPBE kabupaten.",
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/akun/masuk/")
    page.locator("#id_username").fill("admin.kupang")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entri data SPBE")
    page.base = live_server.url
    yield page
    context.close()


def test_the_entry_list_shows_status_and_next_step_without_sideways_scrolling(phone):
    phone.goto(phone.base + "/entri/")

    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = phone.locator("table.entry-list")
    assert phone.evaluate("document.querySelector('.table-scroll').scrollWidth") <= PHONE["width"]
    for text in ("Dikembalikan", "Perbaiki sesuai komentar lalu ajukan lagi", "Draf", "Lengkapi lalu ajukan"):
        box = table.get_by_text(text).first.bounding_box()
        assert box["x"] >= 0, text
        assert box["x"] + box["width"] <= PHONE["width"], text
    expect(table.locator("td[data-label='Status']").first).to_be_visible()
    phone.screenshot(path="/tmp/h13e-phone-entry-list.png", full_page=True)


def test_after_a_refused_save_the_focus_is_on_the_error_summary(phone):
    phone.goto(phone.base + "/entri/hasil/baru/")
    phone.locator("#id_value").fill("")
    phone.locator("#id_level_12").fill("2.5")
    phone.get_by_role("button", name="Simpan draf").click()

    summary = phone.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Tingkat kematangan harus bilangan bulat")
    summary.get_by_role("link", name="12.", exact=False).first.click()
    expect(phone.locator("#id_level_12")).to_be_focused()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path="/tmp/h13e-phone-form-errors.png")
