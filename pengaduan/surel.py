"""E-mails to the complainant, who has no account (pelayanan.notifikasi needs one).

Services call `kirim(pengaduan, jenis, riwayat)` inside their transaction; the e-mail is sent
by a Celery task after the commit, only when the complainant gave an address. The unit's
staff never see the address of an anonymous complainant: the portal writes to it.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pengaduan.models import Pengaduan

# jenis -> subject; the body is templates/pengaduan/email/<jenis>.txt.
SUBJEK = {
    "diterima": _("Pengaduan Anda diterima — %(nomor)s"),
    "tanggapan": _("Tanggapan atas pengaduan Anda — %(nomor)s"),
    "tidak_lengkap": _("Mohon lengkapi pengaduan Anda — %(nomor)s"),
    "status": _("Perkembangan pengaduan Anda — %(nomor)s"),
    "keputusan": _("Keputusan atas pengaduan Anda — %(nomor)s"),
    "batal": _("Pengaduan Anda dinyatakan batal — %(nomor)s"),
}
# Which e-mail a workflow step sends (steps not listed send none).
SUREL_TRANSISI = {
    "lengkap": "status",
    "tidak_lengkap": "tidak_lengkap",
    "lengkapi": "status",
    "tindak_lanjuti": "status",
    "putuskan": "keputusan",
    "tolak_terlambat": "keputusan",
    "beritahukan": "status",
    "buka_kembali": "status",
    "batal": "batal",
}


def url_lacak(p: Pengaduan) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("pengaduan:lacak_detail", kwargs={"kode": p.kode})


def kirim(p: Pengaduan, jenis: str, riwayat=None) -> None:
    """Queue the e-mail `jenis` about `p` for after the commit (no address: nothing)."""
    from pelayanan.antrean import antrekan
    from pengaduan.tasks import kirim_surel_pengadu

    if jenis not in SUBJEK:
        raise ValueError(jenis)
    antrekan(kirim_surel_pengadu, p.pk, jenis, riwayat.pk if riwayat else None)
