"""`make faults`: the portal keeps serving while Redis or PostgreSQL is down (issue 25, "How it is shown").

Everything runs on loopback in a temporary folder: a Redis of its own, a PostgreSQL 15 cluster of its own (initdb,
as the postgres user when run as root) and two gunicorns with the production settings and gunicorn.conf.py, sent
nginx's headers. Where no private PostgreSQL can be started the script says so, uses a SQLite file and tests the
Redis faults only. A bounded load (a few threads, each pausing between requests) reads public pages and the API
on both instances, a poller reads /healthz, and a writer signed in as a regency admin posts the real follow-up
form, with its CSRF token and a PDF, over and over. Then Redis is killed (SIGKILL) and started again empty, and
PostgreSQL is stopped (immediate shutdown, as a crash) and started again. The checks:

- no 5xx on the public pages and API answers cached before the fault, while Redis or PostgreSQL is down;
- 503 with Retry-After where nothing is cached (HTML for pages, JSON for the API);
- /healthz tells the truth: the cache degraded with Redis down, 503 with PostgreSQL down, ok after;
- no 5xx once a restarted PostgreSQL accepts connections again (stale persistent connections);
- no write the client saw succeed is lost, none is half-written (a follow-up without its file, a file without
  its row), and none the client saw refused was written.

It prints the 5xx count and how long 5xx answers lasted per phase, and the log bytes per request, and exits
non-zero when a check fails. About two minutes; every step has a time limit and every process it started is
stopped whatever happens.

    .venv/bin/python bench/faults.py
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
STEP_TIMEOUT = 120
DEADLINE_SECONDS = 180
# Past this the run is stopped where it stands (every process it started is still stopped): a hung step never
# holds CI up.
HARD_STOP_SECONDS = 300

# Public answers read while everything is up, so that they are cached before each fault.
CACHED = [
    "/",
    "/?tahun=2022",
    "/wilayah/kabupaten-kupang/",
    "/wilayah/kota-kupang/",
    "/wilayah/kabupaten-rote-ndao/",
    "/metode/",
    "/api/v1/results/",
    "/api/v1/targets/",
]
# Never read before the PostgreSQL fault, so never cached: these have to be built from the database.
UNCACHED_PAGES = ["/wilayah/kabupaten-ende/", "/wilayah/kabupaten-alor/", "/wilayah/kabupaten-sikka/"]
UNCACHED_API = ["/api/v1/results/?year=2021", "/api/v1/results/?year=2022&kind=official"]
NGINX_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KEY_FIELD = re.compile(r'name="submission_key" value="([^"]+)"')
ADMIN = ("faults.admin", "faults-" + secrets.token_hex(8))
MARKER = "faults-write-"
PDF = b"%PDF-1.4\n" + b"% evidence written by bench/faults.py\n" * 2000 + b"%%EOF\n"

SETUP_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from accounts.models import Membership
from assessments.models import Result
from regencies.models import Regency
kupang = Regency.objects.get(code="53.01")
user = get_user_model().objects.create_user(username={name!r}, password={password!r}, email="faults@example.org")
Membership.objects.create(user=user, regency=kupang)
result = Result.objects.published().filter(regency=kupang, kind="official").order_by("-year").first()
print(json.dumps({{"result": result.pk}}))
"""

CHECK_SCRIPT = """
import json, os
from django.conf import settings
from assessments.models import EvidenceFile, FollowUp
rows = []
for follow_up in FollowUp.objects.filter(recommendation__startswith={marker!r}).select_related("evidence"):
    evidence = follow_up.evidence
    path = os.path.join(settings.MEDIA_ROOT, evidence.file.name) if evidence else None
    rows.append({{
        "text": follow_up.recommendation,
        "size": evidence.size if evidence else None,
        "on_disk": os.path.getsize(path) if path and os.path.exists(path) else None,
    }})
named = set(EvidenceFile.objects.values_list("file", flat=True))
folder = os.path.join(settings.MEDIA_ROOT, "evidence")
files = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
orphans = [name for name in files if "evidence/" + name not in named]
print(json.dumps({{"rows": rows, "orphans": orphans}}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def run(args: list, *, env: dict | None = None, timeout: int = STEP_TIMEOUT, user: str | None = None) -> str:
    if user:
        args = ["runuser", "-u", user, "--", *args]
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Redis:
    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if not wait_for_port(self.port, seconds=10):
            raise RuntimeError("Redis did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


class Postgres:
    """A throwaway PostgreSQL 15 cluster; run as the postgres user when this script runs as root."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.data = folder / "data"
        self.user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/faults"

    def create(self) -> None:
        self.folder.mkdir()
        if self.user:
            shutil.chown(self.folder, self.user)
        run(
            [POSTGRES_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
            user=self.user,
            timeout=60,
        )
        self.start()
        run([POSTGRES_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "faults"])

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(
            [POSTGRES_BIN / "pg_ctl", "-D", self.data, "-l", self.folder / "log", "-o", options, "-w", "start"],
            user=self.user,
            timeout=60,
        )

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            run([POSTGRES_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop"], user=self.user, timeout=60)


def private_postgres(folder: Path) -> tuple["Postgres | None", str]:
    if not (POSTGRES_BIN / "initdb").exists():
        return None, f"no {POSTGRES_BIN / 'initdb'} (Debian's postgresql-15)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return None, "running as root without runuser"
    cluster = Postgres(folder)
    try:
        cluster.create()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        return None, f"initdb/pg_ctl failed: {str(error).strip()[:300]}"
    return cluster, ""


class Instance:
    def __init__(self, name: str, env: dict, log: Path):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "spbe_portal.wsgi"],
                env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": "2"},
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait(self) -> None:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer /healthz within 40 s")

    def log_bytes(self) -> int:
        return self.log.stat().st_size

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@dataclass
class Answer:
    at: float
    phase: str
    kind: str  # cached, uncached page, uncached api, signed in, healthz, write
    path: str
    status: int  # 0: no answer (connection refused, timeout)
    retry_after: bool = False
    content_type: str = ""
    body: dict | None = None
    notice: bool = False  # a page saying it is the last stored copy (assessments/publication.py)


@dataclass
class Write:
    number: int
    phase: str
    outcome: str  # "saved" (302 to the result), "refused" (an answer saying no), "unknown" (no answer)
    status: int


@dataclass
class Recorder:
    phase: str = "setup"
    answers: list = field(default_factory=list)
    writes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    # Set while PostgreSQL restarts with no request in flight: the persistent connections go stale unseen.
    idle: threading.Event = field(default_factory=threading.Event)

    def wait_while_idle(self) -> None:
        while self.idle.is_set() and not self.stop.is_set():
            time.sleep(0.05)

    def answer(self, kind: str, path: str, response: "requests.Response | None", *, json_body: bool = False) -> None:
        body = None
        if response is not None and json_body:
            try:
                body = response.json()
            except ValueError:
                body = None
        entry = Answer(
            at=time.monotonic(),
            phase=self.phase,
            kind=kind,
            path=path,
            status=response.status_code if response is not None else 0,
            retry_after=response is not None and "Retry-After" in response.headers,
            content_type=response.headers.get("Content-Type", "") if response is not None else "",
            body=body,
            notice=response is not None and b'class="stale-notice"' in response.content,
        )
        with self.lock:
            self.answers.append(entry)


def get(url: str, **kwargs) -> "requests.Response | None":
    try:
        return requests.get(url, headers=NGINX_HEADERS, timeout=10, allow_redirects=False, **kwargs)
    except requests.RequestException:
        return None


def reader(recorder: Recorder, instances: list, paths: list, pause: float) -> None:
    turn = 0
    while not recorder.stop.is_set():
        recorder.wait_while_idle()
        instance = instances[turn % len(instances)]
        path = paths[turn % len(paths)]
        turn += 1
        recorder.answer("cached", path, get(instance.url + path))
        time.sleep(pause)


def uncached_reader(recorder: Recorder, instances: list, pause: float) -> None:
    """Only while PostgreSQL is down, so that these answers are never cached."""
    turn = 0
    while not recorder.stop.is_set():
        if recorder.phase != "postgres down":
            time.sleep(0.1)
            continue
        instance = instances[turn % len(instances)]
        for kind, paths in (("uncached page", UNCACHED_PAGES), ("uncached api", UNCACHED_API)):
            path = paths[turn % len(paths)]
            recorder.answer(kind, path, get(instance.url + path), json_body=kind == "uncached api")
        turn += 1
        time.sleep(pause)


def health_poller(recorder: Recorder, instances: list, pause: float) -> None:
    while not recorder.stop.is_set():
        recorder.wait_while_idle()
        for instance in instances:
            recorder.answer("healthz", "/healthz", get(instance.url + "/healthz"), json_body=True)
        time.sleep(pause)


class Writer:
    """A regency admin posting the follow-up form (CSRF token, submission key, a PDF) on both instances in turn.
    The session cookie is Secure, as in production, so it is carried by hand over this plain-HTTP loopback."""

    def __init__(self, recorder: Recorder, instances: list, result_pk: int):
        self.recorder = recorder
        self.instances = instances
        self.form_path = f"/entri/hasil/{result_pk}/tindak-lanjut/baru/"
        self.cookies: dict = {}

    def _request(self, method: str, instance, path: str, **kwargs) -> "requests.Response | None":
        headers = {**NGINX_HEADERS, "Referer": f"https://127.0.0.1:{instance.port}{path}"}
        try:
            response = requests.request(
                method,
                instance.url + path,
                headers=headers,
                cookies=self.cookies,
                timeout=10,
                allow_redirects=False,
                **kwargs,
            )
        except requests.RequestException:
            return None
        self.cookies.update(response.cookies.get_dict())
        return response

    def login(self, instance) -> bool:
        page = self._request("GET", instance, "/akun/masuk/")
        if page is None or page.status_code != 200 or not CSRF_FIELD.search(page.text):
            return False
        token = CSRF_FIELD.search(page.text).group(1)
        answer = self._request(
            "POST",
            instance,
            "/akun/masuk/",
            data={"username": ADMIN[0], "password": ADMIN[1], "csrfmiddlewaretoken": token},
        )
        return answer is not None and answer.status_code == 302

    def run(self) -> None:
        number = 0
        while not self.recorder.stop.is_set():
            self.recorder.wait_while_idle()
            instance = self.instances[number % len(self.instances)]
            number += 1
            form = self._request("GET", instance, self.form_path)
            self.recorder.answer("signed in", self.form_path, form)
            if form is not None and form.status_code == 302 and "/akun/masuk/" in form.headers.get("Location", ""):
                self.login(instance)
                continue
            if form is None or form.status_code != 200:
                time.sleep(0.3)
                continue
            phase = self.recorder.phase
            data = {
                "csrfmiddlewaretoken": CSRF_FIELD.search(form.text).group(1),
                "submission_key": KEY_FIELD.search(form.text).group(1) if KEY_FIELD.search(form.text) else "",
                "recommendation": f"{MARKER}{number}",
                "status": "planned",
            }
            files = {"evidence_upload": (f"bukti-{number}.pdf", PDF, "application/pdf")}
            answer = self._request("POST", instance, self.form_path, data=data, files=files)
            if answer is None:
                outcome, status = "unknown", 0
            elif answer.status_code == 302 and "/entri/hasil/" in answer.headers.get("Location", ""):
                outcome, status = "saved", 302
            else:
                outcome, status = "refused", answer.status_code
            with self.recorder.lock:
                self.recorder.writes.append(Write(number=number, phase=phase, outcome=outcome, status=status))
            time.sleep(0.3)


def manage(env: dict, *args: str, timeout: int = STEP_TIMEOUT) -> str:
    return run([PYTHON, "manage.py", *args], env=env, timeout=timeout)


def prepare(env: dict) -> int:
    """Tables, reference data and collected static files (the production storage needs its manifest), side by
    side; then the regency admin the writer signs in as."""
    collect = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_reference_data")
    out = manage(env, "shell", "-c", SETUP_SCRIPT.format(name=ADMIN[0], password=ADMIN[1]))
    _, errors = collect.communicate(timeout=STEP_TIMEOUT)
    if collect.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{errors.decode()[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])["result"]


def warm(instances: list) -> list[str]:
    """Every cached path on every instance; what did not answer 200 is returned."""
    failed = []
    for instance in instances:
        for path in CACHED:
            response = get(instance.url + path)
            if response is None or response.status_code != 200:
                failed.append(f"{instance.name}{path}: {response.status_code if response is not None else 'none'}")
    return failed


def run_phase(recorder: Recorder, name: str, seconds: float, instances: list, logs: dict) -> None:
    recorder.phase = name
    before = sum(instance.log_bytes() for instance in instances)
    started = time.monotonic()
    time.sleep(seconds)
    logs[name] = (sum(instance.log_bytes() for instance in instances) - before, time.monotonic() - started)


def summarise(recorder: Recorder, phases: list[str], logs: dict) -> list[dict]:
    rows = []
    for phase in phases:
        answers = [a for a in recorder.answers if a.phase == phase]
        served = [a for a in answers if a.kind != "healthz"]
        errors = [a for a in served if a.status >= 500 or a.status == 0]
        cached_5xx = [a for a in answers if a.kind == "cached" and (a.status >= 500 or a.status == 0)]
        health = Counter(
            f"{a.status} {(a.body or {}).get('status', '?')}/cache {(a.body or {}).get('cache', '-')}"
            for a in answers
            if a.kind == "healthz"
        )
        log_bytes, seconds = logs.get(phase, (0, 0))
        rows.append(
            {
                "phase": phase,
                "requests": len(served),
                "5xx": len(errors),
                "5xx on cached": len(cached_5xx),
                "503 with Retry-After": sum(1 for a in errors if a.status == 503 and a.retry_after),
                "5xx seconds": round(max(a.at for a in errors) - min(a.at for a in errors), 1) if errors else 0,
                "healthz": dict(health),
                "log bytes per request": round(log_bytes / max(len(answers), 1)),
                "seconds": round(seconds, 1),
            }
        )
    return rows


def check(recorder: Recorder, stored: dict, *, postgres: bool) -> list[str]:
    problems = []

    def phase(name):
        return [a for a in recorder.answers if a.phase == name]

    for name in ("baseline", "redis down", "redis back", "postgres back", "after an idle restart", "recovered"):
        bad = [a for a in phase(name) if a.kind != "healthz" and (a.status >= 500 or a.status == 0)]
        if bad:
            problems.append(f"{name}: {len(bad)} 5xx or unanswered ({Counter(a.path for a in bad).most_common(3)})")
    redis_health = [a for a in phase("redis down") if a.kind == "healthz"]
    if not redis_health or any(a.status != 200 or (a.body or {}).get("cache") != "unreachable" for a in redis_health):
        problems.append(
            f"redis down: /healthz answered {Counter((a.status, (a.body or {}).get('cache')) for a in redis_health)}"
            " instead of 200 with the cache unreachable"
        )
    for name in ("baseline", "postgres back", "after an idle restart", "recovered"):
        health = [a for a in phase(name) if a.kind == "healthz"]
        if any(a.status != 200 or (a.body or {}).get("status") != "ok" for a in health):
            problems.append(f"{name}: /healthz not ok ({Counter(a.status for a in health)})")
    if postgres:
        down = phase("postgres down")
        cached_bad = [a for a in down if a.kind == "cached" and a.status != 200]
        if cached_bad:
            problems.append(
                f"postgres down: {len(cached_bad)} cached answers not 200 "
                f"({Counter((a.path, a.status) for a in cached_bad).most_common(4)})"
            )
        unmarked = [a for a in down if a.kind == "cached" and "text/html" in a.content_type and not a.notice]
        if unmarked:
            problems.append(f"postgres down: {len(unmarked)} stored pages served without the notice that says so")
        pages = [a for a in down if a.kind == "uncached page"]
        if not pages or any(a.status != 503 or not a.retry_after or "text/html" not in a.content_type for a in pages):
            problems.append(
                f"postgres down: uncached pages answered {Counter((a.status, a.retry_after) for a in pages)} "
                "instead of an HTML 503 with Retry-After"
            )
        api = [a for a in down if a.kind == "uncached api"]
        if not api or any(a.status != 503 or not a.retry_after or a.body is None for a in api):
            problems.append(
                f"postgres down: uncached API answered {Counter((a.status, a.retry_after) for a in api)} "
                "instead of a JSON 503 with Retry-After"
            )
        health = [a for a in down if a.kind == "healthz"]
        if not health or any(a.status != 503 for a in health):
            problems.append(f"postgres down: /healthz answered {Counter(a.status for a in health)} instead of 503")
    saved = {f"{MARKER}{w.number}" for w in recorder.writes if w.outcome == "saved"}
    refused = {f"{MARKER}{w.number}" for w in recorder.writes if w.outcome == "refused"}
    rows = {row["text"]: row for row in stored["rows"]}
    if not saved:
        problems.append("the writer saved nothing")
    if lost := saved - rows.keys():
        problems.append(f"{len(lost)} writes the client saw saved are missing: {sorted(lost)[:5]}")
    if written := refused & rows.keys():
        problems.append(f"{len(written)} writes the client saw refused were written: {sorted(written)[:5]}")
    half = [row["text"] for row in rows.values() if row["size"] != len(PDF) or row["on_disk"] != len(PDF)]
    if half:
        problems.append(f"{len(half)} follow-ups without their whole evidence file: {half[:5]}")
    if stored["orphans"]:
        problems.append(f"{len(stored['orphans'])} evidence files without a row: {stored['orphans'][:5]}")
    return problems


def markdown(rows: list[dict], writes: list, *, engine: str) -> str:
    lines = [
        f"Database: {engine}. Two gunicorns (production settings, gunicorn.conf.py, 2 sync workers each).",
        "",
        "| phase | seconds | requests | 5xx | 5xx on cached answers | of which 503 + Retry-After | 5xx lasted (s) "
        "| log bytes per request | /healthz answers |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        health = ", ".join(f"{count} × {answer}" for answer, count in sorted(row["healthz"].items()))
        lines.append(
            f"| {row['phase']} | {row['seconds']} | {row['requests']} | {row['5xx']} | {row['5xx on cached']} "
            f"| {row['503 with Retry-After']} | {row['5xx seconds']} | {row['log bytes per request']:,} | {health} |"
        )
    outcomes = Counter((w.phase, w.outcome) for w in writes)
    lines += [
        "",
        "Writes (follow-up form with a PDF) per phase: "
        + "; ".join(f"{phase}: {outcome} {count}" for (phase, outcome), count in sorted(outcomes.items())),
    ]
    return "\n".join(lines)


def _overran(signum, frame):
    raise TimeoutError(f"the fault test ran past {HARD_STOP_SECONDS} s and was stopped")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12, help="How long each fault lasts.")
    parser.add_argument("--markdown", type=Path, help="Also write the table to this file.")
    options = parser.parse_args()
    if shutil.which("redis-server") is None:
        print("faults: redis-server is not installed (Debian's redis-server); nothing tested.", file=sys.stderr)
        return 1
    started = time.monotonic()
    signal.signal(signal.SIGALRM, _overran)
    signal.alarm(HARD_STOP_SECONDS)
    folder = Path(tempfile.mkdtemp(prefix="spbe-faults-"))
    folder.chmod(0o755)  # the postgres user reaches its cluster folder inside
    redis = Redis(folder)
    cluster, why_not = private_postgres(folder / "postgres")
    instances: list[Instance] = []
    recorder = Recorder()
    try:
        redis.start()
        if cluster is None:
            print(f"faults: no private PostgreSQL ({why_not}); SQLite, and the Redis faults only.")
        engine = "a private PostgreSQL 15" if cluster else "SQLite (no private PostgreSQL could be started)"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "spbe_portal.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": cluster.url if cluster else f"sqlite:///{folder / 'faults.sqlite3'}",
            "REDIS_URL": redis.url,
            "CACHE_KEY_PREFIX": "faults",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "NOTIFICATIONS_LOCK_FILE": str(folder / "mail"),
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "INFO",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        result_pk = prepare(env)
        print(f"faults: prepared in {time.monotonic() - started:.0f} s ({engine})")
        instances = [Instance(name, env, folder / f"gunicorn-{name}.log") for name in ("a", "b")]
        for instance in instances:
            instance.wait()
        if failed := warm(instances):
            raise RuntimeError(f"warming failed: {failed}")

        writer = Writer(recorder, instances, result_pk)
        if not writer.login(instances[0]):
            raise RuntimeError("the writer could not sign in")
        threads = [
            threading.Thread(target=reader, args=(recorder, instances, CACHED, 0.05), daemon=True),
            threading.Thread(target=reader, args=(recorder, instances[::-1], CACHED[::-1], 0.05), daemon=True),
            threading.Thread(target=uncached_reader, args=(recorder, instances, 0.2), daemon=True),
            threading.Thread(target=health_poller, args=(recorder, instances, 0.5), daemon=True),
            threading.Thread(target=writer.run, daemon=True),
        ]
        for thread in threads:
            thread.start()

        logs: dict = {}
        phases = ["baseline", "redis down", "redis back"]
        run_phase(recorder, "baseline", 5, instances, logs)
        redis.kill()
        run_phase(recorder, "redis down", options.seconds, instances, logs)
        redis.start()
        run_phase(recorder, "redis back", 5, instances, logs)
        if cluster is not None:
            recorder.phase = "warming"
            if failed := warm(instances):
                print(f"faults: warming before the PostgreSQL fault failed for {failed}")
            cluster.stop("immediate")
            run_phase(recorder, "postgres down", options.seconds, instances, logs)
            recorder.phase = "postgres starting"
            cluster.start()
            run_phase(recorder, "postgres back", 8, instances, logs)
            # The restart of issue 25's finding 3: nobody asks anything while PostgreSQL restarts, so every
            # worker still holds the connection it had before.
            recorder.idle.set()
            time.sleep(1)
            cluster.stop("fast")
            cluster.start()
            recorder.idle.clear()
            run_phase(recorder, "after an idle restart", 5, instances, logs)
            phases += ["postgres down", "postgres back", "after an idle restart"]
        run_phase(recorder, "recovered", 3, instances, logs)
        phases.append("recovered")
        recorder.stop.set()
        for thread in threads:
            thread.join(timeout=15)

        stored = json.loads(manage(env, "shell", "-c", CHECK_SCRIPT.format(marker=MARKER)).strip().splitlines()[-1])
        table = markdown(summarise(recorder, phases, logs), recorder.writes, engine=engine)
        print(table)
        if options.markdown:
            options.markdown.write_text(table + "\n")
        problems = check(recorder, stored, postgres=cluster is not None)
        if cluster is None:
            print(f"faults: the PostgreSQL faults were not tested: {why_not}")
        elapsed = time.monotonic() - started
        print(f"faults: {elapsed:.0f} s in all")
        if elapsed > DEADLINE_SECONDS:
            problems.append(f"took {elapsed:.0f} s, over the {DEADLINE_SECONDS} s bound")
        for problem in problems:
            print(f"FAULT CHECK FAILED: {problem}")
        if not problems:
            print("faults: every check passed")
        return 1 if problems else 0
    finally:
        recorder.stop.set()
        for instance in instances:
            instance.stop()
        redis.kill()
        if cluster is not None:
            try:
                cluster.stop("immediate")
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                print(f"faults: stopping PostgreSQL: {error}", file=sys.stderr)
        if os.environ.get("FAULTS_KEEP"):
            print(f"faults: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
