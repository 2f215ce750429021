from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("bahasa/<str:code>/", views.switch_language, name="switch_language"),
    path("akun/notifikasi/", include("notifications.urls")),
    path("akun/", include("accounts.urls")),
    path("entri/", include("entry.urls")),
    path("", include("dashboard.urls")),
    path("", include("operations.urls")),
    path("api/v1/", include("api.urls")),
]
