"""Settings for the test suite: base settings from the same environment, made fast."""

from .base import *  # noqa: F403

DEBUG = False
# Argon2 is the production hasher (base.py); tests only need a fast one.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that exercise the second factor switch this on (tests/pelayanan/test_dua_langkah.py).
OTP_WAJIB = False
# Tasks run inline in tests (a safety net); the one real-worker test switches this off.
CELERY_TASK_ALWAYS_EAGER = True
# Cache (rate-limit counters) per test process, cleared before each test by conftest.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No whole-page cache: a test's transaction never commits, so the bumps that invalidate it
# would never run. tests/test_cache_publik.py switches it on with committed transactions.
TEMBOLOK_HALAMAN = False
TEMBOLOK_DASBOR = False  # the same: tests/evaluasi/test_dasbor_tersimpan.py switches it on
