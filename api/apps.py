from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only open-data API of published values: /api/v1/. Its cache follows the publication version that
    the assessments app keeps (assessments/publication.py)."""

    name = "api"
    verbose_name = "API data terbuka"
