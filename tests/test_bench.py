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
