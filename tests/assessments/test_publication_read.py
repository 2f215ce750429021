"""The publication version's read, which every cached public answer runs: on PostgreSQL a statement prepared once
per connection, one query per request however new the connection is."""

import pytest
from django.db import connection, transaction

from assessments import publication
from tests.restarts import drop_from_the_server, kept_between_requests

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("a statement prepared per connection: PostgreSQL")
    connection.close()
    yield
    connection.close()


def prepared_here() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name = %s", ["spbe_publication_state"])
        return [statement for (statement,) in cursor.fetchall()]


def test_a_new_connection_prepares_the_read_once_and_each_read_is_one_query(postgresql, django_assert_num_queries):
    publication.bump_version()
    connection.close()

    with django_assert_num_queries(1) as first:
        version = publication.current().version
    with django_assert_num_queries(1):
        again = publication.current().version

    assert version == again == 1
    assert first.captured_queries[0]["sql"].startswith("EXECUTE spbe_publication_state")
    assert len(prepared_here()) == 1


def read_first_in_a_transaction_that_rolls_back():
    with transaction.atomic():
        assert publication.current().version == 1
        raise RuntimeError("rolled back")


def test_the_prepared_read_sees_each_new_version_and_survives_a_rollback(postgresql):
    publication.bump_version()
    connection.close()
    with pytest.raises(RuntimeError):
        read_first_in_a_transaction_that_rolls_back()  # the statement is prepared inside it

    publication.bump_version()

    assert publication.current().version == 2


def test_a_replaced_connection_prepares_the_read_again(postgresql):
    publication.bump_version()
    assert publication.current().version == 1
    connection.close()  # as a restart of PostgreSQL or CONN_MAX_AGE would

    publication.bump_version()

    assert publication.current().version == 2
    assert len(prepared_here()) == 1


def test_a_connection_postgresql_dropped_before_its_first_read_is_replaced(postgresql):
    """A kept connection that never read the version, dropped by a restart: its first read's PREPARE fails as
    Django's error, which the read's health check answers by reading again on a new connection (issue 25)."""
    publication.bump_version()
    with kept_between_requests():
        connection.close()
        connection.ensure_connection()
        drop_from_the_server(connection.connection.get_backend_pid())
        connection.close_if_unusable_or_obsolete()  # the next request's start: the connection is kept, unchecked

        assert publication.current().version == 1
