"""Settings per purpose, read from the environment; each case runs in a fresh interpreter.

Every subprocess gets the current environment without the portal's variables
(DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, EMAIL_BACKEND, DJANGO_*) and then exactly
the ones the case sets. A developer's `.env` is ignored too (read_env is switched off
in the child), so the cases do not depend on the machine.
"""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REMOVED = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_BACKEND"}

# Switch off reading ROOT/.env in the child, whatever a developer keeps there.
NO_DOTENV = "import environ\nenviron.Env.read_env = classmethod(lambda cls, *a, **k: None)\n"

PRINT_SETTINGS = (
    NO_DOTENV
    + """
import json
from django.conf import settings

db = settings.DATABASES["default"]
cache = settings.CACHES["default"]
print(json.dumps({
    "db_engine": db["ENGINE"],
    "db_name": str(db["NAME"]),
    "db_host": db.get("HOST"),
    "db_port": db.get("PORT"),
    "db_user": db.get("USER"),
    "cache_backend": cache["BACKEND"],
    "cache_location": cache.get("LOCATION"),
    "broker": settings.CELERY_BROKER_URL,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "email_backend": settings.EMAIL_BACKEND,
    "language": settings.LANGUAGE_CODE,
    "hashers": settings.PASSWORD_HASHERS,
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "csrf_trusted_origins": getattr(settings, "CSRF_TRUSTED_ORIGINS", []),
    "session_cookie_name": settings.SESSION_COOKIE_NAME,
}))
"""
)

# `manage.py <args>` run as a script, after NO_DOTENV.
RUN_MANAGE = (
    NO_DOTENV
    + """
import runpy, sys
sys.argv = ["manage.py", *sys.argv[1:]]
runpy.run_path("manage.py", run_name="__main__")
"""
)


def child_env(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in REMOVED and not k.startswith("DJANGO_")}
    env.update(variables)
    return env


def run(code: str, *args: str, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=child_env(**variables),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def settings_of(module: str, **variables: str) -> dict:
    result = run(PRINT_SETTINGS, DJANGO_SETTINGS_MODULE=module, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def random_pii_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def test_manage_py_is_at_the_computed_project_root():
    assert (ROOT / "manage.py").is_file()
    assert (ROOT / "pelayanan" / "settings" / "base.py").is_file()


def test_dev_settings_embedded_defaults():
    s = settings_of("pelayanan.settings.dev")
    assert s["db_engine"] == "django.db.backends.sqlite3"
    assert s["db_name"] == str(ROOT / "db.sqlite3")
    assert s["eager"] is True
    assert s["broker"] == "memory://"
    assert s["cache_backend"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["email_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert s["language"] == "id"
    assert s["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert s["debug"] is True


def test_database_and_redis_urls_from_the_environment():
    s = settings_of(
        "pelayanan.settings.dev",
        DATABASE_URL="postgres://u:p@db.example:5432/portal",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert s["db_engine"] == "django.db.backends.postgresql"
    assert s["db_name"] == "portal"
    assert s["db_host"] == "db.example"
    assert int(s["db_port"]) == 5432
    assert s["db_user"] == "u"
    assert s["cache_backend"] == "django_redis.cache.RedisCache"
    assert s["cache_location"] == "redis://cache.example:6379/0"
    assert s["broker"] == "redis://cache.example:6379/0"
    assert s["eager"] is False


def test_celery_broker_url_overrides_redis_url_for_the_broker():
    s = settings_of(
        "pelayanan.settings.dev",
        REDIS_URL="redis://cache.example:6379/0",
        CELERY_BROKER_URL="redis://broker.example:6379/2",
    )
    assert s["broker"] == "redis://broker.example:6379/2"
    assert s["cache_location"] == "redis://cache.example:6379/0"
    assert s["eager"] is False


def test_production_passes_check_deploy_without_warnings():
    result = run(
        RUN_MANAGE,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="pelayanan.settings.production",
        # Rate-limit counters must be shared by the workers (pelayanan.W001); checks do not connect.
        REDIS_URL="redis://cache.example:6379/0",
        DJANGO_SECRET_KEY=random_secret_key(),
        DJANGO_ALLOWED_HOSTS="portal.example",
        DJANGO_PII_KEY=random_pii_key(),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output


def test_production_settings_are_hardened_even_with_debug_requested():
    s = settings_of(
        "pelayanan.settings.production",
        DJANGO_SECRET_KEY=random_secret_key(),
        DJANGO_ALLOWED_HOSTS="portal.example",
        DJANGO_PII_KEY=random_pii_key(),
        DJANGO_DEBUG="true",
    )
    assert s["debug"] is False
    assert s["allowed_hosts"] == ["portal.example"]
    assert s["csrf_trusted_origins"] == ["https://portal.example"]
    assert s["session_cookie_name"] == "__Host-sessionid"
    assert s["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_without_secret_key_refuses_to_start():
    result = run(
        RUN_MANAGE,
        "check",
        DJANGO_SETTINGS_MODULE="pelayanan.settings.production",
        DJANGO_ALLOWED_HOSTS="portal.example",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", [None, ""], ids=["unset", "empty"])
def test_production_without_allowed_hosts_refuses_to_start(hosts):
    variables = {"DJANGO_SECRET_KEY": random_secret_key()}
    if hosts is not None:
        variables["DJANGO_ALLOWED_HOSTS"] = hosts
    result = run(RUN_MANAGE, "check", DJANGO_SETTINGS_MODULE="pelayanan.settings.production", **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize(
    "kunci", [None, "", "dev", "bukan-kunci-fernet"], ids=["unset", "empty", "dev", "invalid"]
)
def test_production_without_its_own_pii_key_refuses_to_start(kunci):
    from django.conf import settings

    variables = {"DJANGO_SECRET_KEY": random_secret_key(), "DJANGO_ALLOWED_HOSTS": "portal.example"}
    if kunci is not None:
        variables["DJANGO_PII_KEY"] = settings.PII_KEY_DEV if kunci == "dev" else kunci
    result = run(RUN_MANAGE, "check", DJANGO_SETTINGS_MODULE="pelayanan.settings.production", **variables)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_PII_KEY" in result.stderr


def test_production_accepts_a_key_list_for_rotation():
    baru, lama = random_pii_key(), random_pii_key()
    result = run(
        NO_DOTENV + "from django.conf import settings\nprint(len(settings.PII_KEYS))",
        DJANGO_SETTINGS_MODULE="pelayanan.settings.production",
        DJANGO_SECRET_KEY=random_secret_key(),
        DJANGO_ALLOWED_HOSTS="portal.example",
        DJANGO_PII_KEY=f"{baru}, {lama}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2"
