"""Backups of the whole portal — the database and the uploaded evidence — in one archive, and their restore.

The archive is a plain tar file: `manifest.json` (what it holds, with the size and SHA-256 of every file),
the database (`database.pgdump` or `database.sqlite3`) and every evidence file under `evidence/`, by the name the
database gives it. The database is dumped first, with its own tools: pg_dump's custom format reads one snapshot
while the portal keeps running (SQLite's online backup API the same for a development copy); the evidence folder
is read after that snapshot, so every file its rows name is there unless it was deleted in between.

A restore writes the evidence files first (a file no row names does no harm), then replaces every table inside
one transaction (pg_restore --single-transaction, so a failed restore leaves the database as it was), then
checks that every evidence row has its file and says which do not. A database-only dump of earlier versions is
restored the same way, with that check. Issue 25 found evidence links answering 500 after a restore on a new
machine, because the evidence was never in the backup.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from assessments import publication
from assessments.models import EvidenceFile
from spbe_portal.database_statistics import refresh_after_bulk_load

POSTGRES_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
EVIDENCE_FOLDER = "evidence"
# The names the portal gives evidence files (assessments/services/evidence.py); nothing else is written on restore.
EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{32}\.[a-z0-9]{1,5}$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


@dataclass
class Restored:
    evidence_written: int = 0
    missing: list[str] = field(default_factory=list)
    cache_problem: str = ""


def backup_suffix(*, using: str = DEFAULT_DB_ALIAS) -> str:
    return ".tar"


def backup(*, destination: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Writes the archive to `destination`, under a temporary name until it is complete."""
    connection = connections[using]
    member = DATABASE_MEMBER.get(connection.vendor)
    if member is None:
        raise BackupError(f"Tidak ada cara cadangan untuk basis data {connection.vendor}.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with tempfile.TemporaryDirectory(dir=destination.parent) as folder:
        dump = Path(folder) / member
        backup_database(destination=dump, using=using)
        storage = _evidence_storage()
        names = _evidence_names(storage)
        files = {name: _digest(storage, name) for name in names}
        manifest = {
            "format": ARCHIVE_FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": member,
            "evidence": files,
        }
        try:
            with tarfile.open(partial, "w") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
                archive.add(dump, arcname=member)
                for name, (size, _sha) in files.items():
                    info = tarfile.TarInfo(name)
                    info.size = size
                    with storage.open(name, "rb") as content:
                        archive.addfile(info, content)
            partial.rename(destination)
        finally:
            partial.unlink(missing_ok=True)
    return destination


def restore(*, source: Path, using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Restores an archive written by `backup` (or a database-only dump of earlier versions). Stop the
    application servers first."""
    if connections[using].in_atomic_block:
        raise BackupError("Pemulihan tidak bisa berjalan di dalam transaksi yang sedang terbuka.")
    restored = Restored()
    before = _version_or_zero()
    if source.is_file() and tarfile.is_tarfile(source):
        with tarfile.open(source, "r") as archive, tempfile.TemporaryDirectory() as folder:
            manifest = _manifest(archive, source)
            restored.evidence_written = _write_evidence(archive, manifest["evidence"])
            dump = Path(folder) / "database"
            with archive.extractfile(manifest["database"]) as content, dump.open("wb") as out:
                shutil.copyfileobj(content, out, CHUNK)
            restore_database(source=dump, using=using)
    else:
        restore_database(source=source, using=using)
    # What this process remembers of the old database is no longer true, and no page cached from it may be served
    # as current: the version moves past both databases' (then the portal's own keys are cleared too).
    ContentType.objects.clear_cache()
    refresh_after_bulk_load(using=using)
    publication.start_after(before)
    try:
        cache.clear()
    except Exception as error:  # any cache failure is reported; the restore itself stands
        restored.cache_problem = str(error)
    storage = _evidence_storage()
    named = EvidenceFile.objects.order_by("file").values_list("file", flat=True)
    restored.missing = [name for name in named if not storage.exists(name)]
    return restored


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
    """Replaces every table of the database with the dump's."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Pemulihan tidak bisa berjalan di dalam transaksi yang sedang terbuka.")
    header = source.read_bytes()[:16] if source.is_file() else b""
    if connection.vendor == "postgresql":
        if not header.startswith(POSTGRES_MAGIC):
            raise BackupError(f"{source} bukan cadangan portal atau pg_dump (format custom).")
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
            raise BackupError(f"{source} bukan cadangan portal atau berkas basis data SQLite.")
        connection.ensure_connection()
        backup_file = sqlite3.connect(source)
        try:
            backup_file.backup(connection.connection)
        finally:
            backup_file.close()
    else:
        raise BackupError(f"Tidak ada cara pemulihan untuk basis data {connection.vendor}.")


def _evidence_storage():
    return EvidenceFile._meta.get_field("file").storage


def _evidence_names(storage) -> list[str]:
    if not storage.exists(EVIDENCE_FOLDER):
        return []
    _folders, files = storage.listdir(EVIDENCE_FOLDER)
    return sorted(f"{EVIDENCE_FOLDER}/{name}" for name in files if EVIDENCE_NAME.match(f"{EVIDENCE_FOLDER}/{name}"))


def _digest(storage, name: str) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as content:
        while chunk := content.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _manifest(archive: tarfile.TarFile, source: Path) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError(f"{source} bukan cadangan portal: {MANIFEST} tidak terbaca.") from error
    if manifest.get("format") != ARCHIVE_FORMAT or manifest.get("database") not in DATABASE_MEMBER.values():
        raise BackupError(f"{source}: format cadangan {manifest.get('format')} tidak dikenal.")
    return manifest


def _write_evidence(archive: tarfile.TarFile, files: dict) -> int:
    """Every evidence file of the archive into MEDIA_ROOT, checked against the manifest, each written whole under
    a temporary name and renamed, so that a failure never leaves a fragment under an evidence name."""
    storage = _evidence_storage()
    written = 0
    for name, (size, sha256) in files.items():
        if not EVIDENCE_NAME.match(name):
            raise BackupError(f"Nama berkas bukti tidak sah di cadangan: {name!r}.")
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        digest = hashlib.sha256()
        with archive.extractfile(name) as content, partial.open("wb") as out:
            while chunk := content.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        if partial.stat().st_size != size or digest.hexdigest() != sha256:
            partial.unlink()
            raise BackupError(f"Berkas bukti {name} di cadangan rusak (ukuran atau SHA-256 tidak cocok).")
        os.replace(partial, target)
        written += 1
    return written


def _version_or_zero() -> int:
    try:
        return publication.current_version()
    except Exception:  # a database without its tables yet (a new machine) has no version
        return 0


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
