"""Consistent backups of the whole database and their restore, with the database's own tools.

PostgreSQL: pg_dump in its custom format reads one snapshot of the database while the portal keeps running;
pg_restore replaces everything inside one transaction, so a failed restore leaves the database as it was.
SQLite: the online backup API copies the pages under SQLite's own locking, the same consistency for a
development copy. Uploaded files live in MEDIA_ROOT and are backed up with the file system (docs/deploy.md)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

POSTGRES_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    pass


def backup_suffix(*, using: str = DEFAULT_DB_ALIAS) -> str:
    return ".pgdump" if connections[using].vendor == "postgresql" else ".sqlite3"


def backup_database(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    connection = connections[using]
    destination.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        _run(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={destination}",
            settings_dict=connection.settings_dict,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Tidak ada cara cadangan untuk basis data {connection.vendor}.")
    return destination


def restore_database(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replaces every table of the database with the backup's. Stop the application servers first."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Pemulihan tidak bisa berjalan di dalam transaksi yang sedang terbuka.")
    header = source.read_bytes()[:16] if source.is_file() else b""
    if connection.vendor == "postgresql":
        if not header.startswith(POSTGRES_MAGIC):
            raise BackupError(f"{source} bukan cadangan pg_dump (format custom).")
        # Our own idle connection must not stand in the way of the tables being dropped and recreated.
        connection.close()
        _run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
            settings_dict=connection.settings_dict,
        )
    elif connection.vendor == "sqlite":
        if header != SQLITE_MAGIC:
            raise BackupError(f"{source} bukan berkas basis data SQLite.")
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        raise BackupError(f"Tidak ada cara pemulihan untuk basis data {connection.vendor}.")
    # What this process remembers of the old database is no longer true.
    ContentType.objects.clear_cache()
    cache.clear()


def _run(program: str, *args: str, settings_dict: dict) -> None:
    if shutil.which(program) is None:
        raise BackupError(f"{program} tidak ditemukan: pasang paket Debian postgresql-client.")
    env = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    done = subprocess.run(
        [program, *args, f"--dbname={settings_dict['NAME']}"], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{program} gagal ({done.returncode}): {done.stderr.strip()}")
