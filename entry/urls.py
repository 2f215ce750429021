from django.urls import path

from .views import evidence, follow_ups, imports, indicator_review, province_indicators, results, review, status_flags

app_name = "entry"

urlpatterns = [
    path("", results.result_list, name="list"),
    path("hasil/baru/", results.result_create, name="result_create"),
    path("hasil/<int:pk>/", results.result_detail, name="result_detail"),
    path("hasil/<int:pk>/ubah/", results.result_edit, name="result_edit"),
    path("hasil/<int:pk>/ajukan/", review.result_submit, name="result_submit"),
    path("hasil/<int:pk>/verifikasi/", review.result_verify, name="result_verify"),
    path("hasil/<int:pk>/kembalikan/", review.result_return, name="result_return"),
    path("hasil/<int:pk>/revisi/", review.result_revise, name="result_revise"),
    path("hasil/<int:pk>/riwayat/", review.result_history, name="result_history"),
    path("hasil/<int:pk>/tindak-lanjut/baru/", follow_ups.follow_up_create, name="follow_up_create"),
    path("tindak-lanjut/<int:pk>/ubah/", follow_ups.follow_up_edit, name="follow_up_edit"),
    path("tindak-lanjut/<int:pk>/verifikasi/", follow_ups.follow_up_verify, name="follow_up_verify"),
    path("verifikasi/", review.queue, name="queue"),
    path("status/baru/", status_flags.status_flag_create, name="status_flag_create"),
    path("impor/", imports.import_upload, name="import"),
    path("impor/konfirmasi/", imports.import_confirm, name="import_confirm"),
    path("impor/templat.<str:fmt>", imports.import_template, name="import_template"),
    path("bukti/<uuid:token>/", evidence.evidence_download, name="evidence"),
    # The province's side of the indicator workspace (issue 14). These fixed words come before the regency's
    # workspace patterns (indikator/<slug>/<year>/…) so that "provinsi" or "impor-resmi" is never read as a slug.
    path("indikator/provinsi/<int:year>/", province_indicators.province_indicators, name="province_indicators"),
    path("indikator/impor-resmi/", province_indicators.official_import, name="official_import"),
    path(
        "indikator/impor-resmi/konfirmasi/",
        province_indicators.official_import_confirm,
        name="official_import_confirm",
    ),
    path(
        "indikator/impor-resmi/templat-<int:year>.<str:fmt>",
        province_indicators.official_import_template,
        name="official_import_template",
    ),
    path("indikator/<slug:slug>/<int:year>/reviu/", indicator_review.review_page, name="indicator_review"),
    path(
        "indikator/<slug:slug>/<int:year>/<int:number>/reviu/",
        indicator_review.indicator_edit,
        name="indicator_review_edit",
    ),
]
