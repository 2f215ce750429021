"""`make bench`: the portal under load at province and national size, written to bench/results.md.

For each size it seeds demo data (`seed_demo`, timed), measures queries and bytes per page in-process
(bench/probe.py), starts gunicorn with a fixed configuration (bench/gunicorn_bench.py) on a free loopback port,
and runs wrk against each page in turn, the minimal view /bench/ok/ included, in the same run. Then it checks the
budgets of issues 6 and 26 and exits non-zero when one is missed. Each size also reports how fast the machine was
before and after its pages were measured (a fixed loop of pure Python), and the budgets name a size during which
that speed changed by more than a fifth.

The pages are bench/pages.py's: every public page (served from the publication cache), every page of provincial
staff and regency admins, the two imports' previews (each request uploads the file bench/probe.py built from the
seeded rows) and the Pemdi pages of 2026, the current year, seeded with official results as once published.

PostgreSQL when DATABASE_URL is set: the bench creates and drops its own database next to it (the name with
`_bench` appended), so the database DATABASE_URL names is never touched. SQLite in a throwaway folder otherwise.
Everything stays on 127.0.0.1, every step has a time limit, and gunicorn is stopped whatever happens.

    .venv/bin/python bench/run.py                 # the full bench (about twenty minutes)
    .venv/bin/python bench/run.py --smoke --output /tmp/r.md   # seconds; what tests/test_bench.py runs
    .venv/bin/python bench/run.py --sizes national --only staff --output /tmp/staff.md   # the staff pages alone
    .venv/bin/python bench/run.py --sizes province --pages pemdi,import --output /tmp/few.md  # a few pages

Signed-in pages are loaded as the people who use them do: a few staff members at once (wrk 1 thread × 4
connections, `--staff-connections`, each request on a new connection as each browser's would be), not the public
pages' crowd; their goal is a p95 of 150 ms at national size (issue 26). Every public page's goal is 80 % of the
minimal view's throughput at province size, none below 60 %.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import GROUPS, MINIMAL, WORKER_HEADER, Page, chosen  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
STEP_TIMEOUT = 300

# Issue 26: signed-in pages at national size; public pages' share of the minimal view's throughput at province size.
STAFF_P95_MS = 150
PUBLIC_SHARE_GOAL = 0.8
PUBLIC_SHARE_FLOOR = 0.6
# Issue 6: the ranking's share at national size and its p99 against the minimal view's.
RANKING_SHARE_NATIONAL = 0.3
P99_FACTOR = 5
# bench/gunicorn_bench.py's 2 workers × 4 threads: how many requests the server works on at once.
SERVER_WORKERS = 2
SERVER_THREADS = 8
# The warm-up's rounds of SERVER_THREADS requests at once, at most, until every worker has answered a page.
WARM_UP_ROUNDS = 20
# At province size each public page and the minimal view run in turns this many times (measure_beside_minimal).
SHARE_ROUNDS = 5
# The smoke run only checks that every page answers under wrk: this many pages are loaded at once (12: the
# smoke run's pages took 31 s instead of 40 with 6, alone on the 2-core machine; tests/test_bench.py runs it).
SMOKE_PARALLEL = 12
# The machine's speed, read before and after each size's measurements with the server stopped: a fixed piece of
# pure Python, its median time of SPEED_TRIES. The same code measured signed-in pages' p95 up to twice as high in
# a run during which the machine slowed (a loop like this one took 57 % longer afterwards; docs/performance.md,
# ninth pass), so a report says how fast the machine was, and whether its speed changed while it measured.
SPEED_LOOP = 5_000_000
SPEED_TRIES = 5
# A change of more than this between the two readings of a size is reported beside its budgets.
SPEED_CHANGE = 0.2


@dataclass
class Size:
    name: str
    regencies: int
    years: str


# Through 2026: the Pemdi index's first year (8/2026) beside seven SPBE years.
FULL = [Size("province", 22, "2018-2026"), Size("national", 550, "2018-2026")]
SMOKE = [Size("province", 22, "2021-2026"), Size("national", 30, "2021-2026")]


def machine_speed_ms() -> float:
    """How long `sum(range(SPEED_LOOP))` takes on this machine now, in ms (the median of SPEED_TRIES): lower is
    faster."""
    timings = []
    for _try in range(SPEED_TRIES):
        started = time.perf_counter()
        sum(range(SPEED_LOOP))
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def speed_change(speed: tuple[float, float]) -> float:
    """How much longer (or, below zero, shorter) the loop took after a size's measurements than before them."""
    before, after = speed
    return after / before - 1


def speed_line(speed: tuple[float, float]) -> str:
    before, after = speed
    return (
        f"Machine speed: a fixed loop of pure Python (`sum(range({SPEED_LOOP:_}))`, the median of {SPEED_TRIES}) took "
        f"{before:.0f} ms before this size's pages were measured and {after:.0f} ms after, the server stopped "
        f"({speed_change(speed):+.0%})."
    )


def speed_notes(results: dict) -> list[str]:
    """The sizes during whose measurements the machine's speed changed by more than SPEED_CHANGE: their numbers
    compare with another run's only as far as that change allows."""
    return [
        f"{size}: the machine's speed changed by {speed_change(data['speed']):+.0%} while this size was measured "
        f"(the fixed loop {data['speed'][0]:.0f} ms before, {data['speed'][1]:.0f} ms after)"
        for size, data in results.items()
        if abs(speed_change(data["speed"])) > SPEED_CHANGE
    ]


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

    def _admin(self, sql: str, *, dbname: str = "postgres") -> None:
        import psycopg2

        parts = urlsplit(self.admin_url)
        connection = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname=dbname,
        )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def create(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def settle(self) -> None:
        """What autovacuum does to a live database a while after a bulk load (the visibility map the index-only
        scans read), done before the measurements rather than in the middle of one: after seeding at national size
        it came by a minute later and its vacuum of the 290 000 indicator rows ran beside a page's measurement.
        The statistics are seed_demo's own ANALYZE. SQLite has no autovacuum; that ANALYZE is all it needs."""
        if self.postgres:
            self._admin("VACUUM", dbname=self.name)

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
            [GUNICORN, "bench.worker_wsgi", "--config", str(ROOT / "bench" / "gunicorn_bench.py")],
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


@dataclass(frozen=True)
class Load:
    """One page's requests as wrk sends them: its address and headers, and for an upload the body it posts."""

    url: str
    headers: tuple[str, ...]
    body_file: str = ""


def load_of(page: Page, *, base: str, probe: dict) -> Load:
    headers = ["Accept-Encoding: gzip"]
    if page.signed_in:
        # A new connection for every request, as each staff member's browser reaches the server on its own. With
        # wrk's four connections kept alive, each stays with the worker that accepted it, and how they happened
        # to split between the two workers decided the result: all four on one worker, whose threads share one
        # CPU, gave /entri/ 41-43 req/s and a p90 of 109-116 ms, two on each 60-62 req/s and 78-81 ms (eight
        # runs of 4 s: three 4/0 splits). Closed each time: 56-60 req/s, p90 87-95 ms in five runs.
        headers += [f"Cookie: {probe['cookies'][page.who]}", "Connection: close"]
    upload = probe["uploads"].get(page.name)
    if upload is None:
        return Load(base + probe["paths"][page.name], tuple(headers))
    headers += [f"Content-Type: {upload['content_type']}", f"X-CSRFToken: {probe['csrf_token']}"]
    return Load(base + probe["paths"][page.name], tuple(headers), upload["body_file"])


def wrk(load: Load, *, duration: int, connections: int, threads: int) -> dict:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"]
    args += ["-s", str(ROOT / "bench" / "wrk_report.lua")]
    for header in load.headers:
        args += ["-H", header]
    # wrk_report.lua posts this file's bytes instead of a GET.
    env = {**os.environ, "WRK_BODY_FILE": load.body_file} if load.body_file else dict(os.environ)
    out = run([*args, load.url], env, timeout=duration + 30)
    stats = json.loads(out.strip().splitlines()[-1])
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


def ask(load: Load) -> str:
    """One request as wrk sends it, on a new connection; urllib raises on any answer but 2xx. The worker that
    answered (bench/worker_wsgi.py)."""
    body = Path(load.body_file).read_bytes() if load.body_file else None
    request = urllib.request.Request(load.url, data=body, headers=dict(h.split(": ", 1) for h in load.headers))
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.headers.get(WORKER_HEADER, "")


def ask_at_once(load: Load) -> set[str]:
    """SERVER_THREADS requests at once, each awaited: the workers that answered them."""
    with ThreadPoolExecutor(max_workers=SERVER_THREADS) as pool:
        return set(pool.map(lambda _number: ask(load), range(SERVER_THREADS)))


def warm_up(load: Load, *, under_load: bool) -> None:
    """Every worker builds its copy of the page before the page is measured: the cold render is measured
    in-process (bench/probe.py) and reported on its own, not mixed into the percentiles. Requests go in rounds of
    SERVER_THREADS at once, each awaited, until every worker has answered one, so no render is left running when
    the measurement starts. The earlier warm-up, a second of wrk and then one round, left renders running: wrk
    abandons what it has in flight when its second is up, a round's requests are answered as soon as one thread
    per worker is free, and a worker that wrk's connections had missed rendered during the measurement. At
    national size that cost the ranking PDF (a 6.7 s cold render) 62 % of its throughput and the ranking a p99
    of 956 ms. Then a second of wrk, now all answered from the copies, and one more round."""
    if not under_load:
        ask(load)
        return
    answered: set[str] = set()
    for _round in range(WARM_UP_ROUNDS):
        answered |= ask_at_once(load)
        if len(answered) >= SERVER_WORKERS:
            break
    else:
        raise SystemExit(f"{load.url}: {len(answered)} of {SERVER_WORKERS} workers answered while warming up")
    wrk(load, duration=1, connections=8, threads=2)
    ask_at_once(load)


def measure_size(size: Size, *, env: dict, options, workdir: Path, database: Database) -> dict:
    manage(env, "seed_demo", "--clear")
    seed_out, seed_seconds = manage(
        env,
        "seed_demo",
        *("--regencies", str(size.regencies), "--years", size.years, "--seed", "1"),
        *("--published-through", size.years.split("-")[-1]),
    )
    database.settle()
    speed_before = machine_speed_ms()
    pages = chosen(patterns=options.pages, group=options.only)
    probe_out = run(
        [PYTHON, str(ROOT / "bench" / "probe.py"), json.dumps([page.name for page in pages]), str(workdir)], env
    )
    probe = json.loads(probe_out.strip().splitlines()[-1])
    server = Gunicorn(env, free_port())

    def measure(page: Page, *, duration: int = options.duration, warm: bool = True) -> dict:
        load = load_of(page, base=server.url, probe=probe)
        if warm:
            warm_up(load, under_load=not options.smoke)
        return wrk(
            load,
            duration=duration,
            connections=options.staff_connections if page.signed_in else options.connections,
            threads=options.staff_threads if page.signed_in else options.threads,
        )

    def measure_beside_minimal(page: Page) -> dict:
        """At province size, where a public page's goal is a share of the minimal view's throughput, the page and
        the minimal view run in turns, SHARE_ROUNDS rounds of a share of the duration each (the alternating rounds
        of issue 26's own measurement), and the page's share is the median round's. A run's eight kept-alive
        connections stay with the worker that accepted them, and now and then one worker accepts all eight: its
        threads share one CPU, and the run gets half the throughput (the minimal view 1 473 req/s against
        3 370-4 130 in thirteen other runs of fourteen). A round whose minimal view was halved reads 216 %, one
        whose page was halved 37 %; the median of five stands two such rounds, of three one. The median round's
        run is the page's row; its answers other than 2xx are counted over every round."""
        if options.smoke or size.name != "province" or page.signed_in or page is MINIMAL:
            return measure(page)
        duration = max(2, round(options.duration / SHARE_ROUNDS))
        rounds = []
        for number in range(SHARE_ROUNDS):
            minimal = measure(MINIMAL, duration=duration, warm=False)
            rounds.append({**measure(page, duration=duration, warm=number == 0), "minimal_rps": minimal["rps"]})
        # A round whose minimal view completed nothing has no share; it sorts lowest.
        rounds.sort(key=lambda one: share_of(one["rps"], one["minimal_rps"]) or 0.0)
        median = rounds[len(rounds) // 2]
        return {
            **median,
            "round_shares": [share_of(one["rps"], one["minimal_rps"]) for one in rounds],
            "non2xx": sum(one["non2xx"] for one in rounds),
            "errors": sum(one["errors"] for one in rounds),
        }

    try:
        # The smoke run checks that every page answers under load, not how fast: several pages at once.
        with ThreadPoolExecutor(max_workers=SMOKE_PARALLEL if options.smoke else 1) as pool:
            loads = dict(zip((page.name for page in pages), pool.map(measure_beside_minimal, pages), strict=True))
    finally:
        server.stop()
    return {
        "speed": (speed_before, machine_speed_ms()),
        "seed_seconds": seed_seconds,
        "seed_output": seed_out.strip(),
        "pages": pages,
        "probe": probe,
        "loads": loads,
    }


def share_of(rps: float, minimal_rps: float) -> float | None:
    """A throughput as a share of the minimal view's; None when the minimal view completed no request in its run
    (a smoke run beside the test suite: its one second can pass with every server thread on a slower page)."""
    return rps / minimal_rps if minimal_rps else None


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def public_shares(data: dict) -> dict[str, float | None]:
    """Each public page's throughput as a share of the minimal view's: its median round's where it ran in rounds
    beside the minimal view (`measure_beside_minimal`), else against the minimal view's one run of this size."""
    ok = data["loads"][MINIMAL.name]["rps"]
    return {
        page.name: share_of(data["loads"][page.name]["rps"], data["loads"][page.name].get("minimal_rps", ok))
        for page in data["pages"]
        if not page.signed_in
    }


def check_budgets(results: dict) -> list[str]:
    missed = []
    for size, data in results.items():
        ok = data["loads"][MINIMAL.name]
        ranking = data["loads"].get("ranking")
        if not ok["rps"]:
            missed.append(f"{size}: the minimal view completed no request in its run; no share was measured")
        if size == "province":
            for name, share in public_shares(data).items():
                if name == MINIMAL.name or share is None:
                    continue
                if share < PUBLIC_SHARE_FLOOR:
                    missed.append(
                        f"{size}: {name} at {share:.0%} of the minimal view's throughput, below the floor of "
                        f"{PUBLIC_SHARE_FLOOR:.0%} (goal {PUBLIC_SHARE_GOAL:.0%})"
                    )
                elif share < PUBLIC_SHARE_GOAL:
                    missed.append(
                        f"{size}: {name} at {share:.0%} of the minimal view's throughput (goal {PUBLIC_SHARE_GOAL:.0%})"
                    )
        share = share_of(ranking["rps"], ok["rps"]) if ranking else None
        if size == "national" and share is not None and share < RANKING_SHARE_NATIONAL:
            missed.append(
                f"{size}: ranking at {share:.0%} of the minimal view's throughput (budget {RANKING_SHARE_NATIONAL:.0%})"
            )
        if ranking and ranking["p99_us"] > P99_FACTOR * ok["p99_us"]:
            missed.append(f"{size}: ranking p99 {ranking['p99_us'] / 1000:.1f} ms > {P99_FACTOR} × minimal view's")
        for page in data["pages"]:
            load = data["loads"][page.name]
            if load["non2xx"] or load["errors"]:
                missed.append(f"{size}: {page.name} had {load['non2xx']} non-2xx answers and {load['errors']} errors")
            if size == "national" and page.signed_in and load["p95_us"] > STAFF_P95_MS * 1000:
                missed.append(f"{size}: {page.name} p95 {load['p95_us'] / 1000:.1f} ms > {STAFF_P95_MS} ms")
    sizes = list(results)
    if len(sizes) == 2:
        first, second = (results[size]["probe"] for size in sizes)
        for name, queries in first["queries"].items():
            counts = (queries, first["queries_warm"][name])
            other = (second["queries"][name], second["queries_warm"][name])
            if counts != other:
                missed.append(f"query counts differ between sizes: {name} {counts} and {other} (cold, cached)")
    return missed


def ms(us: int) -> str:
    return f"{us / 1000:.1f}"


def rate(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 10 else f"{rps:.1f}"


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def share_summary(data: dict) -> str:
    """The public pages' shares of the minimal view at a glance: the lowest, and how many meet the goal."""
    shares = {name: share for name, share in public_shares(data).items() if name != MINIMAL.name and share is not None}
    if not shares:
        return ""
    lowest = min(shares, key=shares.get)
    at_goal = sum(share >= PUBLIC_SHARE_GOAL for share in shares.values())
    below_floor = sum(share < PUBLIC_SHARE_FLOOR for share in shares.values())
    return (
        f"Public pages: {at_goal} of {len(shares)} at {PUBLIC_SHARE_GOAL:.0%} of the minimal view's throughput or "
        f"more, {below_floor} below {PUBLIC_SHARE_FLOOR:.0%}; the lowest is {lowest} at {shares[lowest]:.0%}."
    )


def report(results: dict, *, engine: str, options, missed: list[str], sizes: list[Size]) -> str:
    lines = [
        "# Benchmark",
        "",
        f"Measured by `make bench` (`bench/run.py`) on {os.cpu_count()} cores, {engine}, gunicorn gthread",
        "2 workers × 4 threads (`bench/gunicorn_bench.py`), settings `spbe_portal.settings.bench` (DEBUG off,",
        f"WhiteNoise, local-memory cache), wrk {options.threads} threads × {options.connections} connections ×",
        f"{options.duration} s per page ({options.staff_threads} thread × {options.staff_connections} connections for",
        "the signed-in pages, a new connection for each request), every request with `Accept-Encoding: gzip`,",
        "loopback only. The database is vacuumed and analysed after seeding, as autovacuum leaves a live one.",
        "The minimal view `/bench/ok/` returns `ok` through the same middleware stack: the ceiling of this",
        "machine and stack, measured in the same run. The pages are `bench/pages.py`'s; an import's preview is",
        "its upload's answer, so each of its requests posts the file `bench/probe.py` built from the seeded rows.",
        "",
    ]
    if options.smoke:
        lines += [
            f"A smoke run: {SMOKE_PARALLEL} pages loaded at once, for a second each. It shows that every page",
            "answers under load, not how fast: its shares and budgets are not measurements.",
            "",
        ]
    if options.pages or options.only != "all":
        lines += [f"Pages chosen: `--only {options.only}` `--pages {options.pages or ''}`.", ""]
    for size in sizes:
        data = results[size.name]
        ok = data["loads"][MINIMAL.name]
        lines += [
            f"## {size.name.capitalize()} size: {size.regencies} ranked regencies, {size.years}",
            "",
            f"`seed_demo --regencies {size.regencies} --years {size.years} --published-through {size.years[-4:]}` "
            "on an empty slate: "
            f"{data['seed_seconds']:.1f} s ({data['seed_output']})",
            "",
            speed_line(data["speed"]),
            "",
            *(
                [
                    f"Public pages: *vs minimal view* is the median of {SHARE_ROUNDS} rounds, each a run of the "
                    "minimal view then one of the page; the rounds' lowest and highest share are in brackets.",
                    "",
                ]
                if size.name == "province" and not options.smoke
                else []
            ),
            "| page | who | req/s | p50 ms | p95 ms | p99 ms | vs minimal view | non-2xx | queries (cold / cached) "
            "| cold render ms |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        shares = public_shares(data)
        for page in data["pages"]:
            load = data["loads"][page.name]
            probe = data["probe"]
            share = shares.get(page.name, share_of(load["rps"], ok["rps"]))
            rounds = load.get("round_shares")
            spread = f" ({percent(rounds[0])}–{percent(rounds[-1])})" if rounds else ""
            method = "POST " if page.upload else ""
            queries = f"{probe['queries'][page.name]} / {probe['queries_warm'][page.name]}"
            lines.append(
                f"| {page.name} (`{method}{probe['paths'][page.name]}`) | {page.who or 'public'} "
                f"| {rate(load['rps'])} | {ms(load['p50_us'])} "
                f"| {ms(load['p95_us'])} | {ms(load['p99_us'])} | {percent(share)}{spread} "
                f"| {load['non2xx'] + load['errors']} | {queries} "
                f"| {probe['cold_ms'][page.name]:,.0f} |"
            )
        lines += ["", share_summary(data), ""] if share_summary(data) else [""]
        lines += [
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
    met = (
        f"- all met: every public page at {PUBLIC_SHARE_GOAL:.0%} of the minimal view at province size, the ranking's "
        f"share at national size and p99, signed-in pages' p95 ≤ {STAFF_P95_MS} ms at national size, 0 non-2xx, "
        "equal query counts"
    )
    lines += [f"- missed: {item}" for item in missed] or [met]
    lines += [f"- machine: {note}" for note in speed_notes(results)]
    lines += [
        "",
        f"Issue 26: every public page at least {PUBLIC_SHARE_GOAL:.0%} of the minimal view's throughput at province",
        f"size, none below {PUBLIC_SHARE_FLOOR:.0%}; every signed-in page p95 ≤ {STAFF_P95_MS} ms at national size.",
        f"Issue 6: the ranking at least {RANKING_SHARE_NATIONAL:.0%} of the minimal view at national size, its p99 at",
        f"most {P99_FACTOR} × the minimal view's; query counts equal at both sizes; no answer but 2xx.",
        "",
        "Queries are counted in-process (`bench/probe.py`), each page as its person asks for it: *cold* is the first",
        "request after the cache was emptied, *cached* the next one (a public page's publication-version read; a",
        "signed-in page is never served from the cache, so both counts are its own); *cold render* is that first",
        "request's time in-process, paid once per page, process and publication for a public page (the load runs",
        "start after a one-second warm-up so that every worker has its copy). Bytes: HTML as sent (gzip), static",
        "files as WhiteNoise sends them (brotli/gzip); a public page's second visit sends If-None-Match and gets a",
        "304 with no body, and the hashed static files come from the browser cache (`immutable`).",
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
    parser.add_argument("--only", choices=list(GROUPS), default="all", help="staff: the signed-in pages alone")
    parser.add_argument(
        "--pages", default="", help="comma-separated parts of page names (any case), e.g. pemdi,import,ranking"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    options = parser.parse_args()
    wanted = options.sizes.split(",")
    sizes = [size for size in (SMOKE if options.smoke else FULL) if size.name in wanted]
    if options.smoke:
        options.duration = 1
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install -y wrk)")
    if len(chosen(patterns=options.pages, group=options.only)) == 1:
        raise SystemExit(f"no page's name holds any of {options.pages!r} (bench/pages.py names them)")

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
            results = {
                size.name: measure_size(size, env=env, options=options, workdir=Path(workdir), database=database)
                for size in sizes
            }
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
