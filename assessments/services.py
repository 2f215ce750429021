"""Writes of the entry and verification workflow. Each function is one transaction.

Every update names the `version` it read. The row is claimed with `UPDATE … WHERE version = read_version`;
when another save came first nothing is written and `ConcurrentEdit` carries the row as it now stands, so the
page can show the other person's change instead of overwriting it.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regencies.models import Regency

from . import scoring
from .models import (
    EvidenceFile,
    FollowUp,
    Framework,
    Indicator,
    IndicatorScore,
    Result,
    ResultKind,
    ReviewState,
    Source,
    SourceKind,
    Target,
)

VERIFYING_PUBLISHER = "Dinas Kominfo Provinsi Nusa Tenggara Timur"
PDF_MAGIC = b"%PDF-"


class ConcurrentEdit(Exception):
    """Someone saved the row after this user read it. `current` is the row as it stands now."""

    def __init__(self, current: models.Model):
        super().__init__(f"{type(current).__name__} {current.pk} changed since it was read")
        self.current = current


class WrongState(ValidationError):
    pass


@dataclass(frozen=True)
class CitedSource:
    """What an admin typed about their source: a decree number or document title, its date, an optional link."""

    title: str
    published_on: date
    reference: str = ""
    url: str = ""


def _save(instance: models.Model, *, by: AbstractBaseUser | None) -> None:
    """Saves with `by` as the history record's user, also outside a web request (imports, the shell)."""
    instance._history_user = by
    instance.save()


def _claim(instance: models.Model, *, version: int) -> None:
    """Bumps the version only if it is still the one the user read; otherwise refuses with the current row."""
    model = type(instance)
    claimed = model.objects.filter(pk=instance.pk, version=version).update(version=version + 1)
    if not claimed:
        raise ConcurrentEdit(current=model.objects.get(pk=instance.pk))
    instance.version = version + 1


def _require_state(instance, allowed: list[str], message: str) -> None:
    if instance.state not in allowed:
        raise WrongState(message)


def framework_for_year(year: int) -> Framework | None:
    return Framework.objects.for_year(year).order_by("-first_year").first()


def _source_for(*, cited: CitedSource | None, regency: Regency, by: AbstractBaseUser) -> Source | None:
    if cited is None:
        return None
    source, _created = Source.objects.get_or_create(
        title=cited.title,
        published_on=cited.published_on,
        defaults={
            "publisher": regency.display_name,
            "kind": SourceKind.DECREE,
            "reference": cited.reference,
            "url": cited.url,
            "note": _("Disebut oleh %(user)s saat entri.") % {"user": by.get_username()},
        },
    )
    return source


def _write_levels(*, result: Result, levels: dict[int, int] | None, by: AbstractBaseUser) -> None:
    """Replaces the result's indicator levels; None leaves them as they are, {} removes them."""
    if levels is None:
        return
    indicators = {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(aspect__domain__framework=result.framework)
    }
    existing = {score.indicator.number: score for score in result.indicator_scores.select_related("indicator")}
    for number, score in existing.items():
        if number not in levels:
            score._history_user = by
            score.delete()
    for number, level in levels.items():
        score = existing.get(number)
        if score is None:
            _save(IndicatorScore(result=result, indicator=indicators[number], level=level), by=by)
        elif score.level != level:
            score.level = level
            _save(score, by=by)


def computed_index(*, framework: Framework, levels: dict[int, int]) -> scoring.ScoreBreakdown:
    return scoring.compute_scores(levels=levels, indicators=framework.indicator_specs())


def _value_from(*, framework: Framework, value: Decimal | None, levels: dict[int, int] | None) -> Decimal | None:
    if levels:
        return computed_index(framework=framework, levels=levels).index
    return value


@transaction.atomic
def create_result_draft(
    *,
    regency: Regency,
    year: int,
    kind: str,
    by: AbstractBaseUser,
    value: Decimal | None = None,
    levels: dict[int, int] | None = None,
    evaluated: bool = True,
    cited: CitedSource | None = None,
    evidence: EvidenceFile | None = None,
    note: str = "",
    framework: Framework | None = None,
) -> Result:
    # The entry form names the framework whose indicators it showed; levels must be scored against that one, not
    # against whichever framework the year happens to pick when two of them overlap.
    if framework is not None and not framework.applies_to(year):
        framework = None
    framework = framework or framework_for_year(year)
    if framework is None:
        raise ValidationError(
            {"year": _("Tidak ada kerangka evaluasi yang berlaku untuk tahun %(year)s.") % {"year": year}}
        )
    if Result.objects.filter(regency=regency, year=year, kind=kind).exists():
        raise ValidationError({"year": _("Hasil untuk wilayah, tahun dan jenis ini sudah ada.")})
    result = Result(
        regency=regency,
        year=year,
        kind=kind,
        framework=framework,
        value=_value_from(framework=framework, value=value, levels=levels) if evaluated else None,
        evaluated=evaluated,
        source=_source_for(cited=cited, regency=regency, by=by),
        evidence=evidence,
        note=note,
        created_by=by,
        state=ReviewState.DRAFT,
    )
    result.full_clean()
    _save(result, by=by)
    _write_levels(result=result, levels=levels, by=by)
    return result


@transaction.atomic
def update_result_draft(
    *,
    result: Result,
    version: int,
    by: AbstractBaseUser,
    value: Decimal | None = None,
    levels: dict[int, int] | None = None,
    evaluated: bool = True,
    cited: CitedSource | None = None,
    evidence: EvidenceFile | None = None,
    note: str = "",
) -> Result:
    _claim(result, version=version)
    _require_state(
        result,
        [ReviewState.DRAFT, ReviewState.RETURNED],
        _("Hanya draf atau entri yang dikembalikan yang dapat diubah."),
    )
    result.value = _value_from(framework=result.framework, value=value, levels=levels) if evaluated else None
    result.evaluated = evaluated
    new_source = _source_for(cited=cited, regency=result.regency, by=by)
    if new_source is not None:
        result.source = new_source
    if evidence is not None:
        result.evidence = evidence
    result.note = note
    result.full_clean()
    _save(result, by=by)
    _write_levels(result=result, levels=levels if evaluated else {}, by=by)
    return result


@transaction.atomic
def save_target_draft(
    *, regency: Regency, year: int, value: Decimal, by: AbstractBaseUser, cited: CitedSource | None = None
) -> Target:
    """The open target revision for the year, created or updated; a published target is never touched."""
    target = Target.objects.open().filter(regency=regency, year=year).first()
    published = Target.objects.published().filter(regency=regency, year=year).first()
    if target is None:
        if published is not None and published.value == value:
            return published
        target = Target(regency=regency, year=year, created_by=by, revises=published, state=ReviewState.DRAFT)
    elif target.state == ReviewState.SUBMITTED:
        raise WrongState(_("Target tahun ini sedang diperiksa staf provinsi dan belum dapat diubah."))
    target.value = value
    source = _source_for(cited=cited, regency=regency, by=by)
    if source is not None:
        target.source = source
    target.full_clean()
    if target.pk:
        target.version += 1
    _save(target, by=by)
    return target


def _open_target(result: Result, states: list[str]) -> Target | None:
    if result.kind != ResultKind.OFFICIAL:
        return None
    return Target.objects.filter(regency=result.regency, year=result.year, state__in=states).first()


@transaction.atomic
def submit_result(*, result: Result, version: int, by: AbstractBaseUser) -> Result:
    _claim(result, version=version)
    _require_state(result, [ReviewState.DRAFT, ReviewState.RETURNED], _("Entri ini sudah diajukan atau diterbitkan."))
    now = timezone.now()
    result.state = ReviewState.SUBMITTED
    result.submitted_at = now
    result.submitted_by = by
    _save(result, by=by)
    target = _open_target(result, [ReviewState.DRAFT, ReviewState.RETURNED])
    if target is not None:
        target.state = ReviewState.SUBMITTED
        target.submitted_at = now
        target.submitted_by = by
        target.version += 1
        _save(target, by=by)
    return result


def _verified_entry_source(*, record: Result | Target, by: AbstractBaseUser, on: date) -> Source:
    what = record.get_kind_display() if isinstance(record, Result) else _("Target")
    title = _("Entri terverifikasi: %(regency)s %(year)s (%(what)s), revisi #%(pk)s oleh %(user)s") % {
        "regency": record.regency.display_name,
        "year": record.year,
        "what": what,
        "pk": record.pk,
        "user": (record.submitted_by or record.created_by or by).get_username(),
    }
    return Source.objects.create(
        title=title,
        publisher=VERIFYING_PUBLISHER,
        kind=SourceKind.VERIFIED_ENTRY,
        published_on=on,
        note=_("Diverifikasi oleh %(user)s.") % {"user": by.get_username()},
    )


def _publish(record: Result | Target, *, by: AbstractBaseUser, now) -> None:
    """The previous published revision becomes superseded before this one is verified: the database allows
    only one verified revision per key, and both changes commit together."""
    key = {"regency": record.regency, "year": record.year}
    if isinstance(record, Result):
        key["kind"] = record.kind
    previous = type(record).objects.published().filter(**key).exclude(pk=record.pk).first()
    if previous is not None:
        previous.state = ReviewState.SUPERSEDED
        previous.version += 1
        _save(previous, by=by)
        if record.revises_id is None:
            record.revises = previous
    if record.source_id is None:
        record.source = _verified_entry_source(record=record, by=by, on=timezone.localdate(now))
    record.state = ReviewState.VERIFIED
    record.reviewed_at = now
    record.reviewed_by = by
    record.review_comment = ""
    _save(record, by=by)


@transaction.atomic
def verify_result(*, result: Result, version: int, by: AbstractBaseUser) -> Result:
    _claim(result, version=version)
    _require_state(result, [ReviewState.SUBMITTED], _("Hanya entri yang diajukan yang dapat diverifikasi."))
    now = timezone.now()
    _publish(result, by=by, now=now)
    target = _open_target(result, [ReviewState.SUBMITTED])
    if target is not None:
        target.version += 1
        _publish(target, by=by, now=now)
    return result


@transaction.atomic
def return_result(*, result: Result, version: int, by: AbstractBaseUser, comment: str) -> Result:
    if not comment.strip():
        raise ValidationError({"comment": _("Tulis alasan pengembalian agar admin wilayah tahu apa yang diperbaiki.")})
    _claim(result, version=version)
    _require_state(result, [ReviewState.SUBMITTED], _("Hanya entri yang diajukan yang dapat dikembalikan."))
    now = timezone.now()
    for record in [result, _open_target(result, [ReviewState.SUBMITTED])]:
        if record is None:
            continue
        if record is not result:
            record.version += 1
        record.state = ReviewState.RETURNED
        record.reviewed_at = now
        record.reviewed_by = by
        record.review_comment = comment.strip()
        _save(record, by=by)
    return result


@transaction.atomic
def start_revision(*, result: Result, by: AbstractBaseUser) -> Result:
    """A new draft of a published result, with its value and levels copied, to change it through review."""
    if result.state != ReviewState.VERIFIED:
        raise WrongState(_("Revisi hanya dapat dimulai dari hasil yang sudah diterbitkan."))
    if Result.objects.open().filter(regency=result.regency, year=result.year, kind=result.kind).exists():
        raise WrongState(_("Sudah ada revisi yang sedang dikerjakan untuk hasil ini."))
    draft = Result(
        regency=result.regency,
        year=result.year,
        kind=result.kind,
        framework=result.framework,
        value=result.value,
        evaluated=result.evaluated,
        revises=result,
        created_by=by,
        state=ReviewState.DRAFT,
    )
    _save(draft, by=by)
    levels = {score.indicator.number: score.level for score in result.indicator_scores.select_related("indicator")}
    _write_levels(result=draft, levels=levels, by=by)
    return draft


def store_evidence(*, upload: UploadedFile, regency: Regency, by: AbstractBaseUser) -> EvidenceFile:
    """Saves a PDF under an unguessable name. Callers validate first with `evidence_problem`."""
    token = uuid.uuid4()
    evidence = EvidenceFile(
        token=token,
        original_name=upload.name[:255],
        size=upload.size,
        regency=regency,
        uploaded_by=by,
    )
    upload.seek(0)
    evidence.file.save(f"{token.hex}.pdf", upload, save=False)
    evidence.save()
    return evidence


def evidence_problem(upload: UploadedFile) -> str | None:
    """Why an upload cannot be kept as evidence, or None. The type is read from the content, not the name."""
    if upload.size == 0:
        return _("Berkas kosong.")
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        return _("Berkas terlalu besar; paling besar %(mb)s MB.") % {"mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)}
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        return _("Bukti dukung harus berkas PDF.")
    return None


@transaction.atomic
def save_follow_up(
    *,
    result: Result,
    by: AbstractBaseUser,
    fields: dict,
    follow_up: FollowUp | None = None,
    version: int | None = None,
) -> FollowUp:
    """Creates or updates a follow-up; any change makes it a draft again until staff verify it."""
    if follow_up is None:
        follow_up = FollowUp(result=result, created_by=by)
    else:
        _claim(follow_up, version=version)
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.state = ReviewState.DRAFT
    follow_up.reviewed_at = None
    follow_up.reviewed_by = None
    follow_up.full_clean()
    _save(follow_up, by=by)
    return follow_up


@transaction.atomic
def verify_follow_up(*, follow_up: FollowUp, version: int, by: AbstractBaseUser) -> FollowUp:
    _claim(follow_up, version=version)
    follow_up.state = ReviewState.VERIFIED
    follow_up.reviewed_at = timezone.now()
    follow_up.reviewed_by = by
    _save(follow_up, by=by)
    return follow_up
