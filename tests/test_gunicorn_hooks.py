"""The server hooks: each gunicorn worker freezes what it loaded before its first request, under both of the
project's gunicorn configurations."""

import gc
import importlib.util
from pathlib import Path

import pytest

from spbe_portal.gunicorn_hooks import YOUNG_THRESHOLD, post_worker_init

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def unfrozen():
    thresholds = gc.get_threshold()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_worker_freezes_what_it_loaded_before_its_first_request(unfrozen):
    assert gc.get_freeze_count() == 0

    post_worker_init(worker=None)

    # Django and the apps are loaded in this process too: tens of thousands of objects leave the collector's scans.
    assert gc.get_freeze_count() > 10_000


def test_a_worker_collects_its_youngest_objects_less_often_than_pythons_default(unfrozen):
    gc.set_threshold(700, 10, 10)

    post_worker_init(worker=None)

    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert YOUNG_THRESHOLD > 700


@pytest.mark.parametrize("config", ["gunicorn.conf.py", "bench/gunicorn_bench.py"])
def test_both_gunicorn_configurations_name_the_hook(config, monkeypatch):
    monkeypatch.setenv("BENCH_BIND", "127.0.0.1:0")  # the bench's configuration reads it when it loads
    spec = importlib.util.spec_from_file_location("gunicorn_config", ROOT / config)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)

    assert loaded.post_worker_init is post_worker_init
