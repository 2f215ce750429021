"""Who may do what. Every view that writes asks these functions; the templates only hide what they refuse."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from regencies.models import Regency

from .models import STAFF_GROUP_NAME


def is_provincial_staff(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: a page asks this several times.
    if not hasattr(user, "_is_provincial_staff"):
        user._is_provincial_staff = user.groups.filter(name=STAFF_GROUP_NAME).exists()
    return user._is_provincial_staff


def regency_of(user) -> Regency | None:
    """The one regency a regency admin belongs to; None for staff, the public and accounts without membership."""
    if not user.is_authenticated or not user.is_active:
        return None
    membership = getattr(user, "membership", None)
    return membership.regency if membership else None


def can_enter_data(user) -> bool:
    return is_provincial_staff(user) or regency_of(user) is not None


def can_edit_regency(user, regency: Regency) -> bool:
    return regency_editor(user)(regency)


def regency_editor(user) -> Callable[[Regency], bool]:
    """can_edit_regency with the user's rights read once, for a check that asks it of many regencies (an import's
    500 rows: each question read the signed-in user through its lazy wrapper five times, 4 ms of a preview)."""
    if is_provincial_staff(user):
        return lambda regency: True
    own = regency_of(user)
    return lambda regency: own is not None and own.pk == regency.pk


def editable_regencies(user):
    if is_provincial_staff(user):
        return Regency.objects.all()
    own = regency_of(user)
    return Regency.objects.filter(pk=own.pk) if own else Regency.objects.none()


def staff_required(view):
    """Anonymous visitors go to the login page; a logged-in non-staff account gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_provincial_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def entry_required(view):
    """For regency admins and staff: anyone else is sent to log in or refused."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_enter_data(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
