"""The header's count of what staff can verify (`selectors.awaiting_verification_count`): its SQL is built once per
process (issue 26), so the count must still follow every submission after that first build, in one query."""

import pytest

from assessments.models import ResultKind, ReviewState
from assessments.selectors import awaiting_verification_count
from tests.factories import RegencyFactory, RelatedIndexValueFactory, ResultFactory, TargetFactory


@pytest.mark.django_db
def test_the_count_follows_submissions_after_its_sql_is_built(django_assert_num_queries):
    regency = RegencyFactory()
    assert awaiting_verification_count() == 0  # builds the SQL

    ResultFactory(regency=regency, year=2023, state=ReviewState.SUBMITTED)
    TargetFactory(regency=regency, year=2024, state=ReviewState.SUBMITTED)  # on its own: counted
    RelatedIndexValueFactory(regency=regency, state=ReviewState.SUBMITTED)
    with django_assert_num_queries(1):
        assert awaiting_verification_count() == 3

    # A target carried by an open official result of its year is verified with it, so it is not counted apart.
    TargetFactory(regency=regency, year=2023, state=ReviewState.SUBMITTED)
    assert awaiting_verification_count() == 3
    ResultFactory(regency=regency, year=2024, kind=ResultKind.OFFICIAL, state=ReviewState.DRAFT)
    assert awaiting_verification_count() == 2
