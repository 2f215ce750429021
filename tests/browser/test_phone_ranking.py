"""The ranking on a 390 px phone: the table within the first screen, its key columns without sideways scrolling."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect

from assessments.models import Framework
from regencies.models import Regency
from tests.factories import ResultFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KEY_HEADERS = ["Peringkat", "Wilayah", "Indeks", "Perubahan", "Selisih target"]


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_the_first_row_is_inside_the_first_screen(phone, live_server, reference_data):
    phone.goto(live_server.url + "/?tahun=2022")

    first_row = phone.locator("table.ranking tbody tr").first.bounding_box()
    assert first_row["y"] + 40 < PHONE["height"]


def test_the_key_columns_and_the_predikat_are_on_screen_without_scrolling(phone, live_server, reference_data):
    phone.goto(live_server.url + "/?tahun=2022")

    for header in KEY_HEADERS:
        box = phone.get_by_role("columnheader", name=header).bounding_box()
        assert box["x"] >= 0, header
        assert box["x"] + box["width"] <= PHONE["width"], header
    kupang = phone.get_by_role("row", name=re.compile("Kabupaten Kupang"))
    expect(kupang.locator(".phone-only .badge")).to_have_text("Cukup")
    caption = phone.locator("table.ranking caption").bounding_box()
    assert caption["x"] + caption["width"] <= PHONE["width"]


def test_the_first_pemdi_year_keeps_the_same_columns_on_a_phone_without_change_and_trend(
    phone, live_server, reference_data
):
    """2026 leaves out the change and trend columns; the phone's layout hid columns by position, and showed the
    target and the status instead of the gap."""
    kupang = Regency.objects.get(slug="kabupaten-kupang")
    # Synthetic (a factory's): a 2025 SPBE value and a 2026 Pemdi value, whose change is not computed.
    ResultFactory(regency=kupang, year=2025, framework=Framework.objects.in_force(2025), value=Decimal("3.00"))
    ResultFactory(regency=kupang, year=2026, framework=Framework.objects.in_force(2026), value=Decimal("3.10"))
    phone.goto(live_server.url + "/?tahun=2026")

    shown = [header for header in phone.locator("table.ranking thead th").all() if header.is_visible()]
    assert [" ".join(header.inner_text().split()) for header in shown] == [
        "Peringkat",
        "Wilayah",
        "Indeks",
        "Selisih target",
    ]
    for header in shown:
        box = header.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"]


def test_the_row_detail_holds_target_trend_status_and_source(phone, live_server, reference_data):
    phone.goto(live_server.url + "/?tahun=2022")
    kupang = phone.get_by_role("row", name=re.compile("Kabupaten Kupang"))

    kupang.get_by_text("rincian").click()
    detail = kupang.locator(".row-detail")
    expect(detail).to_contain_text("3,86")
    expect(detail).to_contain_text("naik terlalu lambat")
    expect(detail).to_contain_text("ANTARA")


def test_sorting_and_filtering_land_back_at_the_table(phone, live_server, reference_data):
    phone.goto(live_server.url + "/?tahun=2022")

    phone.get_by_role("columnheader", name="Indeks").get_by_role("link").click()
    expect(phone).to_have_url(re.compile(r"#peringkat$"))
    phone.get_by_text("Tahun dan saringan").click()
    phone.get_by_label("Tahun", exact=True).select_option("2021")
    phone.get_by_role("button", name="Tampilkan").click()
    expect(phone).to_have_url(re.compile(r"tahun=2021.*#peringkat$"))
    # The URL changes when the navigation commits; the browser scrolls to the fragment only once the table is
    # parsed, so wait for the scroll (it times out when the page never lands at the table).
    phone.wait_for_function("window.scrollY > 0", timeout=5000)


def test_the_map_has_a_labelled_list_with_large_tap_targets(phone, live_server, reference_data):
    phone.goto(live_server.url + "/?tahun=2022")

    phone.get_by_text("Daftar wilayah pada peta").click()
    link = phone.locator(".map-list a", has_text="Kota Kupang")
    expect(link).to_contain_text("belum ada data")
    assert link.bounding_box()["height"] >= 44


def test_every_tap_target_of_the_map_is_at_least_44_px_on_a_touch_screen(browser: Browser, live_server, reference_data):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    touch = context.new_page()
    touch.goto(live_server.url + "/?tahun=2022")

    # Whatever a finger can hit in the map and the list beside it: links whose shape takes taps.
    targets = touch.locator("figure.map a, .map-list a").evaluate_all(
        """links => links.filter(link => getComputedStyle(link).pointerEvents !== "none")
                         .map(link => { const box = link.getBoundingClientRect();
                                        return [link.textContent.trim(), box.width, box.height]; })"""
    )
    assert len(targets) == 22  # the list's; the map's shapes (Kota Kupang 10 px wide) take no taps here
    assert [name for name, width, height in targets if width < 44 or height < 44] == []
    kota = touch.locator(".map-list a", has_text="Kota Kupang")
    expect(kota).to_be_visible()
    kota.tap()
    expect(touch.get_by_role("heading", level=1)).to_have_text("Kota Kupang")
    context.close()
