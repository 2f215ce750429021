"""Statements every request runs, parsed and planned once per database connection.

On PostgreSQL a statement is prepared the first time a connection runs it (a prepared statement of that session)
and each later request only executes it: parsing and planning the publication version's read was a quarter to a
third of the server's time for the read, and planning the staff header's count took 0.6-0.7 ms against its 0.1 ms
of execution at national size (docs/performance.md). Other databases run the statement as it is.

A statement's parameters are constants (a primary key, review states, kinds), written into the prepared statement
as the driver quotes them: a statement with parameters left open is planned again on every run for as long as
PostgreSQL judges a plan for those values cheaper than one for any value, which for the count was always.
"""

import weakref
from dataclasses import dataclass

# The driver's connections this process has prepared statements on, and which; a connection is forgotten once it
# is closed and dropped, so its replacement prepares them again.
_prepared_on: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Statement:
    """SQL with `%s` placeholders, as Django's cursor takes it, the constant values they always stand for, and
    the name the statement is prepared under."""

    name: str
    sql: str
    params: tuple = ()

    def prepare_sql(self, driver_cursor) -> str:
        return f"PREPARE {self.name} AS " + driver_cursor.mogrify(self.sql, self.params).decode()

    @property
    def execute_sql(self) -> str:
        return f"EXECUTE {self.name}"


def execute(cursor, statement: Statement) -> None:
    """Runs `statement` on Django's `cursor` (read its rows from it), prepared first if its connection has not
    prepared it yet. The preparation is setting up the connection, as Django's own per-connection statements are,
    on the driver's cursor: not one of the page's queries, whichever request happens to be the connection's first.
    Its errors are Django's, as the statement's own are, so that a caller replacing a connection a restart dropped
    (publication.py) sees the same error whichever of the two failed."""
    connection = cursor.db
    if connection.vendor != "postgresql":
        cursor.execute(statement.sql, statement.params)
        return
    driver_connection = connection.connection
    prepared = _prepared_on.setdefault(driver_connection, set())
    if statement.name not in prepared:
        with connection.wrap_database_errors, driver_connection.cursor() as setup:
            setup.execute(statement.prepare_sql(setup))
        prepared.add(statement.name)
    cursor.execute(statement.execute_sql)
