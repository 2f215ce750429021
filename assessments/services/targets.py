"""Targets: the open revision of a regency's target for a year, with its own source (RPJMD, Renstra, perjanjian
kinerja), never the result's.

A year's target travels with the official result when it is entered on the official result's form: submitted,
verified and returned with it. A target entered on its own (any year, future years included, where no result
exists yet) goes through the same draft → submitted → verified/returned review by itself (`review.py`).
A self-assessment never carries one.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regencies.models import Regency

from ..models import Framework, ResultKind, ReviewState, Target
from .common import (
    Citation,
    ConcurrentEdit,
    WrongState,
    claim,
    keep_source_only_for_unchanged_value,
    require_regency_right,
    save_as,
    source_for,
)

TARGET_UNDER_REVIEW = gettext_lazy("Target tahun ini sedang diperiksa staf provinsi dan belum dapat diubah.")


def target_ownership_problem(*, kind: str, target: Decimal | None) -> str | None:
    """Why a result of `kind` may not carry `target`, or None. The form asks it for its preview, the services
    enforce it."""
    if target is not None and kind == ResultKind.PROVISIONAL:
        return _(
            "Target tahun ini diisi bersama hasil evaluasi resmi, bukan nilai sementara. "
            "Kosongkan target, atau isi di entri hasil resmi tahun ini."
        )
    if target is not None and kind != ResultKind.OFFICIAL:
        return _(
            "Target tahun ini diisi bersama hasil evaluasi resmi, bukan evaluasi mandiri. "
            "Kosongkan target, atau isi di entri hasil resmi tahun ini."
        )
    return None


@dataclass(frozen=True)
class TargetInput:
    """The year's target as a form posted it, with the revision and version of the target the form showed
    (both None when it showed none)."""

    value: Decimal | None
    revision: int | None = None
    version: int | None = None


def _draft_for(
    *,
    regency: Regency,
    year: int,
    value: Decimal,
    by: AbstractBaseUser,
    cited: Citation | None,
    version: int | None = None,
) -> Target | None:
    """The target revision to save with `value`, checked but not saved; None when nothing would change. The open
    revision is claimed at `version` (the one its page read; else the one just read).

    A new revision starts from the published target as every revision does (`revision_draft`); it keeps the
    published source only while the value is unchanged. Every revision is stated in the framework its year is
    stated in (`Framework.objects.for_target_year`): a target recorded in the SPBE index for a year the Pemdi
    index now evaluates is restated in Pemdi terms by saving it again (PermenPANRB 8/2026, Pasal 11), even with
    the same number, and needs the document that restates it."""
    require_regency_right(by=by, regency=regency)
    stated_in = Framework.objects.for_target_year(year)
    target = Target.objects.open().filter(regency=regency, year=year).select_related("revises__source").first()
    published = Target.objects.published().filter(regency=regency, year=year).select_related("source").first()
    if version is not None:
        if target is None:
            raise ConcurrentEdit(current=published)
        claim(target, version=version)
    if target is None:
        if (
            published is not None
            and published.value == value
            and published.framework_id == getattr(stated_in, "pk", None)
        ):
            return None
        if published is not None:
            claim(published, version=published.version)
            target = published.revision_draft(by=by)
        else:
            target = Target(regency=regency, year=year, created_by=by, state=ReviewState.DRAFT)
    elif target.awaits_review:
        raise WrongState(TARGET_UNDER_REVIEW)
    elif version is None:
        claim(target, version=target.version)
    # Stated in another framework until now (an SPBE target of a year the Pemdi index evaluates).
    previous = target.framework if target.framework_id and stated_in and target.framework_id != stated_in.pk else None
    if stated_in is not None:
        target.framework = stated_in
    target.value = value
    target.changed_by = by
    source = source_for(cited=cited, field="target_source_title")
    if source is not None:
        target.source = source
    keep_source_only_for_unchanged_value(target)
    if previous is not None and (
        target.source is None or target.source_id == getattr(target.revises, "source_id", None)
    ):
        raise ValidationError(
            {
                "target_source_title": _(
                    "Target ini tercatat dalam %(old)s; tahun %(year)s dinyatakan dalam %(new)s. Sebutkan dokumen "
                    "yang menyatakan ulang targetnya."
                )
                % {"old": previous.short_name, "new": stated_in.short_name, "year": year}
            }
        )
    target.full_clean()
    return target


def prepare_target(
    *,
    regency: Regency,
    year: int,
    kind: str,
    target: TargetInput,
    by: AbstractBaseUser,
    cited: Citation | None,
    check_version: bool,
) -> Target | None:
    """The target revision an entry form's save writes, checked but not saved; None when the form leaves the
    target as it showed it. With `check_version`, a target changed since the form was read refuses the save."""
    require_regency_right(by=by, regency=regency)
    problem = target_ownership_problem(kind=kind, target=target.value)
    if problem:
        raise ValidationError({"target": problem})
    if target.value is None:
        return None
    current = Target.objects.current_for(regency, year)
    if check_version:
        read = (target.revision, target.version)
        now = (current.pk, current.version) if current else (None, None)
        if read != now:
            if _shown_value(target) == target.value or (current is not None and current.value == target.value):
                return None
            raise ConcurrentEdit(current=current or Target.objects.get(pk=target.revision))
        if current is not None and current.value == target.value and not (cited and current.is_editable):
            return None
    return _draft_for(regency=regency, year=year, value=target.value, by=by, cited=cited)


def _shown_value(target: TargetInput) -> Decimal | None:
    """The value the form showed, read from the history of the revision at the version it named."""
    if target.revision is None:
        return None
    record = Target.history.filter(id=target.revision, version=target.version).order_by("-history_id").first()
    return record.value if record else None


@transaction.atomic
def save_target_draft(
    *,
    regency: Regency,
    year: int,
    value: Decimal,
    by: AbstractBaseUser,
    cited: Citation | None = None,
    version: int | None = None,
) -> Target:
    """The open target revision for the year, created or updated, citing its own source (`cited`); a published
    target is never touched. Any year in range, future years included: a target needs no result.

    `version` is the open revision's version the edit page read: a save made since refuses this one
    (ConcurrentEdit with the current row, or the published one when no revision is open any more)."""
    draft = _draft_for(regency=regency, year=year, value=value, by=by, cited=cited, version=version)
    if draft is None:
        return Target.objects.published().get(regency=regency, year=year)
    save_as(draft, by=by)
    return draft
