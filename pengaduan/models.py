"""Complaints, the complainant's identity (kept apart), attachments, the timeline, internal
notes, ratings, escalations and each unit's promised response times.

Nothing here changes state by itself: pengaduan.services and the modules beside it do,
through the transition table (pengaduan.workflow).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pelayanan.kripto import EmailTerenkripsi, TeksTerenkripsi
from pelayanan.models import Layanan, Unit
from pelayanan.models.organisasi import telepon_validator
from pengaduan import kode as kode_mod
from pengaduan.choices import (
    LAINNYA,
    PERILAKU_PETUGAS,
    HasilKeputusan,
    JenisRiwayat,
    JenisTenggat,
    ModePrivasi,
    StatusPengaduan,
    Terselesaikan,
)

URAIAN_MAX = 5000
TEKS_MAX = 2000
nik_validator = RegexValidator(r"^[0-9]{16}$", _("NIK terdiri atas 16 angka."))


def pilihan_bagian() -> list[tuple[str, str]]:
    """ "Which part of the standard was breached": the 14 components of the registry, then
    perilaku petugas and lainnya (the registry is the only list of components)."""
    from standar import komponen

    return [
        *komponen.choices(),
        (PERILAKU_PETUGAS, str(_("Perilaku petugas"))),
        (LAINNYA, str(_("Lainnya"))),
    ]


class LampiranStorage(FileSystemStorage):
    """Attachments live under MEDIA_ROOT/<PENGADUAN_LAMPIRAN_DIR>, have no public URL, and are
    served only by a view that asks the privacy rules (pengaduan.privasi)."""

    @cached_property
    def base_location(self):
        return str(settings.MEDIA_ROOT).rstrip("/") + "/" + settings.PENGADUAN_LAMPIRAN_DIR

    def url(self, name):
        raise ValueError("Lampiran pengaduan tidak memiliki URL publik.")


_storage = LampiranStorage()


def lampiran_storage() -> LampiranStorage:
    return _storage


class Pengaduan(models.Model):
    """One complaint against a unit (and optionally one of its services)."""

    kode = models.CharField(_("kode pelacakan"), max_length=kode_mod.PANJANG, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="pengaduan_set", verbose_name=_("unit")
    )
    layanan = models.ForeignKey(
        Layanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengaduan_set",
        verbose_name=_("layanan"),
    )
    bagian = models.CharField(_("bagian standar yang tidak dipenuhi"), max_length=40, choices=pilihan_bagian)
    uraian = models.TextField(_("uraian kejadian"), max_length=URAIAN_MAX)
    tanggal_layanan = models.DateField(_("tanggal menerima pelayanan"))
    kerugian = models.TextField(_("kerugian"), max_length=TEKS_MAX, blank=True)
    permintaan = models.TextField(_("permintaan penyelesaian"), max_length=TEKS_MAX)
    mode_privasi = models.CharField(
        _("kerahasiaan"), max_length=10, choices=ModePrivasi.choices, default=ModePrivasi.PUBLIK
    )
    lapor_id = models.CharField(
        _("nomor pelacakan SP4N-LAPOR!"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9\-/]+$", _("Hanya huruf, angka, - dan /."))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=StatusPengaduan.choices, default=StatusPengaduan.DITERIMA
    )
    terlambat_diajukan = models.BooleanField(
        _("diajukan lewat 30 hari"),
        default=False,
        help_text=_("Diajukan lebih dari 30 hari setelah menerima pelayanan (UU 25/2009 Pasal 42 ayat 2)."),
    )
    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pengaduan_ditangani",
        verbose_name=_("petugas"),
    )
    # The clock: when each step happened and each deadline (pengaduan.tenggat).
    diterima_pada = models.DateTimeField(_("diterima pada"), default=timezone.now, db_index=True)
    batas_tanggapan = models.DateField(_("batas tanggapan pertama"))
    ditanggapi_pada = models.DateTimeField(_("ditanggapi pertama pada"), null=True, blank=True)
    tidak_lengkap_pada = models.DateTimeField(_("dinyatakan belum lengkap pada"), null=True, blank=True)
    batas_kelengkapan = models.DateField(_("batas melengkapi berkas"), null=True, blank=True)
    dilengkapi_pada = models.DateTimeField(_("dilengkapi pada"), null=True, blank=True)
    lengkap_pada = models.DateTimeField(_("dinyatakan lengkap pada"), null=True, blank=True)
    keputusan_mulai_pada = models.DateTimeField(_("tenggat keputusan berjalan sejak"), null=True, blank=True)
    batas_keputusan = models.DateField(_("batas keputusan"), null=True, blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    hasil = models.CharField(_("hasil"), max_length=10, choices=HasilKeputusan.choices, blank=True)
    keputusan = models.TextField(_("isi keputusan"), max_length=URAIAN_MAX, blank=True)
    batas_pemberitahuan = models.DateField(_("batas pemberitahuan"), null=True, blank=True)
    diberitahukan_pada = models.DateTimeField(_("diberitahukan pada"), null=True, blank=True)
    dibatalkan_pada = models.DateTimeField(_("batal pada"), null=True, blank=True)
    dibuka_kembali_pada = models.DateTimeField(_("dibuka kembali pada"), null=True, blank=True)
    jumlah_dibuka_kembali = models.PositiveSmallIntegerField(_("jumlah dibuka kembali"), default=0)
    diperbarui_pada = models.DateTimeField(_("diperbarui pada"), auto_now=True)
    # The citizen account that filed it, when signed in (for "Unduh data saya"). Never shown to
    # staff: an anonymous complaint stays anonymous.
    pengaju = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pengaduan_diajukan",
        verbose_name=_("akun pengaju"),
        editable=False,
    )

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = pgettext_lazy("jamak", "pengaduan")
        ordering = ["-diterima_pada", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "batas_tanggapan"]),
            models.Index(fields=["status", "batas_keputusan"]),
            models.Index(fields=["status", "batas_pemberitahuan"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hasil="", diputuskan_pada__isnull=True)
                | Q(hasil__in=HasilKeputusan.values, diputuskan_pada__isnull=False),
                name="pengaduan_hasil_bila_diputuskan",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[StatusPengaduan.DIPUTUSKAN, StatusPengaduan.DIBERITAHUKAN])
                | Q(diputuskan_pada__isnull=False),
                name="pengaduan_diputuskan_bertanggal",
            ),
        ]

    def __str__(self) -> str:
        return self.nomor

    @property
    def nomor(self) -> str:
        """The reference staff and the public use; unlike the tracking code it gives no access."""
        tahun = (self.diterima_pada or timezone.now()).year
        return f"PGD-{tahun}-{self.pk or 0:05d}"

    @property
    def kode_tampil(self) -> str:
        return kode_mod.tampil(self.kode)

    @property
    def bagian_label(self) -> str:
        return dict(pilihan_bagian()).get(self.bagian, self.bagian)

    def policy_scope(self):
        from pelayanan.policy import Scope

        return Scope(unit_id=self.unit_id, instansi_id=self.unit.instansi_id)


class IdentitasPengadu(models.Model):
    """Who complained: kept apart from the complaint, encrypted at rest, read only through
    pengaduan.privasi (which checks the policy and the privacy mode and writes an audit entry
    for every access: staff viewing, receipt, e-mail, data export)."""

    pengaduan = models.OneToOneField(
        Pengaduan,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="identitas",
        verbose_name=_("pengaduan"),
    )
    # Encrypted at rest (pelayanan.kripto): the columns hold Fernet tokens, the code plain text.
    nama = TeksTerenkripsi(_("nama lengkap"), max_length=150)
    alamat = TeksTerenkripsi(_("alamat"), max_length=300)
    email = EmailTerenkripsi(_("e-mail"), max_length=254, blank=True)
    telepon = TeksTerenkripsi(_("telepon"), max_length=20, blank=True, validators=[telepon_validator])
    nik = TeksTerenkripsi(_("NIK"), max_length=16, blank=True, validators=[nik_validator])
    # Set when the identity was erased after the retention period (UU 27/2022 Pasal 16, 43).
    dihapus_pada = models.DateTimeField(_("dihapus pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("identitas pengadu")
        verbose_name_plural = pgettext_lazy("jamak", "identitas pengadu")

    def __str__(self) -> str:
        return f"Identitas pengadu {self.pengaduan_id}"


def _lampiran_path(instance, filename: str) -> str:
    now = timezone.now()
    return f"pengaduan/{now:%Y/%m}/{filename}"


class Lampiran(models.Model):
    """Evidence (Pasal 43(1)): an image (re-encoded without metadata) or a PDF, checked by
    content; stored outside static and served only through a permission-checked view."""

    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, related_name="lampiran_set", verbose_name=_("pengaduan")
    )
    berkas = models.FileField(_("berkas"), upload_to=_lampiran_path, storage=lampiran_storage, max_length=200)
    nama = models.CharField(_("nama berkas"), max_length=80)
    jenis = models.CharField(_("jenis"), max_length=10)  # pdf | png | jpeg
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    diunggah_pada = models.DateTimeField(_("diunggah pada"), default=timezone.now)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = pgettext_lazy("jamak", "lampiran")
        ordering = ["diunggah_pada", "id"]

    def __str__(self) -> str:
        return self.nama

    @property
    def gambar(self) -> bool:
        return self.jenis in ("png", "jpeg")


class Riwayat(models.Model):
    """One step on the complaint's timeline. `publik` steps are shown to the complainant on
    the tracking page (and, unless rahasia, on the public list); the others only to staff."""

    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, related_name="riwayat_set", verbose_name=_("pengaduan")
    )
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisRiwayat.choices)
    aksi = models.CharField(_("langkah"), max_length=30, blank=True)
    dari_status = models.CharField(
        _("dari status"), max_length=20, choices=StatusPengaduan.choices, blank=True
    )
    ke_status = models.CharField(_("ke status"), max_length=20, choices=StatusPengaduan.choices, blank=True)
    teks = models.TextField(_("teks"), max_length=URAIAN_MAX, blank=True)
    publik = models.BooleanField(_("terlihat oleh pengadu"), default=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    # Who acted: petugas (a staff account), pengadu (the holder of the code) or sistem.
    pelaku = models.CharField(_("pelaku"), max_length=10)
    pada = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = pgettext_lazy("jamak", "riwayat pengaduan")
        ordering = ["pada", "id"]
        indexes = [models.Index(fields=["pengaduan", "pada"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.aksi}".strip()


class CatatanInternal(models.Model):
    """A staff note: a separate table, never read by a public page."""

    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, related_name="catatan_set", verbose_name=_("pengaduan")
    )
    teks = models.TextField(_("catatan"), max_length=TEKS_MAX)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    pada = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("catatan internal")
        verbose_name_plural = pgettext_lazy("jamak", "catatan internal")
        ordering = ["pada", "id"]

    def __str__(self) -> str:
        return f"Catatan {self.pk}"


class Penilaian(models.Model):
    """The complainant's rating of the handling, once per decision (a reopened complaint can be
    rated again after its next decision: `putaran` = times reopened before)."""

    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, related_name="penilaian_set", verbose_name=_("pengaduan")
    )
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=0)
    skor = models.PositiveSmallIntegerField(
        _("nilai penanganan"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    terselesaikan = models.CharField(
        _("masalah terselesaikan?"), max_length=10, choices=Terselesaikan.choices
    )
    komentar = models.TextField(_("komentar"), max_length=TEKS_MAX, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("penilaian pengadu")
        verbose_name_plural = pgettext_lazy("jamak", "penilaian pengadu")
        constraints = [
            models.UniqueConstraint(fields=["pengaduan", "putaran"], name="penilaian_sekali_per_putaran"),
            models.CheckConstraint(condition=Q(skor__gte=1, skor__lte=5), name="penilaian_skor_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.skor}/5"


class Eskalasi(models.Model):
    """A missed deadline reported up the chain: level 1 to the officer and the kepala unit,
    level 2 (after a grace period) to the Pembina. Unique per (complaint, deadline, its date,
    level): the daily job may run any number of times and escalates once."""

    TINGKAT_UNIT, TINGKAT_PEMBINA = 1, 2
    TINGKAT = {TINGKAT_UNIT: _("Petugas dan kepala unit"), TINGKAT_PEMBINA: _("Pembina")}

    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.CASCADE, related_name="eskalasi_set", verbose_name=_("pengaduan")
    )
    jenis = models.CharField(_("tenggat"), max_length=20, choices=JenisTenggat.choices)
    batas = models.DateField(_("batas yang terlewati"))
    tingkat = models.PositiveSmallIntegerField(_("tingkat"))
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        verbose_name = _("eskalasi")
        verbose_name_plural = pgettext_lazy("jamak", "eskalasi")
        ordering = ["-dibuat_pada", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["pengaduan", "jenis", "batas", "tingkat"], name="eskalasi_sekali")
        ]

    def __str__(self) -> str:
        return f"Eskalasi {self.tingkat} {self.jenis} {self.pengaduan_id}"

    @property
    def tingkat_label(self) -> str:
        return str(self.TINGKAT.get(self.tingkat, self.tingkat))


class PengaturanPengaduanUnit(models.Model):
    """Response times a unit promises in its standard (pengaduan component), shorter than the
    law's, in working days. The earlier of the promise and the statutory deadline applies."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="pengaturan_pengaduan", verbose_name=_("unit")
    )
    janji_tanggapan_hari_kerja = models.PositiveSmallIntegerField(
        _("tanggapan pertama (hari kerja)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Kosongkan bila unit mengikuti batas undang-undang (14 hari)."),
    )
    janji_keputusan_hari_kerja = models.PositiveSmallIntegerField(
        _("keputusan (hari kerja)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Kosongkan bila unit mengikuti batas undang-undang (60 hari)."),
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan pengaduan unit")
        verbose_name_plural = pgettext_lazy("jamak", "pengaturan pengaduan unit")

    def __str__(self) -> str:
        return f"Pengaturan pengaduan {self.unit}"

    def policy_scope(self):
        from pelayanan.policy import Scope

        return Scope(unit_id=self.unit_id, instansi_id=self.unit.instansi_id)
