"""Holidays kept as data: cuti bersama and regional days (national holidays come from
the `holidays` package, see pelayanan.hari_kerja)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pelayanan.choices import JenisHariLibur

from .organisasi import Instansi


class HariLibur(models.Model):
    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("nama"), max_length=150)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisHariLibur.choices)
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hari_libur",
        verbose_name=_("instansi"),
        help_text=_("Kosongkan bila berlaku nasional; isi untuk libur daerah."),
    )
    aktif = models.BooleanField(
        _("berlaku"),
        default=True,
        help_text=_("Matikan bila cuti bersama dibatalkan; impor berikutnya tidak menghidupkannya."),
    )

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur (cuti bersama dan daerah)")
        ordering = ["tanggal"]
        constraints = [
            models.UniqueConstraint(
                fields=["tanggal"], condition=Q(instansi__isnull=True), name="libur_nasional_unik"
            ),
            models.UniqueConstraint(
                fields=["tanggal", "instansi"],
                condition=Q(instansi__isnull=False),
                name="libur_daerah_unik",
            ),
        ]
        indexes = [models.Index(fields=["tanggal"])]

    def __str__(self) -> str:
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"
