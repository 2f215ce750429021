from django.urls import path

from . import views

app_name = "entry"

urlpatterns = [
    path("", views.result_list, name="list"),
    path("hasil/baru/", views.result_create, name="result_create"),
    path("hasil/<int:pk>/", views.result_detail, name="result_detail"),
    path("hasil/<int:pk>/ubah/", views.result_edit, name="result_edit"),
    path("hasil/<int:pk>/ajukan/", views.result_submit, name="result_submit"),
    path("hasil/<int:pk>/verifikasi/", views.result_verify, name="result_verify"),
    path("hasil/<int:pk>/kembalikan/", views.result_return, name="result_return"),
    path("hasil/<int:pk>/revisi/", views.result_revise, name="result_revise"),
    path("hasil/<int:pk>/riwayat/", views.result_history, name="result_history"),
    path("hasil/<int:pk>/tindak-lanjut/baru/", views.follow_up_create, name="follow_up_create"),
    path("tindak-lanjut/<int:pk>/ubah/", views.follow_up_edit, name="follow_up_edit"),
    path("tindak-lanjut/<int:pk>/verifikasi/", views.follow_up_verify, name="follow_up_verify"),
    path("verifikasi/", views.queue, name="queue"),
    path("status/baru/", views.status_flag_create, name="status_flag_create"),
    path("impor/", views.import_upload, name="import"),
    path("impor/konfirmasi/", views.import_confirm, name="import_confirm"),
    path("impor/templat.<str:fmt>", views.import_template, name="import_template"),
    path("bukti/<uuid:token>/", views.evidence_download, name="evidence"),
]
