from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreference(models.Model):
    """How one person wants to hear from the portal. A person without a row gets the defaults: Indonesian mail
    and reminders on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("akun"),
    )
    language = models.CharField(_("bahasa surel"), max_length=5, choices=settings.LANGUAGES, default="id")
    reminders_enabled = models.BooleanField(
        _("kirim pengingat"),
        default=True,
        help_text=_("Pengingat tenggat tindak lanjut dan evaluasi mandiri. Surel tentang entri Anda tetap dikirim."),
    )

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")

    def __str__(self) -> str:
        return str(self.user)


class ReportingDeadline(models.Model):
    """The date by which every regency submits its self-assessment of a year; set by staff in the admin."""

    year = models.PositiveSmallIntegerField(_("tahun evaluasi mandiri"), unique=True)
    due_on = models.DateField(_("batas pengajuan"))

    class Meta:
        verbose_name = _("batas pengajuan evaluasi mandiri")
        verbose_name_plural = _("batas pengajuan evaluasi mandiri")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.due_on}"


class ReminderDigest(models.Model):
    """One digest sent to one person on one day. The unique key is what keeps a second run of the reminder
    command, or two at once, from sending another."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reminderdigest_one_per_user_and_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class SentReminder(models.Model):
    """A reminder already given to a person (e.g. "follow-up 12, due in 3 days"), so that it is given once."""

    digest = models.ForeignKey(ReminderDigest, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="sentreminder_once_per_user_and_key")]

    def __str__(self) -> str:
        return self.key
