"""Which writes change the publication version: only those the public sees (issue 25, finding 4).

Every bump makes every cached public page, on every machine, stale at once (2 ms cached → 107 ms rebuilt), so a
draft, a submission, a return or a new revision must leave the version alone, and every publication must move
it. Each row of the table is one write through its service, with whether it may bump the version."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from assessments import publication, services
from assessments.models import FollowUp, Result, ReviewState, Source, Target
from tests.factories import (
    FollowUpFactory,
    RegencyFactory,
    ResultFactory,
    ResultLevelFactory,
    SourceFactory,
    StaffUserFactory,
    TargetFactory,
    regency_admin,
)
from tests.workspace_helpers import build_framework


@dataclass
class World:
    regency: object
    framework: object
    admin: object
    staff: object
    draft: Result
    submitted: Result
    verified: Result
    follow_up: FollowUp
    verified_follow_up: FollowUp
    submitted_target: Target
    source: Source


@pytest.fixture
def world(db) -> World:
    regency = RegencyFactory()
    framework, indicators = build_framework(
        code="UJI-TERBIT", first_year=2018, last_year=None, min_level=1, indicators=3
    )
    verified = ResultFactory(regency=regency, year=2021, framework=framework, value=Decimal("3.00"))
    for indicator in indicators:
        ResultLevelFactory(result=verified, indicator=indicator, level=3)
    source = SourceFactory()
    admin = regency_admin(regency)
    return World(
        regency=regency,
        framework=framework,
        admin=admin,
        staff=StaffUserFactory(),
        draft=ResultFactory(
            regency=regency,
            year=2023,
            framework=framework,
            value=Decimal("2.00"),
            source=None,
            state=ReviewState.DRAFT,
            created_by=admin,
        ),
        submitted=ResultFactory(
            regency=regency, year=2022, framework=framework, value=Decimal("2.40"), state=ReviewState.SUBMITTED
        ),
        verified=verified,
        follow_up=FollowUpFactory(result=verified),
        verified_follow_up=FollowUpFactory(result=verified, state=ReviewState.VERIFIED),
        submitted_target=TargetFactory(regency=regency, year=2030, state=ReviewState.SUBMITTED),
        source=source,
    )


def follow_up_fields(text: str) -> dict:
    return {
        "indicator": None,
        "recommendation": text,
        "action_plan": "",
        "follow_up": "",
        "owner": "",
        "due_date": None,
        "status": "planned",
    }


def change_source_title(w: World) -> None:
    w.source.title = "Keputusan Uji (judul diperbaiki)"
    w.source.save()


WRITES = {
    "a new draft result": (
        lambda w: services.create_result_draft(
            regency=w.regency, year=2024, kind="official", by=w.admin, value=Decimal("2.10"), framework=w.framework
        ),
        False,
    ),
    "a new draft citing a new source": (
        lambda w: services.create_result_draft(
            regency=w.regency,
            year=2024,
            kind="official",
            by=w.admin,
            value=Decimal("2.10"),
            framework=w.framework,
            cited=services.CitedSource(
                title="Laporan evaluasi mandiri 2024",
                published_on=date(2024, 3, 1),
                publisher="Pemerintah Kabupaten Uji",
                kind="regional_document",
            ),
        ),
        False,
    ),
    "a draft's note": (
        lambda w: services.update_result_draft(
            result=w.draft, version=w.draft.version, by=w.admin, value=w.draft.value, note="Catatan baru"
        ),
        False,
    ),
    "submitting a draft": (
        lambda w: services.submit_result(result=w.draft, version=w.draft.version, by=w.admin),
        False,
    ),
    "returning a submission": (
        lambda w: services.return_result(
            result=w.submitted, version=w.submitted.version, by=w.staff, comment="Lengkapi sumbernya."
        ),
        False,
    ),
    "starting a revision of a published result with its indicator levels": (
        lambda w: services.start_revision(result=w.verified, by=w.admin),
        False,
    ),
    "deleting a draft": (
        lambda w: services.delete_result_draft(result=w.draft, version=w.draft.version, by=w.admin),
        False,
    ),
    "a new follow-up draft": (
        lambda w: services.save_follow_up(result=w.verified, by=w.admin, fields=follow_up_fields("Rekomendasi baru")),
        False,
    ),
    "changing a follow-up draft": (
        lambda w: services.save_follow_up(
            result=w.verified,
            by=w.admin,
            fields=follow_up_fields("Rekomendasi diubah"),
            follow_up=w.follow_up,
            version=w.follow_up.version,
        ),
        False,
    ),
    "verifying a result": (
        lambda w: services.verify_result(result=w.submitted, version=w.submitted.version, by=w.staff),
        True,
    ),
    "verifying a target": (
        lambda w: services.verify_target(target=w.submitted_target, version=w.submitted_target.version, by=w.staff),
        True,
    ),
    "verifying a follow-up": (
        lambda w: services.verify_follow_up(follow_up=w.follow_up, version=w.follow_up.version, by=w.staff),
        True,
    ),
    "changing a verified follow-up (it leaves the public page until verified again)": (
        lambda w: services.save_follow_up(
            result=w.verified,
            by=w.admin,
            fields=follow_up_fields("Rekomendasi diubah"),
            follow_up=w.verified_follow_up,
            version=w.verified_follow_up.version,
        ),
        True,
    ),
    "setting a status flag": (
        lambda w: services.set_status_flag(
            regency=w.regency, flag="compliant", as_of=date(2026, 1, 5), note="", source=w.source, by=w.staff
        ),
        True,
    ),
    "correcting a source on file": (change_source_title, True),
}


@pytest.mark.parametrize(("write", "bumps"), WRITES.values(), ids=WRITES.keys())
def test_only_a_write_the_public_sees_changes_the_publication_version(world, write, bumps):
    before = publication.current_version()

    write(world)

    after = publication.current_version()
    if bumps:
        assert after > before
    else:
        assert after == before
