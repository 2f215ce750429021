from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datasets.reference_data import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load the sourced reference data in fixtures/ (regencies, frameworks, published results, flags)."

    def handle(self, *args, **options):
        try:
            report = load_reference_data(fixtures_dir=settings.FIXTURES_DIR)
        except ReferenceDataError as error:
            raise CommandError(f"Reference data not loaded, nothing written: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Reference data loaded." if report.changed else "Already up to date."))
