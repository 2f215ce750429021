from django.utils.functional import SimpleLazyObject

from .permissions import is_provincial_staff


def roles(request) -> dict:
    """Lazy, so pages that never ask (and anonymous visitors) pay no query. A request refused before
    AuthenticationMiddleware ran (a bad Host header's 400 page) has no user: nobody is staff there."""

    def staff() -> bool:
        user = getattr(request, "user", None)
        return user is not None and is_provincial_staff(user)

    return {"is_provincial_staff": SimpleLazyObject(staff)}
