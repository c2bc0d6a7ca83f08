"""Who is told about a complaint: the unit's complaint officers, its head, the Pembina.

These are lookups of role holders for notifications, not access decisions (those stay in
pelayanan.policy): a message names a complaint only by its number, never the identity.
"""

from __future__ import annotations

from django.db.models import Q

from pelayanan.choices import Peran
from pelayanan.models import Pengguna, Unit


def _pemegang(peran: str, lingkup: Q) -> list[Pengguna]:
    return list(
        Pengguna.objects.filter(Q(penugasan__peran=peran) & lingkup, is_active=True).distinct().order_by("pk")
    )


def pengelola(unit: Unit) -> list[Pengguna]:
    """Complaint officers of the unit, or of its instansi."""
    return _pemegang(
        Peran.PENGELOLA_PENGADUAN,
        Q(penugasan__unit_id=unit.pk) | Q(penugasan__instansi_id=unit.instansi_id),
    )


def kepala(unit: Unit) -> list[Pengguna]:
    return _pemegang(Peran.KEPALA_UNIT, Q(penugasan__unit_id=unit.pk))


def pembina(unit: Unit) -> list[Pengguna]:
    return _pemegang(Peran.PEMBINA, Q(penugasan__instansi_id=unit.instansi_id))


def petugas_atau_pengelola(p) -> list[Pengguna]:
    """The assigned officer, or else every complaint officer of the unit."""
    if p.petugas_id and p.petugas.is_active:
        return [p.petugas]
    return pengelola(p.unit)
