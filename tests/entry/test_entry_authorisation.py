"""The authorisation matrix: every URL of the entry workspace × every kind of visitor → status, and whether the
database changed. A new URL in entry/urls.py without rows here fails `test_every_entry_url_is_in_the_matrix`."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from assessments import services
from entry.views import province_indicators
from entry.views.imports import TOKEN_FIELD, keep_preview
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state, result_post
from tests.factories import IndicatorFactory, SourceFactory

ACTORS = ["anonymous", "admin", "other_admin", "staff"]
LOGIN = 302  # anonymous visitors are sent to the login page


def import_csv(scenario) -> SimpleUploadedFile:
    header = "kode_wilayah,tahun,jenis,indeks,target,sumber,tanggal_sumber,catatan\n"
    content = header + f"{scenario.regency.code},2019,resmi,1.75,,,,\n"
    return SimpleUploadedFile("hasil.csv", content.encode(), content_type="text/csv")


def pending_import(scenario) -> list[dict]:
    return [
        {
            "kode_wilayah": scenario.regency.code,
            "tahun": "2019",
            "jenis": "resmi",
            "indeks": "1.75",
            "target": "",
            "sumber": "",
            "tanggal_sumber": "",
            "catatan": "",
        }
    ]


def official_csv(scenario) -> SimpleUploadedFile:
    number = scenario.indicator.number
    header = (
        f"kode_wilayah,{number},sumber_judul,sumber_penerbit,sumber_jenis,sumber_nomor,sumber_tanggal,sumber_tautan\n"
    )
    content = header + f"{scenario.regency.code},3,Hasil Evaluasi SPBE,Kementerian PANRB,keputusan,,2024-02-01,\n"
    return SimpleUploadedFile("resmi.csv", content.encode(), content_type="text/csv")


def review_kwargs(scenario) -> dict:
    return {"slug": scenario.regency.slug, "year": 2023}


def indicator_kwargs(scenario) -> dict:
    return {**review_kwargs(scenario), "number": scenario.indicator.number}


# name, method, url kwargs, POST data, session, expected status per actor, expected "database changed" per actor.
# Each builder takes the scenario built fresh for the row.
MATRIX = [
    ("list", "get", lambda s: {}, None, (LOGIN, 200, 200, 200)),
    ("result_create", "get", lambda s: {}, None, (LOGIN, 200, 200, 200)),
    (
        "result_create",
        "post",
        lambda s: {},
        lambda s: result_post(regency=str(s.regency.pk), year="2020"),
        (LOGIN, 302, 403, 302),
    ),
    ("result_detail", "get", lambda s: {"pk": s.draft.pk}, None, (LOGIN, 200, 404, 200)),
    ("result_edit", "get", lambda s: {"pk": s.draft.pk}, None, (LOGIN, 200, 404, 200)),
    (
        "result_edit",
        "post",
        lambda s: {"pk": s.draft.pk},
        lambda s: result_post(value="2,75", version=str(s.draft.version)),
        (LOGIN, 302, 404, 302),
    ),
    (
        "result_submit",
        "post",
        lambda s: {"pk": s.draft.pk},
        lambda s: {"version": s.draft.version},
        (LOGIN, 302, 404, 302),
    ),
    (
        "result_verify",
        "post",
        lambda s: {"pk": s.submitted.pk},
        lambda s: {"version": s.submitted.version},
        (LOGIN, 403, 403, 302),
    ),
    (
        "result_return",
        "post",
        lambda s: {"pk": s.submitted.pk},
        lambda s: {"version": s.submitted.version, "comment": "Lampirkan keputusan."},
        (LOGIN, 403, 403, 302),
    ),
    ("result_revise", "post", lambda s: {"pk": s.verified.pk}, lambda s: {}, (LOGIN, 302, 404, 302)),
    ("result_history", "get", lambda s: {"pk": s.verified.pk}, None, (LOGIN, 403, 403, 200)),
    ("follow_up_create", "get", lambda s: {"pk": s.verified.pk}, None, (LOGIN, 200, 404, 200)),
    (
        "follow_up_create",
        "post",
        lambda s: {"pk": s.verified.pk},
        lambda s: {"recommendation": "Susun arsitektur SPBE.", "status": "planned"},
        (LOGIN, 302, 404, 302),
    ),
    ("follow_up_edit", "get", lambda s: {"pk": s.follow_up.pk}, None, (LOGIN, 200, 404, 200)),
    (
        "follow_up_edit",
        "post",
        lambda s: {"pk": s.follow_up.pk},
        lambda s: {"recommendation": "Ubah.", "status": "done", "version": s.follow_up.version},
        (LOGIN, 302, 404, 302),
    ),
    (
        "follow_up_verify",
        "post",
        lambda s: {"pk": s.follow_up.pk},
        lambda s: {"version": s.follow_up.version},
        (LOGIN, 403, 403, 302),
    ),
    ("queue", "get", lambda s: {}, None, (LOGIN, 403, 403, 200)),
    ("status_flag_create", "get", lambda s: {}, None, (LOGIN, 403, 403, 200)),
    (
        "status_flag_create",
        "post",
        lambda s: {},
        lambda s: {
            "regency": s.regency.pk,
            "flag": "compliant",
            "as_of": "2026-01-05",
            "source_title": "Surat Kominfo NTT",
            "source_publisher": "Dinas Kominfo Provinsi NTT",
            "source_kind": "decree",
            "source_date": "2026-01-05",
        },
        (LOGIN, 403, 403, 302),
    ),
    ("import", "get", lambda s: {}, None, (LOGIN, 200, 200, 200)),
    ("import", "post", lambda s: {}, lambda s: {"file": import_csv(s)}, (LOGIN, 200, 200, 200)),
    ("import_confirm", "post", lambda s: {}, lambda s: {}, (LOGIN, 302, 403, 302)),
    ("import_template", "get", lambda s: {"fmt": "csv"}, None, (LOGIN, 200, 200, 200)),
    ("evidence", "get", lambda s: {"token": s.evidence.token}, None, (LOGIN, 200, 404, 200)),
    # The province's side of the indicator workspace: the regency reads its review, only staff write.
    ("indicator_review", "get", review_kwargs, None, (LOGIN, 200, 404, 200)),
    ("indicator_review_edit", "get", indicator_kwargs, None, (LOGIN, 403, 403, 200)),
    (
        "indicator_review_edit",
        "post",
        indicator_kwargs,
        lambda s: {"form": "provinsi", "provinsi-level": "3", "provinsi-note": "Cek bukti.", "provinsi-version": "0"},
        (LOGIN, 403, 403, 302),
    ),
    ("province_indicators", "get", lambda s: {"year": 2023}, None, (LOGIN, 403, 403, 200)),
    ("official_import", "get", lambda s: {}, None, (LOGIN, 403, 403, 200)),
    (
        "official_import",
        "post",
        lambda s: {},
        lambda s: {"year": "2023", "file": official_csv(s)},
        (LOGIN, 403, 403, 200),
    ),
    ("official_import_confirm", "post", lambda s: {}, lambda s: {}, (LOGIN, 403, 403, 302)),
    ("official_import_template", "get", lambda s: {"year": 2023, "fmt": "csv"}, None, (LOGIN, 403, 403, 200)),
]

# What a successful write changes; reads and refusals change nothing.
CHANGES = {
    ("result_create", "post"),
    ("result_edit", "post"),
    ("result_submit", "post"),
    ("result_verify", "post"),
    ("result_return", "post"),
    ("result_revise", "post"),
    ("follow_up_create", "post"),
    ("follow_up_edit", "post"),
    ("follow_up_verify", "post"),
    ("import_confirm", "post"),
    ("status_flag_create", "post"),
    ("indicator_review_edit", "post"),
    ("official_import_confirm", "post"),
}

CASES = [
    pytest.param(name, method, kwargs, data, actor, expected[index], id=f"{method}-{name}-{actor}")
    for name, method, kwargs, data, expected in MATRIX
    for index, actor in enumerate(ACTORS)
]


@pytest.fixture
def scenario(db):
    built = build_scenario()
    upload = SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    built.evidence = services.store_evidence(upload=upload, regency=built.regency, by=built.admin)
    built.indicator = IndicatorFactory(aspect__domain__framework=built.framework)
    built.official_source = SourceFactory(title="Hasil Evaluasi SPBE", published_on="2024-02-01")
    return built


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "actor", "status"), CASES)
def test_authorisation_matrix(client, scenario, name, method, kwargs, data, actor, status):
    if actor != "anonymous":
        client.force_login(getattr(scenario, actor))
    payload = data(scenario) if data else None
    if name == "import_confirm":
        session = client.session
        # The confirm form carries the token of the preview it confirms.
        payload[TOKEN_FIELD] = keep_preview(session, pending_import(scenario))
        session.save()
    if name == "official_import_confirm":
        session = client.session
        raw = {"kode_wilayah": scenario.regency.code, str(scenario.indicator.number): "3"}
        raw.update(
            sumber_judul="Hasil Evaluasi SPBE",
            sumber_penerbit="Kementerian PANRB",
            sumber_jenis="keputusan",
            sumber_nomor="",
            sumber_tanggal="2024-02-01",
            sumber_tautan="",
        )
        payload[province_indicators.TOKEN_FIELD] = province_indicators.keep_preview(
            session, year=2023, raw_rows=[raw], file_name="resmi.csv", lines=[2]
        )
        session.save()
    before = database_state()

    url = reverse(f"entry:{name}", kwargs=kwargs(scenario))
    response = client.post(url, payload) if method == "post" else client.get(url)

    assert response.status_code == status
    if actor == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    changed = database_state() != before
    assert changed == (status == 302 and actor != "anonymous" and (name, method) in CHANGES)


def test_every_entry_url_is_in_the_matrix():
    resolver = get_resolver().namespace_dict["entry"][1]
    names = {pattern.name for pattern in resolver.url_patterns}

    assert names == {name for name, *_rest in MATRIX}


def test_every_write_url_of_the_matrix_is_posted():
    posted = {name for name, method, *_rest in MATRIX if method == "post"}

    assert {name for name, _method in CHANGES} <= posted


@pytest.mark.django_db
def test_an_account_without_membership_or_staff_group_is_refused(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    assert client.get(reverse("entry:list")).status_code == 403
