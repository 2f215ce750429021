"""The bench keeps working: the whole of `make bench` at tiny scale, one second per page, every page answering."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.bench, pytest.mark.slow]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is installed by `make test`")
def test_the_bench_runs_at_tiny_scale_and_writes_its_report(tmp_path):
    output = tmp_path / "results.md"

    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )

    assert done.returncode == 0, done.stderr[-3000:]
    text = output.read_text()
    # Every page of bench/pages.py is in both sizes' tables: it answered 2xx in-process (bench/probe.py asserts
    # it, and that each import's preview refused no row) and through gunicorn (the warm-up request raises on
    # anything else), and wrk counted no other answer.
    for page in PAGES:
        assert text.count(f"| {page.name} (`") == 2, page.name
    assert "| entry list (regency admin) (`/entri/`) | regency admin |" in text
    assert "| results import preview (staff) (`POST /entri/impor/`) | staff |" in text
    assert "non-2xx answers" not in text
    assert "query counts differ" not in text
    # Each size says how fast the machine was before and after its pages were measured.
    assert text.count("Machine speed: a fixed loop of pure Python") == 2


@pytest.mark.parametrize("size", ["province", "national"])
def test_a_minimal_view_that_completed_nothing_is_reported_not_divided_by(size):
    """A smoke run beside the suite once measured the national minimal view at 0 req/s (its one second passed with
    every server thread on a slower page) and the report died dividing the ranking's throughput by it."""
    from bench import run

    ranking = next(page for page in PAGES if page.name == "ranking")
    load = {"rps": 0.0, "p50_us": 0, "p95_us": 0, "p99_us": 0, "non2xx": 0, "errors": 0}
    data = {"pages": [run.MINIMAL, ranking], "loads": {run.MINIMAL.name: load, "ranking": {**load, "rps": 900.0}}}

    missed = run.check_budgets({size: data})

    assert f"{size}: the minimal view completed no request in its run; no share was measured" in missed
    assert run.public_shares(data)["ranking"] is None
    assert run.share_summary(data) == ""


def test_a_report_says_how_fast_the_machine_was_and_flags_a_size_during_which_it_slowed():
    """Two runs of the same code once put the previews' p95 at 139 and 270 ms: the machine had slowed during the
    second, and nothing in the report said so."""
    from bench import run

    steady, slowed = (70.0, 77.0), (70.0, 110.0)

    notes = run.speed_notes({"province": {"speed": steady}, "national": {"speed": slowed}})

    assert notes == [
        "national: the machine's speed changed by +57% while this size was measured "
        "(the fixed loop 70 ms before, 110 ms after)"
    ]
    assert run.speed_line(steady).endswith(
        "took 70 ms before this size's pages were measured and 77 ms after, the server stopped (+10%)."
    )
    assert run.speed_notes({"national": {"speed": (110.0, 70.0)}}) == [
        "national: the machine's speed changed by -36% while this size was measured "
        "(the fixed loop 110 ms before, 70 ms after)"
    ]


def test_the_machine_speed_reading_is_a_time_in_milliseconds():
    from bench import run

    reading = run.machine_speed_ms()

    assert 1 < reading < 10_000
