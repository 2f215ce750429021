"""axe finds nothing, at any impact level, on every public page and every page of the entry workspace."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser

from assessments.models import Result
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/?tahun=2022",
    "/wilayah/kabupaten-kupang/",
    "/wilayah/kabupaten-kupang/embed/",
    "/bandingkan/",
    "/bandingkan/?wilayah=kabupaten-kupang&wilayah=kabupaten-rote-ndao",
    "/metode/",
    "/akun/masuk/",
    "/akun/kata-sandi/reset/",
]
ENTRY = [
    "/entri/",
    "/entri/hasil/baru/",
    "/entri/verifikasi/",
    "/entri/impor/",
    "/entri/status/baru/",
    "/provinsi/",
    # The province's indicator review (issue 14).
    "/entri/indikator/provinsi/2022/",
    "/entri/indikator/kabupaten-kupang/2022/reviu/",
    "/entri/indikator/kabupaten-kupang/2022/1/reviu/",
    "/entri/indikator/impor-resmi/",
]


def violations_of(page, url: str) -> list:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    response = Axe().run(page).response
    assert response["passes"], url  # axe ran its rules on this page
    found = response["violations"]
    return [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in found]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_public_pages(browser: Browser, live_server, reference_data, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    found = {path: violations_of(page, live_server.url + path) for path in PUBLIC}

    assert {path: v for path, v in found.items() if v} == {}


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_entry_pages(browser: Browser, live_server, reference_data, viewport):
    client = Client()
    client.force_login(StaffUserFactory(username="axe"))
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    result = Result.objects.published().get(regency__slug="kabupaten-kupang", year=2022)
    paths = [*ENTRY, f"/entri/hasil/{result.pk}/", f"/entri/hasil/{result.pk}/riwayat/"]
    found = {path: violations_of(page, live_server.url + path) for path in paths}

    assert {path: v for path, v in found.items() if v} == {}
