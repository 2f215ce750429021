from django.urls import path

from . import endpoints, views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("regencies/", views.list_json, {"endpoint": endpoints.REGENCIES}, name="regencies"),
    path("regencies.csv", views.list_csv, {"endpoint": endpoints.REGENCIES}, name="regencies-csv"),
    path("results/", views.list_json, {"endpoint": endpoints.RESULTS}, name="results"),
    path("results.csv", views.list_csv, {"endpoint": endpoints.RESULTS}, name="results-csv"),
    path("targets/", views.list_json, {"endpoint": endpoints.TARGETS}, name="targets"),
    path("targets.csv", views.list_csv, {"endpoint": endpoints.TARGETS}, name="targets-csv"),
    path("flags/", views.list_json, {"endpoint": endpoints.FLAGS}, name="flags"),
    path("flags.csv", views.list_csv, {"endpoint": endpoints.FLAGS}, name="flags-csv"),
    path("flags/latest/", views.list_json, {"endpoint": endpoints.LATEST_FLAGS}, name="flags-latest"),
    path("related-indices/", views.list_json, {"endpoint": endpoints.RELATED_INDICES}, name="related-indices"),
    path("related-indices.csv", views.list_csv, {"endpoint": endpoints.RELATED_INDICES}, name="related-indices-csv"),
    path("indicator-levels/", views.list_json, {"endpoint": endpoints.INDICATOR_LEVELS}, name="indicator-levels"),
    path("indicator-levels.csv", views.list_csv, {"endpoint": endpoints.INDICATOR_LEVELS}, name="indicator-levels-csv"),
    path(
        "national-references/",
        views.list_json,
        {"endpoint": endpoints.NATIONAL_REFERENCES},
        name="national-references",
    ),
    path(
        "national-references.csv",
        views.list_csv,
        {"endpoint": endpoints.NATIONAL_REFERENCES},
        name="national-references-csv",
    ),
    path("flags/latest.csv", views.list_csv, {"endpoint": endpoints.LATEST_FLAGS}, name="flags-latest-csv"),
]
