"""In-process time of the signed-in indicator pages whose rows are template partials (issue 21): the review page
and the self-assessment workspace, the median of N requests after one warm-up, as CPU time of this process (on
SQLite that includes the database) and wall time, with the page's query count. Not part of `make bench`; run it
against a seeded database, e.g. the code before and after a change in turns on the same data:

    export DATABASE_URL=sqlite:////tmp/render.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_reference_data
    .venv/bin/python manage.py seed_demo --years 2021-2025
    .venv/bin/python bench/render.py --requests 30
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {
    "indicator review": "/entri/indikator/kabupaten-kupang/2022/reviu/",
    "self-assessment workspace": "/entri/indikator/kabupaten-kupang/2025/",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe_portal.settings.bench")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from accounts.models import STAFF_GROUP_NAME

    plain_static = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=plain_static, ALLOWED_HOSTS=["testserver"]):
        staff, _created = get_user_model().objects.get_or_create(username="bench-render", defaults={"is_staff": True})
        staff.groups.add(Group.objects.get(name=STAFF_GROUP_NAME))
        client = Client()
        client.force_login(staff)
        print("| page | CPU ms (median) | wall ms (median) | queries |")
        print("| --- | ---: | ---: | ---: |")
        for name, path in PAGES.items():
            assert client.get(path).status_code == 200, path
            cpu, wall = [], []
            for _ in range(args.requests):
                cpu_start, wall_start = time.process_time(), time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                cpu.append(time.process_time() - cpu_start)
                wall.append(time.perf_counter() - wall_start)
                assert response.status_code == 200, path
            print(
                f"| {name} | {statistics.median(cpu) * 1000:.1f} | {statistics.median(wall) * 1000:.1f} "
                f"| {len(queries)} |"
            )


if __name__ == "__main__":
    main()
