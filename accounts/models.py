from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

STAFF_GROUP_NAME = "Staf Provinsi"


class Membership(models.Model):
    """Ties a regency admin's account to the one regency whose data they enter. Managed by staff in the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name=_("akun")
    )
    regency = models.ForeignKey(
        "regencies.Regency", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("wilayah")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keanggotaan admin wilayah")
        verbose_name_plural = _("keanggotaan admin wilayah")
        ordering = ["regency__code", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} → {self.regency}"
