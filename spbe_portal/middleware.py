from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    """The language of the switch's cookie when it names one of ours, else Bahasa Indonesia."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class LanguageCookieMiddleware:
    """Bahasa Indonesia for everyone unless they chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so most visitors on an English-language
    phone would never see the portal in Indonesian. Here only the switch's cookie counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, with its mitigation of compression attacks on secrets in a page (since 4.2 it
    adds up to 100 random bytes to every gzip header, so the compressed length no longer tells an attacker
    whether a guess matched; docs/security.md says why that is enough here). Pages for signed-in people, the
    login and every other page built per request are compressed here; the cached public pages arrive gzipped
    already (`Content-Encoding` set) and pass through untouched."""

    # Text only: evidence PDFs and pictures, XLSX files and share images are compressed already, and gzipping a
    # 5 MB download again would cost CPU for nothing.
    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
