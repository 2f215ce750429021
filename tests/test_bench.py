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
