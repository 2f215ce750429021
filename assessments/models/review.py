"""The review workflow's states and rules, named once, and what every reviewed row shares."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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


class Reviewed(models.Model):
    """What results and targets share: an entry goes draft → submitted → verified or returned.

    Each revision is a row. A published value changes only when a new revision is verified; the one it
    replaces becomes superseded and stays, so the earlier value is never lost.
    """

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
    # Optimistic lock: an update names the version it read and is refused if another save came first.
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True

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
