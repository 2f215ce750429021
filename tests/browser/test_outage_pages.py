"""What a visitor sees while PostgreSQL is unreachable, in Chromium at phone and desktop width: a stored profile
with the notice above its content (readable, nothing wider than the screen), and the 503 page of a page never
stored; axe finds nothing on either."""

from unittest import mock

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import OperationalError
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

STORED = "/wilayah/kabupaten-kupang/"
NEVER_STORED = "/wilayah/kabupaten-ende/"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_a_stored_page_and_the_503_page_while_the_database_is_down(
    browser: Browser, live_server, reference_data, viewport
):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(live_server.url + STORED)  # stored while the database answers

    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        stored = page.goto(live_server.url + STORED)
        notice = page.locator(".stale-notice")
        assert stored.status == 200
        assert notice.is_visible()
        assert "Basis data portal sedang tidak dapat dihubungi." in notice.inner_text()
        assert notice.bounding_box()["y"] < page.locator("main h1").bounding_box()["y"]
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        stored_violations = Axe().run(page).response["violations"]

        unavailable = page.goto(live_server.url + NEVER_STORED)
        assert unavailable.status == 503
        assert page.locator("h1").inner_text() == "Portal sementara tidak dapat melayani"
        unavailable_violations = Axe().run(page).response["violations"]

    assert [v["id"] for v in stored_violations] == []
    assert [v["id"] for v in unavailable_violations] == []
