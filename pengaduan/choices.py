"""Choice lists of the complaints app (labels in Indonesian, the source language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusPengaduan(models.TextChoices):
    """The lifecycle of a complaint (UU 25/2009 Pasal 44 and 50); see pengaduan.workflow."""

    DITERIMA = "diterima", _("Diterima")
    LENGKAP = "lengkap", _("Berkas lengkap")
    TIDAK_LENGKAP = "tidak_lengkap", _("Belum lengkap")
    BATAL = "batal", _("Batal")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    DIPUTUSKAN = "diputuskan", _("Diputuskan")
    DIBERITAHUKAN = "diberitahukan", _("Diberitahukan")


# Statuses in which the unit still owes the complainant something.
STATUS_TERBUKA = (
    StatusPengaduan.DITERIMA,
    StatusPengaduan.LENGKAP,
    StatusPengaduan.TIDAK_LENGKAP,
    StatusPengaduan.DITINDAKLANJUTI,
    StatusPengaduan.DIPUTUSKAN,
)
STATUS_SELESAI = (StatusPengaduan.DIPUTUSKAN, StatusPengaduan.DIBERITAHUKAN)
# A complaint's content is shown to the public (unless rahasia) only once the unit has
# examined the file and found it complete: unverified text is never published.
STATUS_TERVERIFIKASI = (
    StatusPengaduan.LENGKAP,
    StatusPengaduan.DITINDAKLANJUTI,
    StatusPengaduan.DIPUTUSKAN,
    StatusPengaduan.DIBERITAHUKAN,
)


class ModePrivasi(models.TextChoices):
    """SP4N-LAPOR! options (law.md §6.3) on top of UU 25/2009 Pasal 42(5)."""

    PUBLIK = "publik", _("Biasa")
    ANONIM = "anonim", _("Anonim")
    RAHASIA = "rahasia", _("Rahasia")


class HasilKeputusan(models.TextChoices):
    SELESAI = "selesai", _("Selesai (pengaduan diterima dan ditindaklanjuti)")
    DITOLAK = "ditolak", _("Ditolak")


class Terselesaikan(models.TextChoices):
    """Whether the complainant's problem was actually solved: a decision can be "selesai"
    while the problem is not (the honest answer must be possible)."""

    YA = "ya", _("Ya, masalah saya terselesaikan")
    SEBAGIAN = "sebagian", _("Sebagian")
    TIDAK = "tidak", _("Tidak, masalah saya tidak terselesaikan")


class JenisRiwayat(models.TextChoices):
    DIAJUKAN = "diajukan", _("Pengaduan diajukan")
    TRANSISI = "transisi", _("Perubahan status")
    TANGGAPAN = "tanggapan", _("Tanggapan kepada pengadu")
    PENUGASAN = "penugasan", _("Penugasan petugas")
    ESKALASI = "eskalasi", _("Eskalasi")
    PENILAIAN = "penilaian", _("Penilaian pengadu")


class JenisTenggat(models.TextChoices):
    TANGGAPAN = "tanggapan", _("Tanggapan pertama")
    KELENGKAPAN = "kelengkapan", _("Kelengkapan berkas oleh pengadu")
    KEPUTUSAN = "keputusan", _("Keputusan")
    PEMBERITAHUAN = "pemberitahuan", _("Pemberitahuan keputusan")


# The two choices of "which part of the standard was breached" beyond the 14 components.
PERILAKU_PETUGAS = "perilaku_petugas"
LAINNYA = "lainnya"
