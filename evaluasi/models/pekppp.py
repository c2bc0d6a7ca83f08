"""PEKPPP evaluation (PermenPANRB 29/2022, law.md §4.2): aspects, indicators and the IPP
categories as data; an evaluator's assessment of a unit for a year with a 0–5 score per
indicator, the portal's proposal for the Kebijakan Pelayanan indicators, notes and evidence.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from evaluasi.choices import StatusPenilaianPEKPPP
from pelayanan.models import Unit

SKOR_MAKS = 5


class AspekPEKPPP(models.Model):
    kode = models.CharField(_("kode"), max_length=10, unique=True)  # I … VI
    nama = models.CharField(_("nama"), max_length=200)
    bobot = models.DecimalField(
        _("bobot (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("aspek PEKPPP")
        verbose_name_plural = pgettext_lazy("jamak", "aspek PEKPPP")
        ordering = ["urutan"]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class IndikatorPEKPPP(models.Model):
    aspek = models.ForeignKey(AspekPEKPPP, on_delete=models.PROTECT, related_name="indikator_set")
    nomor = models.PositiveSmallIntegerField(_("nomor"), unique=True)
    kode = models.CharField(_("kode prinsip"), max_length=10, blank=True)  # a.Ak, a.P, …
    teks = models.CharField(_("indikator"), max_length=300)
    bobot = models.DecimalField(
        _("bobot dalam aspek (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    # Key of the portal's proposal in evaluasi.pekppp.USULAN (blank: the evaluator scores alone).
    usulan = models.CharField(_("usulan dari portal"), max_length=40, blank=True)
    dinilai = models.BooleanField(_("dinilai"), default=True)

    class Meta:
        verbose_name = _("indikator PEKPPP")
        verbose_name_plural = pgettext_lazy("jamak", "indikator PEKPPP")
        ordering = ["nomor"]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.teks}"


class KategoriIPP(models.Model):
    """A category of the Indeks Pelayanan Publik: from `batas_bawah` (inclusive, 0–5)."""

    kode = models.CharField(_("kategori"), max_length=3, unique=True)
    predikat = models.CharField(_("predikat"), max_length=100)
    batas_bawah = models.DecimalField(
        _("batas bawah"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))],
    )

    class Meta:
        verbose_name = _("kategori IPP")
        verbose_name_plural = pgettext_lazy("jamak", "kategori IPP")
        ordering = ["-batas_bawah"]

    def __str__(self) -> str:
        return f"{self.kode} — {self.predikat}"


class PenilaianPEKPPP(models.Model):
    """One evaluator's assessment of a unit for a year; final assessments never change."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="penilaian_pekppp_set")
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2017), MaxValueValidator(2100)]
    )
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPenilaianPEKPPP.choices,
        default=StatusPenilaianPEKPPP.DRAF,
    )
    ipp = models.DecimalField(_("IPP"), max_digits=4, decimal_places=2, null=True, blank=True)
    ipp_persen = models.DecimalField(_("IPP (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    kategori = models.CharField(_("kategori"), max_length=3, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    difinalkan_pada = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("penilaian PEKPPP")
        verbose_name_plural = pgettext_lazy("jamak", "penilaian PEKPPP")
        ordering = ["-tahun", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "tahun"], name="penilaian_pekppp_unik"),
            models.CheckConstraint(
                condition=Q(status=StatusPenilaianPEKPPP.DRAF)
                | Q(ipp__isnull=False, difinalkan_pada__isnull=False),
                name="pekppp_final_berindeks",
            ),
        ]

    def __str__(self) -> str:
        return f"PEKPPP {self.unit} {self.tahun}"

    def policy_scope(self):
        from pelayanan.policy import scope_of

        return scope_of(self.unit)


def _bukti_path(instance, filename: str) -> str:
    # evaluasi.pekppp names the file (pelayanan.unggahan.safe_name: random prefix, checked
    # kind); here it only gets its folder. Served only by evaluasi:pekppp_bukti.
    return f"pekppp/{instance.penilaian_id}/{instance.indikator_id}/{filename}"


class SkorIndikator(models.Model):
    penilaian = models.ForeignKey(PenilaianPEKPPP, on_delete=models.CASCADE, related_name="skor_set")
    indikator = models.ForeignKey(IndikatorPEKPPP, on_delete=models.PROTECT, related_name="+")
    skor = models.PositiveSmallIntegerField(
        _("skor"), null=True, blank=True, validators=[MaxValueValidator(SKOR_MAKS)]
    )
    catatan = models.TextField(_("catatan"), max_length=2000, blank=True)
    bukti = models.FileField(_("berkas bukti"), upload_to=_bukti_path, max_length=200, blank=True)
    usulan_skor = models.PositiveSmallIntegerField(
        _("usulan portal"), null=True, blank=True, validators=[MaxValueValidator(SKOR_MAKS)]
    )
    usulan_dasar = models.TextField(_("dasar usulan"), max_length=2000, blank=True)
    alasan_beda = models.TextField(_("alasan berbeda dari usulan"), max_length=2000, blank=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("skor indikator")
        verbose_name_plural = pgettext_lazy("jamak", "skor indikator")
        ordering = ["penilaian", "indikator__nomor"]
        constraints = [
            models.UniqueConstraint(fields=["penilaian", "indikator"], name="skor_indikator_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.penilaian} — {self.indikator_id}: {self.skor}"

    def policy_scope(self):
        return self.penilaian.policy_scope()
