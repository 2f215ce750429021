"""One save of the result form writes the result, the year's target and the evidence together, or nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import EvidenceFile, Result, ResultKind, ReviewState, Target
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state, result_post
from tests.factories import ResultFactory, StaffUserFactory, TargetFactory

OWNERSHIP = "Target tahun ini diisi bersama hasil evaluasi resmi, bukan evaluasi mandiri."
UNDER_REVIEW = "Target tahun ini sedang diperiksa staf provinsi dan belum dapat diubah."


@pytest.fixture
def scenario(db):
    return build_scenario()


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def evidence_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")


def edit_url(result) -> str:
    return reverse("entry:result_edit", kwargs={"pk": result.pk})


def shown_form(client, result) -> dict:
    """The hidden fields the edit form carries, as a browser would post them back."""
    initial = client.get(edit_url(result)).context["form"].initial
    return {name: str(initial[name]) for name in ("version", "target_revision", "target_version") if name in initial}


def target_2023(scenario) -> Target:
    return Target.objects.filter(regency=scenario.regency, year=2023).open().get()


def test_a_self_assessment_with_a_target_after_the_submitted_official_one_writes_nothing(client, scenario, media_root):
    client.force_login(scenario.admin)
    client.post(edit_url(scenario.draft), result_post(value="2,10", target="2,80", version="1"))
    client.post(reverse("entry:result_submit", kwargs={"pk": scenario.draft.pk}), {"version": 2})
    assert target_2023(scenario).state == ReviewState.SUBMITTED
    before = database_state()

    response = client.post(
        reverse("entry:result_create"),
        {
            **result_post(regency=str(scenario.regency.pk), kind="self", value="2,30", target="2,90"),
            "evidence": evidence_pdf(),
        },
    )

    assert not Result.objects.filter(regency=scenario.regency, year=2023, kind=ResultKind.SELF_ASSESSMENT).exists()
    assert not EvidenceFile.objects.exists()
    assert stored_files(media_root) == []
    assert database_state() == before
    assert response.status_code == 200
    assert OWNERSHIP in response.content.decode()


def test_an_edit_refused_because_the_target_is_under_review_stores_neither_result_nor_evidence(
    client, scenario, media_root
):
    TargetFactory(regency=scenario.regency, year=2023, value=Decimal("2.50"), state=ReviewState.SUBMITTED, source=None)
    client.force_login(scenario.admin)
    fields = shown_form(client, scenario.draft)
    before = database_state()

    response = client.post(
        edit_url(scenario.draft), {**result_post(value="2,10", target="2,90", **fields), "evidence": evidence_pdf()}
    )

    assert UNDER_REVIEW in response.content.decode()
    assert database_state() == before
    assert Result.objects.get(pk=scenario.draft.pk).value == Decimal("2.00")
    assert stored_files(media_root) == []


def test_a_stale_save_with_evidence_stores_no_file(client, scenario, media_root):
    client.force_login(scenario.staff)
    client.post(edit_url(scenario.draft), result_post(value="2,10", version="1"))
    client.force_login(scenario.admin)
    before = database_state()

    response = client.post(
        edit_url(scenario.draft), {**result_post(value="3,30", version="1"), "evidence": evidence_pdf()}
    )

    assert response.status_code == 409
    assert database_state() == before
    assert stored_files(media_root) == []


def test_an_accepted_save_stores_its_evidence_with_the_result(client, scenario, media_root):
    client.force_login(scenario.admin)

    client.post(edit_url(scenario.draft), {**result_post(value="2,10", version="1"), "evidence": evidence_pdf()})

    evidence = Result.objects.get(pk=scenario.draft.pk).evidence
    assert evidence is not None
    assert stored_files(media_root) == [media_root / evidence.file.name]


def test_the_self_assessment_form_refuses_a_target(client, scenario):
    client.force_login(scenario.admin)
    before = database_state()

    response = client.post(
        reverse("entry:result_create"),
        result_post(regency=str(scenario.regency.pk), year="2020", kind="self", value="2,30", target="2,90"),
    )

    assert response.status_code == 200
    assert OWNERSHIP in response.content.decode()
    assert database_state() == before


def test_the_self_assessment_edit_form_shows_no_target(client, scenario):
    own = ResultFactory(
        regency=scenario.regency, year=2023, kind=ResultKind.SELF_ASSESSMENT, state=ReviewState.DRAFT, source=None
    )
    client.force_login(scenario.admin)

    html = client.get(edit_url(own)).content.decode()

    assert 'name="target"' not in html


# --- the silent lost update (issue 11, defect 2) --------------------------------------------------------------


@pytest.fixture
def two_forms(scenario):
    """A year with both kinds of draft and one target of 2,50, and two members of staff."""
    TargetFactory(regency=scenario.regency, year=2023, value=Decimal("2.50"), state=ReviewState.DRAFT, source=None)
    own = ResultFactory(
        regency=scenario.regency,
        year=2023,
        kind=ResultKind.SELF_ASSESSMENT,
        framework=scenario.framework,
        value=Decimal("2.20"),
        state=ReviewState.DRAFT,
        source=None,
    )
    return scenario.staff, StaffUserFactory(), own


def test_saving_only_the_self_assessment_does_not_put_back_the_target_another_person_changed(
    client, scenario, two_forms
):
    staff_a, staff_b, own = two_forms
    client.force_login(staff_a)
    official_fields = shown_form(client, scenario.draft)
    client.post(edit_url(scenario.draft), result_post(value="2,00", target="3,00", **official_fields))
    assert target_2023(scenario).value == Decimal("3.00")
    client.force_login(staff_b)

    # B's page was opened before A saved; it posts the target it showed, 2,50, with a new self-assessment index.
    client.post(edit_url(own), result_post(kind="self", value="2,40", target="2,50", version=str(own.version)))

    assert target_2023(scenario).value == Decimal("3.00")


def test_a_save_leaving_the_target_as_shown_keeps_the_target_a_colleague_changed(client, scenario, two_forms):
    staff_a, staff_b, _own = two_forms
    client.force_login(staff_a)
    shown = shown_form(client, scenario.draft)
    services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("3.00"), by=staff_b)

    response = client.post(edit_url(scenario.draft), result_post(value="2,10", target="2,50", **shown))

    assert response.status_code == 302
    assert Result.objects.get(pk=scenario.draft.pk).value == Decimal("2.10")
    assert target_2023(scenario).value == Decimal("3.00")


def test_changing_a_target_a_colleague_changed_since_is_refused_and_writes_nothing(client, scenario, two_forms):
    staff_a, staff_b, _own = two_forms
    client.force_login(staff_a)
    shown = shown_form(client, scenario.draft)
    services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("3.00"), by=staff_b)
    before = database_state()

    response = client.post(edit_url(scenario.draft), result_post(value="2,10", target="2,75", **shown))

    html = response.content.decode()
    assert response.status_code == 409
    assert f"sudah diubah oleh {staff_b.username}" in html
    assert "target sekarang 3,00" in html
    assert database_state() == before


def test_a_save_that_leaves_the_target_unchanged_never_writes_it(client, scenario, two_forms):
    staff_a, _staff_b, _own = two_forms
    client.force_login(staff_a)
    target = target_2023(scenario)
    records = target.history.count()

    client.post(
        edit_url(scenario.draft), result_post(value="2,10", target="2,50", **shown_form(client, scenario.draft))
    )

    assert Result.objects.get(pk=scenario.draft.pk).value == Decimal("2.10")
    assert Target.objects.get(pk=target.pk).version == target.version
    assert target.history.count() == records


def test_a_changed_target_is_saved_with_its_result(client, scenario, two_forms):
    staff_a, _staff_b, _own = two_forms
    client.force_login(staff_a)

    client.post(
        edit_url(scenario.draft), result_post(value="2,10", target="2,75", **shown_form(client, scenario.draft))
    )

    assert target_2023(scenario).value == Decimal("2.75")
    assert target_2023(scenario).history.first().history_user == staff_a
