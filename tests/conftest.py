"""Shared fixtures: real-service requirements, users with roles, the demo data.

Tests that need PostgreSQL, Redis, a Celery worker or Chromium ask for the fixture
of that service. Without it they skip and say what is missing; with REQUIRE_SERVICES=1
(as .ci/run sets) they fail instead, so CI can never pass by skipping.
"""

import os
import shutil

import pytest
from django.conf import settings

from tests.factories import grant, user_factory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

_services_used: dict[str, str] = {}


def need(ok: bool, what: str) -> None:
    """Skip (or fail under REQUIRE_SERVICES=1) when a real service is missing."""
    if ok:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} — REQUIRE_SERVICES=1, so this is a failure, not a skip", pytrace=False)
    pytest.skip(what)


@pytest.fixture
def postgres(db):
    from django.db import connection

    need(
        connection.vendor == "postgresql",
        "needs PostgreSQL: set DATABASE_URL=postgres://... (running on SQLite)",
    )
    _services_used["postgresql"] = connection.settings_dict["NAME"]
    return connection


@pytest.fixture
def redis_url():
    url = settings.REDIS_URL
    need(bool(url), "needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        need(False, f"needs Redis at {url}: {exc}")
    _services_used["redis"] = url
    return url


@pytest.fixture(scope="session")
def chromium_path():
    need(
        os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK),
        f"needs Chromium at {CHROMIUM} (apt-get install chromium; `make test` does it as root)",
    )
    _services_used["chromium"] = CHROMIUM
    return CHROMIUM


def note_service(name: str, detail: str) -> None:
    _services_used[name] = detail


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    return [
        f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('NAME')})",
        f"redis: {settings.REDIS_URL or 'not configured'}; "
        f"REQUIRE_SERVICES={'1' if REQUIRE_SERVICES else '0'}; "
        f"chromium: {CHROMIUM if shutil.which(CHROMIUM) else 'missing'}",
    ]


def pytest_terminal_summary(terminalreporter):
    if _services_used:
        terminalreporter.write_sep("-", "real services used by the tests")
        for name, detail in sorted(_services_used.items()):
            terminalreporter.write_line(f"{name}: {detail}")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages must not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def data_awal(db):
    """The rows of the data migrations (evaluasi 0003: compliance rules and zones, the PEKPPP
    instrument, IPP categories). A transactional test (live server, real worker) empties every
    table when it ends, so a test that runs after one gets them back here. Idempotent.
    (serialized_rollback cannot restore them: the flush recreates the content types, and
    loading the snapshot then collides with them.)"""
    import importlib

    from django.apps import apps

    importlib.import_module("evaluasi.migrations.0003_data_awal").isi(apps, None)


@pytest.fixture
def demo(db, data_awal):
    """The demo data set, as `make run` loads it."""
    from pelayanan import demo as demo_module

    demo_module.load()
    return demo_module


@pytest.fixture
def warga(db):
    return user_factory(email="warga.uji@contoh.example", nama_lengkap="Warga Uji")


__all__ = ["grant", "need", "note_service", "user_factory"]
