"""Provenance in the entry workspace: "Mulai revisi" asks first, the revision's form starts from the published
values and sources, sources are described with their publisher or picked from those on file, a changed value
needs its own source, staff see what a revision changes, and a target can be entered on its own."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Result, ReviewState, Source, SourceKind, Target
from tests.entry_helpers import build_scenario, database_state, result_post
from tests.factories import SourceFactory, StaffUserFactory
from tests.review_kinds import KINDS, records_of


@pytest.fixture
def scenario(db):
    return build_scenario()


def open_revision(scenario) -> Result:
    return Result.objects.open().get(regency=scenario.regency, year=2021)


def start_revision(client, scenario) -> Result:
    client.post(reverse("entry:result_revise", kwargs={"pk": scenario.verified.pk}))
    return open_revision(scenario)


def edit_post(revision, published_target, **fields) -> dict:
    """What the revision's form posts when submitted as shown (sources picked as pre-filled), with `fields`."""
    data = result_post(
        year=str(revision.year),
        value=str(revision.value).replace(".", ","),
        version=str(revision.version),
        source_choice=str(revision.source_id),
        target=str(published_target.value).replace(".", ","),
        target_revision=str(published_target.pk),
        target_version=str(published_target.version),
        target_source_choice=str(published_target.source_id),
    )
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("kind", KINDS)
def test_mulai_revisi_asks_before_creating_anything(client, scenario, kind):
    published = records_of(kind, scenario).verified
    client.force_login(scenario.admin)
    before = database_state()

    response = client.get(reverse(f"entry:{kind}_revise", kwargs={"pk": published.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ya, buat revisi" in page
    assert (published.source.title if kind != "related" else published.source_title) in page
    assert database_state() == before


@pytest.mark.parametrize("kind", KINDS)
def test_the_detail_page_links_to_the_confirmation_instead_of_posting(client, scenario, kind):
    published = records_of(kind, scenario).verified
    client.force_login(scenario.admin)

    page = client.get(published.review_url()).content.decode()

    url = reverse(f"entry:{kind}_revise", kwargs={"pk": published.pk})
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page


@pytest.mark.parametrize("kind", KINDS)
def test_a_double_post_creates_one_revision_and_opens_it(client, scenario, kind):
    published = records_of(kind, scenario).verified
    client.force_login(scenario.admin)
    url = reverse(f"entry:{kind}_revise", kwargs={"pk": published.pk})

    first = client.post(url)
    second = client.post(url, {"version": published.version})

    revision = published.open_revision()
    assert type(published).objects.filter(regency=scenario.regency, year=published.year).count() == 2
    assert first["Location"] == second["Location"] == reverse(f"entry:{kind}_edit", kwargs={"pk": revision.pk})


@pytest.mark.parametrize("kind", KINDS)
def test_mulai_revisi_on_a_record_with_an_open_revision_opens_that_revision(client, scenario, kind):
    published = records_of(kind, scenario).verified
    client.force_login(scenario.admin)
    client.post(reverse(f"entry:{kind}_revise", kwargs={"pk": published.pk}))
    revision = published.open_revision()

    asked = client.get(reverse(f"entry:{kind}_revise", kwargs={"pk": published.pk}))
    page = client.get(published.review_url()).content.decode()

    assert asked["Location"] == revision.review_url()
    assert "Revisi yang sedang dikerjakan" in page
    assert "Mulai revisi" not in page


def test_the_revision_form_is_prefilled_with_the_published_values_and_sources(client, scenario):
    client.force_login(scenario.admin)
    revision = start_revision(client, scenario)

    form = client.get(reverse("entry:result_edit", kwargs={"pk": revision.pk})).context["form"]

    target = Target.objects.published().get(regency=scenario.regency, year=2021)
    assert form.initial["value"] == Decimal("1.90")
    assert form.initial["source_choice"] == scenario.verified.source.pk
    assert form.initial["target"] == target.value
    assert form.initial["target_source_choice"] == target.source_id
    assert scenario.verified.source in form.fields["source_choice"].queryset


def test_revising_only_the_target_keeps_the_decree(client, scenario):
    client.force_login(scenario.admin)
    revision = start_revision(client, scenario)
    target = Target.objects.published().get(regency=scenario.regency, year=2021)

    response = client.post(
        reverse("entry:result_edit", kwargs={"pk": revision.pk}),
        edit_post(
            revision,
            target,
            target="2,60",
            target_source_choice="",
            target_source_title="Perjanjian Kinerja 2021",
            target_source_publisher="Pemerintah Kabupaten",
            target_source_kind="regional_document",
            target_source_reference="PK/1/2021",
            target_source_date="2021-02-01",
        ),
    )

    assert response.status_code == 302
    assert Result.objects.get(pk=revision.pk).source == scenario.verified.source
    draft = Target.objects.open().get(regency=scenario.regency, year=2021)
    assert (draft.value, draft.source.title, draft.source.publisher, draft.source.kind, draft.source.reference) == (
        Decimal("2.60"),
        "Perjanjian Kinerja 2021",
        "Pemerintah Kabupaten",
        SourceKind.REGIONAL_DOCUMENT,
        "PK/1/2021",
    )


def test_a_changed_value_kept_under_the_published_source_is_refused_next_to_the_field(client, scenario):
    client.force_login(scenario.admin)
    revision = start_revision(client, scenario)
    target = Target.objects.published().get(regency=scenario.regency, year=2021)
    before = database_state()

    response = client.post(
        reverse("entry:result_edit", kwargs={"pk": revision.pk}), edit_post(revision, target, value="2,05")
    )

    errors = response.context["form"].errors["source_title"]
    assert errors[0].startswith(
        "Indeks berubah dari 1,90 menjadi 2,05, tetapi sumbernya masih sumber nilai yang terbit"
    )
    assert database_state() == before


def test_a_source_dated_after_today_is_refused_by_the_form(client, scenario):
    client.force_login(scenario.admin)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = database_state()

    response = client.post(
        reverse("entry:result_create"),
        result_post(
            regency=str(scenario.regency.pk),
            year="2020",
            source_title="SK masa depan",
            source_publisher="Kementerian PANRB",
            source_date=tomorrow,
        ),
    )

    assert response.context["form"].errors["source_date"] == ["Tanggal sumber tidak boleh di masa depan."]
    assert database_state() == before


def test_a_new_source_needs_its_publisher_which_is_never_the_regency(client, scenario):
    client.force_login(scenario.admin)

    response = client.post(
        reverse("entry:result_create"),
        result_post(
            regency=str(scenario.regency.pk), year="2020", source_title="KepmenPANRB 9/2021", source_date="2021-03-01"
        ),
    )
    assert response.context["form"].errors["source_publisher"] == [
        "Sebutkan penerbit sumber (mis. Kementerian PANRB), bukan wilayah yang mengisi."
    ]

    client.post(
        reverse("entry:result_create"),
        result_post(
            regency=str(scenario.regency.pk),
            year="2020",
            source_title="KepmenPANRB 9/2021",
            source_date="2021-03-01",
            source_publisher="Kementerian PANRB",
            source_kind="decree",
            source_reference="9/2021",
            source_url="https://menpan.go.id/sk-9-2021",
        ),
    )
    source = Result.objects.get(regency=scenario.regency, year=2020).source
    assert (source.publisher, source.kind, source.reference, source.url) == (
        "Kementerian PANRB",
        SourceKind.DECREE,
        "9/2021",
        "https://menpan.go.id/sk-9-2021",
    )
    assert source.publisher != scenario.regency.display_name


def test_a_source_on_file_is_picked_from_the_list_instead_of_typed_again(client, scenario):
    client.force_login(scenario.admin)
    decree = SourceFactory(kind=SourceKind.DECREE, published_on=scenario.verified.source.published_on)

    client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(version=str(scenario.draft.version), value="2,10", source_choice=str(decree.pk)),
    )

    assert Result.objects.get(pk=scenario.draft.pk).source == decree


def test_picking_and_typing_a_source_at_once_is_refused(client, scenario):
    client.force_login(scenario.admin)

    response = client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(
            version=str(scenario.draft.version),
            source_choice=str(scenario.verified.source.pk),
            source_title="Judul lain",
            source_date="2024-01-01",
        ),
    )

    assert response.context["form"].errors["source_title"] == [
        "Pilih sumber dari daftar atau tulis sumber baru, bukan keduanya."
    ]


def test_another_regencys_source_cannot_be_picked(client, scenario):
    client.force_login(scenario.admin)
    elsewhere = SourceFactory(kind=SourceKind.NEWS)
    from tests.factories import ResultFactory

    ResultFactory(regency=scenario.other_regency, year=2023, framework=scenario.framework, source=elsewhere)

    response = client.post(
        reverse("entry:result_edit", kwargs={"pk": scenario.draft.pk}),
        result_post(version=str(scenario.draft.version), source_choice=str(elsewhere.pk)),
    )

    assert response.context["form"].errors["source_choice"] == ["Pilih sumber dari daftar."]


def test_staff_see_what_a_revision_changes_before_verifying(client, scenario, django_assert_max_num_queries):
    client.force_login(scenario.admin)
    revision = start_revision(client, scenario)
    target = Target.objects.published().get(regency=scenario.regency, year=2021)
    client.post(
        reverse("entry:result_edit", kwargs={"pk": revision.pk}),
        edit_post(
            revision,
            target,
            target="2,60",
            target_source_choice="",
            target_source_title="Perjanjian Kinerja 2021",
            target_source_publisher="Pemerintah Kabupaten",
            target_source_date="2021-02-01",
        ),
    )
    client.force_login(scenario.staff)

    with django_assert_max_num_queries(QUERIES_FOR_THE_DETAIL):
        response = client.get(reverse("entry:result_detail", kwargs={"pk": revision.pk}))

    page = response.content.decode()
    assert 'data-testid="revision-changes"' in page
    rows = response.context["changes"]
    assert [(row.label, row.changed) for row in rows] == [
        ("Indeks", False),
        ("Sumber indeks", False),
        ("Target", True),
        ("Sumber target", True),
    ]
    assert "Perjanjian Kinerja 2021" in page


# The result's page: session, user, staff group, the result with its regency, framework, source, evidence and
# revised row, the framework's reference read cold (seven queries, one once kept: entry/selectors/structure.py),
# levels, published and open revisions, target, follow-ups, and the comparison with the published revision (two
# queries), whatever the number of rows.
QUERIES_FOR_THE_DETAIL = 19


def test_the_detail_page_runs_the_same_queries_whatever_the_number_of_revisions(
    client, scenario, django_assert_max_num_queries
):
    client.force_login(scenario.staff)
    url = reverse("entry:result_detail", kwargs={"pk": scenario.submitted.pk})
    with django_assert_max_num_queries(QUERIES_FOR_THE_DETAIL):
        client.get(url)
    for year in range(2018, 2021):
        SourceFactory()
        Target.objects.create(
            regency=scenario.regency,
            year=year,
            value=Decimal("2.00"),
            source=Source.objects.first(),
            state=ReviewState.VERIFIED,
        )
    with django_assert_max_num_queries(QUERIES_FOR_THE_DETAIL):
        assert client.get(url).status_code == 200


def test_an_admin_enters_a_future_target_alone_and_staff_verify_it(client, scenario):
    client.force_login(scenario.admin)

    response = client.post(
        reverse("entry:target_create"),
        {
            "regency": scenario.regency.pk,
            "year": "2026",
            "value": "3,10",
            "target_source_title": "RPJMD 2021-2026",
            "target_source_publisher": "Pemerintah Kabupaten",
            "target_source_kind": "regional_document",
            "target_source_reference": "Perda 5/2021",
            "target_source_date": "2021-09-01",
        },
    )

    target = Target.objects.get(regency=scenario.regency, year=2026)
    assert response["Location"] == reverse("entry:target_detail", kwargs={"pk": target.pk})
    assert (target.state, target.value, target.source.title) == (ReviewState.DRAFT, Decimal("3.10"), "RPJMD 2021-2026")
    client.post(reverse("entry:target_submit", kwargs={"pk": target.pk}), {"version": target.version})
    target.refresh_from_db()
    assert target.state == ReviewState.SUBMITTED
    client.force_login(scenario.staff)
    assert "Target Kabupaten" in client.get(reverse("entry:queue")).content.decode()
    client.post(reverse("entry:target_verify", kwargs={"pk": target.pk}), {"version": target.version})
    assert Target.objects.published().get(regency=scenario.regency, year=2026).value == Decimal("3.10")


def test_a_target_alone_needs_its_source_and_no_future_date(client, scenario):
    client.force_login(scenario.admin)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = database_state()

    missing = client.post(
        reverse("entry:target_create"), {"regency": scenario.regency.pk, "year": "2026", "value": "3,10"}
    )
    future = client.post(
        reverse("entry:target_create"),
        {
            "regency": scenario.regency.pk,
            "year": "2026",
            "value": "3,10",
            "target_source_title": "RPJMD",
            "target_source_publisher": "Bappeda",
            "target_source_date": tomorrow,
        },
    )

    assert missing.context["form"].errors["target_source_title"] == [
        "Sebutkan dokumen yang memuat target ini (RPJMD, Renstra atau perjanjian kinerja)."
    ]
    assert future.context["form"].errors["target_source_date"] == ["Tanggal sumber tidak boleh di masa depan."]
    assert database_state() == before


def test_a_target_alone_for_another_regency_is_forbidden(client, scenario):
    client.force_login(scenario.other_admin)
    before = database_state()

    response = client.post(
        reverse("entry:target_create"),
        {"regency": scenario.regency.pk, "year": "2026", "value": "3,10", "target_source_title": "RPJMD"},
    )

    assert response.status_code == 403
    assert database_state() == before


# session, user, membership with its regency, staff group, the regency choices and the sources on file.
QUERIES_FOR_THE_TARGET_FORM = 8


def test_the_target_form_runs_the_same_queries_whatever_the_number_of_sources(
    client, scenario, django_assert_max_num_queries
):
    client.force_login(scenario.admin)
    with django_assert_max_num_queries(QUERIES_FOR_THE_TARGET_FORM):
        client.get(reverse("entry:target_create"))
    for _ in range(5):
        SourceFactory(kind=SourceKind.DECREE, published_on=timezone.localdate().replace(month=1, day=1))
    with django_assert_max_num_queries(QUERIES_FOR_THE_TARGET_FORM):
        assert client.get(reverse("entry:target_create")).status_code == 200


def test_the_queue_and_the_list_show_targets_alone_in_a_fixed_number_of_queries(
    client, scenario, django_assert_max_num_queries
):
    from tests.factories import TargetFactory

    client.force_login(StaffUserFactory())
    TargetFactory(regency=scenario.regency, year=2026, state=ReviewState.SUBMITTED, source=None)
    with django_assert_max_num_queries(QUERIES_FOR_THE_QUEUE):
        first = client.get(reverse("entry:queue")).content.decode()
    TargetFactory(regency=scenario.other_regency, year=2027, state=ReviewState.SUBMITTED, source=None)
    with django_assert_max_num_queries(QUERIES_FOR_THE_QUEUE):
        second = client.get(reverse("entry:queue")).content.decode()

    assert "2026" in first
    assert "2027" in second


QUERIES_FOR_THE_QUEUE = 9


@pytest.mark.parametrize("field", ["year", "regency"])
def test_a_number_too_large_for_the_database_is_a_form_error_not_a_server_error(client, reference_data, field):
    # Found by the fuzz test: the form's source lists were looked up with the posted number before validation.
    staff = StaffUserFactory()
    client.force_login(staff)

    before = Result.objects.count()

    response = client.post(reverse("entry:result_create"), {field: "9" * 30, "kind": "official"})

    assert response.status_code == 200
    assert Result.objects.count() == before
