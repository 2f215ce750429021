import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe_portal.settings.dev")

application = get_wsgi_application()

# What is loaded by now (Django, the settings, every app and its models) lives as long as the worker: frozen, the
# collector's full passes no longer walk it. A full pass in a worker that had served every staff page took 92 ms
# of CPU, 25-35 ms with this, and one falls about every 30-40 staff pages, inside whichever request triggered it
# (issue 26: a p95 of 150 ms).
gc.freeze()
