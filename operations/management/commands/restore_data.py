from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from operations.backups import BackupError, restore

# How many missing evidence files are named; the rest are counted.
NAMED = 20


class Command(BaseCommand):
    help = (
        "Replaces the whole database with a backup written by backup_data and puts back its evidence files; "
        "then checks that every evidence file the database names is there. Stop gunicorn first."
    )

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
            restored = restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        written = restored.evidence_written
        self.stdout.write(f"Basis data {name} dipulihkan dari {source}; {written} berkas bukti ditulis.")
        problems = []
        if restored.cache_problem:
            problems.append(
                f"Cache portal tidak dapat dikosongkan ({restored.cache_problem}); halaman lama tidak akan tampil "
                "(versi publikasi sudah dinaikkan), tetapi kuncinya tetap ada sampai kedaluwarsa."
            )
        if restored.missing:
            shown = ", ".join(restored.missing[:NAMED]) + (" …" if len(restored.missing) > NAMED else "")
            problems.append(
                f"{len(restored.missing)} berkas bukti yang disebut basis data tidak ada di MEDIA_ROOT: {shown}. "
                "Tautannya menjawab 404 sampai berkas itu dipulihkan (docs/deploy.md, bagian 9)."
            )
        if problems:
            raise CommandError(" ".join(problems))
