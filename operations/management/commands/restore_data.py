from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from operations.backups import BackupError, restore_database


class Command(BaseCommand):
    help = "Replaces the whole database with a backup written by backup_data. Stop gunicorn first."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="A file written by backup_data.")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="Do not ask for confirmation.")

    def handle(self, *args, source: Path, interactive: bool, **options):
        if not source.is_file():
            raise CommandError(f"{source} tidak ditemukan.")
        name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
        if interactive:
            answer = input(f"Semua data di basis data {name} akan diganti isi {source}. Ketik 'ya' untuk lanjut: ")
            if answer.strip().lower() != "ya":
                raise CommandError("Dibatalkan; tidak ada yang diubah.")
        try:
            restore_database(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Basis data {name} dipulihkan dari {source}.")
