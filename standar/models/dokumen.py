"""Official PDFs of the standar app: one row per document (a published version's standard,
its counter posters, a consultation round's berita acara), rendered by a Celery task and
verifiable by its short code (QR) and the SHA-256 of the stored file."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .konsultasi import PutaranKonsultasi
from .standar import VersiStandar


class JenisDokumen(models.TextChoices):
    STANDAR = "standar", _("Standar pelayanan")
    POSTER_A4 = "poster_a4", _("Poster loket (A4)")
    POSTER_A3 = "poster_a3", _("Poster loket (A3)")
    BERITA_ACARA = "berita_acara", _("Berita acara konsultasi publik")


JENIS_VERSI = (JenisDokumen.STANDAR, JenisDokumen.POSTER_A4, JenisDokumen.POSTER_A3)


class StatusDokumen(models.TextChoices):
    ANTRE = "antre", _("Dalam antrean")
    PROSES = "proses", _("Sedang dirender")
    SIAP = "siap", _("Siap")
    GAGAL = "gagal", _("Gagal")


class DokumenPDF(models.Model):
    """One official document. `berkas` holds the latest successful rendering (kept while a
    new one is rendered); `status` tells how the latest render went."""

    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisDokumen.choices)
    versi = models.ForeignKey(
        VersiStandar, on_delete=models.PROTECT, null=True, blank=True, related_name="dokumen_set"
    )
    putaran = models.ForeignKey(
        PutaranKonsultasi, on_delete=models.PROTECT, null=True, blank=True, related_name="dokumen_set"
    )
    kode = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusDokumen.choices, default=StatusDokumen.ANTRE
    )
    berkas = models.FileField(_("berkas"), upload_to="dokumen/", max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True, db_index=True)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    halaman = models.PositiveSmallIntegerField(_("jumlah halaman"), default=0)
    # Fingerprint of everything the stored file was rendered from (data + templates):
    # the document is rendered again only when it changes.
    sidik_isi = models.CharField(_("sidik isi"), max_length=64, blank=True)
    # The version's status the stored file shows (terbit, or stamped digantikan/dicabut).
    status_tercetak = models.CharField(_("status pada berkas"), max_length=20, blank=True)
    galat = models.TextField(_("galat terakhir"), blank=True)
    percobaan = models.PositiveIntegerField(_("jumlah percobaan"), default=0)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diminta_pada = models.DateTimeField(_("terakhir dijadwalkan"), null=True, blank=True)
    dirender_pada = models.DateTimeField(_("dirender pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen PDF")
        verbose_name_plural = pgettext_lazy("jamak", "dokumen PDF")
        ordering = ["-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["jenis", "versi"], condition=Q(versi__isnull=False), name="dokumen_unik_per_versi"
            ),
            models.UniqueConstraint(
                fields=["jenis", "putaran"],
                condition=Q(putaran__isnull=False),
                name="dokumen_unik_per_putaran",
            ),
            models.CheckConstraint(
                condition=(
                    Q(jenis__in=JENIS_VERSI, versi__isnull=False, putaran__isnull=True)
                    | Q(jenis=JenisDokumen.BERITA_ACARA, versi__isnull=True, putaran__isnull=False)
                ),
                name="dokumen_sasaran_sesuai_jenis",
            ),
        ]
        indexes = [models.Index(fields=["status", "diminta_pada"])]

    def __str__(self) -> str:
        sasaran = self.versi if self.versi_id else self.putaran
        return f"{self.get_jenis_display()}: {sasaran}"

    def get_absolute_url(self) -> str:
        """The public verification page (what the QR code and the printed code lead to)."""
        return reverse("standar:verifikasi", kwargs={"kode": self.kode})

    @property
    def kode_tercetak(self) -> str:
        """The code as printed: two groups of five."""
        return f"{self.kode[:5]}-{self.kode[5:]}" if len(self.kode) == 10 else self.kode

    @property
    def ada_berkas(self) -> bool:
        return bool(self.berkas and self.sha256)


class RiwayatBerkas(models.Model):
    """An earlier rendering of a document, replaced by a newer one (e.g. stamped DIGANTIKAN):
    its hash stays verifiable although the file is gone."""

    dokumen = models.ForeignKey(DokumenPDF, on_delete=models.CASCADE, related_name="riwayat_set")
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, db_index=True)
    sidik_isi = models.CharField(_("sidik isi"), max_length=64, blank=True)
    status_tercetak = models.CharField(_("status pada berkas"), max_length=20, blank=True)
    dirender_pada = models.DateTimeField(_("dirender pada"), null=True, blank=True)
    diganti_pada = models.DateTimeField(_("diganti pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat berkas")
        verbose_name_plural = pgettext_lazy("jamak", "riwayat berkas")
        ordering = ["-diganti_pada"]

    def __str__(self) -> str:
        return f"{self.dokumen_id}: {self.sha256[:12]}"
