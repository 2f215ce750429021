"""The normal urls plus /bench/ok/: the fastest page this stack can serve, the limit every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as portal_urlpatterns


def ok(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ok/", ok, name="bench-ok"), *portal_urlpatterns]
