"""In-process time, bytes and queries of the signed-in pages (issues 21 and 26): each page the median and p95 of N
requests after one warm-up, as CPU time of this process (on SQLite that includes the database), CPU time of the
PostgreSQL backend serving it (read from /proc when the server runs on this machine; else "–") and wall time,
with the HTML's size (raw, and as sent to a browser accepting gzip) and the page's query count. Requests ask for
gzip as a browser does, so a tree with the compression middleware pays for it here. Not
part of `make bench`; run it against a seeded database, e.g. the code before and after a change in turns on the
same data (copy this file into the other tree's bench/ and run it there):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/spbe_bench_speed
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_reference_data
    .venv/bin/python manage.py seed_demo --regencies 550 --years 2018-2025 --seed 1
    .venv/bin/python bench/render.py --requests 30
"""

import argparse
import functools
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Every staff and regency-admin page of issue 26; an import's preview is the answer to posting its file, built
# from the seeded rows by bench/probe.py as `make bench` builds it (UPLOADS).
PAGES = {
    "entry list": "/entri/",
    "queue": "/entri/verifikasi/",
    "overview": "/provinsi/",
    "province indicators": "/entri/indikator/provinsi/2022/?tahap=official",
    "indicator review": "/entri/indikator/kabupaten-kupang/2022/reviu/",
    "self-assessment workspace": "/entri/indikator/kabupaten-kupang/2025/",
    "indicator page": "/entri/indikator/kabupaten-kupang/2025/1/",
    "planner": "/entri/indikator/kabupaten-kupang/2025/rencana/",
    "pemdi province": "/entri/indikator/provinsi/2026/",
    "pemdi planner": "/entri/indikator/kabupaten-kupang/2026/rencana/",
    "results import preview": "/entri/impor/",
    "official levels import preview": "/entri/indikator/impor-resmi/",
}
UPLOADS = {"results import preview": "results_file", "official levels import preview": "official_levels_file"}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def backend_cpu_seconds(connection) -> tuple[int, float] | None:
    """The PostgreSQL backend of `connection` and the CPU time it has used so far, from the kernel's scheduler
    statistics (nanoseconds on a CPU): the database's share of a page, steadier than wall time on a shared machine.
    None on another database or when the server runs elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        return pid, int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("pages", nargs="*", help="names of PAGES (all when none)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe_portal.settings.bench")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from accounts.models import STAFF_GROUP_NAME
    from assessments.import_previews import ImportPreview
    from bench import probe

    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain_static, ALLOWED_HOSTS=["testserver"]):
        staff, _created = get_user_model().objects.get_or_create(username="bench-render", defaults={"is_staff": True})
        staff.groups.add(Group.objects.get(name=STAFF_GROUP_NAME))
        client = Client(HTTP_ACCEPT_ENCODING="gzip")
        client.force_login(staff)
        print(
            "| page | CPU ms (median) | DB CPU ms (mean) | wall ms (median) | wall ms (p95) | HTML (raw / sent) "
            "| queries |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in args.pages or PAGES:
            path = PAGES[name]
            ask = functools.partial(client.get, path)
            if name in UPLOADS:
                fields = getattr(probe, UPLOADS[name])()
                file_name, content = fields.pop("file")

                def ask(path=path, fields=fields, file_name=file_name, content=content):
                    # A file is read once per request; the person's kept previews are let go of as `make bench`
                    # starts, so each request keeps one and lets go of the oldest beyond five as the load does.
                    upload = SimpleUploadedFile(file_name, content, content_type="text/csv")
                    return client.post(path, {**fields, "file": upload})

                ImportPreview.objects.filter(owner=staff).delete()
            assert ask().status_code == 200, path
            cpu, wall = [], []
            database_start = backend_cpu_seconds(connection)
            for _ in range(args.requests):
                cpu_start, wall_start = time.process_time(), time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = ask()
                cpu.append(time.process_time() - cpu_start)
                wall.append(time.perf_counter() - wall_start)
                assert response.status_code == 200, path
            database_end = backend_cpu_seconds(connection)
            # The mean over the requests (the counter is read around them all, not per query); only when every
            # request kept the one connection (bench settings keep it, CONN_MAX_AGE).
            database = (
                f"{(database_end[1] - database_start[1]) / args.requests * 1000:.1f}"
                if database_start and database_end and database_start[0] == database_end[0]
                else "–"
            )
            packed = len(response.content)
            gzipped = response.get("Content-Encoding") == "gzip"
            raw = len(gzip.decompress(response.content)) if gzipped else packed
            print(
                f"| {name} | {statistics.median(cpu) * 1000:.1f} | {database} | {statistics.median(wall) * 1000:.1f} "
                f"| {percentile(wall, 0.95) * 1000:.1f} | {raw / 1024:.1f} / {packed / 1024:.1f} KB | {len(queries)} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
