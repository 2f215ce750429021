"""Statements every request runs are prepared once per connection on PostgreSQL (spbe_portal/prepared_statements.py):
the publication version's read (tests/assessments/test_publication_read.py) and the staff header's count."""

import pytest
from django.db import connection

from assessments.models import ReviewState
from assessments.selectors import awaiting_verification_count
from tests.factories import ResultFactory


@pytest.mark.django_db(transaction=True)
def test_the_staff_header_count_is_prepared_once_per_connection_and_follows_submissions(django_assert_num_queries):
    if connection.vendor != "postgresql":
        pytest.skip("a statement prepared per connection: PostgreSQL")
    connection.close()
    assert awaiting_verification_count() == 0

    ResultFactory(year=2023, state=ReviewState.SUBMITTED)
    with django_assert_num_queries(1) as counted:
        assert awaiting_verification_count() == 1

    assert counted.captured_queries[0]["sql"] == "EXECUTE spbe_awaiting_count"
    for _request in range(6):
        awaiting_verification_count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT custom_plans FROM pg_prepared_statements WHERE name = 'spbe_awaiting_count'")
        # One statement, never planned again for its values: its states are written in.
        assert cursor.fetchall() == [(0,)]
    connection.close()
