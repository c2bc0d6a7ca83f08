"""Standards, their versions and component rows, and the unit's maklumat pelayanan."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pelayanan.models import Layanan, Unit
from standar import jadwal, komponen
from standar.choices import (
    STATUS_DAPAT_DIUBAH,
    STATUS_PERSIAPAN,
    KesimpulanEvaluasi,
    StatusMaklumat,
    StatusVersi,
)

# PP 96/2012 Pasal 32–33: evaluation every year, review every three years (standar.jadwal).
EVALUASI_SETIAP = jadwal.EVALUASI_SETIAP
PENINJAUAN_SETIAP = jadwal.PENINJAUAN_SETIAP


class StandarPelayanan(models.Model):
    """The standard of one service; its content lives in numbered versions."""

    layanan = models.OneToOneField(
        Layanan, on_delete=models.PROTECT, related_name="standar", verbose_name=_("layanan")
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("standar pelayanan")
        verbose_name_plural = pgettext_lazy("jamak", "standar pelayanan")

    def __str__(self) -> str:
        return str(self.layanan)

    def get_absolute_url(self) -> str:
        return reverse(
            "standar:layanan_detail",
            kwargs={"unit": self.layanan.unit.slug, "layanan": self.layanan.slug},
        )

    def policy_scope(self):
        return _scope_of_layanan(self.layanan)


def _scope_of_layanan(layanan: Layanan):
    from pelayanan.policy import Scope

    return Scope(unit_id=layanan.unit_id, instansi_id=layanan.unit.instansi_id)


class VersiStandar(models.Model):
    standar = models.ForeignKey(
        StandarPelayanan, on_delete=models.PROTECT, related_name="versi_set", verbose_name=_("standar")
    )
    nomor = models.PositiveIntegerField(_("nomor versi"))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusVersi.choices, default=StatusVersi.DRAF
    )
    revisi_dari = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisi_set",
        verbose_name=_("merevisi versi"),
    )
    disalin_dari = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="salinan_set",
        verbose_name=_("disalin dari standar unit lain"),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    # Penetapan (decree) by the head of the unit.
    sk_nomor = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_tanggal = models.DateField(_("tanggal SK"), null=True, blank=True)
    berlaku_mulai = models.DateField(_("berlaku mulai"), null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    # Publication, supersession, revocation.
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    digantikan_oleh = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="menggantikan_set",
        verbose_name=_("digantikan oleh"),
    )
    digantikan_pada = models.DateTimeField(_("digantikan pada"), null=True, blank=True)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    alasan_pencabutan = models.TextField(_("alasan pencabutan"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("versi standar")
        verbose_name_plural = pgettext_lazy("jamak", "versi standar")
        ordering = ["standar", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["standar", "nomor"], name="versi_nomor_unik"),
            models.UniqueConstraint(
                fields=["standar"],
                condition=Q(status__in=STATUS_PERSIAPAN),
                name="satu_versi_dalam_persiapan",
            ),
            models.UniqueConstraint(
                fields=["standar"], condition=Q(status=StatusVersi.TERBIT), name="satu_versi_terbit"
            ),
            models.CheckConstraint(
                condition=Q(diterbitkan_pada__isnull=True)
                | Q(status__in=[StatusVersi.TERBIT, StatusVersi.DIGANTIKAN, StatusVersi.DICABUT]),
                name="terbit_hanya_bila_diterbitkan",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[StatusVersi.TERBIT, StatusVersi.DIGANTIKAN])
                | Q(diterbitkan_pada__isnull=False, sk_nomor__gt="", sk_tanggal__isnull=False),
                name="terbit_memerlukan_sk",
            ),
        ]
        indexes = [models.Index(fields=["status", "diterbitkan_pada"])]

    def __str__(self) -> str:
        return f"{self.standar} — versi {self.nomor}"

    def get_absolute_url(self) -> str:
        layanan = self.standar.layanan
        return reverse(
            "standar:versi_detail",
            kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "nomor": self.nomor},
        )

    def policy_scope(self):
        return _scope_of_layanan(self.standar.layanan)

    @property
    def dapat_diubah(self) -> bool:
        return self.status in STATUS_DAPAT_DIUBAH

    @property
    def berlaku_sejak(self) -> date | None:
        return self.berlaku_mulai or (self.diterbitkan_pada.date() if self.diterbitkan_pada else None)

    @property
    def evaluasi_jatuh_tempo(self) -> date | None:
        """The FIRST yearly evaluation due date (a year after taking effect), ignoring the
        evaluations recorded since; standar.jadwal.jadwal_versi() gives the current one."""
        start = self.berlaku_sejak
        return jadwal.evaluasi_jatuh_tempo(start) if start and self.status == StatusVersi.TERBIT else None

    @property
    def peninjauan_jatuh_tempo(self) -> date | None:
        start = self.berlaku_sejak
        return jadwal.peninjauan_jatuh_tempo(start) if start and self.status == StatusVersi.TERBIT else None


class KomponenStandar(models.Model):
    """One of the 14 components of a version: its registry key and typed content."""

    versi = models.ForeignKey(
        VersiStandar, on_delete=models.CASCADE, related_name="komponen_set", verbose_name=_("versi")
    )
    kunci = models.CharField(_("komponen"), max_length=40, choices=komponen.choices)
    isi = models.JSONField(_("isi"), default=dict)
    # Incremented on every save: a save based on an older revision is refused.
    revisi = models.PositiveIntegerField(_("revisi"), default=0)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("komponen standar")
        verbose_name_plural = pgettext_lazy("jamak", "komponen standar")
        constraints = [models.UniqueConstraint(fields=["versi", "kunci"], name="komponen_unik_per_versi")]
        indexes = [models.Index(fields=["kunci"])]

    def __str__(self) -> str:
        return f"{self.definisi.label} ({self.versi})"

    def save(self, *args, **kwargs):
        # Published means immutable: refuse direct writes to a version that is not editable.
        status = VersiStandar.objects.filter(pk=self.versi_id).values_list("status", flat=True).first()
        if status is not None and status not in STATUS_DAPAT_DIUBAH:
            raise ValidationError(_("Versi ini tidak dapat diubah lagi (status: %(s)s).") % {"s": status})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.versi.status not in STATUS_DAPAT_DIUBAH:
            raise ValidationError(_("Versi ini tidak dapat diubah lagi."))
        return super().delete(*args, **kwargs)

    @property
    def definisi(self) -> komponen.Komponen:
        return komponen.get(self.kunci)

    @property
    def lengkap(self) -> bool:
        return self.definisi.jenis.is_complete(self.isi or {})


class Maklumat(models.Model):
    """The unit's maklumat pelayanan (UU 25/2009 Pasal 22; PP 96/2012 Pasal 30), versioned."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="maklumat_set", verbose_name=_("unit")
    )
    nomor = models.PositiveIntegerField(_("nomor versi"))
    status = models.CharField(
        _("status"), max_length=20, choices=StatusMaklumat.choices, default=StatusMaklumat.DRAF
    )
    teks = models.TextField(_("teks maklumat"), max_length=5000)
    tempat = models.CharField(_("tempat"), max_length=100)
    tanggal = models.DateField(_("tanggal"))
    penandatangan_nama = models.CharField(_("nama penandatangan"), max_length=150)
    penandatangan_jabatan = models.CharField(_("jabatan penandatangan"), max_length=150)
    penandatangan_nip = models.CharField(_("NIP"), max_length=30, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = pgettext_lazy("jamak", "maklumat pelayanan")
        ordering = ["unit", "-nomor"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nomor"], name="maklumat_nomor_unik"),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=[StatusMaklumat.DRAF, StatusMaklumat.DITETAPKAN]),
                name="satu_maklumat_dalam_persiapan",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(status=StatusMaklumat.TERBIT), name="satu_maklumat_terbit"
            ),
        ]

    def __str__(self) -> str:
        return f"Maklumat {self.unit} — versi {self.nomor}"

    def policy_scope(self):
        from pelayanan.policy import Scope

        return Scope(unit_id=self.unit_id, instansi_id=self.unit.instansi_id)


class EvaluasiPenerapan(models.Model):
    """The yearly evaluation of how a published standard is applied (PP 96/2012 Pasal 32).

    Recorded by the unit; the next evaluation falls due a year after the latest one
    (standar.jadwal). Never edited: a correction is a new record.
    """

    versi = models.ForeignKey(
        VersiStandar, on_delete=models.PROTECT, related_name="evaluasi_set", verbose_name=_("versi")
    )
    tanggal = models.DateField(_("tanggal evaluasi"))
    kesimpulan = models.CharField(_("kesimpulan"), max_length=20, choices=KesimpulanEvaluasi.choices)
    ringkasan = models.TextField(_("ringkasan hasil evaluasi"), max_length=5000)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluasi penerapan standar")
        verbose_name_plural = pgettext_lazy("jamak", "evaluasi penerapan standar")
        ordering = ["versi", "-tanggal", "-pk"]
        indexes = [models.Index(fields=["versi", "tanggal"])]

    def __str__(self) -> str:
        return f"{self.versi} — {self.tanggal:%Y-%m-%d}"

    def policy_scope(self):
        return self.versi.policy_scope()
