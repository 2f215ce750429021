"""What a PostgreSQL restart does to every idle connection, for the tests that the portal reconnects after one."""

from contextlib import contextmanager

from django.db import connection


def drop_from_the_server(pid: int) -> None:
    """Ends the backend `pid` from another session, as a restart ends every idle connection."""
    import psycopg2

    settings = connection.settings_dict
    other = psycopg2.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
    )
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()


@contextmanager
def kept_between_requests():
    """The connection kept from one request to the next (CONN_MAX_AGE), as in production, for the block's length;
    closed after it, so that the next test opens its own."""
    kept_age = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        yield
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = kept_age
        connection.close()
