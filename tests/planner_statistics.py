"""What the database's query planner believes a table holds, from the statistics ANALYZE leaves behind."""

from django.db import connection


def planner_row_count(table: str) -> int | None:
    """The rows `table` holds by the planner's statistics; None while the table has none (never analysed).

    PostgreSQL: the row count in pg_class, which ANALYZE sets, and only when the columns have statistics too
    (building an index sets the count alone). SQLite: the first number of each sqlite_stat1 row, the rows of the
    table or of one of its indexes."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s AND relkind = 'r' AND EXISTS "
                "(SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s)",
                [table, table],
            )
            found = cursor.fetchone()
            return None if found is None or found[0] < 0 else round(found[0])
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        return max((int(stat.split()[0]) for (stat,) in cursor.fetchall()), default=None)
