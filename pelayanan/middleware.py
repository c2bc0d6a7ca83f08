"""Middleware of the core: the chosen language, session expiry, the second factor.

Language selection: Bahasa Indonesia unless the visitor chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language header, showing
English to every citizen whose phone is set to English; the portal speaks Indonesian
first, so only the explicit choice (the language cookie set by the switch) counts.
"""

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


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


class TolakNulMiddleware:
    """Refuses (400) a URL whose path or query string holds a NUL character. No link or form
    produces one, PostgreSQL cannot compare text with it (the search, the catalogue filters, a
    questionnaire's code would answer 500), and it is a classic way to cut a string short.
    A NUL in a posted form is left to the form: its fields refuse it with a message. The
    open-data API answers in JSON, as its own errors do."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.api = None

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in kunci or any("\x00" in nilai for nilai in daftar)
            for kunci, daftar in request.GET.lists()
        ):
            if self.api is None:
                self.api = reverse("api:api-root")
            if request.path.startswith(self.api):
                return self._api(request)
            raise BadRequest("NUL in the URL")
        return self.get_response(request)

    @staticmethod
    def _api(request):
        """As the API answers: a path naming nothing is its JSON 404; a query parameter's bad
        value its 400 with the reason per parameter (api/schema.py GALAT_SARINGAN)."""
        from api.views import tidak_ditemukan

        if "\x00" in request.path:
            return tidak_ditemukan(request)
        pesan = _("Nilai tidak sah: memuat karakter NUL.")
        galat = {
            ("detail" if "\x00" in kunci else kunci): [pesan]
            for kunci, daftar in request.GET.lists()
            if "\x00" in kunci or any("\x00" in nilai for nilai in daftar)
        }
        return JsonResponse(galat, status=400)


# Session keys (epoch seconds) written at login by pelayanan.keamanan.
SESI_MASUK = "_masuk_pada"
SESI_AKTIF = "_aktif_pada"
# The last-activity stamp is rewritten at most this often, so that a request does not save
# the session every time (each save is a database write).
SESI_SEGARKAN_DETIK = 60


class BatasSesiMiddleware:
    """Ends a signed-in session after SESSION_IDLE_TIMEOUT seconds without a request, and
    SESSION_COOKIE_AGE seconds after login however active (ASVS 3.3.2). The visitor then
    carries on as anonymous: a staff page sends them to the login page, with a notice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session:
            sekarang = int(time.time())
            aktif = session.get(SESI_AKTIF)
            masuk = session.get(SESI_MASUK, aktif)
            if aktif is None:  # a session from before this rule: start counting now
                session[SESI_MASUK] = session[SESI_AKTIF] = sekarang
            elif (
                sekarang - aktif > settings.SESSION_IDLE_TIMEOUT
                or sekarang - masuk > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(request, _("Sesi Anda berakhir. Silakan masuk kembali."))
            elif sekarang - aktif >= SESI_SEGARKAN_DETIK:
                session[SESI_AKTIF] = sekarang
        return self.get_response(request)


class DuaLangkahMiddleware:
    """Holds a signed-in user who owes a second factor (pelayanan.dua_langkah) on the
    verification or enrolment page until they give it: no other page, staff or public,
    is served to them. Costs no query for anyone else (a flag set in the session at login)."""

    # Pages such a user may still open.
    BEBAS = frozenset(
        {
            "pelayanan:dua_langkah",
            "pelayanan:dua_langkah_daftar",
            "pelayanan:logout",
            "set_language",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from pelayanan import dua_langkah

        if not request.session.get(dua_langkah.SESI_PERLU):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.view_name in self.BEBAS or "api" in match.namespaces:
            return None
        tujuan = dua_langkah.halaman_wajib(user)
        if tujuan is None:  # the second factor was switched off since login
            del request.session[dua_langkah.SESI_PERLU]
            return None
        return redirect(f"{reverse(tujuan)}?next={quote(request.get_full_path())}")
