from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only open-data API of published values: /api/v1/."""

    name = "api"
    verbose_name = "API data terbuka"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from assessments.models import Framework, PredikatBand, Result, Source, Target
        from regencies.models import Regency, StatusFlag

        from .cache import forget_cached_responses

        # Anything an API row is built from; a change to one of them makes every cached answer stale.
        for model in (Result, Target, StatusFlag, Regency, Source, Framework, PredikatBand):
            post_save.connect(forget_cached_responses, sender=model, dispatch_uid=f"api-cache-{model.__name__}-save")
            post_delete.connect(
                forget_cached_responses, sender=model, dispatch_uid=f"api-cache-{model.__name__}-delete"
            )
