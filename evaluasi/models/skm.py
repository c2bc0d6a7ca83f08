"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): periods, responses, the summary written
at publication, follow-up actions (rencana tindak lanjut) and the short link of a service."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from evaluasi import unsur
from evaluasi.choices import (
    JenisKelamin,
    JenisPeriode,
    Kanal,
    KelompokUsia,
    Pekerjaan,
    Pendidikan,
    StatusPeriode,
    StatusTindakLanjut,
)
from pelayanan.models import Layanan, Unit

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
# How many parts of a year each kind of period has.
BAGIAN_PER_TAHUN = {JenisPeriode.TRIWULAN: 4, JenisPeriode.SEMESTER: 2, JenisPeriode.TAHUN: 1}


def _nilai(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(unsur.NILAI_MIN), MaxValueValidator(unsur.NILAI_MAKS)]
    )


def _scope(unit_id: int, instansi_id: int):
    from pelayanan.policy import Scope

    return Scope(unit_id=unit_id, instansi_id=instansi_id)


class PeriodeSKM(models.Model):
    """One survey period of a unit: a quarter, a half year or a year, covering some or all of
    its services (`layanan` empty = all)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="periode_skm_set", verbose_name=_("unit")
    )
    jenis = models.CharField(_("jenis periode"), max_length=10, choices=JenisPeriode.choices)
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2017), MaxValueValidator(2100)]
    )
    ke = models.PositiveSmallIntegerField(
        _("ke-"), default=1, help_text=_("Triwulan ke-1..4, semester ke-1..2; tahunan selalu 1.")
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    layanan = models.ManyToManyField(
        Layanan,
        blank=True,
        related_name="periode_skm_set",
        verbose_name=_("layanan yang disurvei"),
        help_text=_("Kosongkan untuk menyurvei semua layanan unit."),
    )
    populasi = models.PositiveIntegerField(
        _("populasi"),
        validators=[MinValueValidator(1)],
        help_text=_("Jumlah penerima layanan dalam periode ini (perkiraan), untuk besaran sampel."),
    )
    teknik_sampling = models.CharField(
        _("teknik pengambilan sampel"),
        max_length=200,
        default="Accidental sampling: penerima layanan yang telah selesai dilayani",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPeriode.choices, default=StatusPeriode.DRAF
    )
    diterbitkan = models.BooleanField(_("hasil diterbitkan"), default=False)
    diterbitkan_pada = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    dimulai_pada = models.DateTimeField(_("dimulai pada"), null=True, blank=True)
    diselesaikan_pada = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("periode SKM")
        verbose_name_plural = pgettext_lazy("jamak", "periode SKM")
        ordering = ["unit", "-mulai", "jenis"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "jenis", "tahun", "ke"], name="periode_skm_unik"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(status=StatusPeriode.BERJALAN), name="satu_periode_skm_berjalan"
            ),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_skm_rentang"),
            models.CheckConstraint(
                condition=Q(diterbitkan=False)
                | Q(status=StatusPeriode.SELESAI, diterbitkan_pada__isnull=False),
                name="periode_skm_terbit_bila_selesai",
            ),
            models.CheckConstraint(
                condition=Q(ke__gte=1)
                & (
                    Q(jenis=JenisPeriode.TRIWULAN, ke__lte=4)
                    | Q(jenis=JenisPeriode.SEMESTER, ke__lte=2)
                    | Q(jenis=JenisPeriode.TAHUN, ke=1)
                ),
                name="periode_skm_ke_sah",
            ),
        ]
        indexes = [models.Index(fields=["diterbitkan", "-selesai"])]

    def __str__(self) -> str:
        return f"{self.label} — {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("evaluasi:hasil", kwargs={"pk": self.pk})

    def policy_scope(self):
        return _scope(self.unit_id, self.unit.instansi_id)

    @property
    def label(self) -> str:
        if self.jenis == JenisPeriode.TAHUN:
            return f"{_('Tahun')} {self.tahun}"
        return f"{self.get_jenis_display()} {ROMAWI.get(self.ke, self.ke)} {self.tahun}"

    def mencakup(self, layanan: Layanan) -> bool:
        """Does this period survey `layanan`? (An empty selection means every service.)"""
        if layanan.unit_id != self.unit_id:
            return False
        ids = [lay.pk for lay in self.layanan.all()]
        return not ids or layanan.pk in ids


class JawabanSKM(models.Model):
    """One filled questionnaire: the nine answers (1..4) as nine small integer columns, so the
    database sums them, plus an optional respondent profile and suggestion."""

    periode = models.ForeignKey(
        PeriodeSKM, on_delete=models.PROTECT, related_name="jawaban_set", verbose_name=_("periode")
    )
    layanan = models.ForeignKey(
        Layanan, on_delete=models.PROTECT, related_name="jawaban_skm_set", verbose_name=_("layanan")
    )
    u1 = _nilai("U1")
    u2 = _nilai("U2")
    u3 = _nilai("U3")
    u4 = _nilai("U4")
    u5 = _nilai("U5")
    u6 = _nilai("U6")
    u7 = _nilai("U7")
    u8 = _nilai("U8")
    u9 = _nilai("U9")
    usia = models.CharField(_("usia"), max_length=5, choices=KelompokUsia.choices, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True
    )
    pendidikan = models.CharField(_("pendidikan"), max_length=6, choices=Pendidikan.choices, blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=10, choices=Pekerjaan.choices, blank=True)
    saran = models.TextField(_("saran"), max_length=1000, blank=True)
    kanal = models.CharField(_("cara pengisian"), max_length=6, choices=Kanal.choices, default=Kanal.ONLINE)
    nomor_lembar = models.CharField(_("nomor lembar"), max_length=30, blank=True)
    dimasukkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimasukkan oleh"),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("jawaban SKM")
        verbose_name_plural = pgettext_lazy("jamak", "jawaban SKM")
        ordering = ["periode", "pk"]
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{k}__gte": unsur.NILAI_MIN, f"{k}__lte": unsur.NILAI_MAKS}),
                    name=f"jawaban_skm_{k}_1_4",
                )
                for k in unsur.KOLOM
            ],
            models.CheckConstraint(
                condition=Q(kanal=Kanal.ONLINE, dimasukkan_oleh__isnull=True)
                | Q(kanal=Kanal.KERTAS, dimasukkan_oleh__isnull=False),
                name="jawaban_skm_kertas_ada_petugas",
            ),
        ]
        indexes = [models.Index(fields=["periode", "layanan"])]

    def __str__(self) -> str:
        return f"{self.periode} #{self.pk}"

    def policy_scope(self):
        return self.periode.policy_scope()

    @property
    def nilai(self) -> tuple[int, ...]:
        return tuple(getattr(self, k) for k in unsur.KOLOM)


class RingkasanSKM(models.Model):
    """Count and the nine sums of the answers of one service in a period, written when the
    results are published (published results never change). Everything else (NRR, IKM,
    the unit's pooled figure) is exact arithmetic on these integers (evaluasi.ikm)."""

    periode = models.ForeignKey(
        PeriodeSKM, on_delete=models.CASCADE, related_name="ringkasan_set", verbose_name=_("periode")
    )
    layanan = models.ForeignKey(
        Layanan, on_delete=models.PROTECT, related_name="+", verbose_name=_("layanan")
    )
    jumlah = models.PositiveIntegerField(_("jumlah responden"))
    s1 = models.PositiveIntegerField("Σ U1")
    s2 = models.PositiveIntegerField("Σ U2")
    s3 = models.PositiveIntegerField("Σ U3")
    s4 = models.PositiveIntegerField("Σ U4")
    s5 = models.PositiveIntegerField("Σ U5")
    s6 = models.PositiveIntegerField("Σ U6")
    s7 = models.PositiveIntegerField("Σ U7")
    s8 = models.PositiveIntegerField("Σ U8")
    s9 = models.PositiveIntegerField("Σ U9")

    class Meta:
        verbose_name = _("ringkasan SKM")
        verbose_name_plural = pgettext_lazy("jamak", "ringkasan SKM")
        constraints = [models.UniqueConstraint(fields=["periode", "layanan"], name="ringkasan_skm_unik")]

    def __str__(self) -> str:
        return f"{self.periode} — {self.layanan_id}"


class RencanaTindakLanjut(models.Model):
    """A follow-up action on a weak unsur of a period's results (PermenPANRB 14/2017)."""

    periode = models.ForeignKey(
        PeriodeSKM, on_delete=models.PROTECT, related_name="rtl_set", verbose_name=_("periode")
    )
    unsur = models.CharField(_("unsur"), max_length=2, choices=unsur.choices())
    tindakan = models.TextField(_("tindakan"), max_length=1000)
    penanggung_jawab = models.CharField(
        _("penanggung jawab"), max_length=150, help_text=_("Nama atau jabatan yang melaksanakan.")
    )
    batas_waktu = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatusTindakLanjut.choices,
        default=StatusTindakLanjut.DIRENCANAKAN,
    )
    selesai_pada = models.DateField(_("tanggal selesai"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), max_length=1000, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = pgettext_lazy("jamak", "rencana tindak lanjut")
        ordering = ["periode", "batas_waktu", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=StatusTindakLanjut.SELESAI, selesai_pada__isnull=False)
                | (~Q(status=StatusTindakLanjut.SELESAI) & Q(selesai_pada__isnull=True)),
                name="rtl_selesai_bertanggal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.tindakan[:60]}"

    def policy_scope(self):
        return self.periode.policy_scope()

    @property
    def definisi_unsur(self) -> unsur.Unsur:
        return unsur.get(self.unsur)

    @property
    def terlambat(self) -> bool:
        return self.status != StatusTindakLanjut.SELESAI and self.batas_waktu < timezone.localdate()


class TautanSKM(models.Model):
    """The short code of a service's questionnaire (/skm/<kode>/), printed as a QR code. It
    stays the same from period to period, so a poster at the counter keeps working."""

    layanan = models.OneToOneField(
        Layanan, on_delete=models.CASCADE, related_name="tautan_skm", verbose_name=_("layanan")
    )
    kode = models.CharField(_("kode"), max_length=12, unique=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("tautan SKM")
        verbose_name_plural = pgettext_lazy("jamak", "tautan SKM")

    def __str__(self) -> str:
        return self.kode

    def get_absolute_url(self) -> str:
        return reverse("evaluasi:kuesioner", kwargs={"kode": self.kode})
