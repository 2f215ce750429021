"""Deleting a draft that is no longer wanted: its author or staff, never a revision that was ever published."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_provincial_staff

from ..models import EDITABLE_STATES, Result
from .common import WrongState, claim, require_regency_right, require_state

NOT_DELETABLE = _(
    "Hanya draf atau entri yang dikembalikan yang dapat dihapus; nilai yang pernah terbit tidak pernah dihapus."
)
NOT_YOURS = _("Hanya pengisi draf ini atau staf provinsi yang dapat menghapusnya.")
HAS_FOLLOW_UPS = _("Draf ini punya tindak lanjut. Pindahkan atau hapus tindak lanjutnya dulu lewat staf provinsi.")


def may_delete(result: Result, user: AbstractBaseUser) -> bool:
    """Whether `user` may delete `result` now: its author or staff, while the revision is editable."""
    return result.is_deletable and (is_provincial_staff(user) or result.created_by_id == user.pk)


@transaction.atomic
def delete_result_draft(*, result: Result, version: int, by: AbstractBaseUser) -> None:
    """Deletes the draft with its indicator levels and its conversation; the year's target stays as it is.

    Its evidence file goes too when nothing else cites it: the row with the transaction, the file from storage
    after the commit (storage is not part of the transaction), so a refused delete leaves the file in place.
    """
    require_regency_right(by=by, regency=result.regency)
    claim(result, version=version)
    require_state(result, EDITABLE_STATES, NOT_DELETABLE)
    if not (is_provincial_staff(by) or result.created_by_id == by.pk):
        raise WrongState(NOT_YOURS)
    if result.follow_ups.exists():
        raise WrongState(HAS_FOLLOW_UPS)
    evidence = result.evidence
    result._history_user = by
    for level in result.indicator_levels.all():
        level._history_user = by
        level.delete()
    result.delete()
    if evidence is not None and not evidence.results.exists() and not evidence.follow_ups.exists():
        storage, name = evidence.file.storage, evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda: storage.delete(name))
