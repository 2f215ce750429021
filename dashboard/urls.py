from django.urls import path

from .views import method, overview, ranking, regency

app_name = "dashboard"

urlpatterns = [
    path("", ranking.home, name="home"),
    path("provinsi/", overview.overview, name="overview"),
    path("metode/", method.method, name="method"),
    path("wilayah/<slug:slug>/", regency.detail, name="regency"),
    path("wilayah/<slug:slug>/embed/", regency.embed, name="embed"),
]
