"""The page nginx shows when it refuses a request line or header too long for it, before the portal sees it."""

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.mark.django_db
def test_the_written_page_is_the_sites_own_400(tmp_path):
    call_command("write_error_pages", tmp_path / "galat")

    html = (tmp_path / "galat" / "400.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in html
    assert "<h1>Permintaan tidak dapat diproses</h1>" in html
    assert 'class="site-header"' in html
    assert "{%" not in html
    assert "{{" not in html
    # The same page the portal itself answers a bad request with.
    assert Client().get("/", HTTP_HOST="bad host").content.decode() == html
