"""What the migration tests share: apply the chain up to some migrations and read the models as they were there,
the migrations one follows (however the chain is numbered when branches are merged), and a fixture that leaves the
database at the newest migrations for the tests that follow."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def parents_of(key: tuple[str, str]) -> list[tuple[str, str]]:
    """The migrations of the same app that `key` follows."""
    graph = MigrationExecutor(connection).loader.graph
    return sorted(parent.key for parent in graph.node_map[key].parents if parent.key[0] == key[0])


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())
