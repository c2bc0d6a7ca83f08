"""Hardening: the Content Security Policy, no inline script or style in templates, rate limits
on login and registration, the login lockout (django-axes), session expiry, deploy checks."""

import base64
import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as dj_settings
from django.urls import reverse

from pelayanan import keamanan
from pelayanan.choices import Peran
from pelayanan.middleware import SESI_AKTIF, SESI_MASUK
from tests.factories import TEST_PASSWORD, UnitFactory, grant, user_factory

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/akun/masuk/"


def directives(header: str) -> dict[str, list[str]]:
    hasil = {}
    for bagian in header.split(";"):
        kata = bagian.split()
        if kata:
            hasil[kata[0]] = kata[1:]
    return hasil


# --- Content Security Policy ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", LOGIN, "/akun/daftar/", "/tidak-ada/"])
def test_public_pages_send_a_strict_csp(client, url):
    response = client.get(url)
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["default-src"]


@pytest.mark.django_db
def test_staff_pages_send_the_same_policy(client):
    unit = UnitFactory()
    staf = user_factory()
    grant(staf, Peran.ADMIN_UNIT, unit=unit)
    client.force_login(staf)
    response = client.get(reverse("pelayanan:ruang_kerja"))
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/api/v1/docs/"])
def test_third_party_pages_get_inline_styles_never_inline_scripts(client, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_api_docs_page_loads_its_start_script_from_a_url(client):
    """Swagger UI's start-up code comes from a script URL, not an inline <script> block."""
    html = client.get("/api/v1/docs/").content.decode()
    inline = list(re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S))
    assert not [m.group(0) for m in inline if m.group(1).strip()]


def produksi(**variables) -> dict[str, str]:
    """The environment production needs, plus `variables`."""
    from tests.pelayanan.test_settings import random_secret_key

    return {
        "DJANGO_SETTINGS_MODULE": "pelayanan.settings.production",
        "DJANGO_SECRET_KEY": random_secret_key(),
        "DJANGO_ALLOWED_HOSTS": "portal.example",
        "DJANGO_PII_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),  # a Fernet key
        **variables,
    }


def test_production_csp_upgrades_insecure_requests():
    from tests.pelayanan.test_settings import NO_DOTENV, run

    code = NO_DOTENV + (
        "from django.conf import settings\n"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests'))\n"
    )
    result = run(code, **produksi())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


# --- no inline script, handler or style in templates ---------------------------------------

# Templates served to browsers: the project's templates/ and every app's templates/, except
# the print templates (templates/pdf/), which WeasyPrint renders and no browser loads.
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE = {
    "inline <script> (put the code in static/js/)": re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>", re.I),
    "inline event handler (use addEventListener in static/js/)": re.compile(
        r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S
    ),
    "javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
    'style="" attribute (use a class in static/css/)': re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S),
    "<style> block (use static/css/)": re.compile(r"<style[\s>]", re.I),
}
# A <script> that holds data, not code (e.g. json_script), is no script to the CSP.
DATA_SCRIPT = re.compile(r"""<script[^>]*type\s*=\s*["']application/(ld\+)?json["']""", re.I)


def browser_templates():
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if (ROOT / "templates" / "pdf") in path.parents:
                continue
            yield path


def inline_findings(text: str) -> list[str]:
    temuan = []
    for what, pattern in INLINE.items():
        for m in pattern.finditer(text):
            if what.startswith("inline <script>") and DATA_SCRIPT.match(m.group(0)):
                continue
            baris = text.count("\n", 0, m.start()) + 1
            temuan.append(f"line {baris}: {what}: {m.group(0)[:80]!r}")
    return temuan


def test_the_template_scan_finds_what_it_must():
    assert inline_findings('<button onclick="x()">')
    assert inline_findings("<script>alert(1)</script>")
    assert inline_findings('<div\n  class="a" style="width: 1px">')
    assert inline_findings("<style>p{}</style>")
    assert inline_findings('<a href="javascript:void(0)">')
    assert not inline_findings('<script src="/static/js/a.js"></script><div class="on-line">')
    assert not inline_findings('<script id="d" type="application/json">{}</script>')


def test_no_template_has_inline_scripts_handlers_or_styles():
    paths = list(browser_templates())
    assert len(paths) > 50  # the scan really looks at the templates
    masalah = {
        str(p.relative_to(ROOT)): f for p in paths if (f := inline_findings(p.read_text(encoding="utf-8")))
    }
    assert not masalah, masalah


def test_every_script_a_template_loads_exists():
    pola = re.compile(r"""<script[^>]*src="\{% static '([^']+)' %\}""")
    for path in browser_templates():
        for nama in pola.findall(path.read_text(encoding="utf-8")):
            assert (ROOT / "static" / nama).is_file(), f"{path.name} loads a missing {nama}"


# --- rate limits on the account pages -------------------------------------------------------


@pytest.mark.django_db
def test_login_attempts_per_address_are_limited(client, settings):
    settings.AKUN_MASUK_BATAS = 3
    user_factory(email="staf@uji.example")
    for _ in range(3):
        response = client.post(LOGIN, {"username": "lain@uji.example", "password": "salah"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "staf@uji.example", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The form keeps what was typed.
    assert 'value="staf@uji.example"' in response.content.decode()


@pytest.mark.django_db
def test_registrations_per_address_are_limited(client, settings):
    settings.AKUN_DAFTAR_BATAS = 2
    for i in range(3):
        response = client.post(
            "/akun/daftar/",
            {
                "nama_lengkap": "Warga Baru",
                "email": f"baru{i}@contoh.example",
                "password1": "kuat-sekali-2026",
                "password2": "kuat-sekali-2026",
            },
        )
        client.logout()
    assert response.status_code == 200
    assert "Terlalu banyak permintaan" in response.content.decode()
    from pelayanan.models import Pengguna

    assert Pengguna.objects.filter(email__startswith="baru").count() == 2


# --- login lockout (django-axes) ------------------------------------------------------------


def gagal(client, email, n):
    for _ in range(n):
        client.post(LOGIN, {"username": email, "password": "bukan-kata-sandinya"})


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user_factory(email="staf@uji.example")
    gagal(client, "staf@uji.example", 2)
    response = client.post(LOGIN, {"username": "Staf@Uji.example", "password": "salah-lagi"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Akun dikunci sementara" in html
    assert "15 menit" in html

    response = client.post(LOGIN, {"username": "staf@uji.example", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off(client, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 3
    user = user_factory(email="staf@uji.example")
    gagal(client, "staf@uji.example", 3)
    assert client.post(LOGIN, {"username": user.email, "password": TEST_PASSWORD}).status_code == 429

    lewat = settings.AXES_COOLOFF_TIME + timedelta(seconds=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - lewat)
    response = client.post(LOGIN, {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = user_factory(email="staf@uji.example")
    gagal(client, user.email, 2)
    assert client.post(LOGIN, {"username": user.email, "password": TEST_PASSWORD}).status_code == 302
    client.logout()
    gagal(client, user.email, 2)
    assert client.post(LOGIN, {"username": user.email, "password": TEST_PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_another_account_from_the_same_address_is_not_locked(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user_factory(email="a@uji.example")
    b = user_factory(email="b@uji.example")
    gagal(client, "a@uji.example", 3)
    assert client.post(LOGIN, {"username": b.email, "password": TEST_PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_the_test_client_login_without_a_request_still_works(client):
    """Tests log in with client.login() (no request): axes has no address to count there."""
    user = user_factory(email="staf@uji.example")
    assert client.login(username=user.email, password=TEST_PASSWORD)
    assert not client.login(username=user.email, password="salah")


# --- session expiry -------------------------------------------------------------------------


def _geser(client, **mundur):
    """Move the session's clocks back by the given number of seconds."""
    session = client.session
    for kunci, detik in mundur.items():
        session[kunci] -= detik
    session.save()


@pytest.mark.django_db
def test_login_starts_the_session_clocks(client):
    user = user_factory()
    sebelum = int(time.time())
    client.force_login(user)
    assert sebelum <= client.session[SESI_MASUK] <= int(time.time())
    assert client.session[SESI_AKTIF] == client.session[SESI_MASUK]


@pytest.mark.django_db
def test_an_idle_session_ends(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    user = user_factory()
    client.force_login(user)
    _geser(client, **{SESI_AKTIF: 601})
    response = client.get(reverse("pelayanan:akun_saya"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("pelayanan:login"))
    assert "_auth_user_id" not in client.session
    assert "Sesi Anda berakhir" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_activity_keeps_the_session_and_moves_the_idle_clock(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    user = user_factory()
    client.force_login(user)
    _geser(client, **{SESI_AKTIF: 500, SESI_MASUK: 500})
    assert client.get(reverse("pelayanan:akun_saya")).status_code == 200
    assert client.session[SESI_AKTIF] >= int(time.time()) - 2
    _geser(client, **{SESI_AKTIF: 500, SESI_MASUK: 500})
    assert client.get(reverse("pelayanan:akun_saya")).status_code == 200


@pytest.mark.django_db
def test_a_session_ends_at_its_absolute_age_however_active(client, settings):
    settings.SESSION_COOKIE_AGE = 3600
    user = user_factory()
    client.force_login(user)
    _geser(client, **{SESI_MASUK: 3601})
    assert client.get(reverse("pelayanan:akun_saya")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_idle_timeout_comes_from_the_environment():
    from tests.pelayanan.test_settings import NO_DOTENV, run

    code = NO_DOTENV + "from django.conf import settings\nprint(settings.SESSION_IDLE_TIMEOUT)\n"
    result = run(code, DJANGO_SETTINGS_MODULE="pelayanan.settings.dev", SESSION_IDLE_TIMEOUT="900")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "900"
    assert dj_settings.SESSION_IDLE_TIMEOUT == 30 * 60  # the embedded default


@pytest.mark.django_db
def test_pages_right_after_login_do_not_save_the_session(client):
    """The clocks are written at login, so the next pages add no session write (and the
    query counts asserted elsewhere stay what they were)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = user_factory()
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("pelayanan:akun_saya"))
        client.get(reverse("pelayanan:akun_saya"))
    tulis = [
        q["sql"] for q in ctx.captured_queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert not tulis


# --- deploy checks --------------------------------------------------------------------------


def test_check_deploy_warns_without_a_shared_cache_or_the_second_factor():
    from tests.pelayanan.test_settings import RUN_MANAGE, run

    result = run(RUN_MANAGE, "check", "--deploy", **produksi(OTP_WAJIB="false"))
    output = result.stdout + result.stderr
    assert "pelayanan.W001" in output
    assert "pelayanan.W002" in output
    result = run(RUN_MANAGE, "check", "--deploy", **produksi(REDIS_URL="redis://cache.example:6379/0"))
    output = result.stdout + result.stderr
    assert "pelayanan.W00" not in output, output


def test_deploy_check_wants_a_shared_cache_and_the_second_factor(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.OTP_WAJIB = False
    assert {m.id for m in keamanan.check_keamanan()} == {"pelayanan.W001", "pelayanan.W002"}
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://x/0"}}
    settings.OTP_WAJIB = True
    assert keamanan.check_keamanan() == []


# --- supply chain: what the pip-audit step reports --------------------------------------------


def _audit():
    import importlib.util

    spec = importlib.util.spec_from_file_location("audit_deps", ROOT / "scripts" / "audit_deps.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_pip_audit_step_fails_on_a_known_vulnerability_whatever_the_mode():
    data = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.1"]}]},
            {"name": "segno", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    for required in (False, True):
        status, lines = _audit().verdict(data, required=required)
        assert status == 1
        assert any("VULNERABLE django==5.2.0: PYSEC-1" in line for line in lines)


def test_pip_audit_step_never_calls_an_unanswered_audit_clean():
    alle = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}
    status, lines = _audit().verdict(alle, required=False)
    assert status == 0
    assert "NOT AUDITED" in lines[-1]
    assert _audit().verdict(alle, required=True)[0] == 1
    status, lines = _audit().verdict(None, required=False, stderr="connection refused")
    assert status == 0
    assert "NOT AUDITED" in lines[-1]
    assert _audit().verdict(None, required=True)[0] == 1
    sebagian = {"dependencies": [{"name": "django", "vulns": []}, {"name": "x", "skip_reason": "timeout"}]}
    assert "PARTIAL" in _audit().verdict(sebagian, required=False)[1][-1]
    bersih = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert _audit().verdict(bersih, required=True) == (
        0,
        ["pip-audit: no known vulnerability in the 1 pinned packages"],
    )


@pytest.mark.services
def test_rate_limit_counters_live_in_redis_when_configured(settings, redis_url):
    """Production's cache is Redis (REDIS_URL): the counters are shared by every worker."""
    import redis

    from pelayanan import ratelimit

    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "uji-rl"}
    }
    r = redis.Redis.from_url(redis_url)
    bersihkan = lambda: [r.delete(k) for k in r.keys("uji-rl:*")]  # noqa: E731  (never flushdb: the broker may share it)
    bersihkan()
    ip = "203.0.113.7"
    ratelimit.hit("masuk-ip", ip, limit=2, window=60)
    ratelimit.hit("masuk-ip", ip, limit=2, window=60)
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit("masuk-ip", ip, limit=2, window=60)
    kunci = r.keys("uji-rl:*rl:masuk-ip:*")
    assert kunci, "the counter is not in Redis"
    assert ip.encode() not in b"".join(kunci)  # addresses are hashed, never stored
    bersihkan()
