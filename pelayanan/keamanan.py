"""Hardening glue: the Content Security Policy middleware, django-axes hooks, deploy checks.

- CSP (django-csp): one strict policy for every page (scripts and styles only from our own
  static files; no inline script, no inline event handler, no style="" attribute). Only the
  Django admin, the API's browsable pages and its Swagger page, which ship third-party
  templates with inline styles, get `'unsafe-inline'` for *styles*; scripts stay `'self'`
  everywhere.
- Login lockout (django-axes): failures are counted per account and address (the address as
  the server saw it, as for every other rate limit), the account name lower-cased as at login.
- Sessions: the clocks of the idle and absolute expiry start at login.
- Deploy checks (`manage.py check --deploy`): a shared cache for the rate limits and a
  required second factor for Pembina and superusers.
"""

from __future__ import annotations

import time

import csp.middleware
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import checks
from django.dispatch import receiver

from pelayanan.middleware import SESI_AKTIF, SESI_MASUK
from pelayanan.ratelimit import client_ip

# Third-party pages whose templates carry inline styles (never inline scripts: see the test).
CSP_GAYA_LONGGAR = ("/admin/", "/api/")


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with inline styles allowed only under CSP_GAYA_LONGGAR."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(CSP_GAYA_LONGGAR):
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), "'unsafe-inline'"]
            parts.update = update
        return parts


# --- sessions -----------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="pelayanan.keamanan.sesi_mulai")
def _sesi_mulai(sender, request, user, **kwargs):
    """Start the clocks of pelayanan.middleware.BatasSesiMiddleware."""
    if request is not None and hasattr(request, "session"):
        request.session[SESI_MASUK] = request.session[SESI_AKTIF] = int(time.time())


# --- django-axes --------------------------------------------------------------------------


def axes_username(request, credentials) -> str:
    """The account a login attempt is for: the e-mail as typed, trimmed and lower-cased
    (accounts are matched case-insensitively at login)."""
    name = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or ""
    if not name and request is not None:
        name = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return str(name).strip().lower()


def axes_ip(request) -> str:
    return client_ip(request)


class AxesBackend(AxesStandaloneBackend):
    """Refuses logins of locked-out accounts (django-axes).

    Every HTTP login (the login page, the admin's login) passes the request. A call without
    one (a management command, the test client's `login()`) has no address to count and is
    left to the next backend instead of failing: there is nothing to lock it against.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# --- deploy checks ------------------------------------------------------------------------


@checks.register(checks.Tags.security, deploy=True)
def check_keamanan(app_configs=None, **kwargs):
    pesan = []
    backend = settings.CACHES["default"]["BACKEND"]
    if "locmem" in backend or "dummy" in backend:
        pesan.append(
            checks.Warning(
                "The cache is per process: rate limits are not shared between workers.",
                hint="Set REDIS_URL so that rate-limit counters live in Redis.",
                id="pelayanan.W001",
            )
        )
    if not getattr(settings, "OTP_WAJIB", False):
        pesan.append(
            checks.Warning(
                "OTP_WAJIB is off: Pembina and superusers can sign in without a second factor.",
                hint="Unset OTP_WAJIB (it defaults to on in production).",
                id="pelayanan.W002",
            )
        )
    return pesan
