from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.home, name="home"),
    path("provinsi/", views.overview, name="overview"),
    path("metode/", views.method, name="method"),
]
