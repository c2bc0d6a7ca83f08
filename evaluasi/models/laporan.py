"""Compiled evaluation reports and the reporting line (UU 25/2009 Pasal 6–7).

A report covers a period and a scope (one unit, or an instansi with all its units). The
compilation job (evaluasi.kompilasi) fills it once; from then on it is immutable: the row,
its data snapshot and its files never change. What happens to it afterwards is recorded
beside it: the penanggung jawab's cover note (PengantarLaporan), the Pembina's review
(TinjauanPembina) and recommendations to units (Rekomendasi).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from evaluasi.choices import JenisPeriodeLaporan, StatusLaporan, StatusRekomendasi, SumberLaporan
from pelayanan.models import Instansi, Unit


class LaporanSudahFinal(Exception):
    """A finished report was about to be changed."""


def _berkas_path(instance, filename: str) -> str:
    return f"laporan/{instance.instansi_id}/{instance.pk}/{filename}"


class LaporanEvaluasi(models.Model):
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="laporan_evaluasi_set")
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="laporan_evaluasi_set",
        help_text=_("Kosong: seluruh unit instansi."),
    )
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriodeLaporan.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    ke = models.PositiveSmallIntegerField(_("ke-"), default=1)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    # One report per scope and period: "i<instansi>-u<unit or 0>-<jenis>-<tahun>-<ke>".
    kunci = models.CharField(_("kunci"), max_length=80, unique=True, editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=StatusLaporan.choices, default=StatusLaporan.ANTRI
    )
    progres = models.PositiveSmallIntegerField(
        _("progres (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    langkah = models.CharField(_("langkah"), max_length=200, blank=True)
    galat = models.TextField(_("galat"), max_length=5000, blank=True)
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sumber = models.CharField(_("sumber"), max_length=10, choices=SumberLaporan.choices)
    dimulai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dimulai_pada = models.DateTimeField(_("dimulai pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    snapshot = models.JSONField(_("cuplikan data"), null=True, blank=True)
    berkas_pdf = models.FileField(_("PDF"), upload_to=_berkas_path, max_length=200, blank=True)
    berkas_xlsx = models.FileField(_("XLSX"), upload_to=_berkas_path, max_length=200, blank=True)
    sha256_pdf = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)
    sha256_xlsx = models.CharField(_("SHA-256 XLSX"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("laporan evaluasi")
        verbose_name_plural = pgettext_lazy("jamak", "laporan evaluasi")
        ordering = ["-mulai", "-dibuat_pada"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=StatusLaporan.SELESAI)
                | Q(snapshot__isnull=False, selesai_pada__isnull=False, progres=100),
                name="laporan_selesai_lengkap",
            ),
        ]
        indexes = [models.Index(fields=["instansi", "status", "-mulai"])]

    def __str__(self) -> str:
        lingkup = self.unit.nama if self.unit_id else self.instansi.nama
        return f"{lingkup} — {self.label_periode}"

    def save(self, *args, **kwargs):
        if not self.kunci:
            self.kunci = self.kunci_untuk(self.instansi_id, self.unit_id, self.jenis, self.tahun, self.ke)
        if self.pk is not None:
            tersimpan = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if tersimpan == StatusLaporan.SELESAI:
                raise LaporanSudahFinal(f"Laporan {self.pk} sudah final dan tidak dapat diubah.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("evaluasi:laporan", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        if self.final:
            raise LaporanSudahFinal(f"Laporan {self.pk} sudah final dan tidak dapat dihapus.")
        return super().delete(*args, **kwargs)

    def policy_scope(self):
        from pelayanan.policy import Scope

        return Scope(unit_id=self.unit_id, instansi_id=self.instansi_id)

    @staticmethod
    def kunci_untuk(instansi_id: int, unit_id: int | None, jenis: str, tahun: int, ke: int) -> str:
        return f"i{instansi_id}-u{unit_id or 0}-{jenis}-{tahun}-{ke}"

    @property
    def label_periode(self) -> str:
        from evaluasi import periode

        return periode.label(self.jenis, self.tahun, self.ke)

    @property
    def final(self) -> bool:
        return self.status == StatusLaporan.SELESAI


class PengantarLaporan(models.Model):
    """The penanggung jawab's cover note submitting a finished report to the Pembina."""

    laporan = models.OneToOneField(LaporanEvaluasi, on_delete=models.PROTECT, related_name="pengantar")
    catatan = models.TextField(_("catatan pengantar"), max_length=10000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(_("diajukan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengantar laporan")
        verbose_name_plural = pgettext_lazy("jamak", "pengantar laporan")

    def __str__(self) -> str:
        return f"{self.laporan} — pengantar"

    def policy_scope(self):
        return self.laporan.policy_scope()


class TinjauanPembina(models.Model):
    """The Pembina's review of a submitted report."""

    laporan = models.OneToOneField(LaporanEvaluasi, on_delete=models.PROTECT, related_name="tinjauan")
    catatan = models.TextField(_("catatan pembina"), max_length=10000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(_("ditinjau pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("tinjauan pembina")
        verbose_name_plural = pgettext_lazy("jamak", "tinjauan pembina")

    def __str__(self) -> str:
        return f"{self.laporan} — tinjauan"

    def policy_scope(self):
        return self.laporan.policy_scope()


class Rekomendasi(models.Model):
    """A recommendation of the Pembina (or penanggung jawab) to a unit, with its follow-up."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="rekomendasi_set")
    laporan = models.ForeignKey(
        LaporanEvaluasi, on_delete=models.PROTECT, null=True, blank=True, related_name="rekomendasi_set"
    )
    teks = models.TextField(_("rekomendasi"), max_length=5000)
    batas_waktu = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusRekomendasi.choices, default=StatusRekomendasi.BARU
    )
    tindak_lanjut = models.TextField(_("tindak lanjut"), max_length=5000, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = pgettext_lazy("jamak", "rekomendasi")
        ordering = ["status", "batas_waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=StatusRekomendasi.SELESAI, selesai_pada__isnull=False)
                | (~Q(status=StatusRekomendasi.SELESAI) & Q(selesai_pada__isnull=True)),
                name="rekomendasi_selesai_bertanggal",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return self.teks[:60]

    def policy_scope(self):
        from pelayanan.policy import scope_of

        return scope_of(self.unit)
