"""Machinery of the access matrix: walk the URL configuration, fill each URL's arguments from
the world, request it as each kind of user and name the outcome.

An outcome is an HTTP status (200, 403, 404, 405, ...), LOGIN (a redirect to a login page:
the portal's or the admin's) or PINDAH (any other redirect).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

LOGIN, PINDAH = "login", "pindah"


@dataclass(frozen=True)
class Pola:
    """One URL pattern: its key in the matrix (namespaced name, or the route if unnamed)."""

    kunci: str
    rute: str
    pola: URLPattern

    @property
    def argumen(self) -> tuple[str, ...]:
        return tuple(self.pola.pattern.regex.groupindex)


def _jalan(resolver, awalan: str, ns: str | None):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            n = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _jalan(p, awalan + str(p.pattern), n)
        else:
            rute = awalan + str(p.pattern)
            kunci = (f"{ns}:{p.name}" if ns else p.name) if p.name else rute
            yield Pola(kunci, rute, p)


def semua_pola() -> list[Pola]:
    """Every URL pattern of the project, depth first, in resolution order."""
    return list(_jalan(get_resolver(), "/", None))


def hasil(response) -> object:
    if response.status_code in (301, 302, 303, 307, 308):
        tujuan = response["Location"].split("?", 1)[0]
        masuk = {reverse(settings.LOGIN_URL), reverse("admin:login")}
        return LOGIN if tujuan in masuk else PINDAH
    return response.status_code


def isi(response) -> bytes:
    """The body, with the members of a ZIP (an export, an XLSX) unpacked so that a secret in
    them can be found."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            data += b"".join(z.read(nama) for nama in z.namelist())
    return data


@dataclass
class Jawaban:
    hasil: object
    isi: bytes
    jejak_baru: int  # audit entries the request wrote (every state change writes one; a
    # refused look at a complainant's identity is recorded as "..._ditolak" and not counted)


def minta(klien: Client, metode: str, url: str, data=None) -> Jawaban:
    """One request in a savepoint that is rolled back: nothing it writes reaches the next one."""
    from pelayanan.models import JejakAudit

    jejak = JejakAudit.objects.exclude(aksi__endswith="_ditolak")
    cache.clear()  # rate-limit counters start from zero for every request
    with transaction.atomic():
        sebelum = jejak.count()
        response = klien.post(url, data or {}) if metode == "post" else klien.get(url)
        jawaban = Jawaban(hasil(response), isi(response), jejak.count() - sebelum)
        transaction.set_rollback(True)
    return jawaban


def _admin_model(rute: str):
    """The model of an admin route /admin/<app>/<model>/..., or None."""
    from django.apps import apps

    bagian = rute.split("/")
    if len(bagian) < 4 or bagian[1] != "admin":
        return None
    try:
        return apps.get_model(bagian[2], bagian[3])
    except (LookupError, ValueError):
        return None


def url_admin(pola: Pola, o: dict) -> str:
    """The URL of an admin pattern, its object the first row of its model."""
    from django.contrib.contenttypes.models import ContentType

    kwargs: dict[str, str] = {}
    args = pola.argumen
    model = _admin_model(pola.rute)
    if model is not None:
        obj = model._default_manager.order_by("pk").first()
        for nama in ("object_id", "pk", "id"):
            if nama in args:
                kwargs[nama] = str(obj.pk if obj else 0)
    if "content_type_id" in args:
        kwargs["content_type_id"] = str(ContentType.objects.get_for_model(o["unit_a"]).pk)
        kwargs["object_id"] = str(o["unit_a"].pk)
    if "app_label" in args:
        kwargs["app_label"] = "pelayanan"
    if "url" in args:
        kwargs["url"] = "tidak-ada/"
    if pola.pola.name:
        return reverse(pola.kunci, kwargs=kwargs)
    url = pola.rute
    for nama, nilai in kwargs.items():
        url = url.replace(f"<path:{nama}>", nilai).replace(f"<{nama}>", nilai)
    return url.replace("(?P<url>.*)$", kwargs.get("url", ""))
