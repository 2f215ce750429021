"""Who hears about what, and in which language."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from accounts.models import STAFF_GROUP_NAME
from assessments.models import MessageKind, Result, Reviewed

from .models import NotificationPreference

DEFAULT_LANGUAGE = "id"


def _reachable(users: QuerySet) -> QuerySet:
    return users.filter(is_active=True).exclude(email="").select_related("notification_preference")


def provincial_staff() -> list:
    return list(_reachable(get_user_model().objects.filter(groups__name=STAFF_GROUP_NAME)).order_by("pk").distinct())


def regency_admins(regency_id: int) -> list:
    return list(_reachable(get_user_model().objects.filter(membership__regency_id=regency_id)).order_by("pk"))


def regency_side(record: Reviewed) -> list:
    """Who waits to hear how a regency's entry went: the regency's admins as the memberships stand when the mail
    is queued (an admin moved to another regency hears of the new one's entries, no longer of the old one's), and
    the staff who entered, changed or submitted it on the regency's behalf."""
    staff = Q(groups__name=STAFF_GROUP_NAME) | Q(is_superuser=True)
    people = get_user_model().objects.filter(
        Q(membership__regency_id=record.regency_id) | (Q(pk__in=record.authors()) & staff)
    )
    return list(_reachable(people).order_by("pk").distinct())


def conversation_partners(result: Result, *, writer_id: int | None, writer_is_staff: bool) -> list:
    """Who hears of a new message on a revision's conversation: the regency side when staff wrote,
    else the staff who returned it (all provincial staff when none of them can be reached). Never the writer."""
    if writer_is_staff:
        people = regency_side(result)
    else:
        reviewer_ids = set(result.messages.filter(kind=MessageKind.RETURN).values_list("author_id", flat=True))
        people = list(_reachable(get_user_model().objects.filter(pk__in=reviewer_ids - {None})).order_by("pk"))
        people = people or provincial_staff()
    return [person for person in people if person.pk != writer_id]


def without_email() -> QuerySet:
    """Active staff and regency admins whom no mail reaches, for staff to fix in the admin."""
    users = get_user_model().objects.filter(is_active=True, email="")
    return (
        (users.filter(groups__name=STAFF_GROUP_NAME) | users.filter(membership__isnull=False))
        .distinct()
        .select_related("membership__regency")
        .order_by("username")
    )


def preference_of(user) -> NotificationPreference:
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def language_of(user) -> str:
    return preference_of(user).language or DEFAULT_LANGUAGE


def wants_reminders(user) -> bool:
    return preference_of(user).reminders_enabled
