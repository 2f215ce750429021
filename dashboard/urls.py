from django.urls import path

from .views import compare, method, overview, ranking, regency

app_name = "dashboard"

urlpatterns = [
    path("", ranking.home, name="home"),
    path("provinsi/", overview.overview, name="overview"),
    path("metode/", method.method, name="method"),
    path("bandingkan/", compare.compare, name="compare"),
    path("wilayah/<slug:slug>/", regency.detail, name="regency"),
    path("wilayah/<slug:slug>/embed/", regency.embed, name="embed"),
    path("gambar/wilayah/<slug:slug>.png", regency.share_image, name="regency_image"),
    path("gambar/peringkat/<int:year>.png", ranking.share_image, name="ranking_image"),
    path("gambar/bandingkan/<str:slugs>.png", compare.share_image, name="compare_image"),
    path("wilayah/<slug:slug>/laporan.pdf", regency.report, name="regency_report"),
    path("laporan/peringkat/<int:year>.pdf", ranking.report, name="ranking_report"),
]
