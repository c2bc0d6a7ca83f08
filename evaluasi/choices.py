"""Choices of the evaluasi app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisPeriode(models.TextChoices):
    """The survey frequency of PermenPANRB 14/2017 (3 months, 6 months or a year)."""

    TRIWULAN = "triwulan", _("Triwulan")
    SEMESTER = "semester", _("Semester")
    TAHUN = "tahun", _("Tahunan")


class StatusPeriode(models.TextChoices):
    DRAF = "draf", _("Draf")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")


class Kanal(models.TextChoices):
    ONLINE = "online", _("Daring")
    KERTAS = "kertas", _("Kertas")


class KelompokUsia(models.TextChoices):
    U_20 = "<20", _("Di bawah 20 tahun")
    U20 = "20-29", _("20–29 tahun")
    U30 = "30-39", _("30–39 tahun")
    U40 = "40-49", _("40–49 tahun")
    U50 = "50-59", _("50–59 tahun")
    U60 = "60+", _("60 tahun ke atas")


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class Pendidikan(models.TextChoices):
    SD = "sd", _("SD atau lebih rendah")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    DIPLOMA = "d1-d3", _("D1–D3")
    SARJANA = "s1", _("D4/S1")
    PASCA = "s2", _("S2 atau lebih tinggi")


class Pekerjaan(models.TextChoices):
    PNS = "pns", _("PNS/TNI/Polri")
    SWASTA = "swasta", _("Pegawai swasta")
    WIRAUSAHA = "wirausaha", _("Wirausaha")
    PELAJAR = "pelajar", _("Pelajar/mahasiswa")
    LAINNYA = "lainnya", _("Lainnya")


class StatusTindakLanjut(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    DIKERJAKAN = "dikerjakan", _("Sedang dikerjakan")
    SELESAI = "selesai", _("Selesai")


class JenisPeriodeLaporan(models.TextChoices):
    """The periods a compiled report covers (started by beat monthly, quarterly and yearly)."""

    BULAN = "bulan", _("Bulanan")
    TRIWULAN = "triwulan", _("Triwulan")
    SEMESTER = "semester", _("Semester")
    TAHUN = "tahun", _("Tahunan")


class StatusLaporan(models.TextChoices):
    """The compilation job's state; SELESAI is final (the report is then immutable)."""

    ANTRI = "antri", _("Dalam antrean")
    BERJALAN = "berjalan", _("Sedang disusun")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class SumberLaporan(models.TextChoices):
    TOMBOL = "tombol", _("Dimulai dari dasbor")
    JADWAL = "jadwal", _("Terjadwal")


class StatusRekomendasi(models.TextChoices):
    BARU = "baru", _("Baru")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Sedang ditindaklanjuti")
    SELESAI = "selesai", _("Selesai")


class StatusPenilaianPEKPPP(models.TextChoices):
    DRAF = "draf", _("Draf")
    FINAL = "final", _("Final")
