from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup, backup_suffix


class Command(BaseCommand):
    help = (
        "Writes one archive of the whole database (pg_dump on PostgreSQL, the online backup on SQLite) and every "
        "uploaded evidence file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            type=Path,
            help="File to write, or a folder for a dated file name (default: the current folder).",
        )

    def handle(self, *args, destination: Path | None, **options):
        destination = destination or Path.cwd()
        if destination.is_dir():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            destination = destination / f"spbe-portal-{stamp}{backup_suffix()}"
        if destination.exists():
            raise CommandError(f"{destination} sudah ada; cadangan tidak menimpa berkas.")
        try:
            written = backup(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{written} ({written.stat().st_size} byte)")
