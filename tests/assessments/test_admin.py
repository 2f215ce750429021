"""The admin is no back door: values the review workflow owns are read-only there, for everyone."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Framework, Result, ResultKind, Target
from regencies.models import StatusFlag
from tests.factories import FollowUpFactory, StaffUserFactory, UserFactory


@pytest.fixture
def kupang_2021(reference_data) -> Result:
    return Result.objects.published().get(regency__code="53.01", year=2021, kind=ResultKind.OFFICIAL)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def change_url(instance) -> str:
    meta = instance._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])


def changed_result_post(result: Result) -> dict:
    """Every field of the stock change form, with the published 1,60 turned into 4,99."""
    return {
        "regency": result.regency_id,
        "year": result.year,
        "kind": result.kind,
        "framework": result.framework_id,
        "value": "4.99",
        "evaluated": "on",
        "source": result.source_id,
        "state": "verified",
        "note": "",
        "review_comment": "",
        "indicator_levels-TOTAL_FORMS": "0",
        "indicator_levels-INITIAL_FORMS": "0",
        "_save": "Simpan",
    }


def profile_html(client) -> str:
    return client.get(reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})).content.decode()


def test_staff_cannot_change_a_published_value_in_the_admin(client, kupang_2021):
    client.force_login(StaffUserFactory())

    response = client.post(change_url(kupang_2021), changed_result_post(kupang_2021))

    assert response.status_code == 403
    assert Result.objects.get(pk=kupang_2021.pk).value == Decimal("1.60")
    client.logout()
    html = profile_html(client)
    assert "1,60" in html
    assert "4,99" not in html


def test_a_superuser_cannot_change_a_verified_value_either(client, kupang_2021, superuser):
    client.force_login(superuser)

    response = client.post(change_url(kupang_2021), changed_result_post(kupang_2021))

    assert response.status_code == 403
    assert Result.objects.get(pk=kupang_2021.pk).value == Decimal("1.60")


def test_the_change_page_shows_the_result_read_only_with_the_way_to_change_it(client, kupang_2021):
    client.force_login(StaffUserFactory())

    response = client.get(change_url(kupang_2021))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="value"' not in html
    assert 'name="state"' not in html
    assert 'name="_save"' not in html
    assert "Nilai hanya berubah lewat revisi baru di ruang entri" in html
    assert reverse("entry:result_detail", kwargs={"pk": kupang_2021.pk}) in html


@pytest.mark.parametrize("model", ["result", "target", "followup", "statusflag"])
def test_nobody_adds_workflow_rows_in_the_admin(client, reference_data, superuser, model):
    client.force_login(superuser)
    app = "regencies" if model == "statusflag" else "assessments"

    assert client.get(reverse(f"admin:{app}_{model}_add")).status_code == 403


def test_nobody_deletes_a_target_in_the_admin(client, reference_data, superuser):
    target = Target.objects.published().filter(regency__code="53.01").first()
    client.force_login(superuser)

    response = client.post(reverse("admin:assessments_target_delete", args=[target.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Target.objects.filter(pk=target.pk).exists()


def test_a_history_revert_in_the_admin_is_refused(client, kupang_2021, superuser):
    record = kupang_2021.history.first()
    client.force_login(superuser)
    url = reverse("admin:assessments_result_simple_history", args=[kupang_2021.pk, record.history_id])

    response = client.post(url, {"_save": "Simpan"})

    assert response.status_code == 403


def test_a_follow_up_cannot_be_verified_through_the_admin(client, kupang_2021):
    follow_up = FollowUpFactory(result=kupang_2021)
    client.force_login(StaffUserFactory())

    response = client.post(change_url(follow_up), {"recommendation": follow_up.recommendation, "state": "verified"})

    assert response.status_code == 403
    assert not follow_up.__class__.objects.get(pk=follow_up.pk).is_published


def test_status_flags_are_shown_but_set_only_in_the_workspace(client, reference_data):
    flag = StatusFlag.objects.first()
    client.force_login(StaffUserFactory())

    assert client.get(change_url(flag)).status_code == 200
    assert client.post(change_url(flag), {"note": "diubah"}).status_code == 403
    assert StatusFlag.objects.get(pk=flag.pk).note != "diubah"


def test_staff_read_frameworks_but_only_superusers_change_them(client, reference_data, superuser):
    framework = Framework.objects.get(code="PermenPANRB-59-2020")
    client.force_login(StaffUserFactory())
    staff_page = client.get(change_url(framework)).content.decode()
    staff_post = client.post(change_url(framework), {"name": "Diubah staf"})
    client.force_login(superuser)
    superuser_page = client.get(change_url(framework)).content.decode()

    assert 'name="_save"' not in staff_page
    assert staff_post.status_code == 403
    assert Framework.objects.get(pk=framework.pk).name != "Diubah staf"
    assert 'name="_save"' in superuser_page
    assert 'name="bands-0-lower_bound"' in superuser_page


def test_the_source_a_published_value_cites_is_read_only(client, kupang_2021, superuser):
    client.force_login(superuser)
    source = kupang_2021.source

    response = client.post(change_url(source), {"title": "Judul lain", "publisher": "x", "kind": "news"})

    assert response.status_code == 403
    assert type(source).objects.get(pk=source.pk).title == source.title


def test_a_related_index_value_is_read_only_in_the_admin_with_the_way_to_change_it(client, reference_data, superuser):
    from assessments.models import RelatedIndexValue

    fact = RelatedIndexValue.objects.published().get(regency__code="53.04")  # Belu's KIP 79,9
    client.force_login(superuser)

    page = client.get(change_url(fact)).content.decode()
    refused = client.post(change_url(fact), {"value": "1", "category": "Informatif", "_save": "Simpan"})
    adding = client.get(reverse("admin:assessments_relatedindexvalue_add"))

    assert 'name="value"' not in page
    assert reverse("entry:related_detail", kwargs={"pk": fact.pk}) in page
    assert refused.status_code == 403
    assert adding.status_code == 403
    fact.refresh_from_db()
    assert (fact.value, fact.category) == (Decimal("79.9"), "Cukup Informatif")


@pytest.mark.django_db
def test_a_submitted_self_assessments_evidence_cannot_be_deleted_in_the_admin(client, media_root):
    """The admin deleted the row and left the file on disk, under a workspace already submitted for review; its
    evidence now changes only in the workspace, whose service removes the file and refuses once submitted."""
    from assessments import services
    from assessments.models import EvidenceFile
    from assessments.services.self_assessment import version_total
    from tests.workspace_helpers import build_workspace, self_rows, upload

    ws = build_workspace()
    for number, indicator in enumerate(ws.indicators, 1):
        services.save_indicator_assessment(
            regency=ws.regency,
            year=2023,
            indicator=indicator,
            level=3,
            explanation="Perbup 12/2023.",
            by=ws.admin,
            version=0,
            uploads=[upload("sk-tim-spbe.pdf")] if number == 1 else (),
        )
    services.submit_self_assessment(
        regency=ws.regency, year=2023, seen_versions=version_total(self_rows(ws.regency, 2023)), by=ws.admin
    )
    evidence = EvidenceFile.objects.get()
    stored = media_root / evidence.file.name
    assert stored.exists()
    client.force_login(ws.staff)
    delete = reverse("admin:assessments_evidencefile_delete", args=[evidence.pk])
    changelist = reverse("admin:assessments_evidencefile_changelist")

    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(changelist, {"action": "delete_selected", "_selected_action": [evidence.pk], "post": "yes"})

    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert stored.exists()
    assert client.get(change_url(evidence)).status_code == 200  # still shown, read-only


def test_the_source_of_a_published_status_flag_is_read_only_in_the_admin(client, db, superuser):
    """It could be rewritten there, with no history and formula text allowed."""
    from tests.factories import StatusFlagFactory

    flag = StatusFlagFactory()
    source = flag.source
    client.force_login(superuser)

    page = client.get(change_url(source)).content.decode()
    refused = client.post(
        change_url(source),
        {"title": '=HYPERLINK("http://x","y")', "publisher": "x", "kind": "news", "published_on": "2025-02-10"},
    )

    assert 'name="_save"' not in page
    assert refused.status_code == 403
    assert type(source).objects.get(pk=source.pk).title == source.title


def test_the_source_of_an_official_level_is_read_only_in_the_admin(client, db, superuser):
    from tests.factories import IndicatorAssessmentFactory, SourceFactory

    source = SourceFactory()
    IndicatorAssessmentFactory(stage="official", level=3, source=source)
    client.force_login(superuser)

    refused = client.post(
        change_url(source), {"title": "Judul lain", "publisher": "x", "kind": "news", "published_on": "2025-02-10"}
    )
    deleted = client.post(reverse("admin:assessments_source_delete", args=[source.pk]), {"post": "yes"})

    assert refused.status_code == 403
    assert deleted.status_code == 403
    assert type(source).objects.get(pk=source.pk).title == source.title


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", '=HYPERLINK("http://x","y")', "Teks tidak boleh diawali =, +, - atau @"),
        ("publisher", "@Penerbit", "Teks tidak boleh diawali =, +, - atau @"),
        ("published_on", "0001-01-01", "Tanggal sumber sebelum 2000 tidak mungkin untuk data SPBE"),
    ],
)
def test_a_source_added_in_the_admin_obeys_the_citation_rules(client, db, superuser, field, value, message):
    from assessments.models import Source

    client.force_login(superuser)
    data = {"title": "Keputusan uji", "publisher": "Kementerian PANRB", "kind": "decree", "published_on": "2024-02-01"}

    response = client.post(reverse("admin:assessments_source_add"), {**data, field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Source.objects.exists()
