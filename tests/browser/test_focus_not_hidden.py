"""The sticky action bar of the entry form never covers the field that has the keyboard focus."""

import pytest
from playwright.sync_api import Browser

from tests.factories import StaffUserFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}])
def test_tabbing_through_the_result_form_keeps_every_field_clear_of_the_action_bar(
    browser: Browser, live_server, reference_data, viewport
):
    staff = StaffUserFactory(username="fokus")
    from django.test import Client

    client = Client()
    client.force_login(staff)
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/entri/hasil/baru/?tahun=2023")

    covered = []
    page.locator("#id_year").focus()
    for _step in range(60):
        page.keyboard.press("Tab")
        hidden = page.evaluate(
            """() => {
                const el = document.activeElement;
                const bar = document.querySelector('.form-actions');
                if (!el || !bar || bar.contains(el) || el === document.body) return null;
                const a = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
                return a.bottom > b.top && a.top < b.bottom ? (el.id || el.name) : null;
            }"""
        )
        if hidden:
            covered.append(hidden)
    context.close()
    assert covered == []
