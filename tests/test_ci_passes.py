"""Every test runs in at least one of .ci/run's two passes: a test whose markers both passes' `-m` leave out would
pass CI without ever running. It looks at the tests collected with it: in `make test`, every test (on its own:
`pytest tests -k test_every_collected_test_runs`)."""

import re

import pytest
from _pytest.mark.expression import Expression

from .conftest import COLLECTED_MARKERS
from .test_settings import ROOT

PASS = re.compile(r"""PYTEST_ARGS="-m '([^']+)'" run_suite "([^"]+)\"""")


def carrying(markers: frozenset):
    """What `-m` asks of a test carrying `markers`."""
    return lambda name, **_: name in markers


def test_every_collected_test_runs_in_one_of_the_two_passes(request):
    passes = {
        label: Expression.compile(expression) for expression, label in PASS.findall((ROOT / ".ci/run").read_text())
    }
    assert set(passes) == {"SQLite", "PostgreSQL"}

    for marked in request.config.stash[COLLECTED_MARKERS]:
        running = [label for label, expression in passes.items() if expression.evaluate(carrying(marked))]
        assert running, f"a test marked {', '.join(sorted(marked))} runs in neither pass of .ci/run"


def test_the_bench_smoke_run_is_handed_out_first(request):
    """xdist hands tests out in the collected order, and the smoke run takes one worker 90-110 s: anywhere but first,
    the other worker finishes early and waits (tests/conftest.py)."""
    items = request.session.items
    bench = [place for place, item in enumerate(items) if item.get_closest_marker("bench")]
    if not bench:
        pytest.skip("this run leaves the bench's tests out (`-m 'not bench'`, the SQLite pass)")

    assert bench == list(range(len(bench))), [items[place].nodeid for place in bench]
