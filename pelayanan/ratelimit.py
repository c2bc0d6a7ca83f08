"""Rate limits: fixed-window counters in the cache (Redis in production, shared by workers).

When the cache cannot be reached (Redis stopped), the counters fall back to this process's
memory: limits still hold per process, and filing a complaint or a comment still works.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
_cadangan = LocMemCache("ratelimit-cadangan", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _hitung(key: str, window: int) -> int:
    """Add one to the counter `key` and return it, in the shared cache if it answers."""
    try:
        return _tambah(cache, key, window)
    except Exception as exc:  # redis/connection errors: degrade to per-process counters
        logger.warning("Rate-limit cache unreachable, counting in process memory: %s", exc)
        return _tambah(_cadangan, key, window)


def _tambah(c, key: str, window: int) -> int:
    c.add(key, 0, window + 5)
    try:
        count = c.incr(key)
    except ValueError:  # expired between add and incr
        c.set(key, 1, window + 5)
        return 1
    if count is None:  # django-redis with IGNORE_EXCEPTIONS: the server did not answer
        raise ConnectionError("cache unavailable")
    return count


class RateLimited(ValidationError):
    """Too many attempts in the window; the message says when to try again."""


def hit(scope: str, ident: str, *, limit: int, window: int) -> None:
    """Count one attempt of `ident` (an account or an address) at `scope`; raise RateLimited
    past `limit` attempts per `window` seconds."""
    if not ident:
        return
    bucket = int(time.time() // window)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]  # no raw addresses in the cache
    key = f"rl:{scope}:{digest}:{bucket}"
    count = _hitung(key, window)
    if count > limit:
        menit = max(1, round(window / 60))
        raise RateLimited(
            _("Terlalu banyak permintaan. Silakan coba lagi dalam %(menit)s menit.") % {"menit": menit},
            code="rate_limited",
        )


def client_ip(request) -> str:
    """The client's address as the server saw it (set the proxy to pass the real one)."""
    return request.META.get("REMOTE_ADDR", "")
