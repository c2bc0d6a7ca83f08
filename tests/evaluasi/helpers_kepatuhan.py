"""Builders for the compliance-index and PEKPPP-proposal tests, through the real services."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from pelayanan.choices import KanalPengaduan
from pelayanan.models import KanalPengaduanUnit
from standar import konsultasi, services
from standar import maklumat as maklumat_services
from standar.models import DokumenPDF, JenisDokumen, Maklumat
from tests.factories import UnitFactory
from tests.standar.helpers import isi_lengkap, sampai, staf_unit, tutup_putaran


def pada(d: date, jam: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(jam, 0)))


def unit_baru(**kwargs):
    """A unit whose profile names its complaint manager and has one complaint channel."""
    kwargs.setdefault("pengelola_pengaduan_nama", "Sri Lestari")
    unit = UnitFactory(**kwargs)
    KanalPengaduanUnit.objects.create(unit=unit, jenis=KanalPengaduan.TELEPON, nilai="0271 555 109")
    return unit


def standar_dengan_fkp(layanan, kategori=("masyarakat", "ahli", "oms")):
    """A published standard whose consultation round had an FKP meeting with participants of
    these categories."""
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    versi = sampai(versi, "konsultasi", admin, kepala)
    konsultasi.pertemuan_record(
        putaran=versi.putaran_set.get(),
        tanggal=timezone.localdate(),
        tempat="Aula",
        ringkasan="FKP",
        peserta=[{"nama": f"Peserta {k}", "lembaga": "", "kategori": k} for k in kategori],
        oleh=admin,
    )
    return lanjut_terbit(versi, kepala), admin, kepala


def lanjut_terbit(versi, kepala):
    """Close the open round, decree and publish (as tests.standar.helpers.sampai does)."""
    versi = tutup_putaran(versi)
    versi = services.versi_decree(
        versi=versi,
        sk_nomor="100/1/2026",
        sk_tanggal=date(2026, 1, 5),
        berlaku_mulai=date(2026, 1, 12),
        oleh=kepala,
    )
    return services.versi_publish(versi=versi, oleh=kepala)


def pdf_siap(versi) -> None:
    DokumenPDF.objects.update_or_create(
        jenis=JenisDokumen.STANDAR,
        versi=versi,
        defaults={
            "kode": f"UJI{versi.pk:07d}",
            "status": "siap",
            "sha256": "ab" * 32,
            "berkas": "dokumen/x.pdf",
        },
    )


def maklumat_terbit(unit, admin, kepala, terbit: date) -> Maklumat:
    m = maklumat_services.maklumat_draft_create(
        unit=unit,
        data={
            "teks": str(maklumat_services.TEKS_BAKU),
            "tempat": "Sukamaju",
            "tanggal": terbit,
            "penandatangan_nama": "Kepala",
            "penandatangan_jabatan": "Kepala Dinas",
            "penandatangan_nip": "",
        },
        oleh=admin,
    )
    maklumat_services.maklumat_decree(maklumat=m, oleh=kepala)
    maklumat_services.maklumat_publish(maklumat=m, oleh=kepala)
    Maklumat.objects.filter(pk=m.pk).update(ditetapkan_pada=pada(terbit), diterbitkan_pada=pada(terbit))
    m.refresh_from_db()
    return m
