"""The authorisation matrix: every URL of the entry workspace × every kind of visitor → status, and whether the
database changed. A new URL in entry/urls.py without rows here fails `test_every_entry_url_is_in_the_matrix`."""

import copy
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import get_resolver, reverse

from assessments import services
from assessments.import_previews import ImportKind, keep_preview
from assessments.models import ReviewState, Target
from entry.views import province_indicators
from entry.views.imports import TOKEN_FIELD
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state, result_post
from tests.factories import (
    AspectFactory,
    DomainFactory,
    IndexFamilyFactory,
    IndicatorFactory,
    RelatedIndexValueFactory,
    SourceFactory,
    TargetFactory,
)

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


def returned(scenario) -> None:
    """Staff return the submitted result, so that its conversation has a comment to answer."""
    services.return_result(
        result=scenario.submitted,
        version=scenario.submitted.version,
        by=scenario.staff,
        comment="Lampirkan keputusan.",
    )
    scenario.submitted.refresh_from_db()


def plan_post(scenario) -> dict:
    """A plan raising one indicator of the scenario's framework (no level yet) to level 2."""
    indicator = IndicatorFactory(aspect__framework=scenario.framework)
    return {
        f"tingkat_{indicator.number}": "2",
        f"penanggung_jawab_{indicator.number}": "Kepala Bidang Aptika",
        f"tenggat_{indicator.number}": "2026-12-31",
        "submission_key": str(uuid.uuid4()),
    }


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
    ("result_revise", "get", lambda s: {"pk": s.verified.pk}, None, (LOGIN, 200, 404, 200)),
    # Issue 23: a regency admin reads the history of their own regency's rows; another regency's stays 403.
    ("result_history", "get", lambda s: {"pk": s.verified.pk}, None, (LOGIN, 200, 403, 200)),
    (
        "result_reply",
        "post",
        lambda s: {"pk": s.submitted.pk},
        lambda s: returned(s) or {"body": "Keputusan sudah dilampirkan."},
        (LOGIN, 302, 404, 302),
    ),
    # The scenario's draft has no author: only staff may delete it (an admin may delete their own, tested apart).
    ("result_delete", "get", lambda s: {"pk": s.draft.pk}, None, (LOGIN, 403, 404, 200)),
    (
        "result_delete",
        "post",
        lambda s: {"pk": s.draft.pk},
        lambda s: {"version": s.draft.version},
        (LOGIN, 403, 404, 302),
    ),
    ("target_create", "get", lambda s: {}, None, (LOGIN, 200, 200, 200)),
    (
        "target_create",
        "post",
        lambda s: {},
        lambda s: {
            "regency": s.regency.pk,
            "year": "2029",
            "value": "2,80",
            "target_source_title": "RPJMD 2025-2029",
            "target_source_publisher": "Pemerintah daerah",
            "target_source_kind": "regional_document",
            "target_source_date": "2025-06-01",
        },
        (LOGIN, 302, 403, 302),
    ),
    ("target_detail", "get", lambda s: {"pk": s.target_draft.pk}, None, (LOGIN, 200, 404, 200)),
    ("target_edit", "get", lambda s: {"pk": s.target_draft.pk}, None, (LOGIN, 200, 404, 200)),
    (
        "target_edit",
        "post",
        lambda s: {"pk": s.target_draft.pk},
        lambda s: {
            "value": "2,70",
            "version": s.target_draft.version,
            "target_source_title": "RPJMD 2025-2029",
            "target_source_publisher": "Pemerintah daerah",
            "target_source_kind": "regional_document",
            "target_source_date": "2025-06-01",
        },
        (LOGIN, 302, 404, 302),
    ),
    (
        "target_submit",
        "post",
        lambda s: {"pk": s.target_draft.pk},
        lambda s: {"version": s.target_draft.version},
        (LOGIN, 302, 404, 302),
    ),
    (
        "target_verify",
        "post",
        lambda s: {"pk": s.target_submitted.pk},
        lambda s: {"version": s.target_submitted.version},
        (LOGIN, 403, 403, 302),
    ),
    (
        "target_return",
        "post",
        lambda s: {"pk": s.target_submitted.pk},
        lambda s: {"version": s.target_submitted.version, "comment": "Lampirkan RPJMD."},
        (LOGIN, 403, 403, 302),
    ),
    ("target_revise", "get", lambda s: {"pk": s.target_verified.pk}, None, (LOGIN, 200, 404, 200)),
    ("target_revise", "post", lambda s: {"pk": s.target_verified.pk}, lambda s: {}, (LOGIN, 302, 404, 302)),
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
    ("related_list", "get", lambda s: {}, None, (LOGIN, 200, 200, 200)),
    ("related_create", "get", lambda s: {}, None, (LOGIN, 200, 200, 200)),
    (
        "related_create",
        "post",
        lambda s: {},
        lambda s: related_post(s, regency=s.regency.pk),
        # The other admin's form offers only their own regency: another one is refused as a form error.
        (LOGIN, 302, 400, 302),
    ),
    ("related_detail", "get", lambda s: {"pk": s.related_draft.pk}, None, (LOGIN, 200, 404, 200)),
    ("related_edit", "get", lambda s: {"pk": s.related_draft.pk}, None, (LOGIN, 200, 404, 200)),
    (
        "related_edit",
        "post",
        lambda s: {"pk": s.related_draft.pk},
        lambda s: related_post(s, value="71,5", version=s.related_draft.version),
        (LOGIN, 302, 404, 302),
    ),
    (
        "related_submit",
        "post",
        lambda s: {"pk": s.related_draft.pk},
        lambda s: {"version": s.related_draft.version},
        (LOGIN, 302, 404, 302),
    ),
    (
        "related_verify",
        "post",
        lambda s: {"pk": s.related_submitted.pk},
        lambda s: {"version": s.related_submitted.version},
        (LOGIN, 403, 403, 302),
    ),
    (
        "related_return",
        "post",
        lambda s: {"pk": s.related_submitted.pk},
        lambda s: {"version": s.related_submitted.version, "comment": "Kutip kalimatnya."},
        (LOGIN, 403, 403, 302),
    ),
    ("related_revise", "post", lambda s: {"pk": s.related_verified.pk}, lambda s: {}, (LOGIN, 302, 404, 302)),
    ("related_revise", "get", lambda s: {"pk": s.related_verified.pk}, None, (LOGIN, 200, 404, 200)),
    # The self-assessment workspace (issue 14): another regency's admin gets 404, as for its results.
    ("indicator_workspace", "get", lambda s: {"slug": s.regency.slug, "year": 2023}, None, (LOGIN, 200, 404, 200)),
    ("indicator", "get", lambda s: {"slug": s.regency.slug, "year": 2023, "number": 1}, None, (LOGIN, 200, 404, 200)),
    (
        "indicator",
        "post",
        lambda s: {"slug": s.regency.slug, "year": 2023, "number": 1},
        lambda s: {"level": "4", "explanation": "Perbup.", "version": s.self_row.version, "aksi": "simpan"},
        (LOGIN, 302, 404, 302),
    ),
    (
        "indicator_workspace_submit",
        "post",
        lambda s: {"slug": s.regency.slug, "year": 2023},
        lambda s: {"seen_versions": s.self_row.version},
        (LOGIN, 302, 404, 302),
    ),
    (
        "indicator_evidence_delete",
        "post",
        lambda s: {"slug": s.regency.slug, "year": 2023, "number": 1, "token": s.indicator_evidence.token},
        lambda s: {"version": s.self_row.version},
        (LOGIN, 302, 404, 302),
    ),
    ("evidence", "get", lambda s: {"token": s.indicator_evidence.token}, None, (LOGIN, 200, 404, 200)),
    ("planner", "get", lambda s: {"slug": s.regency.slug, "year": 2021}, None, (LOGIN, 200, 404, 200)),
    (
        "planner_save",
        "post",
        lambda s: {"slug": s.regency.slug, "year": 2021},
        plan_post,
        (LOGIN, 302, 404, 302),
    ),
    ("indicator_export", "get", lambda s: {"slug": s.regency.slug, "year": 2021}, None, (LOGIN, 200, 404, 200)),
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


def related_post(scenario, **overrides) -> dict:
    data = {
        "regency": scenario.regency.pk,
        "family": scenario.related_draft.family_id,
        "year": "2025",
        "value": "70,1",
        "category": "",
        "source_title": "Berita uji indeks",
        "source_published_on": "2026-01-15",
        "source_url": "",
        "quote": "Nilainya 70,1.",
        "note": "",
    }
    data.update(overrides)
    return data


# What a successful write changes; reads and refusals change nothing.
CHANGES = {
    ("result_create", "post"),
    ("result_edit", "post"),
    ("result_submit", "post"),
    ("result_verify", "post"),
    ("result_return", "post"),
    ("result_revise", "post"),
    ("result_reply", "post"),
    ("result_delete", "post"),
    ("target_create", "post"),
    ("target_edit", "post"),
    ("target_submit", "post"),
    ("target_verify", "post"),
    ("target_return", "post"),
    ("target_revise", "post"),
    ("follow_up_create", "post"),
    ("follow_up_edit", "post"),
    ("follow_up_verify", "post"),
    ("import_confirm", "post"),
    ("status_flag_create", "post"),
    ("related_create", "post"),
    ("related_edit", "post"),
    ("related_submit", "post"),
    ("related_verify", "post"),
    ("related_return", "post"),
    ("related_revise", "post"),
    ("indicator", "post"),
    ("indicator_workspace_submit", "post"),
    ("indicator_evidence_delete", "post"),
    ("planner_save", "post"),
    ("indicator_review_edit", "post"),
    ("official_import_confirm", "post"),
}

CASES = [
    pytest.param(name, method, kwargs, data, actor, expected[index], id=f"{method}-{name}-{actor}")
    for name, method, kwargs, data, expected in MATRIX
    for index, actor in enumerate(ACTORS)
]


def build_matrix_scenario():
    built = build_scenario()
    upload = SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    built.evidence = services.store_evidence(upload=upload, regency=built.regency, by=built.admin)
    family = IndexFamilyFactory(code="RB")
    built.related_draft = RelatedIndexValueFactory(
        family=family, regency=built.regency, year=2025, state=ReviewState.DRAFT, created_by=built.admin
    )
    built.related_submitted = RelatedIndexValueFactory(
        family=family, regency=built.regency, year=2024, state=ReviewState.SUBMITTED, submitted_by=built.admin
    )
    built.related_verified = RelatedIndexValueFactory(family=family, regency=built.regency, year=2023)
    # One indicator in the scenario's framework, filled for 2023 with one evidence file: complete, so it submits.
    indicator = IndicatorFactory(aspect=AspectFactory(domain=DomainFactory(framework=built.framework)), number=1)
    built.self_row = services.save_indicator_assessment(
        regency=built.regency,
        year=2023,
        indicator=indicator,
        level=3,
        explanation="",
        by=built.admin,
        version=0,
        uploads=[SimpleUploadedFile("sk.pdf", PDF_BYTES)],
    )
    built.indicator_evidence = built.self_row.evidence_files.get()
    # Targets entered on their own, for future years with no result.
    built.target_draft = TargetFactory(
        regency=built.regency, year=2026, state=ReviewState.DRAFT, created_by=built.admin
    )
    built.target_submitted = TargetFactory(
        regency=built.regency, year=2027, state=ReviewState.SUBMITTED, created_by=built.admin, submitted_by=built.admin
    )
    built.target_verified = Target.objects.published().get(regency=built.regency, year=2021)
    # The province's review, official levels and import use the same indicator: the framework has only it.
    built.indicator = indicator
    built.official_source = SourceFactory(title="Hasil Evaluasi SPBE", published_on="2024-02-01")
    return built


@pytest.fixture(scope="module")
def matrix_media(tmp_path_factory):
    return tmp_path_factory.mktemp("authorisation-media")


@pytest.fixture
def media_root(settings, matrix_media):
    """The module's folder instead of each test's (tests/conftest.py): the scenario's evidence files are stored
    once, with the scenario."""
    settings.MEDIA_ROOT = matrix_media
    return matrix_media


@pytest.fixture(scope="module")
def built_scenario(django_db_setup, django_db_blocker, matrix_media):
    """The scenario is built once for the module's 267 cases (about 0.1 s each), in a transaction rolled back after
    the last case. Each case runs in a savepoint inside it (pytest-django's `db`), so what one case writes is gone
    before the next."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=matrix_media), transaction.atomic():
        built = build_matrix_scenario()
        yield built, database_state()
        transaction.set_rollback(True)


@pytest.fixture
def scenario(db, built_scenario):
    """A copy for each case: a case may change the objects it is given (`returned` refreshes the submitted
    result), and its rows, not the objects, are rolled back. Each case starts from the rows as built."""
    built, as_built = built_scenario
    assert database_state() == as_built, "an earlier case's writes outlived it"
    return copy.deepcopy(built)


@pytest.mark.parametrize(("name", "method", "kwargs", "data", "actor", "status"), CASES)
def test_authorisation_matrix(client, scenario, name, method, kwargs, data, actor, status):
    if actor != "anonymous":
        client.force_login(getattr(scenario, actor))
    payload = data(scenario) if data else None
    # The confirm form carries the token of a preview its user made (kept on the server, not in the session).
    owner = scenario.staff if actor == "anonymous" else getattr(scenario, actor)
    if name == "import_confirm":
        payload[TOKEN_FIELD] = keep_preview(
            owner=owner, kind=ImportKind.RESULTS, content={"rows": pending_import(scenario), "lines": None}
        )
    if name == "official_import_confirm":
        raw = {"kode_wilayah": scenario.regency.code, str(scenario.indicator.number): "3"}
        raw.update(
            sumber_judul="Hasil Evaluasi SPBE",
            sumber_penerbit="Kementerian PANRB",
            sumber_jenis="keputusan",
            sumber_nomor="",
            sumber_tanggal="2024-02-01",
            sumber_tautan="",
        )
        payload[province_indicators.TOKEN_FIELD] = keep_preview(
            owner=owner, kind=ImportKind.OFFICIAL_LEVELS, content={"year": 2023, "rows": [raw], "lines": [2]}
        )
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
