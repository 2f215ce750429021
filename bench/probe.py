"""In-process measurements for bench/run.py, in a process of its own so each size gets a fresh Django.

    probe.py '["ranking", "queue (staff)", …]' WORKDIR

Signs in the people the pages are for (a provincial staff member; the admin of bench/pages.py's ADMIN_REGENCY, by
a membership), finds what a path names in the seeded database, builds each import's file from the seeded rows
(restated as they stand: the bench invents no value) and checks that its upload, through the real view, shows a
preview with nothing refused. Then, per page: queries with the cache emptied (cold) and again (cached), the cold
render's time, and the bytes of a first load and of a second visit.

Prints one JSON object: those numbers, each page's path as filled in, each signed-in person's cookies and the CSRF
token the load generator sends, and per upload the request body written into WORKDIR and its content type.
Environment: DJANGO_SETTINGS_MODULE=spbe_portal.settings.bench, DATABASE_URL, STATIC_ROOT (collected).
"""

import csv
import gzip
import io
import json
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.assets import body_of, static_urls  # noqa: E402
from bench.pages import (  # noqa: E402
    ADMIN_REGENCY,
    BY_NAME,
    OFFICIAL_IMPORT,
    OFFICIAL_IMPORT_YEAR,
    REGENCY_ADMIN,
    RESULTS_IMPORT,
    RESULTS_IMPORT_YEAR,
    STAFF,
)

BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
BOUNDARY = "bench-upload-boundary"
# The confirm form's field, on a preview page only when no row is refused (templates/entry/import.html).
CONFIRMABLE = 'name="pratinjau"'


def people() -> dict:
    """A provincial staff member and the admin of ADMIN_REGENCY, made once per database."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.models import STAFF_GROUP_NAME, Membership
    from regencies.models import Regency

    User = get_user_model()
    staff, _created = User.objects.get_or_create(username="bench-staff", defaults={"is_staff": True})
    staff.groups.add(Group.objects.get(name=STAFF_GROUP_NAME))
    admin, _created = User.objects.get_or_create(username="bench-regency-admin")
    Membership.objects.get_or_create(user=admin, defaults={"regency": Regency.objects.get(slug=ADMIN_REGENCY)})
    return {STAFF: staff, REGENCY_ADMIN: admin}


def found_in_database() -> dict:
    """What a path names that only the seeded database knows: a result waiting for the province's verification."""
    from assessments.models import Result, ReviewState

    submitted = Result.objects.filter(state=ReviewState.SUBMITTED).order_by("-year", "regency__code").first()
    assert submitted is not None, "seed_demo left no submitted result to review"
    return {"submitted_result": submitted.pk}


def _kind_word(kind: str) -> str:
    from assessments.models import SourceKind

    return next(word for word, words_kind in SourceKind.import_words().items() if words_kind == kind)


def _csv(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def results_file() -> dict:
    """The bulk import of RESULTS_IMPORT_YEAR's published official results as they stand, with their sources: as
    many regencies as one file may hold."""
    from django.conf import settings

    from assessments.importing import COLUMNS
    from assessments.models import ResultKind
    from assessments.selectors import published_results_of_kinds

    results = (
        published_results_of_kinds(ResultKind.OFFICIAL)
        .filter(year=RESULTS_IMPORT_YEAR, value__isnull=False, source__isnull=False)
        .select_related("regency", "source")
        .order_by("regency__code")[: settings.IMPORT_MAX_ROWS]
    )
    rows = [
        {
            "kode_wilayah": result.regency.code,
            "tahun": result.year,
            "jenis": "resmi",
            "indeks": result.value,
            "sumber": result.source.title,
            "tanggal_sumber": result.source.published_on.isoformat(),
            "penerbit_sumber": result.source.publisher,
            "jenis_sumber": _kind_word(result.source.kind),
            "nomor_sumber": result.source.reference,
            "tautan_sumber": result.source.url,
        }
        for result in results
    ]
    assert rows, f"no published official result of {RESULTS_IMPORT_YEAR} to restate"
    return {"file": ("hasil.csv", _csv(COLUMNS, rows))}


def official_levels_file() -> dict:
    """The official levels' import of OFFICIAL_IMPORT_YEAR: every regency's official levels as they stand (as many
    regencies as one file may hold), each row citing its levels' source."""
    from django.conf import settings

    from assessments.importing import official_levels as importer
    from assessments.models import AssessmentStage, Framework, IndicatorAssessment

    columns = importer.level_columns(Framework.objects.in_force(OFFICIAL_IMPORT_YEAR))
    rows: dict[str, dict] = {}
    stored = (
        IndicatorAssessment.objects.working()
        .filter(stage=AssessmentStage.OFFICIAL, year=OFFICIAL_IMPORT_YEAR)
        .select_related("regency", "indicator", "source")
        .order_by("regency__code")
    )
    levels: dict[str, dict] = {}
    for row in stored:
        if row.regency.code not in rows:
            if len(rows) == settings.IMPORT_MAX_ROWS:
                break
            rows[row.regency.code] = {
                "kode_wilayah": row.regency.code,
                "sumber_judul": row.source.title,
                "sumber_penerbit": row.source.publisher,
                "sumber_jenis": _kind_word(row.source.kind),
                "sumber_nomor": row.source.reference,
                "sumber_tanggal": row.source.published_on.isoformat(),
                "sumber_tautan": row.source.url,
            }
            levels[row.regency.code] = {}
        levels[row.regency.code][(row.indicator.number, row.part)] = row.level
    for code, row in rows.items():
        row.update({column.name: levels[code].get((column.number, column.part), "") for column in columns})
    assert rows, f"no official levels of {OFFICIAL_IMPORT_YEAR} to restate"
    content = _csv(importer.columns_for(columns), list(rows.values()))
    return {"year": OFFICIAL_IMPORT_YEAR, "file": ("resmi.csv", content)}


def main() -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client
    from django.test.client import encode_multipart
    from django.test.utils import CaptureQueriesContext

    from assessments.import_previews import ImportPreview

    pages = [BY_NAME[name] for name in json.loads(sys.argv[1])]
    workdir = Path(sys.argv[2])
    users = people()
    found = found_in_database()
    files = {RESULTS_IMPORT: results_file, OFFICIAL_IMPORT: official_levels_file}
    uploads = {page.upload: files[page.upload]() for page in pages if page.upload}

    def form_data(upload: str) -> dict:
        """The upload's fields with its file as a fresh upload (a file is read once per request)."""
        fields = dict(uploads[upload])
        name, content = fields.pop("file")
        return {**fields, "file": SimpleUploadedFile(name, content, content_type="text/csv")}

    # The load generator's requests carry the CSRF cookie and the same token in a header, as a page's script would.
    csrf_token = secrets.token_hex(16)
    out = {"paths": {}, "queries": {}, "queries_warm": {}, "cold_ms": {}, "bytes": {}, "cookies": {}, "uploads": {}}
    out["csrf_token"] = csrf_token
    for page in pages:
        path = page.path.format(**found)
        out["paths"][page.name] = path
        client = Client(HTTP_HOST="127.0.0.1", **BROWSER)
        if page.signed_in:
            client.force_login(users[page.who])

        def ask(client=client, path=path, page=page, **headers):
            if page.upload:
                return client.post(path, form_data(page.upload), **headers)
            return client.get(path, **headers)

        if page.upload:
            # A person with no preview waiting, at both sizes: each upload lets go of the person's oldest beyond
            # five (assessments/import_previews.py), which would count a few more queries once the load has run.
            ImportPreview.objects.filter(owner=users[page.who]).delete()
        cache.clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as cold:
            first = ask()
        out["cold_ms"][page.name] = (time.perf_counter() - started) * 1000
        assert first.status_code == 200, (page.name, path, first.status_code)
        with CaptureQueriesContext(connection) as warm:
            ask()
        out["queries"][page.name] = len(cold)
        out["queries_warm"][page.name] = len(warm)

        html = body_of(first)
        raw_html = gzip.decompress(html) if first.get("Content-Encoding") == "gzip" else html
        if page.upload:
            assert CONFIRMABLE in raw_html.decode(), (page.name, "the preview refused a row or kept nothing")
            body = workdir / f"upload-{page.upload.replace(' ', '-')}.body"
            body.write_bytes(encode_multipart(BOUNDARY, form_data(page.upload)))
            content_type = f"multipart/form-data; boundary={BOUNDARY}"
            out["uploads"][page.name] = {"body_file": str(body), "content_type": content_type}
        assets = []
        if first["Content-Type"].startswith("text/html"):
            for url in static_urls(raw_html.decode()):
                asset = client.get(url)
                assets.append((len(body_of(asset)), asset.get("Cache-Control", "")))
        again = ask(HTTP_IF_NONE_MATCH=first.get("ETag", ""))
        second_html = len(body_of(again)) if again.status_code == 200 else 0
        out["bytes"][page.name] = {
            "html_sent": len(html),
            "html_raw": len(raw_html),
            "encoding": first.get("Content-Encoding", "identity"),
            "assets": sum(size for size, _cc in assets),
            "first_load": len(html) + sum(size for size, _cc in assets),
            "second_status": again.status_code,
            "second_visit": second_html + sum(size for size, cc in assets if "immutable" not in cc),
        }
        if page.signed_in:
            session = client.cookies["sessionid"].value
            out["cookies"][page.who] = f"sessionid={session}; csrftoken={csrf_token}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
