from django.urls import path

from .views import (
    conversation,
    evidence,
    follow_ups,
    history,
    imports,
    indicator_export,
    indicator_review,
    indicators,
    planner,
    province_indicators,
    related_indices,
    results,
    review,
    status_flags,
    targets,
)

app_name = "entry"

# The review steps are one view each for every kind of reviewed record; the URL names the kind.
RESULT, TARGET, RELATED = {"kind": "result"}, {"kind": "target"}, {"kind": "related"}

urlpatterns = [
    path("", results.result_list, name="list"),
    path("hasil/baru/", results.result_create, name="result_create"),
    path("hasil/<int:pk>/", results.result_detail, name="result_detail"),
    path("hasil/<int:pk>/ubah/", results.result_edit, name="result_edit"),
    path("hasil/<int:pk>/ajukan/", review.submit, RESULT, name="result_submit"),
    path("hasil/<int:pk>/verifikasi/", review.verify, RESULT, name="result_verify"),
    path("hasil/<int:pk>/kembalikan/", review.return_, RESULT, name="result_return"),
    path("hasil/<int:pk>/revisi/", review.revise, RESULT, name="result_revise"),
    path("hasil/<int:pk>/balas/", conversation.result_reply, name="result_reply"),
    path("hasil/<int:pk>/hapus/", conversation.result_delete, name="result_delete"),
    path("hasil/<int:pk>/riwayat/", history.result_history, name="result_history"),
    path("hasil/<int:pk>/tindak-lanjut/baru/", follow_ups.follow_up_create, name="follow_up_create"),
    path("tindak-lanjut/<int:pk>/ubah/", follow_ups.follow_up_edit, name="follow_up_edit"),
    path("tindak-lanjut/<int:pk>/verifikasi/", follow_ups.follow_up_verify, name="follow_up_verify"),
    path("target/baru/", targets.target_create, name="target_create"),
    path("target/<int:pk>/", targets.target_detail, name="target_detail"),
    path("target/<int:pk>/ubah/", targets.target_edit, name="target_edit"),
    path("target/<int:pk>/ajukan/", review.submit, TARGET, name="target_submit"),
    path("target/<int:pk>/verifikasi/", review.verify, TARGET, name="target_verify"),
    path("target/<int:pk>/kembalikan/", review.return_, TARGET, name="target_return"),
    path("target/<int:pk>/revisi/", review.revise, TARGET, name="target_revise"),
    path("verifikasi/", review.queue, name="queue"),
    path("status/baru/", status_flags.status_flag_create, name="status_flag_create"),
    path("impor/", imports.import_upload, name="import"),
    path("impor/konfirmasi/", imports.import_confirm, name="import_confirm"),
    path("impor/templat.<str:fmt>", imports.import_template, name="import_template"),
    path("indeks-terkait/", related_indices.related_list, name="related_list"),
    path("indeks-terkait/baru/", related_indices.related_create, name="related_create"),
    path("indeks-terkait/<int:pk>/", related_indices.related_detail, name="related_detail"),
    path("indeks-terkait/<int:pk>/ubah/", related_indices.related_edit, name="related_edit"),
    path("indeks-terkait/<int:pk>/ajukan/", review.submit, RELATED, name="related_submit"),
    path("indeks-terkait/<int:pk>/verifikasi/", review.verify, RELATED, name="related_verify"),
    path("indeks-terkait/<int:pk>/kembalikan/", review.return_, RELATED, name="related_return"),
    path("indeks-terkait/<int:pk>/revisi/", review.revise, RELATED, name="related_revise"),
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
    path("indikator/<slug:slug>/<int:year>/", indicators.workspace, name="indicator_workspace"),
    path("indikator/<slug:slug>/<int:year>/ajukan/", indicators.workspace_submit, name="indicator_workspace_submit"),
    path("indikator/<slug:slug>/<int:year>/<int:number>/", indicators.indicator, name="indicator"),
    path(
        "indikator/<slug:slug>/<int:year>/<int:number>/bukti/<uuid:token>/hapus/",
        indicators.evidence_delete,
        name="indicator_evidence_delete",
    ),
    path("indikator/<slug:slug>/<int:year>/rencana/", planner.planner_page, name="planner"),
    path("indikator/<slug:slug>/<int:year>/rencana/simpan/", planner.planner_save, name="planner_save"),
    path("indikator/<slug:slug>/<int:year>/unduh.xlsx", indicator_export.workspace_xlsx, name="indicator_export"),
]
