"""Fixtures of the security tests: the world (built once per module), one client per kind of
user; and their figures (matrix size, hostile inputs tried) in the terminal summary."""

from __future__ import annotations

import logging
import time
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

ANGKA: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if ANGKA:
        terminalreporter.write_sep("-", "security tests: figures")
        for nama, teks in sorted(ANGKA.items()):
            terminalreporter.write_line(f"{nama}: {teks}")


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world (tests/keamanan/dunia.py), built once for the module in a transaction that is
    rolled back at its end; tests request through `klien()` and `matriks.minta()`, each request
    in a savepoint of its own."""
    from tests.keamanan import dunia as dunia_mod

    media = tmp_path_factory.mktemp("media_keamanan")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        mulai = time.monotonic()
        d = dunia_mod.bangun()
        # One client per kind for the whole module: a new Client loads the middleware again
        # (whitenoise then scans every static file), which costs more than the requests.
        d.sesi, d.klien = {}, {}
        for jenis, user in d.pengguna.items():
            c = d.klien[jenis] = Client()
            if user is not None:
                c.force_login(user)
                d.sesi[jenis] = c.cookies[settings.SESSION_COOKIE_NAME].value
        d.media = media
        d.detik_bangun = time.monotonic() - mulai
        # 403s and 404s are the point here: do not print a traceback for each.
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.ERROR)
        try:
            yield d
        finally:
            request_log.setLevel(level)
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Overrides the root conftest's per-test media root: the world's files live in the
    module's folder."""
    if "dunia" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("dunia").media
    else:
        settings.MEDIA_ROOT = tmp_path / "media"


def klien(d, jenis: str) -> Client:
    """The kind's client with only its session cookie (a logout, a language switch or a
    tracking code remembered in an earlier request does not carry over)."""
    c = d.klien[jenis]
    c.cookies = SimpleCookie()
    if jenis in d.sesi:
        c.cookies[settings.SESSION_COOKIE_NAME] = d.sesi[jenis]
    return c
