"""axe finds nothing, at any impact level, on every public page and every page of the entry workspace."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import Browser

from assessments import services
from assessments.models import RelatedIndexValue, Result, ReviewState, Target
from tests.factories import ResultFactory, StaffUserFactory, TargetFactory

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/?tahun=2022",
    "/wilayah/kabupaten-kupang/",
    "/?indeks=ipp&tahun=2025",
    "/?indeks=kip&tahun=2023",
    "/wilayah/kabupaten-manggarai-barat/",
    "/wilayah/kabupaten-kupang/embed/",
    "/bandingkan/",
    "/bandingkan/?wilayah=kabupaten-kupang&wilayah=kabupaten-rote-ndao",
    # Arriving from a profile: one regency shown, the others asked for (issue 23).
    "/bandingkan/?wilayah=kabupaten-kupang",
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
    "/entri/indeks-terkait/",
    "/entri/indeks-terkait/baru/",
    "/entri/target/baru/",
    "/provinsi/",
    "/entri/indikator/kabupaten-kupang/2024/",
    "/entri/indikator/kabupaten-kupang/2024/1/",
    "/entri/indikator/kabupaten-kupang/2019/1/",
    # The improvement planner with a "what if" computed (issue 14).
    "/entri/indikator/kabupaten-kupang/2024/rencana/?tingkat_1=3",
    # The province's indicator review (issue 14).
    "/entri/indikator/provinsi/2022/",
    "/entri/indikator/kabupaten-kupang/2022/reviu/",
    "/entri/indikator/kabupaten-kupang/2022/1/reviu/",
    "/entri/indikator/impor-resmi/",
]


def violations_of(page, url: str) -> list:
    page.goto(url)  # returns at the load event: the page and its own scripts are in
    # Only charts.js fetches after it (plotly, on a wide screen once the page is idle), and axe checks the chart it
    # draws: there, wait until nothing more arrives. Everywhere else that wait was half a second for nothing.
    if page.locator("script[data-plotly]").count():
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
    paths = [
        *ENTRY,
        f"/entri/hasil/{result.pk}/",
        f"/entri/hasil/{result.pk}/riwayat/",
        f"/entri/hasil/{result.pk}/revisi/",
    ]
    # A draft's delete confirmation, and a returned revision with its conversation and reply form (issue 13).
    draft = services.start_revision(result=result, by=StaffUserFactory(username="axe.pengisi"))
    returned = ResultFactory(
        regency=result.regency, year=2023, framework=result.framework, source=None, state=ReviewState.SUBMITTED
    )
    services.return_result(result=returned, version=returned.version, by=StaffUserFactory(), comment="Lampirkan SK.")
    paths += [f"/entri/hasil/{draft.pk}/hapus/", f"/entri/hasil/{returned.pk}/"]
    fact = RelatedIndexValue.objects.published().filter(regency__slug="kota-kupang").first()
    paths.append(f"/entri/indeks-terkait/{fact.pk}/")
    # "Mulai revisi" asks first for every kind of reviewed record.
    published_target = Target.objects.published().filter(regency=result.regency).first()
    paths += [f"/entri/indeks-terkait/{fact.pk}/revisi/", f"/entri/target/{published_target.pk}/revisi/"]
    found = {path: violations_of(page, live_server.url + path) for path in paths}
    # A revision's page with its comparison table, and a target entered on its own.
    revision = draft  # the open revision made above
    target = TargetFactory(regency=result.regency, year=2029, state=ReviewState.DRAFT, source=None)
    for path in (f"/entri/hasil/{revision.pk}/", f"/entri/hasil/{revision.pk}/ubah/", f"/entri/target/{target.pk}/"):
        found[path] = violations_of(page, live_server.url + path)

    assert {path: v for path, v in found.items() if v} == {}
