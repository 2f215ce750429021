import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe_portal.settings.dev")

application = get_wsgi_application()
