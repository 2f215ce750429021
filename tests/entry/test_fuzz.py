"""Property-based tests: random text, numbers, dates, Unicode and very long values thrown at every form through its
real URL, as the user allowed to post it, and random files at the import parser.

A form answers 200 with a validation message, a redirect or a 4xx, never a 500; after each example the database
holds either nothing new (invalid input) or complete rows (valid input). The number of examples each test ran is
counted in CASES and printed at the end of the run (tests/conftest.py); set FUZZ_CASES_FILE to keep it as JSON.
"""

import io
import os
import zipfile
from collections import Counter
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from assessments import importing, services
from assessments.models import FollowUp, Indicator, IndicatorAssessment, Result, ReviewState, Target
from regencies.models import StatusFlag
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = [pytest.mark.slow, pytest.mark.fuzz]

CASES: Counter = Counter()

# Fewer examples for the slow paths (a whole request with its template) than for the parser alone; the whole file
# stays well under a minute on SQLite.
FORM_EXAMPLES = 100
PARSER_EXAMPLES = 300
# No example database: nothing is written into the working tree, and a failure prints its example anyway.
FORMS = settings(
    max_examples=FORM_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARSER = settings(FORMS, max_examples=PARSER_EXAMPLES)

ANSWERS = {200, 302, 400, 403, 404, 405, 409, 429}

tricky = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-0",
        "-1",
        "5",
        "5,00",
        "5,01",
        "2,455",
        "1.5",
        "1,5",
        "1e3",
        "1e-999",
        "NaN",
        "-Infinity",
        "9" * 40,
        "9" * 5000,
        "٣",  # Arabic-Indic three: a digit to int(), not to the index field
        "２０２２",  # full-width digits
        "=1+1",
        "@SUM(A1)",
        "<script>alert(1)</script>",
        "'; DROP TABLE assessments_result; --",
        "\x00",
        "a\x00b",
        "\u202e",
        "𝟚𝟘𝟚𝟚",
        "2022-02-30",
        "0000-01-01",
        "9999-12-31",
        "javascript:alert(1)",
        "http://",
        "https://exa mple.org",
    ]
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=-10, max_value=10, places=3).map(lambda d: str(d).replace(".", ",")),
    st.floats().map(repr),
)
dates = st.one_of(st.dates().map(date.isoformat), st.dates().map(lambda d: d.strftime("%d/%m/%Y")))
long_values = st.builds(
    lambda char, times: char * times, st.characters(exclude_categories=["Cs"]), st.integers(300, 60000)
)
junk = st.one_of(tricky, numbers, dates, st.text(max_size=40), long_values)
maybe = st.one_of(st.none(), junk)


def count(name: str) -> None:
    CASES[name] += 1


def assert_answered(response) -> None:
    """A 200 to a POST must be the form again with its messages, or one of the two previews (entry, import)."""
    assert response.status_code in ANSWERS, response.status_code
    # Shown by --hypothesis-show-statistics: how the examples split between refusals and accepted input.
    event(f"HTTP {response.status_code}")
    context = response.context
    if response.status_code == 200 and context is not None and context.get("form") is not None:
        assert context["form"].errors or context.get("preview") is True or context.get("rows") is not None


def post_data(fields: dict) -> dict:
    return {key: value for key, value in fields.items() if value is not None}


@pytest.fixture
def scenario(db):
    return build_scenario()


@pytest.fixture
def scored_framework(db):
    """A small framework (three indicators weighing 100) so that level fields are fuzzed too."""
    framework = FrameworkFactory(first_year=2018)
    aspect = AspectFactory(domain=DomainFactory(framework=framework, weight=Decimal("100")), weight=Decimal("100"))
    for number, weight in ((1, "30"), (2, "30"), (3, "40")):
        IndicatorFactory(aspect=aspect, number=number, weight=Decimal(weight))
    return framework


# --- accounts ------------------------------------------------------------------------------------------------


@FORMS
@given(username=maybe, password=maybe)
def test_login_never_fails_on_any_input(client, db, username, password):
    count("login")
    # Five failures would lock the form for the rest of the run; each example starts unlocked to reach the form.
    axes_reset()
    UserFactory(username="fuzz-admin")
    before = get_user_model().objects.count()

    response = client.post(reverse("accounts:login"), post_data({"username": username, "password": password}))

    assert_answered(response)
    assert response.status_code != 302
    assert get_user_model().objects.count() == before


@FORMS
@given(old=maybe, new1=maybe, new2=st.one_of(st.none(), junk, st.just("same")))
def test_password_change_changes_the_password_only_when_valid(client, db, old, new1, new2):
    count("password_change")
    user = UserFactory(username="fuzz-changer")
    client.force_login(user)
    before = get_user_model().objects.get(pk=user.pk).password

    response = client.post(
        reverse("accounts:password_change"),
        post_data({"old_password": old, "new_password1": new1, "new_password2": new1 if new2 == "same" else new2}),
    )

    assert_answered(response)
    after = get_user_model().objects.get(pk=user.pk).password
    if response.status_code == 302:
        assert after != before
    else:
        assert after == before


@FORMS
@given(email=st.one_of(maybe, st.emails()))
def test_password_reset_request_never_fails(client, db, email):
    count("password_reset")
    UserFactory(username="fuzz-reset", email="fuzz-reset@example.org")
    mail.outbox = []

    response = client.post(reverse("accounts:password_reset"), post_data({"email": email}))

    assert_answered(response)
    assert len(mail.outbox) <= 1


@FORMS
@given(uid=st.text(min_size=1, max_size=30), token=st.text(min_size=1, max_size=60), new1=maybe, new2=maybe)
def test_password_reset_confirm_refuses_forged_links(client, db, uid, token, new1, new2):
    count("password_reset_confirm")
    url = f"/akun/kata-sandi/reset/{quote(uid, safe='')}/{quote(token, safe='')}/"

    response = client.post(url, post_data({"new_password1": new1, "new_password2": new2}))

    assert response.status_code in ANSWERS
    assert response.status_code != 302 or "/akun/" in response["Location"]


# --- result entry --------------------------------------------------------------------------------------------

random_result_fields = st.fixed_dictionaries(
    {
        "year": st.one_of(st.integers(2010, 2030).map(str), maybe),
        "kind": st.one_of(st.sampled_from(["official", "self"]), maybe),
        "value": maybe,
        "target": maybe,
        "not_evaluated": st.one_of(st.none(), st.just("on"), junk),
        "source_title": maybe,
        "source_date": st.one_of(maybe, dates),
        "source_url": st.one_of(maybe, st.just("https://jdih.menpan.go.id/a.pdf")),
        "note": maybe,
        "aksi": st.one_of(st.sampled_from(["simpan", "pratinjau"]), maybe),
        "level_1": st.one_of(st.integers(0, 6).map(str), maybe),
        "level_2": st.one_of(st.integers(0, 6).map(str), maybe),
        "level_3": st.one_of(st.integers(0, 6).map(str), maybe),
        "version": maybe,
    }
)

index_text = st.decimals(min_value=0, max_value=5, places=2).map(lambda d: str(d).replace(".", ","))
level = st.integers(1, 5).map(str)


def plausible_result(draw_levels: bool):
    """Input a careful admin would type, so that the valid path (a saved draft) is exercised too."""
    return st.fixed_dictionaries(
        {
            "year": st.integers(2018, 2025).map(str),
            "kind": st.sampled_from(["official", "self"]),
            "value": st.just("") if draw_levels else index_text,
            "target": st.one_of(st.just(""), index_text),
            "source_title": st.sampled_from(["", "KepmenPANRB 108/2023"]),
            "source_date": st.just("2023-02-20"),
            "source_url": st.sampled_from(["", "https://jdih.menpan.go.id/a.pdf"]),
            "note": st.text(max_size=30),
            "aksi": st.sampled_from(["simpan", "simpan", "pratinjau"]),
            **{f"level_{n}": level if draw_levels else st.just("") for n in (1, 2, 3)},
        }
    ).map(lambda fields: {**fields, "source_date": fields["source_date"] if fields["source_title"] else ""})


plausible_results = st.one_of(plausible_result(False), plausible_result(True))
# One field of otherwise plausible input replaced by junk: the refusal has to come from that field alone.
RESULT_KEYS = ["year", "kind", "value", "target", "source_title", "source_date", "source_url", "note", "level_1"]
one_bad_field = st.tuples(plausible_results, st.sampled_from(RESULT_KEYS), junk).map(
    lambda case: {**case[0], case[1]: case[2]}
)
result_fields = st.one_of(plausible_results, one_bad_field, random_result_fields)


def assert_result_complete(result: Result, *, framework) -> None:
    assert result.state == ReviewState.DRAFT
    assert (result.evaluated and result.value is not None) or (not result.evaluated and result.value is None)
    scores = IndicatorAssessment.objects.filter(result=result).count()
    assert scores in (0, Indicator.objects.filter(aspect__framework=framework).count())


@FORMS
@given(fields=result_fields, regency=st.one_of(st.just("own"), st.just("other"), maybe))
def test_result_create_writes_a_complete_draft_or_nothing(client, scenario, scored_framework, fields, regency):
    count("result_create")
    client.force_login(scenario.admin)
    regency_value = {"own": str(scenario.regency.pk), "other": str(scenario.other_regency.pk)}.get(regency, regency)
    before = database_state()
    results_before = set(Result.objects.values_list("pk", flat=True))

    response = client.post(
        reverse("entry:result_create"),
        post_data({**fields, "regency": regency_value, "framework": scored_framework.code}),
    )

    assert_answered(response)
    if response.status_code == 302:
        (new,) = Result.objects.exclude(pk__in=results_before)
        assert new.regency == scenario.regency
        assert new.created_by == scenario.admin
        assert_result_complete(new, framework=scored_framework)
        if fields["target"] is not None and fields["target"].strip():
            assert Target.objects.filter(regency=new.regency, year=new.year).exists()
    else:
        assert database_state() == before


@FORMS
@given(fields=result_fields, current_version=st.booleans())
def test_result_edit_keeps_the_draft_complete_or_unchanged(client, scenario, fields, current_version):
    count("result_edit")
    client.force_login(scenario.admin)
    draft = Result.objects.get(pk=scenario.draft.pk)
    if current_version:
        fields = {**fields, "version": str(draft.version)}
    before = database_state()

    response = client.post(reverse("entry:result_edit", kwargs={"pk": draft.pk}), post_data(fields))

    assert_answered(response)
    draft.refresh_from_db()
    if response.status_code == 302:
        assert_result_complete(draft, framework=scenario.framework)
    else:
        assert database_state() == before


# --- review --------------------------------------------------------------------------------------------------


@FORMS
@given(comment=maybe, version=st.one_of(maybe, st.just("current")))
def test_return_with_comment_returns_with_that_comment_or_changes_nothing(client, scenario, comment, version):
    count("result_return")
    client.force_login(scenario.staff)
    submitted = Result.objects.get(pk=scenario.submitted.pk)
    if submitted.state != ReviewState.SUBMITTED:
        submitted = services.submit_result(result=submitted, version=submitted.version, by=scenario.admin)
    before = database_state()

    response = client.post(
        reverse("entry:result_return", kwargs={"pk": submitted.pk}),
        post_data({"comment": comment, "version": str(submitted.version) if version == "current" else version}),
    )

    assert_answered(response)
    submitted.refresh_from_db()
    if submitted.state == ReviewState.RETURNED:
        assert response.status_code == 302
        assert submitted.review_comment == comment.strip()
        assert submitted.reviewed_by == scenario.staff
    else:
        assert database_state() == before


@FORMS
@given(version=st.one_of(maybe, st.just("current")), action=st.sampled_from(["result_submit", "result_verify"]))
def test_submit_and_verify_move_the_state_whole_or_not_at_all(client, scenario, version, action):
    count("submit_verify")
    client.force_login(scenario.admin if action == "result_submit" else scenario.staff)
    result = Result.objects.get(pk=(scenario.draft if action == "result_submit" else scenario.submitted).pk)
    before_state = result.state
    before = database_state()

    response = client.post(
        reverse(f"entry:{action}", kwargs={"pk": result.pk}),
        post_data({"version": str(result.version) if version == "current" else version}),
    )

    assert_answered(response)
    result.refresh_from_db()
    if result.state == before_state:
        assert database_state() == before
    elif result.state == ReviewState.VERIFIED:
        assert result.source_id is not None
        assert result.reviewed_by == scenario.staff
    else:
        assert result.state == ReviewState.SUBMITTED
        assert result.submitted_by == scenario.admin


# --- follow-ups ----------------------------------------------------------------------------------------------

follow_up_fields = st.fixed_dictionaries(
    {
        "recommendation": maybe,
        "action_plan": maybe,
        "follow_up": maybe,
        "owner": maybe,
        "due_date": st.one_of(maybe, dates),
        "status": st.one_of(st.sampled_from(["planned", "in_progress", "done"]), maybe),
        "version": maybe,
    }
)
uploads = st.one_of(
    st.none(),
    st.just(PDF_BYTES),
    st.binary(max_size=200),
    st.binary(max_size=200).map(lambda tail: b"%PDF-" + tail),
)


# The test client's upload object itself refuses names without a base name ("/", ".."), so those cannot be sent.
# Names Django's multipart parser keeps: it drops a file whose name sanitises to nothing (only non-printable
# characters, ".", ".."), so the view never receives it, as no browser would send it.
file_names = st.text(min_size=1, max_size=80).filter(
    lambda name: os.path.basename(name) not in ("", ".", "..") and MultiPartParser.sanitize_file_name(None, name)
)


def upload_of(content: bytes | None, name: str):
    return None if content is None else SimpleUploadedFile(name, content, content_type="application/pdf")


@FORMS
@given(fields=follow_up_fields, evidence=uploads, name=file_names)
def test_follow_up_create_writes_a_complete_follow_up_or_nothing(client, scenario, fields, evidence, name):
    count("follow_up_create")
    client.force_login(scenario.admin)
    before = database_state()
    existing = set(FollowUp.objects.values_list("pk", flat=True))
    data = post_data(fields)
    upload = upload_of(evidence, name)
    if upload is not None:
        data["evidence_upload"] = upload

    response = client.post(reverse("entry:follow_up_create", kwargs={"pk": scenario.verified.pk}), data)

    assert_answered(response)
    if response.status_code == 302:
        (new,) = FollowUp.objects.exclude(pk__in=existing)
        assert new.recommendation.strip()
        assert new.state == ReviewState.DRAFT
        assert (new.evidence_id is not None) == (upload is not None)
    else:
        assert database_state() == before


@FORMS
@given(fields=follow_up_fields, current_version=st.booleans())
def test_follow_up_edit_saves_whole_or_changes_nothing(client, scenario, fields, current_version):
    count("follow_up_edit")
    client.force_login(scenario.admin)
    follow_up = FollowUp.objects.get(pk=scenario.follow_up.pk)
    if current_version:
        fields = {**fields, "version": str(follow_up.version)}
    before = database_state()

    response = client.post(reverse("entry:follow_up_edit", kwargs={"pk": follow_up.pk}), post_data(fields))

    assert_answered(response)
    follow_up.refresh_from_db()
    if response.status_code == 302:
        assert follow_up.recommendation.strip()
        assert follow_up.state == ReviewState.DRAFT
    else:
        assert database_state() == before


# --- status flags --------------------------------------------------------------------------------------------

VALID_FLAG = {
    "flag": "compliant",
    "as_of": "2025-02-10",
    "note": "",
    "source_title": "Siaran pers Kominfo NTT",
    "source_publisher": "Dinas Kominfo Provinsi NTT",
    "source_kind": "news",
    "source_date": "2025-02-10",
    "source_url": "https://kominfo.nttprov.example/siaran",
}
# A valid flag with up to three of its fields replaced by junk, so that both the refusals and the saves are fuzzed.
flag_fields = st.dictionaries(st.sampled_from(sorted(VALID_FLAG)), maybe, max_size=3).map(
    lambda broken: {**VALID_FLAG, **broken}
)


@FORMS
# "other": the second regency, which staff may flag too. Junk such as "2" names it as well (its pk in a fresh test
# database): one run failed that way when the flag was looked for under the first regency only.
@given(fields=flag_fields, regency=st.one_of(st.just("own"), st.just("other"), maybe))
@example(fields=VALID_FLAG, regency="other")
def test_status_flag_is_saved_with_its_source_or_nothing_is_written(client, scenario, fields, regency):
    count("status_flag_create")
    client.force_login(scenario.staff)
    before = database_state()
    named = {"own": scenario.regency, "other": scenario.other_regency}
    data = {**fields, "regency": str(named[regency].pk) if regency in named else regency}
    earlier = set(StatusFlag.objects.values_list("pk", flat=True))

    response = client.post(reverse("entry:status_flag_create"), post_data(data))

    assert_answered(response)
    if response.status_code == 302:
        (flag,) = StatusFlag.objects.exclude(pk__in=earlier).select_related("source")
        assert flag.regency_id == int(data["regency"])  # the regency posted, as its pk lookup reads it
        assert flag.source.title
        assert flag.source.publisher
        assert flag.source.published_on <= date.today()
        flag.delete()
    else:
        assert database_state() == before


# --- import --------------------------------------------------------------------------------------------------

cell = st.one_of(junk, st.sampled_from(["53.01", "2022", "resmi", "mandiri", "2,50", "KepmenPANRB 1/2024"]))
csv_text = st.lists(st.lists(cell, min_size=0, max_size=10), min_size=0, max_size=8).map(
    lambda rows: "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows)
)
with_header = csv_text.map(lambda body: ",".join(importing.COLUMNS) + "\r\n" + body)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


xlsx_cell = st.one_of(
    st.none(),
    cell,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1)),
    st.sampled_from(["=1+1", '=HYPERLINK("http://x")', "+53.01", "-1", "@A1"]),
).map(lambda value: value if not isinstance(value, str) else ILLEGAL_CHARACTERS_RE.sub("", value)[:32000])
xlsx_files = st.lists(st.lists(xlsx_cell, max_size=10), max_size=6).map(
    lambda rows: xlsx_bytes([importing.COLUMNS, *rows])
)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


xlsx_like = st.one_of(
    xlsx_files,
    st.binary(max_size=300).map(lambda tail: importing.XLSX_MAGIC + tail),
    st.dictionaries(
        st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "_rels/.rels", "x"]),
        st.one_of(st.binary(max_size=200), st.just(b"<?xml version='1.0'?><a/>")),
        max_size=4,
    ).map(zip_of),
    # Cut at a share of the length, not at a drawn index: the workbook's bytes carry the time it was saved.
    st.tuples(xlsx_files, st.floats(0, 1)).map(lambda pair: pair[0][: int(len(pair[0]) * pair[1])]),
)
any_file = st.one_of(
    st.tuples(
        st.sampled_from(["data.csv", "DATA.CSV", "x.csv"]),
        st.one_of(st.binary(max_size=400), csv_text.map(str.encode), with_header.map(str.encode)),
    ),
    st.tuples(st.sampled_from(["data.xlsx", "x.XLSX"]), xlsx_like),
    st.tuples(file_names, st.binary(max_size=100)),
)


@FORMS
@given(upload=any_file, confirm=st.booleans(), verify=st.booleans())
def test_import_upload_and_confirm_write_every_row_or_none(client, scenario, upload, confirm, verify):
    count("import")
    client.force_login(scenario.staff)
    name, content = upload
    before = database_state()

    response = client.post(
        reverse("entry:import"), {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    )

    assert_answered(response)
    assert database_state() == before
    if confirm:
        # The confirm form names the preview it confirms; without its token nothing would ever be written.
        token = (response.context or {}).get("token") or ""
        answer = client.post(reverse("entry:import_confirm"), {"verifikasi": "1" if verify else "", "pratinjau": token})
        assert answer.status_code in ANSWERS
        if answer.status_code != 302 or "impor" in answer["Location"]:
            assert database_state() == before


def read_or_problem(*, name: str, content: bytes) -> tuple[list | None, str]:
    """The parser's rows, or its own message; any other exception escapes and fails the test."""
    try:
        return importing.read_table(name=name, content=content), ""
    except importing.ImportFileError as error:
        return None, str(error)


@PARSER
@given(upload=any_file)
def test_import_parser_reads_rows_or_says_what_is_wrong(db, upload):
    count("parser_any_file")
    name, content = upload
    rows, problem = read_or_problem(name=name, content=content)
    if rows is None:
        assert problem
        return
    assert all(set(row) == set(importing.COLUMNS) for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())


@PARSER
@given(body=with_header)
def test_import_rows_get_a_status_and_errors_get_reasons(db, body):
    count("parser_rows")
    staff = StaffUserFactory(username="fuzz-staff")
    try:
        raw_rows = importing.read_table(name="x.csv", content=body.encode())
    except importing.ImportFileError:
        return

    rows = importing.check_rows(raw_rows=raw_rows, user=staff)

    assert len(rows) == len(raw_rows)
    for row in rows:
        assert row.status in (importing.NEW, importing.CHANGED, importing.UNCHANGED, importing.ERROR)
        assert (row.status == importing.ERROR) == bool(row.reasons)


@settings(FORMS, max_examples=20)
@given(
    size=st.integers(100_000, 1_100_000),
    where=st.sampled_from(["sumber", "catatan", "kode_wilayah"]),
    kind=st.sampled_from(["csv", "xlsx"]),
)
def test_import_parser_handles_huge_cells(db, size, where, kind):
    count("parser_huge_cells")
    row = dict.fromkeys(importing.COLUMNS, "")
    row.update(kode_wilayah="53.01", tahun="2022", jenis="resmi", indeks="2.5")
    row[where] = "x" * (size if kind == "csv" else min(size, 32_000))
    if kind == "csv":
        content = (",".join(importing.COLUMNS) + "\n" + ",".join(row.values())).encode()
    else:
        content = xlsx_bytes([importing.COLUMNS, list(row.values())])
    rows, problem = read_or_problem(name=f"x.{kind}", content=content)
    if rows is None:
        assert problem
        return
    assert rows[0][where] == row[where]
