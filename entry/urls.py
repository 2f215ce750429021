from django.urls import path

from .views import conversation, evidence, follow_ups, history, imports, related_indices, results, review, status_flags

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
    path("hasil/<int:pk>/balas/", conversation.result_reply, name="result_reply"),
    path("hasil/<int:pk>/hapus/", conversation.result_delete, name="result_delete"),
    path("hasil/<int:pk>/riwayat/", history.result_history, name="result_history"),
    path("hasil/<int:pk>/tindak-lanjut/baru/", follow_ups.follow_up_create, name="follow_up_create"),
    path("tindak-lanjut/<int:pk>/ubah/", follow_ups.follow_up_edit, name="follow_up_edit"),
    path("tindak-lanjut/<int:pk>/verifikasi/", follow_ups.follow_up_verify, name="follow_up_verify"),
    path("verifikasi/", review.queue, name="queue"),
    path("status/baru/", status_flags.status_flag_create, name="status_flag_create"),
    path("impor/", imports.import_upload, name="import"),
    path("impor/konfirmasi/", imports.import_confirm, name="import_confirm"),
    path("impor/templat.<str:fmt>", imports.import_template, name="import_template"),
    path("indeks-terkait/", related_indices.related_list, name="related_list"),
    path("indeks-terkait/baru/", related_indices.related_create, name="related_create"),
    path("indeks-terkait/<int:pk>/", related_indices.related_detail, name="related_detail"),
    path("indeks-terkait/<int:pk>/ubah/", related_indices.related_edit, name="related_edit"),
    path("indeks-terkait/<int:pk>/ajukan/", related_indices.related_submit, name="related_submit"),
    path("indeks-terkait/<int:pk>/verifikasi/", related_indices.related_verify, name="related_verify"),
    path("indeks-terkait/<int:pk>/kembalikan/", related_indices.related_return, name="related_return"),
    path("indeks-terkait/<int:pk>/revisi/", related_indices.related_revise, name="related_revise"),
    path("bukti/<uuid:token>/", evidence.evidence_download, name="evidence"),
]
