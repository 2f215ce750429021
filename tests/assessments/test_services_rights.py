"""Every draft write checks in the service who is writing: another regency's admin is refused (PermissionDenied,
which a view answers with 403) and nothing is written, whatever view or import called it."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments import services
from assessments.models import MessageKind, ResultKind, ReviewMessage, ReviewState
from assessments.services.indicator_evidence import store_indicator_evidence
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state
from tests.factories import (
    IndexFamilyFactory,
    IndicatorAssessmentFactory,
    IndicatorFactory,
    RelatedIndexValueFactory,
    ResultFactory,
)


@pytest.fixture
def scenario(db, media_root):
    return build_scenario()


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("sk.pdf", PDF_BYTES, content_type="application/pdf")


def fact(family) -> services.RelatedIndexFact:
    return services.RelatedIndexFact(
        family=family,
        year=2024,
        value=Decimal("61.20"),
        category="",
        is_target=False,
        source_title="Laporan",
        source_url="",
        source_published_on=date(2024, 5, 1),
        quote="Nilai 61,20.",
    )


def new_entry(s):
    services.save_result_entry(
        regency=s.regency, year=2024, kind=ResultKind.OFFICIAL, by=s.other_admin, value=Decimal("2.00"), levels=None
    )


def edited_entry(s):
    services.save_result_entry(
        result=s.draft, version=s.draft.version, by=s.other_admin, value=Decimal("2.10"), levels=None
    )


def entry_with_target_and_evidence(s):
    services.save_result_entry(
        result=s.draft,
        version=s.draft.version,
        by=s.other_admin,
        value=Decimal("2.00"),
        levels=None,
        target=services.TargetInput(value=Decimal("2.60")),
        evidence_upload=pdf(),
    )


def created_draft(s):
    services.create_result_draft(
        regency=s.regency, year=2024, kind=ResultKind.OFFICIAL, by=s.other_admin, value=Decimal("2.00")
    )


def updated_draft(s):
    services.update_result_draft(result=s.draft, version=s.draft.version, by=s.other_admin, value=Decimal("2.20"))


def deleted_draft(s):
    services.delete_result_draft(result=s.draft, version=s.draft.version, by=s.other_admin)


def target(s):
    services.save_target_draft(regency=s.regency, year=2026, value=Decimal("3.00"), by=s.other_admin)


def new_follow_up(s):
    services.save_follow_up(result=s.verified, by=s.other_admin, fields={"recommendation": "Susun peta rencana."})


def edited_follow_up(s):
    services.save_follow_up(
        result=s.verified,
        by=s.other_admin,
        fields={"recommendation": "Lain"},
        follow_up=s.follow_up,
        version=s.follow_up.version,
    )


def evidence(s):
    services.store_evidence(upload=pdf(), regency=s.regency, by=s.other_admin)


def an_indicator(s):
    return IndicatorFactory(aspect__domain__framework=s.framework)


def indicator_saved(s, indicator):
    services.save_indicator_assessment(
        regency=s.regency, year=2023, indicator=indicator, level=3, explanation="", by=s.other_admin, version=0
    )


def related_new(s, family):
    services.save_related_index_value(fact=fact(family), by=s.other_admin, regency=s.regency)


def a_related_draft(s):
    return RelatedIndexValueFactory(regency=s.regency, state=ReviewState.DRAFT, source_title="Laporan")


def related_edited(s, record):
    services.save_related_index_value(fact=fact(record.family), by=s.other_admin, record=record, version=record.version)


def plan(s, indicator):
    services.save_plan(
        regency=s.verified.regency,
        year=2026,
        framework=s.verified.framework,
        raises=[services.PlannedRaise(indicator=indicator, current=None, target=2)],
        by=s.other_admin,
        submission_key=uuid.uuid4(),
    )


def a_return_comment(s):
    return ReviewMessage.objects.create(
        result=s.submitted,
        kind=MessageKind.RETURN,
        body="Lampirkan SK.",
        author=s.staff,
        author_name="Staf",
        created_at=timezone.now(),
    )


def reply(s, _comment):
    services.reply_to_review(result=s.submitted, by=s.other_admin, body="Sudah.")


# Each write, with what must exist before it (made before the database is compared).
WRITES = [
    (new_entry, None),
    (edited_entry, None),
    (entry_with_target_and_evidence, None),
    (created_draft, None),
    (updated_draft, None),
    (deleted_draft, None),
    (target, None),
    (new_follow_up, None),
    (edited_follow_up, None),
    (evidence, None),
    (indicator_saved, an_indicator),
    (related_new, lambda s: IndexFamilyFactory()),
    (related_edited, a_related_draft),
    (plan, an_indicator),
    (reply, a_return_comment),
]


@pytest.mark.parametrize(("write", "given"), WRITES, ids=[write.__name__ for write, _given in WRITES])
def test_another_regencys_admin_is_refused_by_the_service_and_nothing_is_written(scenario, write, given, media_root):
    arguments = [given(scenario)] if given else []
    before = database_state()

    with pytest.raises(PermissionDenied):
        write(scenario, *arguments)

    assert database_state() == before
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_the_indicator_evidence_of_another_regency_is_refused(scenario):
    row = IndicatorAssessmentFactory(
        regency=scenario.regency, year=2023, indicator__aspect__domain__framework=scenario.framework
    )

    with pytest.raises(PermissionDenied):
        store_indicator_evidence(upload=pdf(), assessment=row, by=scenario.other_admin)

    assert not row.evidence_files.exists()


def test_the_regencys_own_admin_and_staff_still_write(scenario):
    services.save_target_draft(regency=scenario.regency, year=2026, value=Decimal("3.00"), by=scenario.admin)
    draft = ResultFactory(
        regency=scenario.other_regency, year=2024, framework=scenario.framework, source=None, state=ReviewState.DRAFT
    )

    services.update_result_draft(result=draft, version=draft.version, by=scenario.staff, value=Decimal("2.20"))

    draft.refresh_from_db()
    assert draft.value == Decimal("2.20")
