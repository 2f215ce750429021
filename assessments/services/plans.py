"""Saving an improvement plan: one follow-up (rencana aksi) per scored entry the plan raises (an indicator, or one
public service of 5/2018's indicator 35), belonging to the regency's self-assessment year (a plan is made before
any official result is published), all of them or none."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from regencies.models import Regency

from ..models import FollowUp, FollowUpCheck, FollowUpStatus, Framework, Indicator
from ..scoring import Level
from .common import require_regency_right, save_as


@dataclass(frozen=True)
class PlannedRaise:
    """One scored entry the plan lifts from `current` (None: not filled yet) to `target`: the indicator and, for one
    scored more than once, which entry (`part`: the second public service of 5/2018's indicator 35); what the
    regency will do (`action`, the person's words, never the criterion copied), who is in charge (`owner`) and by
    when (`due_date`). A converted value (2,35) may be a decimal, within its indicator's decimals."""

    indicator: Indicator
    current: Level | None
    target: Level
    owner: str = ""
    due_date: datetime.date | None = None
    action: str = ""
    part: int = 1

    @property
    def entry(self) -> str:
        """ "35" for an indicator scored once, "35 (layanan publik 2)" for an entry of one scored more often."""
        name = self.indicator.entry_name(self.part)
        return f"{self.indicator.number} ({name})" if name else str(self.indicator.number)


def row_key(submission_key: uuid.UUID, planned: PlannedRaise) -> uuid.UUID:
    """Each follow-up of one posted plan gets its own key derived from the form's: a second post of the same form
    names the same keys (an indicator's first entry keeps the key plans had before entries were told apart)."""
    name = str(planned.indicator.pk) if planned.part == 1 else f"{planned.indicator.pk}.{planned.part}"
    return uuid.uuid5(submission_key, name)


def _written(level: Level, places: int) -> str:
    """A level as the recommendation states it: 3, or a converted value with its decimals (2,35)."""
    return number_format(level, places) if isinstance(level, Decimal) else str(level)


def save_plan(
    *,
    regency: Regency,
    year: int,
    framework: Framework,
    raises: list[PlannedRaise],
    by: AbstractBaseUser,
    submission_key: uuid.UUID,
) -> list[FollowUp]:
    """Creates the plan's follow-ups of the regency's year as drafts (status "direncanakan"), checked by the user's
    right to edit the regency. The same form posted twice returns the follow-ups of the first post and writes
    nothing."""
    keys = [row_key(submission_key, planned) for planned in raises]
    try:
        with transaction.atomic():
            return _save(regency=regency, framework=framework, raises=raises, by=by, year=year, keys=keys)
    except IntegrityError:
        existing = list(FollowUp.objects.filter(submission_key__in=keys).order_by("pk"))
        if not existing:
            raise
        return existing


def _save(*, regency, framework, raises, by, year, keys) -> list[FollowUp]:
    require_regency_right(by=by, regency=regency)
    existing = list(FollowUp.objects.filter(submission_key__in=keys).order_by("pk"))
    if existing:
        return existing
    if not raises:
        raise ValidationError(_("Rencana ini tidak menaikkan satu indikator pun; tidak ada yang disimpan."))
    saved = []
    for planned, key in zip(raises, keys, strict=True):
        indicator = planned.indicator
        if indicator.aspect.framework_id != framework.pk:
            raise ValidationError(
                _("Indikator %(number)s bukan bagian dari kerangka tahun ini.") % {"number": indicator.number}
            )
        if not 1 <= planned.part <= indicator.entries:
            raise ValidationError(
                _("Indikator %(number)s tidak punya entri ke-%(part)s.")
                % {"number": indicator.number, "part": planned.part}
            )
        if problem := framework.level_problem(planned.target, places=indicator.value_places):
            raise ValidationError(problem)
        if not planned.owner.strip() or planned.due_date is None:
            raise ValidationError(
                _("Langkah indikator %(number)s perlu penanggung jawab dan tenggat.") % {"number": planned.entry}
            )
        if planned.current is not None and planned.target <= planned.current:
            raise ValidationError(
                _("Tingkat rencana indikator %(number)s harus di atas tingkat sekarang.") % {"number": planned.entry}
            )
        places = indicator.value_places
        start = _written(planned.current, places) if planned.current is not None else _("belum diisi")
        follow_up = FollowUp(
            regency=regency,
            year=year,
            indicator=indicator,
            created_by=by,
            submission_key=key,
            recommendation=_(
                "Naikkan indikator %(number)s (%(name)s) dari tingkat %(start)s ke tingkat %(target)s "
                "(perencana peningkatan, tahun %(year)s)."
            )
            % {
                "number": indicator.number,
                "name": _entry_title(indicator, planned.part),
                "start": start,
                "target": _written(planned.target, places),
                "year": year,
            },
            action_plan=planned.action.strip(),
            owner=planned.owner.strip(),
            due_date=planned.due_date,
            status=FollowUpStatus.PLANNED,
            state=FollowUpCheck.UNCHECKED,
        )
        follow_up.full_clean(exclude=["evidence"])
        save_as(follow_up, by=by)
        saved.append(follow_up)
    return saved


def _entry_title(indicator: Indicator, part: int) -> str:
    """The indicator's name, with which entry it is for one scored more than once ("Layanan Publik Instansi
    Pemerintah, layanan publik 2")."""
    entry = indicator.entry_name(part)
    return f"{indicator.name}, {entry}" if entry else indicator.name
