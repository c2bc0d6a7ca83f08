"""Core models: organisation, users and role grants, holiday data, audit log, outbox."""

from .antrean import TugasTertunda
from .audit import JejakAudit
from .kalender import HariLibur
from .notifikasi import Notifikasi
from .organisasi import Instansi, KanalPengaduanUnit, Layanan, Unit
from .pengguna import Pengguna, PenugasanPeran

__all__ = [
    "HariLibur",
    "Instansi",
    "JejakAudit",
    "KanalPengaduanUnit",
    "Layanan",
    "Notifikasi",
    "Pengguna",
    "PenugasanPeran",
    "TugasTertunda",
    "Unit",
]
