"""Login lockout: the account name and client address django-axes records, and the staff's view of lockouts."""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

# AccessAttempt.username is a varchar(255); Django's login forms do not enforce the user model's 150-character
# limit before authenticating, so without this a longer name tried on the login page is a 500 on PostgreSQL.
AXES_USERNAME_MAX_LENGTH = 255


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The name tried, as axes would read it, cut to what its table holds; no real account name is that long."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:AXES_USERNAME_MAX_LENGTH] if isinstance(username, str) else username


def client_address(request: HttpRequest) -> str | None:
    """The visitor's address as django-axes records it: ipware reading the trusted proxy's header
    (TRUSTED_PROXY_COUNT in settings/base.py), so that every count keyed by address agrees with the lockout."""
    return get_client_ip_address(request)


@dataclass(frozen=True)
class Lockout:
    username: str
    addresses: list[str]
    failures: int
    since: datetime
    until: datetime


def current_lockouts() -> list[Lockout]:
    """Account names that have reached the failure limit within the cool-off, most recent first. The failures
    are summed per name, as axes counts them (AXES_LOCKOUT_PARAMETERS in settings/base.py)."""
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off).order_by("attempt_time")
    by_name: dict[str, list] = {}
    for attempt in attempts.only("username", "ip_address", "failures_since_start", "attempt_time"):
        by_name.setdefault(attempt.username or "", []).append(attempt)
    lockouts = [
        Lockout(
            username=username,
            addresses=sorted({attempt.ip_address for attempt in rows if attempt.ip_address}),
            failures=sum(attempt.failures_since_start for attempt in rows),
            since=rows[0].attempt_time,
            until=rows[-1].attempt_time + cool_off,
        )
        for username, rows in by_name.items()
        if username
    ]
    limit = settings.AXES_FAILURE_LIMIT
    return sorted(
        (lockout for lockout in lockouts if lockout.failures >= limit), key=lambda lockout: lockout.until, reverse=True
    )


def unlock(*, username: str) -> int:
    """Forget the failures of one account name through axes' own reset; returns how many records went."""
    return reset(username=username)
