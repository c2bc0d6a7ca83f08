"""The compliance index (indeks kepatuhan) as data: its rules with their weights, the zones
with their thresholds, and the per-unit summary a compilation writes for the dashboard.

The rules themselves (what evidence counts) are functions in evaluasi.kepatuhan, keyed by
`AturanKepatuhan.kode`; how much each counts and where the zones start are rows here, so an
instansi can change them in the admin without a release.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from evaluasi.choices import JenisPeriodeLaporan
from pelayanan.models import Unit


class AturanKepatuhan(models.Model):
    """One rule of the compliance index and its weight."""

    kode = models.CharField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    penjelasan = models.TextField(_("penjelasan"), max_length=2000, blank=True)
    bobot = models.DecimalField(
        _("bobot"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("aturan kepatuhan")
        verbose_name_plural = pgettext_lazy("jamak", "aturan kepatuhan")
        ordering = ["urutan", "kode"]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        from django.core.exceptions import ValidationError

        from evaluasi import kepatuhan

        if self.kode not in kepatuhan.ATURAN:
            raise ValidationError({"kode": _("Tidak ada aturan dengan kode ini di evaluasi.kepatuhan.")})


class ZonaKepatuhan(models.Model):
    """A zone of the index: scores from `batas_bawah` (inclusive) up to the next zone."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    predikat = models.CharField(_("predikat"), max_length=100)
    batas_bawah = models.DecimalField(
        _("batas bawah"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("zona kepatuhan")
        verbose_name_plural = pgettext_lazy("jamak", "zona kepatuhan")
        ordering = ["-batas_bawah"]

    def __str__(self) -> str:
        return f"{self.nama} (≥ {self.batas_bawah})"


class RingkasanUnit(models.Model):
    """A unit's figures for one period, written by a compilation (evaluasi.kompilasi) and read
    by the dashboard: one row per unit and period, replaced when the period is compiled again.
    The compiled report keeps its own immutable snapshot; this table is only the fast copy."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ringkasan_evaluasi_set")
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriodeLaporan.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    ke = models.PositiveSmallIntegerField(_("ke-"), default=1)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    skor_kepatuhan = models.DecimalField(_("indeks kepatuhan"), max_digits=5, decimal_places=2)
    zona = models.CharField(_("zona"), max_length=20)
    rincian_kepatuhan = models.JSONField(_("rincian kepatuhan"), default=list)
    ikm = models.DecimalField(_("IKM"), max_digits=5, decimal_places=2, null=True, blank=True)
    mutu = models.CharField(_("mutu"), max_length=1, blank=True)
    responden = models.PositiveIntegerField(_("responden SKM"), default=0)
    pengaduan = models.PositiveIntegerField(_("pengaduan"), default=0)
    pengaduan_tepat_persen = models.DecimalField(
        _("pengaduan tepat waktu (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    pengaduan_terlambat = models.PositiveIntegerField(_("pengaduan terlambat"), default=0)
    standar_terlambat = models.PositiveIntegerField(_("evaluasi/peninjauan standar terlambat"), default=0)
    layanan_aktif = models.PositiveIntegerField(_("layanan aktif"), default=0)
    dihitung_pada = models.DateTimeField(_("dihitung pada"))

    class Meta:
        verbose_name = _("ringkasan evaluasi unit")
        verbose_name_plural = pgettext_lazy("jamak", "ringkasan evaluasi unit")
        ordering = ["unit", "-mulai"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "jenis", "tahun", "ke"], name="ringkasan_unit_unik"),
        ]
        indexes = [models.Index(fields=["jenis", "tahun", "ke"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.jenis} {self.ke}/{self.tahun}"

    def policy_scope(self):
        from pelayanan.policy import scope_of

        return scope_of(self.unit)
