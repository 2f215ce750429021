from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """Every read-only page, no models: ranking, regency profile and embed, staff overview, method page."""

    name = "dashboard"
    verbose_name = "Halaman baca"
