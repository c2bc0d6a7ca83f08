"""Helpers for the SKM tests: periods through the services, answer rows in bulk."""

from __future__ import annotations

from django.utils import timezone

from evaluasi import services, unsur
from evaluasi.choices import JenisPeriode, Kanal
from evaluasi.models import JawabanSKM, PeriodeSKM
from pelayanan.choices import Peran
from tests.factories import grant, user_factory


def admin_of(unit, email=None):
    user = user_factory(email=email, nama_lengkap="Admin SKM")
    grant(user, Peran.ADMIN_UNIT, unit=unit)
    return user


def periode_berjalan(unit, admin, *, populasi=100, layanan=()) -> PeriodeSKM:
    """A yearly period of this year (so it covers today), started."""
    periode = services.periode_create(
        unit=unit,
        jenis=JenisPeriode.TAHUN,
        tahun=timezone.localdate().year,
        ke=1,
        populasi=populasi,
        layanan=list(layanan),
        oleh=admin,
    )
    return services.periode_transisi(periode=periode, langkah="mulai", oleh=admin)


def isi(periode, layanan, baris) -> None:
    """Insert answer rows (tuples of nine values, U1..U9) for a service."""
    JawabanSKM.objects.bulk_create(
        [
            JawabanSKM(
                periode=periode, layanan=layanan, kanal=Kanal.ONLINE, **dict(zip(unsur.KOLOM, b, strict=True))
            )
            for b in baris
        ]
    )


def baris_dengan_total(n: int, total: int) -> list[tuple[int, ...]]:
    """n questionnaires whose 9n answers add up to `total` (every answer 1..4)."""
    assert 9 * n <= total <= 36 * n
    sel = [1] * (9 * n)
    sisa = total - 9 * n
    for i in range(len(sel)):
        tambah = min(3, sisa)
        sel[i] += tambah
        sisa -= tambah
    return [tuple(sel[9 * r : 9 * r + 9]) for r in range(n)]
