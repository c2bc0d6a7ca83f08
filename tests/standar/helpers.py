"""Helpers to build standards in tests through the real services."""

from __future__ import annotations

from datetime import date

from pelayanan.choices import Peran
from standar import services
from standar.contoh import isi_contoh
from standar.models import VersiStandar
from tests.factories import LayananFactory, grant, user_factory


def staf_unit(unit):
    """An admin unit and a kepala unit of `unit`."""
    admin = user_factory(nama_lengkap="Admin Uji")
    grant(admin, Peran.ADMIN_UNIT, unit=unit)
    kepala = user_factory(nama_lengkap="Kepala Uji")
    grant(kepala, Peran.KEPALA_UNIT, unit=unit)
    return admin, kepala


def isi_lengkap(versi: VersiStandar, admin, isi: dict | None = None) -> VersiStandar:
    """Fill every component of a draft with the example content (or `isi` overrides)."""
    content = isi_contoh()
    content.update(isi or {})
    for row in versi.komponen_set.all():
        services.komponen_update(
            versi=versi, kunci=row.kunci, isi=content[row.kunci], revisi_dasar=row.revisi, oleh=admin
        )
    return versi


def buka_putaran(versi: VersiStandar, admin):
    from standar import konsultasi

    return konsultasi.putaran_open(
        versi=versi,
        penjelasan="Mohon masukan masyarakat atas rancangan standar ini.",
        kategori_diundang=["masyarakat", "ahli", "usaha"],
        oleh=admin,
    )


def tutup_putaran(versi: VersiStandar):
    """Close the version's open round now (as the beat job does at its end)."""
    from standar import konsultasi

    for putaran in versi.putaran_set.filter(ditutup_pada__isnull=True):
        konsultasi.putaran_close(putaran=putaran)
    versi.refresh_from_db()
    return versi


def sampai(versi: VersiStandar, status: str, admin, kepala, sk_nomor="100.3.3/12/2026") -> VersiStandar:
    """Walk a complete draft through the workflow up to `status`: a comment round opens and
    closes (no comments), then the head decrees and publishes."""
    steps = [
        ("konsultasi", lambda v: buka_putaran(v, admin).versi),
        ("perbaikan", tutup_putaran),
        (
            "ditetapkan",
            lambda v: services.versi_decree(
                versi=v,
                sk_nomor=sk_nomor,
                sk_tanggal=date(2026, 1, 5),
                berlaku_mulai=date(2026, 1, 12),
                oleh=kepala,
            ),
        ),
        ("terbit", lambda v: services.versi_publish(versi=v, oleh=kepala)),
    ]
    for reached, step in steps:
        if versi.status == status:
            break
        versi = step(versi)
        versi.refresh_from_db()
        assert versi.status == reached
    return versi


def standar_terbit(layanan=None, isi: dict | None = None):
    """A layanan with a published standard (version 1); returns (versi, admin, kepala)."""
    layanan = layanan or LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    versi = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi_lengkap(versi, admin, isi)
    return sampai(versi, "terbit", admin, kepala), admin, kepala
