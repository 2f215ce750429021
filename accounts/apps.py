from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Akun dan keanggotaan")

    def ready(self) -> None:
        from .sessions import stamp_new_login
        from .staff_group import sync_after_migrate

        # accounts comes after regencies and assessments in INSTALLED_APPS, so their permissions exist by now.
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="accounts.sync_staff_group")
        user_logged_in.connect(stamp_new_login, dispatch_uid="accounts.stamp_new_login")
