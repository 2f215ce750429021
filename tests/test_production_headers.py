"""The production settings as a server runs them: gunicorn with gunicorn.conf.py and spbe_portal.settings.prod,
static files collected, asked over HTTP the way nginx forwards an HTTPS request (X-Forwarded-Proto: https).
What is checked is the real response headers, not the settings that should produce them."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from bench.assets import on_request_urls, static_urls

from .test_settings import CONTROLLED, PROD_ENV, ROOT

HOST = "spbe.nttprov.example"

# One gunicorn serves the whole module: its tests stay on one xdist worker (Makefile, --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.own_database, pytest.mark.xdist_group("production_server")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port: int, path: str, *, https: bool = True) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {})}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    clean = {key: value for key, value in os.environ.items() if key not in {*PROD_ENV, *CONTROLLED}}
    env = {
        **clean,
        **PROD_ENV,
        "DJANGO_SETTINGS_MODULE": "spbe_portal.settings.prod",
        "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"], ["load_reference_data"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    log_path = folder / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "spbe_portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_listening(port, server, log_path)
        yield port, log_path
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_until_listening(port: int, server: subprocess.Popen, log_path) -> None:
    """Not a timing assertion: only how long a slow machine may take to start gunicorn."""
    give_up = time.monotonic() + 60
    while time.monotonic() < give_up:
        assert server.poll() is None, log_path.read_text()
        try:
            if request(port, "/healthz").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer /healthz:\n" + log_path.read_text())


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/v1/results/"])
def test_https_responses_carry_the_security_headers(production_server, path):
    port, _log = production_server

    response = request(port, path)

    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert response.getheader("X-Frame-Options") == "DENY"
    policy = response.getheader("Content-Security-Policy")
    assert "frame-ancestors 'none'" in policy
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe" not in script_src


def test_only_the_embed_page_may_be_framed(production_server):
    port, _log = production_server

    embed = request(port, "/wilayah/kabupaten-kupang/embed/")
    profile = request(port, "/wilayah/kabupaten-kupang/")

    assert embed.status == 200
    assert embed.getheader("X-Frame-Options") is None
    assert "frame-ancestors *" in embed.getheader("Content-Security-Policy")
    assert "Strict-Transport-Security" in embed.headers
    assert profile.status == 200
    assert profile.getheader("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in profile.getheader("Content-Security-Policy")


def test_plain_http_is_redirected_to_https(production_server):
    port, _log = production_server

    response = request(port, "/", https=False)

    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_healthz_answers_a_local_monitor_over_plain_http(production_server):
    port, _log = production_server

    assert request(port, "/healthz", https=False).status == 200


def test_cookies_are_sent_only_over_https(production_server):
    port, _log = production_server

    response = request(port, "/admin/login/")

    csrf_cookie = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    assert "Secure" in csrf_cookie
    assert "SameSite=Lax" in csrf_cookie


def test_static_files_are_served_compressed_with_a_long_cache(production_server):
    port, _log = production_server
    _status, page = read(port, "/")
    stylesheet = next(url for url in static_urls(page) if url.endswith(".css"))

    response = request(port, stylesheet)

    assert response.status == 200
    assert "max-age=315360000" in response.getheader("Cache-Control")


def test_every_static_file_a_page_names_is_served(production_server):
    """collectstatic keeps only the hashed copies (WHITENOISE_KEEP_ONLY_HASHED_FILES): whatever a page names,
    plotly on request included, must be one of them."""
    port, _log = production_server
    named = set()
    for path in ("/", "/wilayah/kabupaten-kupang/"):
        _status, html = read(port, path)
        named |= {*static_urls(html), *on_request_urls(html)}

    assert any("/vendor/plotly/" in url for url in named)
    assert any(url.endswith(".css") for url in named)
    assert {url: read(port, url)[0] for url in sorted(named)} == dict.fromkeys(sorted(named), 200)


def test_gunicorn_logs_each_request_as_a_json_line(production_server):
    port, log_path = production_server
    request(port, "/healthz")

    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]

    access = [line for line in lines if line["logger"] == "gunicorn.access" and line.get("path") == "/healthz"]
    assert access
    assert access[-1]["status"] == 200
    assert access[-1]["method"] == "GET"


def read(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


def test_a_long_address_nginx_lets_through_gets_the_sites_own_page(production_server):
    """gunicorn refused a request line over 4 KB with its own bare English "Bad Request"; nginx lets lines up to
    8 KB through (large_client_header_buffers 4 8k, docs/deploy.md), so gunicorn takes what nginx takes and the
    portal answers: its 404 for a long unknown path, the page itself for a long query string."""
    port, _log = production_server

    status, body = read(port, "/wilayah/" + "x" * 7000 + "/")
    assert status == 404
    assert "<h1>Halaman tidak ditemukan</h1>" in body

    status, body = read(port, "/metode/?cari=" + "y" * 7000)
    assert status == 200
    assert '<html lang="id">' in body
