from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    """Data tooling, no models: the sourced reference data loader and the synthetic demo data (`seed_demo`)."""

    name = "datasets"
    verbose_name = "Data rujukan dan data contoh"
