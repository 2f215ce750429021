"""A framework's reference (structure, level names, criteria, bands) is read once per publication version and
kept (entry/selectors/structure.py): a second visit does not read it again, and a change to it shows on the next
visit, because every change of reference data moves the version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import publication
from assessments.models import LevelCriterion
from tests.entry.test_planner import planner_url, small_framework
from tests.factories import IndicatorAssessmentFactory, LevelCriterionFactory, RegencyFactory, regency_admin

pytestmark = pytest.mark.django_db
YEAR = 2024
# The structure (three queries), level names, criteria and bands.
REFERENCE_QUERIES = 6


@pytest.fixture
def planner(client):
    _framework, indicators = small_framework()
    regency = RegencyFactory()
    IndicatorAssessmentFactory(regency=regency, year=YEAR, indicator=indicators[0], level=2)
    LevelCriterionFactory(indicator=indicators[0], level=3, criteria="Kebijakan internal terdefinisi")
    client.force_login(regency_admin(regency))
    return indicators, planner_url(regency, YEAR)


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return page.content.decode(), len(queries)


def test_a_second_visit_reads_the_reference_kept_by_the_first(client, planner):
    _indicators, url = planner

    _page, first = visit(client, url)
    _page, second = visit(client, url)

    assert second == first - REFERENCE_QUERIES


def test_a_renamed_indicator_shows_on_the_next_visit(client, planner):
    indicators, url = planner
    visit(client, url)
    indicators[0].name = "Kebijakan tata kelola yang diganti"
    indicators[0].save()

    page, _count = visit(client, url)

    assert "Kebijakan tata kelola yang diganti" in page


def test_criteria_loaded_again_show_on_the_next_visit(client, planner):
    """The loader writes criteria in bulk, without signals, and bumps the version once after a load that changed
    anything (datasets/reference_data.py): so does this test."""
    _indicators, url = planner
    before, _count = visit(client, url)
    LevelCriterion.objects.update(criteria="Kebijakan internal ditetapkan dan diterapkan")
    kept, _count = visit(client, url)
    publication.bump_version()

    after, _count = visit(client, url)

    assert "Kebijakan internal terdefinisi" in before
    assert "Kebijakan internal terdefinisi" in kept
    assert "Kebijakan internal ditetapkan dan diterapkan" in after
