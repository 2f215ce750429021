"""`make bench`: the portal under load at province and national size, written to bench/results.md.

For each size it seeds demo data (`seed_demo`, timed), measures queries and bytes per page in-process
(bench/probe.py), starts gunicorn with a fixed configuration (bench/gunicorn_bench.py) on a free loopback port,
and runs wrk against each page in turn, the minimal view /bench/ok/ included, in the same run. Then it checks the
budgets of issue 6 and exits non-zero when one is missed.

PostgreSQL when DATABASE_URL is set: the bench creates and drops its own database next to it (the name with
`_bench` appended), so the database DATABASE_URL names is never touched. SQLite in a throwaway folder otherwise.
Everything stays on 127.0.0.1, every step has a time limit, and gunicorn is stopped whatever happens.

    .venv/bin/python bench/run.py                 # the full bench (about three minutes)
    .venv/bin/python bench/run.py --smoke --output /tmp/r.md   # seconds; what tests/test_bench.py runs
    .venv/bin/python bench/run.py --sizes national --only staff --output /tmp/staff.md   # the staff pages alone

Signed-in pages are loaded as the people who use them do: a few staff members at once (wrk 1 thread × 4
connections, `--staff-connections`), not the public pages' crowd; their goal is a p95 of 150 ms at national size
(issue 26).
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
STEP_TIMEOUT = 300

# Name → path and whether it needs a signed-in provincial staff session.
PAGES = {
    "minimal view": {"path": "/bench/ok/"},
    "ranking": {"path": "/"},
    "regency profile": {"path": "/wilayah/kabupaten-kupang/"},
    "CSV export": {"path": "/?unduh=csv"},
    "compare": {"path": "/bandingkan/?wilayah=kabupaten-kupang&wilayah=kabupaten-rote-ndao"},
    "API results": {"path": "/api/v1/results/"},
    "entry list (staff)": {"path": "/entri/", "login": True},
    "queue (staff)": {"path": "/entri/verifikasi/", "login": True},
    "overview (staff)": {"path": "/provinsi/", "login": True},
    # The indicator workspace's province side (issue 14): the regency × indicator table of a year's official
    # levels (the heaviest stage: every regency known), and one regency's review of three stages.
    "province indicators (staff)": {"path": "/entri/indikator/provinsi/2022/?tahap=official", "login": True},
    "indicator review (staff)": {"path": "/entri/indikator/kabupaten-kupang/2022/reviu/", "login": True},
    # The regency's self-assessment workspace of the latest seeded year (47 indicators, levels as they stand).
    "self-assessment workspace (staff)": {"path": "/entri/indikator/kabupaten-kupang/2025/", "login": True},
    "indicator page (staff)": {"path": "/entri/indikator/kabupaten-kupang/2025/1/", "login": True},
    "planner (staff)": {"path": "/entri/indikator/kabupaten-kupang/2025/rencana/", "login": True},
}
STAFF_P95_MS = 150
BUDGET_SHARE = {"province": 0.5, "national": 0.3}
P99_FACTOR = 5


@dataclass
class Size:
    name: str
    regencies: int
    years: str


FULL = [Size("province", 22, "2018-2025"), Size("national", 550, "2018-2025")]
ONLY = {
    "all": lambda name, page: True,
    "staff": lambda name, page: page.get("login") or name == "minimal view",
    "public": lambda name, page: not page.get("login"),
}
SMOKE = [Size("province", 22, "2021-2022"), Size("national", 30, "2021-2022")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict, timeout: int = STEP_TIMEOUT) -> str:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def manage(env: dict, *args: str) -> tuple[str, float]:
    started = time.perf_counter()
    out = run([PYTHON, "manage.py", *args], env)
    return out, time.perf_counter() - started


class Database:
    """The bench's own database: a PostgreSQL database beside DATABASE_URL's, or a SQLite file."""

    def __init__(self, workdir: Path, suffix: str):
        self.admin_url = os.environ.get("DATABASE_URL", "")
        self.postgres = self.admin_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parts = urlsplit(self.admin_url)
            self.name = parts.path.lstrip("/") + suffix
            self.url = urlunsplit(parts._replace(path="/" + self.name))
        else:
            self.name = str(workdir / "bench.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def _admin(self, sql: str) -> None:
        import psycopg2

        parts = urlsplit(self.admin_url)
        connection = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
        )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def create(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    @property
    def engine(self) -> str:
        return "PostgreSQL" if self.postgres else "SQLite"


class Gunicorn:
    def __init__(self, env: dict, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [GUNICORN, "spbe_portal.wsgi", "--config", str(ROOT / "bench" / "gunicorn_bench.py")],
            env={**env, "BENCH_BIND": f"127.0.0.1:{port}"},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/bench/ok/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not answer within 30 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def wrk(url: str, *, duration: int, connections: int, threads: int, headers: list[str]) -> dict:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
    args += ["-s", str(ROOT / "bench" / "wrk_report.lua")]
    for header in headers:
        args += ["-H", header]
    out = run([*args, url], dict(os.environ), timeout=duration + 30)
    stats = json.loads(out.strip().splitlines()[-1])
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


def warm_up(url: str, headers: list[str], *, load: bool) -> None:
    """A second of load first, so that every worker has built its cached copy: the cold render is measured
    in-process (bench/probe.py) and reported on its own, not mixed into the percentiles."""
    request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
    if load:
        wrk(url, duration=1, connections=8, threads=2, headers=headers)


def measure_size(size: Size, *, env: dict, options) -> dict:
    manage(env, "seed_demo", "--clear")
    seed_out, seed_seconds = manage(
        env, "seed_demo", "--regencies", str(size.regencies), "--years", size.years, "--seed", "1"
    )
    pages = {name: page for name, page in PAGES.items() if ONLY[options.only](name, page)}
    probe_out = run([PYTHON, str(ROOT / "bench" / "probe.py"), json.dumps(pages)], env)
    probe = json.loads(probe_out.strip().splitlines()[-1])
    server = Gunicorn(env, free_port())
    loads = {}
    try:
        for name, page in pages.items():
            headers = ["Accept-Encoding: gzip"]
            if page.get("login"):
                headers.append(f"Cookie: {probe['session_cookie']}")
            warm_up(server.url + page["path"], headers, load=not options.smoke)
            loads[name] = wrk(
                server.url + page["path"],
                duration=options.duration,
                connections=options.staff_connections if page.get("login") else options.connections,
                threads=options.staff_threads if page.get("login") else options.threads,
                headers=headers,
            )
    finally:
        server.stop()
    return {"seed_seconds": seed_seconds, "seed_output": seed_out.strip(), "probe": probe, "loads": loads}


def check_budgets(results: dict) -> list[str]:
    missed = []
    for size, data in results.items():
        ok = data["loads"]["minimal view"]
        ranking = data["loads"].get("ranking")
        share = ranking["rps"] / ok["rps"] if ranking else 1
        if share < BUDGET_SHARE[size]:
            budget = BUDGET_SHARE[size]
            missed.append(f"{size}: ranking at {share:.0%} of the minimal view's throughput (budget {budget:.0%})")
        if ranking and ranking["p99_us"] > P99_FACTOR * ok["p99_us"]:
            missed.append(f"{size}: ranking p99 {ranking['p99_us'] / 1000:.1f} ms > {P99_FACTOR} × minimal view's")
        for name, load in data["loads"].items():
            if load["non2xx"] or load["errors"]:
                missed.append(f"{size}: {name} had {load['non2xx']} non-2xx answers and {load['errors']} errors")
            if size == "national" and PAGES[name].get("login") and load["p95_us"] > STAFF_P95_MS * 1000:
                missed.append(f"{size}: {name} p95 {load['p95_us'] / 1000:.1f} ms > {STAFF_P95_MS} ms")
    sizes = list(results)
    if len(sizes) == 2 and results[sizes[0]]["probe"]["queries"] != results[sizes[1]]["probe"]["queries"]:
        missed.append("query counts differ between sizes")
    return missed


def ms(us: int) -> str:
    return f"{us / 1000:.1f}"


def rate(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 10 else f"{rps:.1f}"


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def report(results: dict, *, engine: str, options, missed: list[str], sizes: list[Size]) -> str:
    lines = [
        "# Benchmark",
        "",
        f"Measured by `make bench` (`bench/run.py`) on {os.cpu_count()} cores, {engine}, gunicorn gthread",
        "2 workers × 4 threads (`bench/gunicorn_bench.py`), settings `spbe_portal.settings.bench` (DEBUG off,",
        f"WhiteNoise, local-memory cache), wrk {options.threads} threads × {options.connections} connections ×",
        f"{options.duration} s per page ({options.staff_threads} thread × {options.staff_connections} connections for",
        "the signed-in pages), every request with `Accept-Encoding: gzip`, loopback only.",
        "The minimal view `/bench/ok/` returns `ok` through the same middleware stack: the ceiling of this",
        "machine and stack, measured in the same run.",
        "",
    ]
    for size in sizes:
        data = results[size.name]
        ok = data["loads"]["minimal view"]
        lines += [
            f"## {size.name.capitalize()} size: {size.regencies} ranked regencies, {size.years}",
            "",
            f"`seed_demo --regencies {size.regencies} --years {size.years}` on an empty slate: "
            f"{data['seed_seconds']:.1f} s ({data['seed_output']})",
            "",
            "| page | req/s | p50 ms | p95 ms | p99 ms | vs minimal view | non-2xx | queries (cold / cached) "
            "| cold render ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, load in data["loads"].items():
            queries = data["probe"]["queries"][name]
            warm = data["probe"]["queries_warm"][name]
            lines.append(
                f"| {name} (`{PAGES[name]['path']}`) | {rate(load['rps'])} | {ms(load['p50_us'])} "
                f"| {ms(load['p95_us'])} | {ms(load['p99_us'])} | {load['rps'] / ok['rps']:.0%} "
                f"| {load['non2xx'] + load['errors']} | {queries} / {warm} "
                f"| {data['probe']['cold_ms'][name]:,.0f} |"
            )
        lines += [
            "",
            "| page | HTML sent (raw) | first load, with static files | second visit |",
            "| --- | ---: | ---: | ---: |",
        ]
        for name, weight in data["probe"]["bytes"].items():
            lines.append(
                f"| {name} | {kb(weight['html_sent'])} ({kb(weight['html_raw'])}, {weight['encoding']}) "
                f"| {kb(weight['first_load'])} | {kb(weight['second_visit'])} (HTTP {weight['second_status']}) |"
            )
        lines.append("")
    lines += ["## Budgets", ""]
    met = "- all met: ranking throughput share, p99, staff p95 at national size, 0 non-2xx, equal query counts"
    lines += [f"- missed: {item}" for item in missed] or [met]
    lines += [
        "",
        "Queries are counted in-process (`bench/probe.py`) for a visitor without a session: *cold* is the first",
        "request after the cache was emptied, *cached* the next one (the publication-version read); *cold render* is",
        "that first request's time in-process, paid once per page, process and publication (the load runs start",
        "after a one-second warm-up so that every worker has its copy). The overview is never cached (signed-in",
        "users are not). Bytes: HTML as sent (gzip from the page cache), static files as",
        "WhiteNoise sends them (brotli/gzip); a second visit sends If-None-Match and gets a 304 with no body, and the",
        "hashed static files come from the browser cache (`immutable`).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny scale, one second per page")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--staff-connections", type=int, default=4)
    parser.add_argument("--staff-threads", type=int, default=1)
    parser.add_argument("--sizes", default="province,national", help="comma-separated: province, national")
    parser.add_argument("--only", choices=sorted(ONLY), default="all", help="staff: the signed-in pages alone")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    options = parser.parse_args()
    wanted = options.sizes.split(",")
    sizes = [size for size in (SMOKE if options.smoke else FULL) if size.name in wanted]
    if options.smoke:
        options.duration = 1
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install -y wrk)")

    with tempfile.TemporaryDirectory(prefix="spbe-bench-") as workdir:
        database = Database(Path(workdir), "_bench_smoke" if options.smoke else "_bench")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "spbe_portal.settings.bench",
            "DATABASE_URL": database.url,
            "STATIC_ROOT": str(Path(workdir) / "static"),
        }
        env.pop("REDIS_URL", None)  # one machine here: the local-memory cache, as a single server would run
        database.create()
        try:
            manage(env, "migrate", "--no-input")
            manage(env, "load_reference_data")
            manage(env, "collectstatic", "--no-input")
            results = {size.name: measure_size(size, env=env, options=options) for size in sizes}
        finally:
            database.drop()

    missed = check_budgets(results)
    text = report(results, engine=database.engine, options=options, missed=missed, sizes=sizes)
    options.output.write_text(text, encoding="utf-8")
    print(text)
    if missed and not options.smoke:
        print("budgets missed:", *missed, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
