from django.utils.functional import SimpleLazyObject

from .selectors import waiting_for


def waiting(request) -> dict:
    """What waits for the signed-in person, for the header. Lazy: a page that never shows it (every anonymous
    page) runs no query for it."""
    return {"waiting_for_me": SimpleLazyObject(lambda: waiting_for(request.user))}
