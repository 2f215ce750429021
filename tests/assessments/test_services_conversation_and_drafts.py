"""The review conversation and deleting drafts, through the services: each refusal with its message and nothing
written."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import services
from assessments.models import (
    EvidenceFile,
    IndicatorAssessment,
    MessageKind,
    Result,
    ReviewMessage,
    ReviewState,
)
from tests.entry_helpers import PDF_BYTES, build_scenario
from tests.factories import FollowUpFactory, IndicatorFactory, ResultLevelFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(db):
    built = build_scenario()
    built.staff.first_name, built.staff.last_name = "Yohanes", "Lado"
    built.staff.save()
    built.admin.first_name, built.admin.last_name = "Maria", "Bani"
    built.admin.save()
    return built


def returned(scenario, comment="Lampirkan SK tim SPBE.") -> Result:
    submitted = scenario.submitted
    return services.return_result(result=submitted, version=submitted.version, by=scenario.staff, comment=comment)


def test_a_return_comment_becomes_the_first_message_with_the_reviewers_full_name(scenario):
    result = returned(scenario, comment="  Lampirkan SK tim SPBE.  ")

    (message,) = result.messages.all()
    assert (message.kind, message.body, message.author_name) == (
        MessageKind.RETURN,
        "Lampirkan SK tim SPBE.",
        "Yohanes Lado",
    )
    assert message.created_at == result.reviewed_at
    # The old field still carries the open comment, for pages and mail that read it.
    assert result.review_comment == "Lampirkan SK tim SPBE."


def test_the_admin_answers_a_return_and_the_name_and_time_are_kept(scenario):
    result = returned(scenario)

    reply = services.reply_to_review(result=result, by=scenario.admin, body="SK sudah dilampirkan.")

    assert [m.kind for m in result.messages.all()] == [MessageKind.RETURN, MessageKind.REPLY]
    assert (reply.author_name, reply.author, reply.body) == ("Maria Bani", scenario.admin, "SK sudah dilampirkan.")
    scenario.admin.first_name = "Mariana"
    scenario.admin.save()
    reply.refresh_from_db()
    assert reply.author_name == "Maria Bani"


def test_a_reply_without_a_return_to_answer_is_refused(scenario):
    with pytest.raises(ValidationError) as refused:
        services.reply_to_review(result=scenario.draft, by=scenario.admin, body="Halo.")

    assert refused.value.messages == ["Belum ada komentar pemeriksa untuk dibalas pada revisi ini."]
    assert not ReviewMessage.objects.exists()


def test_an_empty_reply_is_refused(scenario):
    result = returned(scenario)

    with pytest.raises(ValidationError) as refused:
        services.reply_to_review(result=result, by=scenario.admin, body="   ")

    assert refused.value.message_dict == {"body": ["Tulis balasan Anda."]}
    assert result.messages.count() == 1


def test_a_verified_revision_takes_no_more_replies_but_keeps_its_conversation(scenario):
    result = returned(scenario)
    result = services.submit_result(result=result, version=result.version, by=scenario.admin)
    colleague = StaffUserFactory()
    result = services.verify_result(result=result, version=result.version, by=colleague)

    with pytest.raises(ValidationError) as refused:
        services.reply_to_review(result=result, by=scenario.admin, body="Terima kasih.")

    assert refused.value.messages == [
        "Revisi ini sudah diverifikasi; percakapannya tersimpan di riwayat dan tidak dapat dibalas."
    ]
    assert result.messages.count() == 1


def test_the_author_deletes_their_draft_with_its_levels(scenario, django_capture_on_commit_callbacks):
    draft = scenario.draft
    Result.objects.filter(pk=draft.pk).update(created_by=scenario.admin)
    draft.refresh_from_db()
    ResultLevelFactory(result=draft, indicator=IndicatorFactory(aspect__framework=draft.framework))

    pk = draft.pk

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_result_draft(result=draft, version=draft.version, by=scenario.admin)

    assert not Result.objects.filter(pk=pk).exists()
    assert not IndicatorAssessment.objects.filter(result_id=pk).exists()
    deleted = Result.history.filter(id=pk).order_by("-history_id").first()
    assert (deleted.history_type, deleted.history_user) == ("-", scenario.admin)


def test_deleting_a_draft_removes_its_evidence_file_after_the_commit(scenario, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    draft = services.save_result_entry(
        result=scenario.draft,
        version=scenario.draft.version,
        by=scenario.staff,
        value=Decimal("2.10"),
        levels=None,
        evidence_upload=upload,
    )
    evidence = draft.evidence
    storage, name = evidence.file.storage, evidence.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_result_draft(result=draft, version=draft.version, by=scenario.staff)

    assert not EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert not storage.exists(name)


def test_a_regency_admin_may_not_delete_a_draft_someone_else_entered(scenario):
    draft = scenario.draft
    version = draft.version

    with pytest.raises(ValidationError) as refused:
        services.delete_result_draft(result=draft, version=version, by=scenario.admin)

    assert refused.value.messages == ["Hanya pengisi draf ini atau staf provinsi yang dapat menghapusnya."]
    assert Result.objects.filter(pk=draft.pk, version=version).exists()


@pytest.mark.parametrize("which", ["submitted", "verified"])
def test_a_submitted_or_published_revision_is_never_deleted(scenario, which):
    result = getattr(scenario, which)

    with pytest.raises(ValidationError) as refused:
        services.delete_result_draft(result=result, version=result.version, by=scenario.staff)

    assert refused.value.messages == [
        "Hanya draf atau entri yang dikembalikan yang dapat dihapus; nilai yang pernah terbit tidak pernah dihapus."
    ]
    assert Result.objects.get(pk=result.pk).state == (
        ReviewState.SUBMITTED if which == "submitted" else ReviewState.VERIFIED
    )


def test_a_stale_version_deletes_nothing(scenario):
    draft = scenario.draft

    with pytest.raises(services.ConcurrentEdit):
        services.delete_result_draft(result=draft, version=draft.version - 1, by=scenario.staff)

    assert Result.objects.filter(pk=draft.pk).exists()


def test_a_draft_with_follow_ups_is_not_deleted(scenario):
    draft = scenario.draft
    FollowUpFactory(result=draft)

    with pytest.raises(ValidationError) as refused:
        services.delete_result_draft(result=draft, version=draft.version, by=scenario.staff)

    assert refused.value.messages == [
        "Draf ini punya tindak lanjut. Pindahkan atau hapus tindak lanjutnya dulu lewat staf provinsi."
    ]
    assert Result.objects.filter(pk=draft.pk).exists()
