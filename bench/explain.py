"""EXPLAIN ANALYZE of every query the public pages and the overview run, on PostgreSQL; or of the pages named on
the command line, signed in as staff (the staff pages of bench/render.py by name or path, issue 26).

    DATABASE_URL=postgres://…/spbe_scale .venv/bin/python bench/explain.py > /tmp/plans.txt
    DATABASE_URL=postgres://…/spbe_scale .venv/bin/python bench/explain.py "entry list" /entri/verifikasi/

Run it on a database seeded at the size you care about (`seed_demo --regencies 550`); docs/performance.md says
what the plans showed and which indexes came of it.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PAGES = ["/?tahun=2024", "/wilayah/kabupaten-kupang/", "/provinsi/"]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe_portal.settings.bench")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from render import PAGES as STAFF_PAGES

    assert connection.vendor == "postgresql", "EXPLAIN ANALYZE here is PostgreSQL's"
    named = [STAFF_PAGES.get(name, name) for name in sys.argv[1:]]
    staff = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        "explain", password=None
    )
    client = Client(HTTP_HOST="127.0.0.1")
    # Pages rendered without collectstatic's manifest, as bench/render.py does.
    with override_settings(STORAGES=PLAIN_STATIC):
        for path in named or PAGES:
            cache.clear()
            if named or path == "/provinsi/":
                client.force_login(staff)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            print(f"\n######## {path}: {len(queries)} queries")
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                print(f"\n-- {sql[:300]}{'…' if len(sql) > 300 else ''}\n{plan}")


if __name__ == "__main__":
    main()
