from django.urls import path

from . import views

app_name = "regencies"

urlpatterns = [
    path("wilayah/<slug:slug>/", views.detail, name="detail"),
    path("wilayah/<slug:slug>/embed/", views.embed, name="embed"),
]
