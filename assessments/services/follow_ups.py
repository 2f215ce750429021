"""Follow-ups of an evaluation's recommendations: saved by the regency (or staff), checked by staff to become
public. Not the review workflow of results (see FollowUp): any save withdraws staff's check."""

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import is_provincial_staff

from ..models import FollowUp, FollowUpCheck, Result
from .common import ConcurrentEdit, WrongState, claim, require_regency_right, save_as
from .evidence import evidence_problem, store_evidence


def save_follow_up(
    *,
    result: Result | None,
    by: AbstractBaseUser,
    fields: dict,
    follow_up: FollowUp | None = None,
    version: int | None = None,
    evidence_upload: UploadedFile | None = None,
    submission_key: uuid.UUID | None = None,
) -> FollowUp:
    """Creates (on `result`) or updates a follow-up (its own result's, or a plan's of a year when `result` is
    None); any change makes it a draft again until staff verify it.

    A create naming the `submission_key` of one already made (the same form posted twice) returns that one
    and writes nothing. The evidence file is stored after every check and removed again if the save fails.
    """
    stored = []
    try:
        with transaction.atomic():
            return _save(
                result=result,
                by=by,
                fields=fields,
                follow_up=follow_up,
                version=version,
                evidence_upload=evidence_upload,
                submission_key=submission_key,
                stored=stored,
            )
    except IntegrityError:
        for evidence in stored:
            evidence.file.storage.delete(evidence.file.name)
        # Two posts of one form raced past the look-up below; the other one made the follow-up.
        existing = FollowUp.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing
    except BaseException:
        for evidence in stored:
            evidence.file.storage.delete(evidence.file.name)
        raise


def _save(*, result, by, fields, follow_up, version, evidence_upload, submission_key, stored) -> FollowUp:
    require_regency_right(by=by, regency=result.regency)
    if follow_up is not None and follow_up.result_id != result.pk:
        raise ValidationError(_("Tindak lanjut ini bukan milik hasil evaluasi ini."))
    if follow_up is None:
        if submission_key is not None:
            existing = FollowUp.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing
        follow_up = FollowUp(result=result, created_by=by, submission_key=submission_key)
    else:
        claim(follow_up, version=version or 0)
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.state = FollowUpCheck.UNCHECKED
    follow_up.reviewed_at = None
    follow_up.reviewed_by = None
    framework = result.framework if result is not None else follow_up.framework
    if follow_up.indicator_id and follow_up.indicator.aspect.framework_id != getattr(framework, "pk", None):
        raise ValidationError({"indicator": _("Indikator ini bukan bagian dari kerangka hasil evaluasi ini.")})
    # The key's uniqueness is left to the database: a twin post that committed after the look-up above makes the
    # insert fail, and the caller answers with the twin's follow-up instead of "this key exists".
    follow_up.full_clean(exclude=["evidence", "submission_key"])
    if evidence_upload is not None:
        if problem := evidence_problem(evidence_upload):
            raise ValidationError({"evidence_upload": problem})
        follow_up.evidence = store_evidence(upload=evidence_upload, regency=follow_up.of_regency, by=by)
        stored.append(follow_up.evidence)
    save_as(follow_up, by=by)
    return follow_up


@transaction.atomic
def verify_follow_up(*, follow_up: FollowUp, version: int, by: AbstractBaseUser) -> FollowUp:
    """Staff's check of the follow-up as it stands, which makes it public."""
    if not is_provincial_staff(by):
        raise PermissionDenied(_("Hanya staf provinsi yang dapat memverifikasi tindak lanjut."))
    try:
        claim(follow_up, version=version)
    except ConcurrentEdit as conflict:
        if conflict.current.is_published:
            raise WrongState(_("Tindak lanjut ini sudah diverifikasi.")) from conflict
        raise
    follow_up.state = FollowUpCheck.CHECKED
    follow_up.reviewed_at = timezone.now()
    follow_up.reviewed_by = by
    save_as(follow_up, by=by)
    return follow_up
