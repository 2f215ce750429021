"""In-process measurements for bench/run.py, in a process of its own so each size gets a fresh Django.

Prints one JSON object: queries per page (cold cache, then warm), bytes of each page's first load and of a
second visit, and a session cookie of a provincial staff account for the load generator's overview requests.
Environment: DJANGO_SETTINGS_MODULE=spbe_portal.settings.bench, DATABASE_URL, STATIC_ROOT (collected).
"""

import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.assets import body_of, static_urls  # noqa: E402

BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import STAFF_GROUP_NAME

    pages = json.loads(sys.argv[1])
    User = get_user_model()
    staff, _created = User.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    staff.groups.add(Group.objects.get(name=STAFF_GROUP_NAME))

    out = {"queries": {}, "queries_warm": {}, "cold_ms": {}, "bytes": {}}
    for name, page in pages.items():
        client = Client(HTTP_HOST="127.0.0.1", **BROWSER)
        if page.get("login"):
            client.force_login(staff)
        cache.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as cold:
            first = client.get(page["path"])
        out["cold_ms"][name] = (time.perf_counter() - started) * 1000
        assert first.status_code == 200, (name, first.status_code)
        with CaptureQueriesContext(connection) as warm:
            client.get(page["path"])
        out["queries"][name] = len(cold)
        out["queries_warm"][name] = len(warm)

        html = body_of(first)
        raw_html = gzip.decompress(html) if first.get("Content-Encoding") == "gzip" else html
        assets = []
        if first["Content-Type"].startswith("text/html"):
            for url in static_urls(raw_html.decode()):
                asset = client.get(url)
                assets.append((len(body_of(asset)), asset.get("Cache-Control", "")))
        again = client.get(page["path"], HTTP_IF_NONE_MATCH=first.get("ETag", ""))
        second_html = len(body_of(again)) if again.status_code == 200 else 0
        out["bytes"][name] = {
            "html_sent": len(html),
            "html_raw": len(raw_html),
            "encoding": first.get("Content-Encoding", "identity"),
            "assets": sum(size for size, _cc in assets),
            "first_load": len(html) + sum(size for size, _cc in assets),
            "second_status": again.status_code,
            "second_visit": second_html + sum(size for size, cc in assets if "immutable" not in cc),
        }
        if page.get("login"):
            out["session_cookie"] = f"sessionid={client.cookies['sessionid'].value}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
