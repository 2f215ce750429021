"""The bench keeps working: the whole of `make bench` at tiny scale, one second per page."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    for page in ("minimal view", "ranking", "regency profile", "CSV export", "overview (staff)"):
        assert f"| {page} (`" in text
    assert "non-2xx answers" not in text
    assert "query counts differ" not in text
