"""Language selection: Bahasa Indonesia unless the visitor chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header, showing
English to every citizen whose phone is set to English; the portal speaks Indonesian
first, so only the explicit choice (the language cookie set by the switch) counts.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if code not in self.available:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()  # the thread serves the next request from a clean state
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", code)
        return response
