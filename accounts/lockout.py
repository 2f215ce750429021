"""The account name django-axes records for a failed login."""

from django.conf import settings
from django.http import HttpRequest

# AccessAttempt.username is a varchar(255); Django's login forms do not enforce the user model's 150-character
# limit before authenticating, so without this a longer name tried on the login page is a 500 on PostgreSQL.
AXES_USERNAME_MAX_LENGTH = 255


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The name tried, as axes would read it, cut to what its table holds; no real account name is that long."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:AXES_USERNAME_MAX_LENGTH] if isinstance(username, str) else username
