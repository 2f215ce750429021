"""Writes the portal's 400 page as a static file for nginx.

nginx refuses a request line or header longer than its buffers (414, 494) before the portal sees the request; with
`error_page` pointing at this file (docs/deploy.md, section 7) the visitor reads the portal's own page, in its
layout and language, instead of nginx's English one. Run it after every collectstatic: the page links the
stylesheet by its hashed name.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template import loader
from django.utils import translation

PAGE = "400.html"


class Command(BaseCommand):
    help = "Writes the portal's 400 page into a folder, for nginx to show when it refuses a request itself."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Folder for 400.html (created if missing).")

    def handle(self, *args, folder: Path, **options):
        # Rendered as Django renders it for a bad request: no request, no context, the site's own language.
        with translation.override(settings.LANGUAGE_CODE):
            html = loader.get_template(PAGE).render()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / PAGE).write_text(html, encoding="utf-8")
        self.stdout.write(f"{folder / PAGE}")
