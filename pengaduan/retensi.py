"""Erasing complainants' identities after the retention period (UU 27/2022 Pasal 16(2) and 43).

A complaint is closed when it lapsed (batal) or its decision was notified (diberitahukan);
PENGADUAN_RETENSI_IDENTITAS_HARI days later the identity row is blanked (the complaint, its
timeline and statistics stay). The period is a setting: it follows the agency's Jadwal
Retensi Arsip, which the law leaves to the agency [U].
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pelayanan.audit import audit_record
from pengaduan.choices import StatusPengaduan
from pengaduan.models import IdentitasPengadu

DIHAPUS = "[dihapus]"


@transaction.atomic
def hapus_identitas_kedaluwarsa(sekarang=None) -> int:
    """Blank the identities of complaints closed longer ago than the retention period."""
    sekarang = sekarang or timezone.now()
    batas = sekarang - timedelta(days=settings.PENGADUAN_RETENSI_IDENTITAS_HARI)
    qs = IdentitasPengadu.objects.filter(dihapus_pada__isnull=True).filter(
        Q(pengaduan__status=StatusPengaduan.BATAL, pengaduan__dibatalkan_pada__lt=batas)
        | Q(pengaduan__status=StatusPengaduan.DIBERITAHUKAN, pengaduan__diberitahukan_pada__lt=batas)
    )
    ids = list(qs.values_list("pengaduan_id", flat=True))
    if not ids:
        return 0
    IdentitasPengadu.objects.filter(pengaduan_id__in=ids).update(
        nama=DIHAPUS, alamat="", email="", telepon="", nik="", dihapus_pada=sekarang
    )
    audit_record(
        aktor=None,
        aksi="pengaduan.identitas_dihapus",
        data={"jumlah": len(ids), "retensi_hari": settings.PENGADUAN_RETENSI_IDENTITAS_HARI},
    )
    return len(ids)
