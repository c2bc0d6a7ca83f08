"""Rate limits: fixed-window counters in the cache (Redis in production, shared by workers)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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
    cache.add(key, 0, window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window + 5)
        count = 1
    if count > limit:
        menit = max(1, round(window / 60))
        raise RateLimited(
            _("Terlalu banyak permintaan. Silakan coba lagi dalam %(menit)s menit.") % {"menit": menit},
            code="rate_limited",
        )


def client_ip(request) -> str:
    """The client's address as the server saw it (set the proxy to pass the real one)."""
    return request.META.get("REMOTE_ADDR", "")
