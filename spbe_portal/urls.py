from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("akun/", include("accounts.urls")),
    path("entri/", include("entry.urls")),
    path("", include("regencies.urls")),
    path("", include("assessments.urls")),
    path("", include("operations.urls")),
    path("api/v1/", include("api.urls")),
]
