"""Production: refuses to start without a secret key, allowed hosts and personal-data keys.

Passes `manage.py check --deploy` with no warnings. Runs behind a TLS-terminating
proxy that sets X-Forwarded-Proto.
"""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PII_KEY_DEV, env

DEBUG = False

try:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured(
        "Production needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS in the environment."
    ) from exc
ALLOWED_HOSTS = [h.strip() for h in ALLOWED_HOSTS if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name at least one host.")

# Personal data is encrypted with the deployment's own keys (pelayanan/kripto.py).
PII_KEYS = [k.strip() for k in env.list("DJANGO_PII_KEY", default=[]) if k.strip()]
if not PII_KEYS or PII_KEY_DEV in PII_KEYS:
    raise ImproperlyConfigured(
        "Production needs DJANGO_PII_KEY in the environment (its own Fernet key; not the development key)."
    )
try:
    for _kunci in PII_KEYS:
        Fernet(_kunci.encode())
except ValueError as exc:
    raise ImproperlyConfigured(
        "DJANGO_PII_KEY must be Fernet keys (32 url-safe base64-encoded bytes), comma-separated."
    ) from exc

CSRF_TRUSTED_ORIGINS = env.list(
    "DJANGO_CSRF_TRUSTED_ORIGINS", default=[f"https://{h}" for h in ALLOWED_HOSTS]
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The CSP of base.py, and browsers load nothing over plain HTTP.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}
}
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Host-prefixed cookies: only ever sent back to this exact host over HTTPS.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
