"""Notifying users: an in-app entry now, the e-mail by a task after the transaction commits."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from pelayanan.models import Notifikasi


def notify(
    *, penerima: Iterable, judul: str, pesan: str, tautan: str = "", email: bool = True, kunci: str = ""
) -> list[Notifikasi]:
    """Create one notification per recipient (duplicates and inactive users skipped). With a
    `kunci`, a recipient who already had a notification with that key gets none (digests,
    escalations: safe to run twice)."""
    from pelayanan.antrean import antrekan
    from pelayanan.tasks import kirim_notifikasi_email

    seen, rows = set(), []
    if kunci:
        seen = set(Notifikasi.objects.filter(kunci=kunci).values_list("pengguna_id", flat=True))
    for user in penerima:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notifikasi(pengguna=user, judul=judul[:200], pesan=pesan[:5000], tautan=tautan[:500], kunci=kunci)
        )
    created = Notifikasi.objects.bulk_create(rows)
    if email:
        for row in created:
            antrekan(kirim_notifikasi_email, row.pk)
    return created


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def mark_read(*, pengguna, ids: Iterable[int] | None = None) -> int:
    qs = Notifikasi.objects.filter(pengguna=pengguna, dibaca_pada__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(dibaca_pada=timezone.now())
