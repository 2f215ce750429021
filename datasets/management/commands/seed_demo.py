"""Synthetic data at a chosen scale, marked as demo in the database (datasets/demo.py).

manage.py seed_demo                                   # the 22 regencies of NTT, 2018–2025
manage.py seed_demo --regencies 550 --years 2018-2025 # national size
manage.py seed_demo --years 2018-2026 --published-through 2026   # the bench: 2026 ranked as once published
manage.py seed_demo --clear                           # removes every demo row, nothing else
"""

import time

from django.core.management.base import BaseCommand, CommandError

from assessments.models import MAX_YEAR, MIN_YEAR, Framework
from datasets import demo
from spbe_portal.database_statistics import refresh_after_bulk_load


def year_range(text: str) -> list[int]:
    first, _sep, last = text.partition("-")
    try:
        years = list(range(int(first), int(last or first) + 1))
    except ValueError:
        raise CommandError(f"--years must look like 2018-2025, not {text!r}") from None
    if not years or years[0] < MIN_YEAR or years[-1] > MAX_YEAR:
        raise CommandError(f"--years must lie between {MIN_YEAR} and {MAX_YEAR}")
    return years


class Command(BaseCommand):
    help = "Fills the empty slots with synthetic (demo) data, or removes it with --clear."

    def add_arguments(self, parser):
        parser.add_argument("--regencies", type=int, default=22, help="ranked regencies in total, real ones included")
        parser.add_argument("--years", default="2018-2025", help="first-last, e.g. 2018-2025")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same rows")
        parser.add_argument("--clear", action="store_true", help="remove every demo row and nothing else")
        parser.add_argument(
            "--published-through",
            type=int,
            default=None,
            help="last year with official results (default: the year before the current one)",
        )

    def handle(self, *args, regencies, years, seed, clear, published_through, **options):
        started = time.perf_counter()
        if clear:
            deleted = demo.clear()
            refresh_after_bulk_load()
            self.stdout.write(f"Removed {deleted} demo rows in {time.perf_counter() - started:.1f} s.")
            return
        if not Framework.objects.exists():
            raise CommandError("No framework yet: run `manage.py load_reference_data` first.")
        if regencies < 1:
            raise CommandError("--regencies must be at least 1")
        report = demo.seed(regencies=regencies, years=year_range(years), seed=seed, published_through=published_through)
        refresh_after_bulk_load()
        self.stdout.write(
            f"{report.regencies} regencies; added {report.results} results with {report.result_levels} indicator "
            f"levels, {report.targets} targets, {report.flags} flags, {report.follow_ups} follow-ups, "
            f"{report.indicator_assessments} indicator stage levels "
            f"in {time.perf_counter() - started:.1f} s."
        )
