"""Submit → verify/return → publish, revisions, the optimistic lock and the history, through services and pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from assessments import services
from assessments.models import Result, ReviewState, SourceKind, Target
from tests.entry_helpers import build_scenario, new_document, result_post
from tests.factories import ResultFactory, StaffUserFactory, TargetFactory, regency_admin
from tests.review_kinds import KINDS, records_of


@pytest.fixture
def scenario(db):
    return build_scenario()


def reload(instance):
    return type(instance).objects.get(pk=instance.pk)


def test_verifying_a_revision_publishes_it_and_supersedes_the_previous_one(scenario):
    revision = services.start_revision(result=scenario.verified, by=scenario.admin)
    revision = services.update_result_draft(
        result=revision, version=revision.version, by=scenario.admin, value=Decimal("2.10"), cited=new_document()
    )
    revision = services.submit_result(result=revision, version=revision.version, by=scenario.admin)

    services.verify_result(result=revision, version=revision.version, by=scenario.staff)

    assert reload(revision).state == ReviewState.VERIFIED
    assert reload(scenario.verified).state == ReviewState.SUPERSEDED
    assert reload(revision).revises == scenario.verified
    published = Result.objects.published().get(regency=scenario.regency, year=2021)
    assert published.value == Decimal("2.10")


def test_a_published_value_stays_public_until_its_revision_is_verified(scenario):
    revision = services.start_revision(result=scenario.verified, by=scenario.admin)
    services.update_result_draft(
        result=revision, version=revision.version, by=scenario.admin, value=Decimal("3.00"), cited=new_document()
    )

    published = Result.objects.published().get(regency=scenario.regency, year=2021)

    assert published.value == Decimal("1.90")


def test_verification_without_a_cited_source_creates_a_verified_entry_source(scenario):
    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    source = reload(scenario.submitted).source
    assert source.kind == SourceKind.VERIFIED_ENTRY
    assert scenario.regency.display_name in source.title
    assert "2022" in source.title
    assert source.published_on == timezone.localdate()


def test_verification_keeps_the_source_the_admin_cited(scenario):
    cited = services.CitedSource(
        title="KepmenPANRB 1/2024", published_on=date(2024, 1, 31), publisher="Kementerian PANRB"
    )
    draft = services.update_result_draft(
        result=scenario.draft, version=scenario.draft.version, by=scenario.admin, value=Decimal("2.20"), cited=cited
    )
    draft = services.submit_result(result=draft, version=draft.version, by=scenario.admin)

    services.verify_result(result=draft, version=draft.version, by=scenario.staff)

    assert reload(draft).source.title == "KepmenPANRB 1/2024"


def test_verifying_a_result_also_publishes_its_submitted_target(scenario):
    services.save_target_draft(regency=scenario.regency, year=2023, value=Decimal("2.80"), by=scenario.admin)
    draft = services.submit_result(result=scenario.draft, version=scenario.draft.version, by=scenario.admin)

    services.verify_result(result=draft, version=draft.version, by=scenario.staff)

    assert Target.objects.published().get(regency=scenario.regency, year=2023).value == Decimal("2.80")


def test_returning_needs_a_comment(scenario):
    with pytest.raises(ValidationError):
        services.return_result(
            result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff, comment="  "
        )

    assert reload(scenario.submitted).state == ReviewState.SUBMITTED


@pytest.mark.parametrize("kind", KINDS)
def test_returning_without_a_comment_shows_the_message_next_to_the_field(client, scenario, kind):
    submitted = records_of(kind, scenario).submitted
    client.force_login(scenario.staff)

    response = client.post(
        reverse(f"entry:{kind}_return", kwargs={"pk": submitted.pk}),
        {"version": submitted.version, "comment": ""},
    )

    assert response.status_code == 400
    assert "Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki." in response.content.decode()
    assert reload(submitted).state == ReviewState.SUBMITTED


def test_a_returned_entry_shows_the_comment_and_can_be_corrected_and_resubmitted(client, scenario):
    services.return_result(
        result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff, comment="Lampirkan SK."
    )
    client.force_login(scenario.admin)
    returned = reload(scenario.submitted)

    page = client.get(reverse("entry:result_detail", kwargs={"pk": returned.pk})).content.decode()
    client.post(
        reverse("entry:result_edit", kwargs={"pk": returned.pk}),
        result_post(value="2,45", version=str(returned.version)),
    )
    corrected = reload(returned)
    client.post(reverse("entry:result_submit", kwargs={"pk": returned.pk}), {"version": corrected.version})

    assert "Lampirkan SK." in page
    assert corrected.value == Decimal("2.45")
    assert reload(returned).state == ReviewState.SUBMITTED


def test_a_verified_result_cannot_be_edited_in_place(scenario):
    with pytest.raises(ValidationError):
        services.update_result_draft(
            result=scenario.verified, version=scenario.verified.version, by=scenario.staff, value=Decimal("4.00")
        )

    assert reload(scenario.verified).value == Decimal("1.90")


def test_a_stale_version_is_refused_and_reports_the_current_row(scenario):
    first = Result.objects.get(pk=scenario.draft.pk)
    second = Result.objects.get(pk=scenario.draft.pk)
    services.update_result_draft(result=first, version=first.version, by=scenario.admin, value=Decimal("2.10"))

    with pytest.raises(services.ConcurrentEdit) as refused:
        services.update_result_draft(result=second, version=second.version, by=scenario.staff, value=Decimal("3.30"))

    assert refused.value.current.value == Decimal("2.10")
    assert reload(scenario.draft).value == Decimal("2.10")


def test_the_second_of_two_simultaneous_edits_is_refused_with_the_other_persons_change(client, scenario):
    read_version = scenario.draft.version
    client.force_login(scenario.staff)
    client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(value="2,10", version=str(read_version)),
    )
    client.force_login(scenario.admin)

    response = client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(value="3,30", version=str(read_version)),
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert f"sudah diubah oleh {scenario.staff.username}" in html
    assert "indeks sekarang 2,10" in html
    assert reload(scenario.draft).value == Decimal("2.10")


@pytest.mark.parametrize("kind", KINDS)
def test_a_stale_submit_is_refused(client, scenario, kind):
    draft = records_of(kind, scenario).draft
    client.force_login(scenario.admin)
    type(draft).objects.filter(pk=draft.pk).update(version=draft.version + 1)  # someone saved it meanwhile

    html = client.post(
        reverse(f"entry:{kind}_submit", kwargs={"pk": draft.pk}), {"version": draft.version}, follow=True
    ).content.decode()

    assert reload(draft).state == ReviewState.DRAFT
    assert "sudah diubah oleh" in html


def test_every_step_is_recorded_in_the_history_with_who(client, scenario):
    client.force_login(scenario.admin)
    client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(value="2,10", version=str(scenario.draft.version)),
    )
    client.post(reverse("entry:result_submit", kwargs={"pk": scenario.draft.pk}), {"version": 2})
    client.force_login(scenario.staff)
    client.post(reverse("entry:result_verify", kwargs={"pk": scenario.draft.pk}), {"version": 3})

    records = list(scenario.draft.history.order_by("history_date", "history_id"))
    assert [record.state for record in records[-3:]] == ["draft", "submitted", "verified"]
    assert [record.history_user for record in records[-3:]] == [scenario.admin, scenario.admin, scenario.staff]
    assert records[-3].value == Decimal("2.10")


def test_staff_see_the_history_page_with_old_and_new_values(client, scenario):
    services.update_result_draft(
        result=scenario.draft, version=scenario.draft.version, by=scenario.admin, value=Decimal("2.10")
    )
    client.force_login(scenario.staff)

    html = client.get(reverse("entry:result_history", kwargs={"pk": scenario.draft.pk})).content.decode()

    assert "Indeks: 2,00 → 2,10" in html


def test_membership_changes_are_recorded_in_the_history(scenario):
    membership = Membership.objects.get(user=scenario.admin)
    membership.regency = scenario.other_regency
    membership.save()

    assert [record.regency_id for record in membership.history.order_by("history_date")] == [
        scenario.regency.pk,
        scenario.other_regency.pk,
    ]


def test_queue_lists_submissions_with_the_published_value_beside_the_new_one(client, scenario):
    ResultFactory(regency=scenario.regency, year=2020, framework=scenario.framework, value=Decimal("1.50"))
    client.force_login(scenario.staff)

    html = client.get(reverse("entry:queue")).content.decode()

    row = html[html.index(scenario.regency.display_name) :]
    row = row[: row.index("</tr>")]
    assert "1,90" in row  # the latest earlier published value (2021) beside the submitted 2022 value
    assert "2,40" in row


@pytest.mark.django_db
def test_the_queue_runs_the_same_queries_whatever_the_number_of_submissions(client, django_assert_num_queries):
    staff = StaffUserFactory()
    client.force_login(staff)

    def submit_some(count):
        for _ in range(count):
            result = ResultFactory(state=ReviewState.SUBMITTED, source=None, year=2023)
            ResultFactory(regency=result.regency, year=2022, framework=result.framework)
            TargetFactory(regency=result.regency, year=2023, state=ReviewState.SUBMITTED, source=None)

    submit_some(2)
    # Eight: the six of before, the related-index values awaiting review and the targets submitted on their own
    # (one query each, however many).
    with django_assert_num_queries(8):
        client.get(reverse("entry:queue"))
    submit_some(15)
    with django_assert_num_queries(8):
        assert client.get(reverse("entry:queue")).status_code == 200


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_whatever_the_number_of_results(client, django_assert_num_queries):
    admin = regency_admin()
    regency = admin.membership.regency
    client.force_login(admin)
    ResultFactory(regency=regency, year=2019)

    # Thirteen since the list is paged (issue 26): the session, the user, the staff group, the membership and its
    # regency; the results' open counts with their count, and their page; five for the self-assessment
    # workspaces' table (frameworks with their indicator counts, the regencies' count and page, the filled levels
    # per regency and year, the self-assessments); one for the targets entered on their own.
    with django_assert_num_queries(13):
        client.get(reverse("entry:list"))
    for year in range(2020, 2025):
        ResultFactory(regency=regency, year=year)
        TargetFactory(regency=regency, year=year + 10, state=ReviewState.DRAFT, source=None)
    with django_assert_num_queries(13):
        assert client.get(reverse("entry:list")).status_code == 200


def test_a_forged_regency_on_the_edit_form_is_ignored(client, scenario):
    client.force_login(scenario.admin)

    client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(regency=str(scenario.other_regency.pk), value="2,20", version=str(scenario.draft.version)),
    )

    draft = reload(scenario.draft)
    assert draft.regency == scenario.regency
    assert draft.value == Decimal("2.20")
    assert not Result.objects.filter(regency=scenario.other_regency).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_a_regency_admin_cannot_verify_their_own_submission(client, scenario, kind):
    submitted = records_of(kind, scenario).submitted
    client.force_login(scenario.admin)

    response = client.post(reverse(f"entry:{kind}_verify", kwargs={"pk": submitted.pk}), {"version": submitted.version})

    assert response.status_code == 403
    assert reload(submitted).state == ReviewState.SUBMITTED
