from django.utils.functional import SimpleLazyObject

from .permissions import is_provincial_staff


def roles(request) -> dict:
    """Lazy, so pages that never ask (and anonymous visitors) pay no query."""
    return {"is_provincial_staff": SimpleLazyObject(lambda: is_provincial_staff(request.user))}
