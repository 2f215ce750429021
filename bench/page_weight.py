"""First-load and second-visit weight of the ranking and a regency profile, as a browser on a slow link gets them.

Run with the project's virtualenv: `.venv/bin/python bench/page_weight.py` (or `make bench`). It needs
node_modules (`npm ci`) for plotly.js. Everything happens in a throwaway folder: a fresh SQLite database with the
reference data and a `collectstatic` with the production storage (hashed names, gzip and brotli copies). Pages and
static files are fetched through Django's test client with WhiteNoise in the stack, asking for "br, gzip" as a
browser does, so the byte counts are what WhiteNoise sends. WhiteNoise does not compress HTML; the HTML is counted
gzip-compressed (level 6) as the nginx in front of gunicorn serves it.

Second visit: hashed static files carry a far-future Cache-Control (checked below) and come from the browser
cache, so only the HTML travels again. The result is written to bench/page_weight.md.
"""

import gzip
import io
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.assets import body_of, on_request_urls, static_urls  # noqa: E402

BUDGETS = {
    "ranking": {"first": 100 * 1024, "second": None},
    # Issue 26: a phone's first visit, plotly no longer part of it (loaded when the person asks, bench/slow_link.py).
    "profile": {"first": 60 * 1024, "second": 40 * 1024},
}
PAGES = {"ranking": "/", "profile": "/wilayah/kabupaten-kupang/"}


@dataclass
class Resource:
    url: str
    raw_bytes: int
    sent_bytes: int
    encoding: str
    cache_control: str


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "spbe_portal.settings.dev"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("collectstatic", verbosity=0, interactive=False)


def fetch_static(client, url: str) -> Resource:
    response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200, (url, response.status_code)
    body = body_of(response)
    raw_body = body_of(client.get(url))
    return Resource(
        url=url,
        raw_bytes=len(raw_body),
        sent_bytes=len(body),
        encoding=response.get("Content-Encoding", "identity"),
        cache_control=response.get("Cache-Control", ""),
    )


def measure(client, path: str) -> tuple[Resource, list[Resource], list[Resource]]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    html = response.content
    page = Resource(
        url=path,
        raw_bytes=len(html),
        sent_bytes=len(gzip.compress(html, compresslevel=6)),
        encoding="gzip (nginx)",
        cache_control=response.get("Cache-Control", ""),
    )
    assets = [fetch_static(client, url) for url in static_urls(html.decode())]
    on_request = [fetch_static(client, url) for url in on_request_urls(html.decode())]
    return page, assets, on_request


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def report(results: dict) -> str:
    lines = [
        "# Page weight",
        "",
        "Measured by `bench/page_weight.py` (run `make bench` to refresh). Compressed bytes as sent: static files",
        "as WhiteNoise serves them to a browser accepting `br, gzip`, HTML gzip-compressed (level 6) as nginx would.",
        "Second visit: the hashed static files are cached (`Cache-Control: max-age=315360000, public, immutable`),",
        "only the HTML is fetched again.",
        "",
        "| page | first load | budget | second visit | budget |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, (page, assets, _on_request) in results.items():
        first = page.sent_bytes + sum(asset.sent_bytes for asset in assets)
        second = page.sent_bytes + sum(asset.sent_bytes for asset in assets if "immutable" not in asset.cache_control)
        budget = BUDGETS[name]
        lines.append(
            f"| {name} (`{PAGES[name]}`) | {kb(first)} | ≤ {kb(budget['first'])} "
            f"| {kb(second)} | {('≤ ' + kb(budget['second'])) if budget['second'] else '—'} |"
        )
    lines += [
        "",
        "## Resources",
        "",
        "| page | resource | uncompressed | sent | encoding | cached |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    for name, (page, assets, on_request) in results.items():
        for resource in [page, *assets, *on_request]:
            cached = "yes" if "immutable" in resource.cache_control else "no"
            url = re.sub(r"\.[0-9a-f]{12}\.", ".<hash>.", resource.url)
            when = " (on request)" if resource in on_request else ""
            sizes = f"{kb(resource.raw_bytes)} | {kb(resource.sent_bytes)}"
            lines.append(f"| {name} | `{url}`{when} | {sizes} | {resource.encoding} | {cached} |")
    lines += [
        "",
        "The ranking page loads no JavaScript at all: its table is sorted and filtered on the server and its map is",
        "inline SVG, so it works with JavaScript disabled (checked by `tests/test_browser_pages.py`).",
        "",
        "*On request* is not part of the first load: the profile's chart is drawn by the server, and",
        '`static/js/charts.js` fetches plotly only when the person presses "Jelajahi grafik interaktif" or, on a',
        "screen at least 1024 px wide, once the page is idle.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="spbe-bench-") as workdir:
        setup_django(Path(workdir))
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        results = {name: measure(client, path) for name, path in PAGES.items()}

    text = report(results)
    path = ROOT / "bench" / "page_weight.md"
    # bench/slow_link.py keeps its own section at the end of the same file.
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "<!-- slow-link: begin -->"
    kept = old[old.index(marker) :] if marker in old else ""
    path.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    print(text)
    over = []
    for name, (page, assets, _on_request) in results.items():
        first = page.sent_bytes + sum(asset.sent_bytes for asset in assets)
        second = page.sent_bytes + sum(asset.sent_bytes for asset in assets if "immutable" not in asset.cache_control)
        if first > BUDGETS[name]["first"] or (BUDGETS[name]["second"] and second > BUDGETS[name]["second"]):
            over.append(name)
    if over:
        print("over budget:", ", ".join(over), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
