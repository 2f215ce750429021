from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What running the portal on a server needs: the health check, backups."""

    name = "operations"
    verbose_name = "Operasional"
