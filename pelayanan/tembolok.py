"""Cache (tembolok) of public pages for anonymous visitors, invalidated by generation counters.

A public page is stored whole, its HTML with the CSRF token taken out, under a key made of
the host, the path with its query, the language, and the current *generations* of what the
page shows. A generation is a counter in the cache (Redis in production, shared by every
worker); a change bumps it, so every key built before the change is never read again and
the next visitor gets a freshly rendered page. Nothing is deleted: old entries expire.

- `publik`: everything the catalogue pages show (instansi, units and their complaint
  channels, services, standards, versions and their components, maklumat, consultation
  rounds, SKM periods and their summaries). Publishing a version, the version it
  supersedes, a revocation and a maklumat publication all save such rows, and so bump it.
- `konsultasi`: the list of rounds (comment counts); `putaran:<pk>`: one round's pages
  (comments, replies, support, answers, FKP meetings).
- `dasbor`: the figures of the Pembina dashboards (evaluasi.dasbor.dasbor_instansi_tersimpan;
  bumped by the evaluation app's own signals and by the report job, evaluasi.kompilasi).

Bumps come from the models' post_save/post_delete signals (connected by `hubungkan()` at
start-up, so the Django admin, the services and the demo are all covered) and run after the
transaction commits: bumped before the commit, a request could read the new generation
with the old data and keep the old page under the new key. A row changed with
QuerySet.update() sends no signal: call `naikkan()` next to such an update.

What is never cached: anything but GET, signed-in visitors and anyone with a session or a
pending message (the session cookie or the messages cookie), responses other than 200
HTML, and responses that say private/no-store. Each visitor still gets their own CSRF
token (put back into the stored HTML per request) and their own cookies.

Entries live `TTL` seconds at most: what changes with the clock alone (a round opening at
its hour, "n days left", a survey period starting on its day) shows within that time;
every data change shows at once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token

TTL = 60
PREFIX = "tembolok"
PUBLIK = "publik"
KONSULTASI = "konsultasi"
DASBOR = "dasbor"

_TOKEN = b"\x00csrf\x00"
_TOKEN_RE = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')


def _kunci_generasi(ruang: str) -> str:
    return f"{PREFIX}:gen:{ruang}"


def _awal() -> int:
    # A random start: a counter evicted and created again never repeats an earlier value.
    return secrets.randbits(52)


def _lengkapi(keys: list[str], found: dict) -> list[int]:
    """The generations of `keys` from `found` (one get_many), creating the missing ones."""
    out = []
    for key in keys:
        value = found.get(key)
        if value is None:
            cache.add(key, _awal(), timeout=None)
            value = cache.get(key)
        out.append(value)
    return out


def generasi(*ruang: str) -> list[int]:
    """The current generation of each scope (created when missing)."""
    keys = [_kunci_generasi(r) for r in ruang]
    return _lengkapi(keys, cache.get_many(keys))


def ambil(kunci: str, ruang) -> tuple[object | None, list[int]]:
    """(the value kept under `kunci` if it was stored under the current generations of the
    scopes `ruang`, else None; those generations, to `simpan` a new value under). One
    get_many reads the entry and the generations together: one cache round trip."""
    gen_keys = [_kunci_generasi(r) for r in ruang]
    found = cache.get_many([kunci, *gen_keys])
    gens = _lengkapi(gen_keys, found)
    entry = found.get(kunci)
    return (entry[1] if entry is not None and entry[0] == gens else None), gens


def simpan(kunci: str, gens: list[int], nilai, ttl: int = TTL) -> None:
    """Keep `nilai` under `kunci` with the generations it was computed under (from `ambil`,
    read before the computation: a change committed meanwhile bumps them, and the value is
    then never read)."""
    cache.set(kunci, (gens, nilai), ttl)


def _naikkan_sekarang(ruang: tuple[str, ...]) -> None:
    for r in ruang:
        key = _kunci_generasi(r)
        try:
            cache.incr(key)
        except ValueError:  # not there (never read, or evicted): any new value will do
            cache.add(key, _awal(), timeout=None)


def naikkan(*ruang: str) -> None:
    """Bump these scopes once the current transaction commits (at once outside one)."""
    transaction.on_commit(functools.partial(_naikkan_sekarang, ruang))


def putaran(pk) -> str:
    return f"putaran:{pk}"


# --- the page cache -------------------------------------------------------------------------


def _boleh(request) -> bool:
    """Anonymous, no session, no pending message: the page is the same for every such visitor."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
    )


def _kunci_halaman(request) -> str:
    alamat = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(alamat.encode()).hexdigest()[:32]
    return f"{PREFIX}:hlm:{request.LANGUAGE_CODE}:{digest}"


def _boleh_simpan(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    kontrol = response.get("Cache-Control", "")
    return "private" not in kontrol and "no-store" not in kontrol


def halaman_publik(ruang=None):
    """Decorator of a public page view: serve anonymous visitors from the cache.

    `ruang(**kwargs)` gives the scopes beside `publik` the page depends on (from the URL's
    keyword arguments), e.g. lambda pk: [tembolok.putaran(pk)].

    An entry holds the generations it was rendered under next to the HTML, and one
    get_many reads the entry and the current generations together: a hit costs one cache
    round trip and no query. An entry whose generations are not the current ones is a miss.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not (settings.TEMBOLOK_HALAMAN and _boleh(request)):
                with _atomik():
                    return view(request, *args, **kwargs)
            key = _kunci_halaman(request)
            html, gens = ambil(key, (PUBLIK, *(ruang(**kwargs) if ruang else ())))
            if html is not None:
                return HttpResponse(html.replace(_TOKEN, get_token(request).encode()))
            with _atomik():
                response = view(request, *args, **kwargs)
            if _boleh_simpan(response):
                simpan(key, gens, _TOKEN_RE.sub(rb"\g<1>" + _TOKEN + rb"\g<2>", response.content))
            return response

        # A hit needs no transaction (nor the connection health check that opening one costs):
        # the request is taken out of ATOMIC_REQUESTS and the view itself, when it runs, is
        # wrapped in the same transaction ATOMIC_REQUESTS would have given it.
        return transaction.non_atomic_requests(wrapper)

    return decorator


def _atomik():
    if settings.DATABASES[DEFAULT_DB_ALIAS].get("ATOMIC_REQUESTS"):
        return transaction.atomic(using=DEFAULT_DB_ALIAS)
    return contextlib.nullcontext()


# --- invalidation ---------------------------------------------------------------------------


def _putaran_dari(instance) -> int | None:
    """The round a consultation row belongs to (comments, support, answers, FKP)."""
    for path in ("putaran_id", "komentar.putaran_id", "pertemuan.putaran_id"):
        obj = instance
        try:
            for attr in path.split("."):
                obj = getattr(obj, attr)
        except AttributeError:
            continue
        except Exception:
            return None
        return obj
    return None


def _publik(sender, **kwargs) -> None:
    naikkan(PUBLIK)


def _konsultasi(sender, instance, **kwargs) -> None:
    pk = _putaran_dari(instance)
    if pk is None:  # the round is unknown: every page that shows rounds
        naikkan(KONSULTASI, PUBLIK)
    else:
        naikkan(KONSULTASI, putaran(pk))


def _model_publik():
    from django.apps import apps

    names = [
        "pelayanan.Instansi",
        "pelayanan.Unit",
        "pelayanan.KanalPengaduanUnit",
        "pelayanan.Layanan",
        "standar.StandarPelayanan",
        "standar.VersiStandar",
        "standar.KomponenStandar",
        "standar.Maklumat",
        "standar.PutaranKonsultasi",
        "standar.PerpanjanganPutaran",
        "evaluasi.PeriodeSKM",
        "evaluasi.RingkasanSKM",
        "evaluasi.TautanSKM",
    ]
    return [apps.get_model(n) for n in names]


def _model_konsultasi():
    from django.apps import apps

    names = [
        "standar.Komentar",
        "standar.DukunganKomentar",
        "standar.JawabanKomentar",
        "standar.LaporanKomentar",
        "standar.PertemuanFKP",
        "standar.PesertaFKP",
    ]
    return [apps.get_model(n) for n in names]


def hubungkan() -> None:
    """Connect the invalidation signals (called once from the standar AppConfig.ready)."""
    for model in _model_publik():
        post_save.connect(_publik, sender=model, dispatch_uid=f"tembolok-publik-save-{model._meta.label}")
        post_delete.connect(_publik, sender=model, dispatch_uid=f"tembolok-publik-delete-{model._meta.label}")
    for model in _model_konsultasi():
        post_save.connect(_konsultasi, sender=model, dispatch_uid=f"tembolok-k-save-{model._meta.label}")
        post_delete.connect(_konsultasi, sender=model, dispatch_uid=f"tembolok-k-delete-{model._meta.label}")
