"""When the profile's chart shows on a Regular 3G link with a cold cache, in Debian's chromium.

Run with the project's virtualenv: `.venv/bin/python bench/slow_link.py` (part of `make bench`). A throwaway
folder holds a SQLite database with the reference data and the collected static files; gunicorn serves them with
the bench settings (DEBUG off, WhiteNoise, the public page cache) on a loopback port. Chromium is throttled through
the DevTools protocol to DevTools' "Regular 3G" (750 kb/s down, 250 kb/s up, 100 ms latency) with its cache
disabled, and each run opens the profile in a new browser context. Three moments are read in the page itself
(`performance.now()`, milliseconds since the navigation started): the server-drawn SVG chart visible, the page
complete (its load event ended; plotly is not part of it, issue 26), and, after the run presses "Jelajahi grafik
interaktif", plotly's interactive chart drawn (also given as the time from the press). The median of the runs is
written into bench/page_weight.md between its slow-link markers; the script fails when the SVG chart or the
complete page comes later than its budget.
"""

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import PYTHON, Gunicorn, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGE = "/wilayah/kabupaten-kupang/"
RUNS = 3
BUDGET_MS = {"svg": 1000, "complete": 1500}
# DevTools' "Regular 3G" preset, in bytes per second and milliseconds.
REGULAR_3G = {
    "offline": False,
    "latency": 100,
    "downloadThroughput": 750 * 1000 / 8,
    "uploadThroughput": 250 * 1000 / 8,
}
BEGIN, END = "<!-- slow-link: begin -->", "<!-- slow-link: end -->"


def prepare(workdir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "spbe_portal.settings.bench",
        "DATABASE_URL": f"sqlite:///{workdir / 'slow.sqlite3'}",
        "STATIC_ROOT": str(workdir / "static"),
    }
    for command in (["migrate", "-v0"], ["load_reference_data"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return env


def measure(url: str) -> list[dict]:
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        for _run in range(RUNS):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", REGULAR_3G)
            page.goto(url, wait_until="commit", timeout=60_000)
            page.wait_for_selector("svg.index-svg", state="visible", timeout=60_000)
            svg_ms = page.evaluate("performance.now()")
            # Polled from here: the page's CSP forbids the string evaluation wait_for_function would use.
            page.wait_for_load_state("load", timeout=60_000)
            while not page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"):
                page.wait_for_timeout(10)
            complete_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            explore = page.get_by_role("button", name="Jelajahi grafik interaktif")
            pressed_ms = page.evaluate("performance.now()")
            explore.click()
            page.wait_for_selector("[data-chart-drawn]", timeout=60_000)
            plotly_ms = page.evaluate("performance.now()")
            runs.append({"svg": svg_ms, "complete": complete_ms, "plotly": plotly_ms, "pressed": pressed_ms})
            context.close()
        browser.close()
    return runs


def section(runs: list[dict]) -> str:
    def median(moment: str) -> float:
        return statistics.median(run[moment] for run in runs)

    after_press = statistics.median(run["plotly"] - run["pressed"] for run in runs)
    each = ", ".join(
        f"{run['svg'] / 1000:.2f} / {run['complete'] / 1000:.2f} / {(run['plotly'] - run['pressed']) / 1000:.2f} s"
        for run in runs
    )
    return "\n".join(
        [
            BEGIN,
            "## The profile's chart on a slow link",
            "",
            "Measured by `bench/slow_link.py`: Debian's chromium at 390 × 844, throttled through the DevTools protocol",
            "to Regular 3G (750 kb/s, 100 ms), cache disabled, a new browser context per run, gunicorn with the bench",
            f"settings on loopback; median of {len(runs)} runs of `{PAGE}`, times since the navigation started.",
            'Plotly is loaded only when the person presses "Jelajahi grafik interaktif" (on a phone; a wide screen',
            "loads it once the page is idle): the run presses it once the page is complete.",
            "",
            "| moment | median | budget |",
            "| --- | ---: | ---: |",
            f"| server-drawn SVG chart visible | {median('svg') / 1000:.2f} s | ≤ {BUDGET_MS['svg'] / 1000:.1f} s |",
            f"| page complete (load event ended) | {median('complete') / 1000:.2f} s "
            f"| ≤ {BUDGET_MS['complete'] / 1000:.1f} s |",
            f"| plotly's interactive chart drawn, from the press | {after_press / 1000:.2f} s | — |",
            "",
            f"Each run (SVG / complete / interactive after the press): {each}.",
            END,
            "",
        ]
    )


def write(text: str) -> None:
    path = ROOT / "bench" / "page_weight.md"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in current:
        current = current[: current.index(BEGIN)] + current[current.index(END) + len(END) :].lstrip("\n")
    path.write_text(current.rstrip("\n") + "\n\n" + text, encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="spbe-slow-") as workdir:
        env = prepare(Path(workdir))
        server = Gunicorn(env, free_port())
        try:
            runs = measure(server.url + PAGE)
        finally:
            server.stop()
    text = section(runs)
    write(text)
    print(text)
    late = [moment for moment, budget in BUDGET_MS.items() if statistics.median(run[moment] for run in runs) > budget]
    return 1 if late else 0


if __name__ == "__main__":
    sys.exit(main())
