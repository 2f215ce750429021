from django.urls import path

from .views import evidence, follow_ups, imports, results, review, status_flags, targets

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
    path("target/baru/", targets.target_create, name="target_create"),
    path("target/<int:pk>/", targets.target_detail, name="target_detail"),
    path("target/<int:pk>/ajukan/", targets.target_submit, name="target_submit"),
    path("target/<int:pk>/verifikasi/", targets.target_verify, name="target_verify"),
    path("target/<int:pk>/kembalikan/", targets.target_return, name="target_return"),
    path("verifikasi/", review.queue, name="queue"),
    path("status/baru/", status_flags.status_flag_create, name="status_flag_create"),
    path("impor/", imports.import_upload, name="import"),
    path("impor/konfirmasi/", imports.import_confirm, name="import_confirm"),
    path("impor/templat.<str:fmt>", imports.import_template, name="import_template"),
    path("bukti/<uuid:token>/", evidence.evidence_download, name="evidence"),
]
