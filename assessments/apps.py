from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Evaluasi SPBE")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save

        from . import publication

        # A saved or deleted row the public sees makes every cached page stale at once; drafts do not.
        for model in publication.published_models():
            post_save.connect(publication.changed, sender=model, dispatch_uid=f"publication-{model.__name__}-save")
            post_delete.connect(publication.changed, sender=model, dispatch_uid=f"publication-{model.__name__}-delete")
        for model in publication.models_leaving_public():
            pre_save.connect(
                publication.remember_whether_public, sender=model, dispatch_uid=f"publication-{model.__name__}-before"
            )
