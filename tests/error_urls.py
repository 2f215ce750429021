"""The site's URLs plus one that fails, for the 500 page test."""

from django.urls import path

from spbe_portal.urls import handler404, urlpatterns as site_patterns  # noqa: F401


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("rusak/", broken), *site_patterns]
