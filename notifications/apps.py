from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from assessments import events

        from . import receivers
        from .staff_permissions import grant_deadline_permissions

        events.review_step.connect(receivers.on_review_step, dispatch_uid="notifications.review_step")
        events.review_reply_posted.connect(receivers.on_review_reply_posted, dispatch_uid="notifications.reply")
        events.status_flag_set.connect(receivers.on_status_flag_set, dispatch_uid="notifications.status_flag")
        # The staff group is accounts'; the deadline model is ours, so we add its permissions after our migrate.
        post_migrate.connect(grant_deadline_permissions, sender=self, dispatch_uid="notifications.staff_permissions")
