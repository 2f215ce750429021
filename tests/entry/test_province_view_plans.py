"""The province view reads a year's stage of every regency from indexes alone (issue 26): at national size its
means per scored entry read 25 000 rows, and reading each from the table cost 18 ms instead of 12. PostgreSQL
only: the plan is PostgreSQL's. On a test's few rows it would scan the table, so the scans that read the table are
switched off while the view's own queries are explained again, which leaves an index-only scan possible only where
an index holds every column the query reads."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from assessments.models import AssessmentStage
from entry.selectors.province_view import province_view
from tests.indicator_review_data import build_review_data

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plans")


def plans_of_the_views_reads(year: int, framework) -> dict[str, str]:
    with CaptureQueriesContext(connection) as queries:
        province_view(year=year, framework=framework, stage=AssessmentStage.OFFICIAL, limit=50)
    reads = {
        "means": next(query["sql"] for query in queries if "AVG(" in query["sql"]),
        "page": next(
            query["sql"] for query in queries if '"regency_id" IN' in query["sql"] and "AVG(" not in query["sql"]
        ),
    }
    plans = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        for name, sql in reads.items():
            cursor.execute(f"EXPLAIN {sql}")
            plans[name] = "\n".join(row[0] for row in cursor.fetchall())
    return plans


@pytest.mark.django_db
def test_the_means_per_scored_entry_and_a_page_of_levels_read_an_index_alone():
    data = build_review_data()

    plans = plans_of_the_views_reads(2023, data.framework)

    # Either index may answer on so few rows; what matters is that neither read touches the table.
    assert "Index Only Scan using indassess_ystage_" in plans["means"]
    assert plans["page"].startswith("Index Only Scan using indassess_ystage_")
