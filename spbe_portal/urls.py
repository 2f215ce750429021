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

# The site's own error pages (templates/400.html … 503.html); the 404 needs a view of ours, to show the reason
# a view gave, and the 500 one to answer 503 when the database is unreachable. 400 and 500 are rendered with an
# empty context, so they query nothing.
handler404 = "spbe_portal.views.page_not_found"
handler500 = "spbe_portal.views.server_error"
