import sys

from django.conf import settings
from django.http import Http404, HttpResponseNotFound, HttpResponseRedirect
from django.template import loader
from django.urls import Resolver404, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_safe

from .outages import DATABASE_UNREACHABLE, database_unavailable


@require_safe
def switch_language(request, code: str):
    """The language switch as a link: public pages are cached for everyone, so they cannot carry the CSRF token a
    POST form needs. Choosing a language changes nothing but this visitor's cookie, which a GET may set."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("dashboard:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def page_not_found(request, exception):
    """Django's 404 with the view's own reason ("Belum ada hasil terpublikasi untuk tahun 2025.") when a view
    raised Http404 with one. Not the resolver's (a dict of URL patterns) nor get_object_or_404's English line
    naming a model class: those say nothing to a visitor."""
    message = exception.args[0] if exception is not None and exception.args else None
    if isinstance(exception, Resolver404) or not isinstance(message, str) or message.endswith("the given query."):
        message = None
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"message": message, "request_path": request.path}, request))


def server_error(request):
    """Django's 500 page, except for an error of an unreachable database: then 503 with Retry-After, since the
    same request will work once the database is back (spbe_portal/outages.py). Django calls this inside its
    `except` block, so the error being handled is the current exception."""
    if isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE):
        return database_unavailable(request)
    return defaults.server_error(request)
