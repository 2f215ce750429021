"""The site's URLs plus one that fails, for the 500 page test."""

from django.urls import path

# A test URLconf is also where Django looks for the error handlers.
from spbe_portal.urls import handler404, handler500  # noqa: F401
from spbe_portal.urls import urlpatterns as site_patterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("rusak/", broken), *site_patterns]
