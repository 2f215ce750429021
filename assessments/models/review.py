"""The review workflow's states and rules, named once, and what every reviewed row shares."""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..review_words import ReviewWords
from .ranges import MAX_YEAR, MIN_YEAR, YEAR_RANGE_MESSAGE


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")
    SUPERSEDED = "superseded", _("Digantikan revisi baru")


# The review rules, named once. The regency may change a revision while it is editable; staff review it while
# it awaits review; it is "open" in either case. A published revision is verified, or superseded by a newer one.
EDITABLE_STATES = [ReviewState.DRAFT, ReviewState.RETURNED]
AWAITING_REVIEW_STATES = [ReviewState.SUBMITTED]
OPEN_STATES = [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.RETURNED]
PUBLISHED_STATES = [ReviewState.VERIFIED, ReviewState.SUPERSEDED]


class ReviewStep(StrEnum):
    SUBMIT = "submit"
    VERIFY = "verify"
    RETURN = "return"
    REVISE = "revise"


@dataclass(frozen=True)
class StepRule:
    """Where a step of the review may start, where it leads, and whether only provincial staff may take it."""

    starts_from: tuple[str, ...]
    leads_to: str | None
    staff_only: bool


STEP_RULES = {
    ReviewStep.SUBMIT: StepRule(tuple(EDITABLE_STATES), ReviewState.SUBMITTED, staff_only=False),
    ReviewStep.VERIFY: StepRule(tuple(AWAITING_REVIEW_STATES), ReviewState.VERIFIED, staff_only=True),
    ReviewStep.RETURN: StepRule(tuple(AWAITING_REVIEW_STATES), ReviewState.RETURNED, staff_only=True),
    # A revision starts from the published revision and leaves it published: it makes a new draft.
    ReviewStep.REVISE: StepRule((ReviewState.VERIFIED,), None, staff_only=False),
}


@dataclass(frozen=True)
class ReviewedField:
    """One field a reader compares between two revisions (staff before verifying, the resubmission mail):
    `shape` says how it is written — "index" (two decimals), "number" (as stated), "source" or "text"."""

    label: str
    name: str
    shape: str


class ReviewedQuerySet(models.QuerySet):
    def published(self):
        """The current verified revision of each record: the only rows the public sees."""
        return self.filter(state=ReviewState.VERIFIED)

    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def awaiting_review(self):
        return self.filter(state__in=AWAITING_REVIEW_STATES)

    def for_year(self, year: int):
        return self.filter(year=year)


class ReviewStateReading:
    """What a record's review `state` says: shared by the reviewed models and the plain records an import checks
    against (importing/checking.py reads results and targets as values), so that each reading is written once."""

    __slots__ = ()
    state: str

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_deletable(self) -> bool:
        """A revision that was never published (a draft, or one returned to its regency) may be deleted."""
        return self.state in EDITABLE_STATES

    @property
    def awaits_review(self) -> bool:
        return self.state in AWAITING_REVIEW_STATES

    @property
    def is_returned(self) -> bool:
        return self.state == ReviewState.RETURNED

    @property
    def is_published(self) -> bool:
        """The revision the public sees now."""
        return self.state == ReviewState.VERIFIED

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Reviewed(ReviewStateReading, models.Model):
    """What results, targets and related-index values share: an entry goes draft → submitted → verified or
    returned.

    Each revision is a row. A published value changes only when a new revision is verified; the one it
    replaces becomes superseded and stays, so the earlier value is never lost.

    The workflow (`services/review.py`) is written once against this base; each model supplies only the small
    hooks below (as djangoproject.com's abstract ReleaseChecklist does for its checklists).
    """

    # The name of the kind in URLs and events ("result" → entry:result_detail, entry:result_submit, …).
    review_kind: str = ""
    review_words: ReviewWords
    # What a revision copies from the published row it revises.
    revision_fields: tuple[str, ...] = ()
    # A return opens the revision's conversation (ReviewMessage belongs to results).
    keeps_conversation = False

    state = models.CharField(_("status"), max_length=12, choices=ReviewState.choices, default=ReviewState.DRAFT)
    revises = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("merevisi"),
    )
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("komentar pemeriksa"), blank=True)
    # Who last changed what this revision states (its value, source, levels): never its verifier, whoever
    # created or submitted it. Review steps do not set it.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("terakhir diubah oleh"),
    )
    # Optimistic lock: an update names the version it read and is refused if another save came first.
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True

    def published_counterpart(self) -> "Reviewed | None":
        """The published revision this one replaces when verified."""
        raise NotImplementedError

    def open_revision(self) -> "Reviewed | None":
        """The revision being worked on that will replace this (published) one."""
        raise NotImplementedError

    def carried(self, states) -> list["Reviewed"]:
        """Rows in `states` that are submitted, verified and returned with this one."""
        return []

    def revision_draft(self, *, by) -> "Reviewed":
        """A new draft revising this published row, unsaved: what every revision starts from."""
        copied = {name: getattr(self, name) for name in self.revision_fields}
        return type(self)(**copied, revises=self, created_by=by, changed_by=by, state=ReviewState.DRAFT)

    def revision_children(self, draft: "Reviewed") -> list[models.Model]:
        """Unsaved rows, besides the revision itself, that a revision of this one starts from."""
        return []

    @classmethod
    def review_fields(cls) -> list[ReviewedField]:
        """What a reader compares between two revisions: before verifying, in the resubmission's mail."""
        raise NotImplementedError

    def verified_entry_label(self) -> str | None:
        """What a "verified entry" source calls this value when it is verified without a cited document; None
        where the row describes its own source."""
        return None

    @property
    def review_title(self) -> str:
        """The record as a subject line names it: "Kabupaten Kupang 2023"."""
        raise NotImplementedError

    @property
    def review_noun(self) -> str:
        """What the record is, in a sentence: "hasil evaluasi resmi", "target"."""
        raise NotImplementedError

    def review_url(self) -> str:
        return reverse(f"entry:{self.review_kind}_detail", kwargs={"pk": self.pk})

    def authors(self) -> set[int]:
        """Who entered, changed or submitted this revision: never the one who verifies it."""
        return {pk for pk in (self.created_by_id, self.changed_by_id, self.submitted_by_id) if pk is not None}


def _reviewed_constraints(prefix: str, key: list[str], *, what) -> list:
    return [
        models.CheckConstraint(
            condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
            name=f"{prefix}_year_in_range",
            violation_error_message=YEAR_RANGE_MESSAGE,
        ),
        models.CheckConstraint(
            condition=~Q(state__in=PUBLISHED_STATES) | Q(source__isnull=False),
            name=f"{prefix}_published_names_a_source",
            violation_error_message=_("Nilai yang dipublikasikan harus menyebut sumbernya."),
        ),
        models.UniqueConstraint(
            fields=key,
            condition=Q(state=ReviewState.VERIFIED),
            name=f"{prefix}_one_published_per_key",
            violation_error_message=what,
        ),
        models.UniqueConstraint(
            fields=key,
            condition=Q(state__in=OPEN_STATES),
            name=f"{prefix}_one_open_revision_per_key",
            violation_error_message=_("Sudah ada entri yang sedang dikerjakan untuk wilayah dan tahun ini."),
        ),
    ]
