"""An evaluation's recommendations with the regency's action plans and follow-up."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .evidence import EvidenceFile
from .frameworks import Indicator
from .results import Result


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Sedang berjalan")
    DONE = "done", _("Selesai")


class FollowUpCheck(models.TextChoices):
    """Whether staff have checked a follow-up as it now stands. Stored as the words a review uses, which the
    rows have always held, but it is not the review workflow: see FollowUp."""

    UNCHECKED = "draft", _("Draf")
    CHECKED = "verified", _("Terverifikasi")


class FollowUpQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=FollowUpCheck.CHECKED)


class FollowUp(models.Model):
    """An evaluation's recommendation with the regency's action plan (rencana aksi) and follow-up (tindak lanjut).

    Only the regency and staff see it until staff verify it; from then on the public does too.

    Not a reviewed record (Reviewed): a follow-up is a living record whose status moves from planned to done as
    the work goes, with no moment of submission, no return with a comment and no revisions to supersede. Staff
    check what it says now; any later change withdraws that check until they look again.
    """

    # An evaluation's recommendation belongs to its result. A step of an improvement plan belongs to the regency's
    # self-assessment year instead (regency and year, no result): a plan is made before any official result is
    # published, which for most regencies is every year.
    result = models.ForeignKey(Result, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups")
    regency = models.ForeignKey(
        "regencies.Regency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planned_follow_ups",
        verbose_name=_("wilayah"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    # A recommendation may concern one indicator of the result's framework (the indicator workspace shows it there).
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("indikator"),
    )
    recommendation = models.TextField(_("rekomendasi"))
    action_plan = models.TextField(_("rencana aksi"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    owner = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    status = models.CharField(
        _("status pelaksanaan"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    evidence = models.ForeignKey(
        EvidenceFile, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    state = models.CharField(
        _("status pemeriksaan"), max_length=12, choices=FollowUpCheck.choices, default=FollowUpCheck.UNCHECKED
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False, db_index=True, editable=False)
    # The key the create form carried: the same form posted twice (a double click) names the same key, and the
    # unique index keeps the second post from making a second follow-up.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["result", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result__isnull=False) | Q(regency__isnull=False, year__isnull=False),
                name="followup_of_a_result_or_a_year",
            )
        ]

    def __str__(self) -> str:
        return self.recommendation[:80]

    @property
    def is_published(self) -> bool:
        return self.state == FollowUpCheck.CHECKED

    @property
    def of_regency(self):
        """The regency the follow-up is for: its result's, or the plan's."""
        return self.result.regency if self.result_id else self.regency

    @property
    def evaluation_year(self) -> int:
        return self.result.year if self.result_id else self.year

    @property
    def framework(self):
        """The framework whose indicators it may name: its result's, or the one in force in the plan's year."""
        if self.result_id:
            return self.result.framework
        from .frameworks import Framework

        return Framework.objects.in_force(self.year)

    def review_url(self) -> str:
        """Where it is read in /entri/: its result's page, or the planner of its year."""
        if self.result_id:
            return self.result.review_url()
        return reverse("entry:planner", kwargs={"slug": self.regency.slug, "year": self.year})
