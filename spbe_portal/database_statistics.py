"""The statistics the database's query planner chooses its plans by, refreshed after a bulk load.

PostgreSQL's planner estimates how many rows each step of a query keeps from statistics that ANALYZE gathers;
autovacuum gathers them only a while after a table has changed, and a restored table has none at all (pg_restore
does not run it: its documentation says to run ANALYZE after a restore). Until then it guesses, and the guesses
choose slow plans on our largest table: measured at national size right after `seed_demo`, the planner's one
read of a regency's levels over the years took 26.7 ms against 2.9 ms once analysed, and the signed-in pages spent
two to four times as long in the database (docs/performance.md). SQLite's planner reads the statistics ANALYZE
writes into sqlite_stat1 the same way. Both take the whole database: a bulk load touches most of its tables.
"""

from django.db import DEFAULT_DB_ALIAS, connections


def refresh_after_bulk_load(*, using: str = DEFAULT_DB_ALIAS) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
