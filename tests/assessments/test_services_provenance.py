"""Sources through the services: a revision keeps the sources of the values it leaves unchanged, a changed value
needs its own, a new source names its publisher and no future date, a target cites its own source and can be
reviewed on its own, verified entries are cited without accounts or numbers, and migration 0010 repairs old rows."""

from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments import selectors, services
from assessments.models import Result, ReviewState, Source, SourceKind, Target
from assessments.services.common import verified_entry_source
from tests.entry_helpers import build_scenario, database_state, new_document
from tests.factories import SourceFactory

RPJMD = services.CitedSource(
    title="RPJMD 2021-2026",
    published_on=date(2021, 9, 1),
    publisher="Pemerintah Kabupaten",
    kind=SourceKind.REGIONAL_DOCUMENT,
    reference="Perda 5/2021",
)


@pytest.fixture
def scenario(db):
    return build_scenario()


def reload(row):
    return type(row).objects.get(pk=row.pk)


def target_input(regency, year, value):
    current = Target.objects.current_for(regency, year)
    return services.TargetInput(
        value=Decimal(value), revision=current.pk if current else None, version=current.version if current else None
    )


def revise(scenario, **fields):
    revision = services.start_revision(result=scenario.verified, by=scenario.admin)
    fields.setdefault("value", revision.value)
    return services.save_result_entry(
        result=revision, version=revision.version, by=scenario.admin, levels=None, **fields
    )


def test_a_revision_starts_from_the_revised_rows_value_source_and_evidence(scenario):
    revision = services.start_revision(result=scenario.verified, by=scenario.admin)

    assert (revision.value, revision.source, revision.revises) == (
        scenario.verified.value,
        scenario.verified.source,
        scenario.verified,
    )


def test_revising_only_the_target_keeps_the_results_decree_and_cites_the_targets_own_source(scenario):
    decree = scenario.verified.source

    revision = revise(scenario, target=target_input(scenario.regency, 2021, "2.60"), target_cited=RPJMD)
    revision = services.submit_result(result=revision, version=revision.version, by=scenario.admin)
    services.verify_result(result=revision, version=revision.version, by=scenario.staff)

    assert Result.objects.published().get(regency=scenario.regency, year=2021).source == decree
    target = Target.objects.published().get(regency=scenario.regency, year=2021)
    assert (target.value, target.source.title, target.source.kind) == (
        Decimal("2.60"),
        "RPJMD 2021-2026",
        SourceKind.REGIONAL_DOCUMENT,
    )
    assert target.source.reference == "Perda 5/2021"


def test_an_unchanged_target_keeps_its_source_when_only_the_index_changes(scenario):
    target_source = Target.objects.published().get(regency=scenario.regency, year=2021).source

    revision = revise(scenario, value=Decimal("2.05"), cited=new_document())

    assert reload(revision).source.title == "KepmenPANRB 2/2024"
    assert Target.objects.current_for(scenario.regency, 2021).source == target_source


def test_a_changed_index_under_the_published_source_is_refused_and_nothing_is_written(scenario):
    revision = services.start_revision(result=scenario.verified, by=scenario.admin)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.save_result_entry(
            result=revision, version=revision.version, by=scenario.admin, value=Decimal("2.05"), levels=None
        )

    assert refused.value.message_dict["source_title"] == [
        f"Indeks berubah dari 1,90 menjadi 2,05, tetapi sumbernya masih sumber nilai yang terbit "
        f"({scenario.verified.source.title}). Sebutkan sumber yang memuat nilai baru."
    ]
    assert database_state() == before


def test_a_changed_target_under_the_published_source_is_refused(scenario):
    revision = services.start_revision(result=scenario.verified, by=scenario.admin)
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.save_result_entry(
            result=revision,
            version=revision.version,
            by=scenario.admin,
            value=revision.value,
            levels=None,
            target=target_input(scenario.regency, 2021, "2.60"),
        )

    assert refused.value.message_dict["target_source_title"][0].startswith("Target berubah dari 2,20 menjadi 2,60")
    assert database_state() == before


def test_a_changed_value_first_cited_as_a_verified_entry_drops_that_citation(scenario):
    entry = verified_entry_source(regency=scenario.regency, what="Hasil evaluasi resmi", year=2021, on=date(2024, 3, 3))
    Result.objects.filter(pk=scenario.verified.pk).update(source=entry)
    scenario.verified.refresh_from_db()

    revision = revise(scenario, value=Decimal("2.05"))

    assert reload(revision).source is None


def test_a_new_source_without_its_publisher_is_refused(scenario):
    with pytest.raises(ValidationError) as refused:
        services.update_result_draft(
            result=scenario.draft,
            version=scenario.draft.version,
            by=scenario.admin,
            value=Decimal("2.10"),
            cited=services.CitedSource(title="SK tanpa penerbit", published_on=date(2024, 1, 2)),
        )

    assert "source_publisher" in refused.value.message_dict
    assert not Source.objects.filter(title="SK tanpa penerbit").exists()


def test_a_source_dated_after_today_is_refused(scenario):
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        services.save_target_draft(
            regency=scenario.regency,
            year=2030,
            value=Decimal("3.00"),
            by=scenario.admin,
            cited=services.CitedSource(title="RPJMD masa depan", published_on=tomorrow, publisher="Bappeda"),
        )

    assert refused.value.message_dict["target_source_date"] == ["Tanggal sumber tidak boleh di masa depan."]
    assert not Target.objects.filter(year=2030).exists()


def test_a_source_on_file_is_reused_by_title_and_date_without_its_publisher(scenario):
    on_file = scenario.verified.source

    result = services.update_result_draft(
        result=scenario.draft,
        version=scenario.draft.version,
        by=scenario.admin,
        value=Decimal("2.10"),
        cited=services.CitedSource(title=on_file.title, published_on=on_file.published_on),
    )

    assert result.source == on_file
    assert reload(on_file).publisher == on_file.publisher


def test_a_verified_entry_is_cited_by_regency_what_and_year_without_accounts(scenario):
    services.verify_result(result=scenario.submitted, version=scenario.submitted.version, by=scenario.staff)

    source = reload(scenario.submitted).source
    assert source.title == f"Entri {scenario.regency.display_name}: Hasil evaluasi resmi 2022"
    assert source.publisher == services.VERIFYING_PUBLISHER
    assert scenario.admin.get_username() not in f"{source.title} {source.note}"
    assert scenario.staff.get_username() not in f"{source.title} {source.note}"
    assert "#" not in source.title


def test_a_future_target_goes_through_its_own_review(scenario):
    target = services.save_target_draft(
        regency=scenario.regency, year=2030, value=Decimal("3.50"), by=scenario.admin, cited=RPJMD
    )
    target = services.submit_target(target=target, version=target.version, by=scenario.admin)

    services.verify_target(target=target, version=target.version, by=scenario.staff)

    published = Target.objects.published().get(regency=scenario.regency, year=2030)
    assert (published.value, published.source.title) == (Decimal("3.50"), "RPJMD 2021-2026")
    assert not Result.objects.filter(regency=scenario.regency, year=2030).exists()


def test_the_revision_comparison_names_what_changes(scenario):
    revision = revise(scenario, target=target_input(scenario.regency, 2021, "2.60"), target_cited=RPJMD)

    changes = {change.label: change for change in selectors.revision_changes(reload(revision))}

    assert not changes["Indeks"].changed
    assert not changes["Sumber indeks"].changed
    assert (changes["Target"].old, changes["Target"].new) == (Decimal("2.20"), Decimal("2.60"))
    assert changes["Sumber target"].changed
    assert changes["Sumber target"].new.title == "RPJMD 2021-2026"


def test_sources_on_file_are_the_regencys_of_the_year_and_the_years_decrees(scenario):
    decree = SourceFactory(kind=SourceKind.DECREE, published_on=date(2022, 5, 1))
    news_elsewhere = SourceFactory(kind=SourceKind.NEWS, published_on=date(2021, 5, 1))
    entry = verified_entry_source(regency=scenario.regency, what="Target", year=2021, on=date(2024, 1, 1))
    Target.objects.filter(regency=scenario.regency, year=2021).update(source=entry)

    offered = list(selectors.sources_on_file(regency=scenario.regency, year=2021))

    assert scenario.verified.source in offered
    assert decree in offered
    assert news_elsewhere not in offered
    assert entry not in offered


def test_migration_0010_retitles_verified_entries_and_restores_a_kept_decree(scenario):
    migration = import_module("assessments.migrations.0013_source_provenance")
    decree = scenario.verified.source
    old_entry = Source.objects.create(
        title=f"Entri terverifikasi: X 2021 (Hasil evaluasi resmi), revisi #{scenario.verified.pk + 1} oleh budi",
        publisher=services.VERIFYING_PUBLISHER,
        kind=SourceKind.VERIFIED_ENTRY,
        published_on=date(2025, 3, 3),
        note="Diverifikasi oleh budi.",
    )
    Result.objects.filter(pk=scenario.verified.pk).update(state=ReviewState.SUPERSEDED)
    # The bug: the revision changed only the target, yet was published under a new "verified entry" citation.
    lost = Result.objects.create(
        regency=scenario.regency,
        year=2021,
        kind="official",
        framework=scenario.framework,
        value=scenario.verified.value,
        source=old_entry,
        revises=scenario.verified,
        state=ReviewState.VERIFIED,
    )
    other = Result.objects.create(
        regency=scenario.regency,
        year=2019,
        kind="official",
        framework=scenario.framework,
        value=Decimal("1.50"),
        source=Source.objects.create(
            title="Entri terverifikasi: X 2019, revisi #3 oleh budi",
            publisher=services.VERIFYING_PUBLISHER,
            kind=SourceKind.VERIFIED_ENTRY,
            published_on=date(2025, 3, 3),
            note="Diverifikasi oleh budi.",
        ),
        state=ReviewState.VERIFIED,
    )
    typed = SourceFactory(note="Disebut oleh budi saat entri.")
    sourced_before = Result.objects.filter(source__isnull=False).count()

    migration.forwards(apps, None)

    assert reload(lost).source == decree
    retitled = reload(other).source
    assert (retitled.title, retitled.note) == (f"Entri {scenario.regency.display_name}: Hasil evaluasi resmi 2019", "")
    assert "budi" not in reload(typed).note
    assert Result.objects.filter(source__isnull=False).count() == sourced_before
    assert not Source.objects.filter(title__contains="revisi #").exclude(pk=old_entry.pk).exists()


def test_before_a_regency_is_named_only_the_years_decrees_are_offered(scenario):
    decree = SourceFactory(kind=SourceKind.DECREE, published_on=date(2022, 5, 1))

    offered = list(selectors.sources_on_file(regency=None, year=2021))

    assert decree in offered
    assert all(source.kind == SourceKind.DECREE for source in offered)
