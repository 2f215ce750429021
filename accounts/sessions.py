"""The idle timeout of a signed-in session: a working day without activity signs the account out.

Django sets a session's expiry only when the session is saved, and saves it only when it changed, so without
help SESSION_COOKIE_AGE would count from the login, not from the last activity. SESSION_SAVE_EVERY_REQUEST
would fix that with a write on every page; here activity rewrites the session at most every
SESSION_REFRESH_AFTER_SECONDS, which moves its expiry (database row and cookie) a full SESSION_COOKIE_AGE on.
"""

import time

from django.conf import settings

REFRESHED_KEY = "_spbe_refreshed_at"


def mark_refreshed(session) -> None:
    session[REFRESHED_KEY] = int(time.time())


def stamp_new_login(sender, request, user, **kwargs) -> None:
    """A login saves the session anyway: stamping it then spares the next page a write."""
    if hasattr(request, "session"):
        mark_refreshed(request.session)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only a user the request has already loaded (AuthenticationMiddleware caches it there): asking
        # request.user here would add the session and user queries to pages that never needed them. An
        # anonymous visitor's session is never touched, so public pages stay cookie-free.
        user = getattr(request, "_cached_user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            refreshed = request.session.get(REFRESHED_KEY, 0)
            if time.time() - refreshed >= settings.SESSION_REFRESH_AFTER_SECONDS:
                mark_refreshed(request.session)
        return response
