from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .models import NotificationPreference


@transaction.atomic
def save_preference(*, user: AbstractBaseUser, language: str, reminders_enabled: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    preference.language = language
    preference.reminders_enabled = reminders_enabled
    preference.full_clean()
    preference.save()
    return preference
