"""Follow-ups through the services: the version check, double posts, evidence and verification."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.models import FollowUp, FollowUpCheck, Reviewed, ReviewState
from tests.entry_helpers import PDF_BYTES, build_scenario, database_state


@pytest.fixture
def scenario(db):
    return build_scenario()


def fields(**overrides) -> dict:
    return {"recommendation": "Susun peta rencana SPBE.", "action_plan": "Rapat OPD", **overrides}


def test_a_stale_follow_up_save_is_refused_with_the_current_row(scenario):
    follow_up = scenario.follow_up
    services.save_follow_up(
        result=scenario.verified, by=scenario.staff, fields=fields(), follow_up=follow_up, version=1
    )
    before = database_state()

    with pytest.raises(services.ConcurrentEdit) as refused:
        services.save_follow_up(
            result=scenario.verified,
            by=scenario.admin,
            fields=fields(recommendation="Lain"),
            follow_up=FollowUp.objects.get(pk=follow_up.pk),
            version=1,
        )

    assert refused.value.current.recommendation == "Susun peta rencana SPBE."
    assert database_state() == before


def test_the_same_form_posted_twice_makes_one_follow_up(scenario):
    key = uuid.uuid4()
    first = services.save_follow_up(result=scenario.verified, by=scenario.admin, fields=fields(), submission_key=key)
    before = database_state()

    second = services.save_follow_up(result=scenario.verified, by=scenario.admin, fields=fields(), submission_key=key)

    assert second == first
    assert database_state() == before


def test_a_follow_up_without_a_recommendation_is_refused(scenario, media_root):
    before = database_state()

    with pytest.raises(ValidationError):
        services.save_follow_up(
            result=scenario.verified,
            by=scenario.admin,
            fields=fields(recommendation=""),
            evidence_upload=SimpleUploadedFile("bukti.pdf", PDF_BYTES),
        )

    assert database_state() == before
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_a_non_pdf_evidence_is_refused_and_stored_nowhere(scenario, media_root):
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        services.save_follow_up(
            result=scenario.verified,
            by=scenario.admin,
            fields=fields(),
            evidence_upload=SimpleUploadedFile("bukti.pdf", b"<html>"),
        )

    assert refused.value.messages == ["Bukti dukung harus berkas PDF."]
    assert database_state() == before
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_verifying_a_follow_up_twice_says_it_is_already_verified(scenario):
    follow_up = scenario.follow_up
    services.verify_follow_up(follow_up=follow_up, version=1, by=scenario.staff)
    before = database_state()

    with pytest.raises(services.WrongState) as refused:
        services.verify_follow_up(follow_up=FollowUp.objects.get(pk=follow_up.pk), version=1, by=scenario.staff)

    assert refused.value.messages == ["Tindak lanjut ini sudah diverifikasi."]
    assert database_state() == before


def test_a_stale_follow_up_verification_of_a_changed_draft_is_a_conflict(scenario):
    follow_up = scenario.follow_up
    services.save_follow_up(
        result=scenario.verified, by=scenario.admin, fields=fields(), follow_up=follow_up, version=1
    )

    with pytest.raises(services.ConcurrentEdit):
        services.verify_follow_up(follow_up=FollowUp.objects.get(pk=follow_up.pk), version=1, by=scenario.staff)

    assert FollowUp.objects.get(pk=follow_up.pk).state == ReviewState.DRAFT


def test_only_provincial_staff_check_a_follow_up_whatever_the_caller(scenario):
    before = database_state()

    with pytest.raises(PermissionDenied):
        services.verify_follow_up(follow_up=scenario.follow_up, version=1, by=scenario.admin)

    assert database_state() == before


def test_a_follow_up_is_a_living_record_not_a_reviewed_revision(scenario):
    """Staff check a follow-up as it stands; any later save withdraws the check until they look again, and it
    never goes through submission, return or revisions (FollowUp's docstring says why)."""
    follow_up = services.verify_follow_up(follow_up=scenario.follow_up, version=1, by=scenario.staff)
    assert follow_up.is_published

    changed = services.save_follow_up(
        result=scenario.verified,
        by=scenario.admin,
        fields=fields(status="done"),
        follow_up=follow_up,
        version=follow_up.version,
    )

    assert (changed.is_published, changed.state, changed.reviewed_by) == (False, FollowUpCheck.UNCHECKED, None)
    assert not isinstance(changed, Reviewed)
    assert FollowUp.objects.filter(pk=changed.pk).count() == 1
