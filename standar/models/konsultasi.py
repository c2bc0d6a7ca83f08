"""Public consultation on draft standards (UU 25/2009 Pasal 20(2); PP 96/2012 Pasal 26–27):
comment rounds, FKP meetings, comments anchored to components, answers, moderation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standar import komponen

from .standar import VersiStandar

KOMENTAR_MAKS = 2000


class KategoriPemangku(models.TextChoices):
    """Stakeholder categories (PermenPANRB 16/2017 FKP; PP 96/2012 Pasal 23)."""

    MASYARAKAT = "masyarakat", _("Masyarakat pengguna layanan")
    AHLI = "ahli", _("Ahli, praktisi, akademisi")
    INSTANSI = "instansi", _("Instansi terkait")
    OMS = "oms", _("Organisasi masyarakat sipil")
    MEDIA = "media", _("Media massa")
    TOKOH = "tokoh", _("Tokoh masyarakat")
    USAHA = "usaha", _("Dunia usaha")


class Keputusan(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    SEBAGIAN = "sebagian", _("Diterima sebagian")
    DITOLAK = "ditolak", _("Ditolak")
    LUAR_LINGKUP = "luar_lingkup", _("Di luar lingkup")


class PutaranKonsultasi(models.Model):
    """A dated comment round on one version; closes by itself at `selesai` (beat job)."""

    versi = models.ForeignKey(
        VersiStandar, on_delete=models.PROTECT, related_name="putaran_set", verbose_name=_("versi")
    )
    penjelasan = models.TextField(_("penjelasan untuk publik"), max_length=2000)
    kategori_diundang = models.JSONField(_("kategori pemangku yang diundang"), default=list)
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("berakhir"))
    dibuka_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuka_pada = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    # The draft as it was put to the public: {kunci: isi}. The version is edited afterwards
    # (perbaikan), so "what we asked" and "what changed" need this copy.
    isi_awal = models.JSONField(_("isi rancangan saat dibuka"), default=dict)

    class Meta:
        verbose_name = _("putaran konsultasi")
        verbose_name_plural = pgettext_lazy("jamak", "putaran konsultasi")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")), name="putaran_selesai_setelah_mulai"
            ),
            models.UniqueConstraint(
                fields=["versi"], condition=Q(ditutup_pada__isnull=True), name="satu_putaran_aktif_per_versi"
            ),
        ]
        indexes = [models.Index(fields=["ditutup_pada", "selesai"])]

    def __str__(self) -> str:
        return f"Konsultasi {self.versi} ({timezone.localtime(self.mulai):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("standar:putaran_detail", kwargs={"pk": self.pk})

    def policy_scope(self):
        return self.versi.policy_scope()

    @property
    def ditutup(self) -> bool:
        return self.ditutup_pada is not None

    def terbuka(self, now=None) -> bool:
        """Comments are accepted: started, not past its end, not closed."""
        now = now or timezone.now()
        return not self.ditutup and self.mulai <= now < self.selesai

    @property
    def status_label(self) -> str:
        now = timezone.now()
        if self.ditutup:
            return str(_("Ditutup"))
        if now < self.mulai:
            return str(_("Dijadwalkan"))
        if now < self.selesai:
            return str(_("Terbuka"))
        return str(_("Berakhir, menunggu penutupan"))


class PerpanjanganPutaran(models.Model):
    putaran = models.ForeignKey(PutaranKonsultasi, on_delete=models.CASCADE, related_name="perpanjangan_set")
    selesai_lama = models.DateTimeField(_("akhir semula"))
    selesai_baru = models.DateTimeField(_("akhir baru"))
    alasan = models.TextField(_("alasan"), max_length=1000)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("perpanjangan putaran")
        verbose_name_plural = pgettext_lazy("jamak", "perpanjangan putaran")
        ordering = ["pada"]

    def __str__(self) -> str:
        return f"{self.putaran}: {self.selesai_lama:%d-%m-%Y} → {self.selesai_baru:%d-%m-%Y}"


class PertemuanFKP(models.Model):
    """A Forum Konsultasi Publik meeting; its participants' input is entered as comments."""

    putaran = models.ForeignKey(
        PutaranKonsultasi, on_delete=models.PROTECT, related_name="pertemuan_set", verbose_name=_("putaran")
    )
    tanggal = models.DateField(_("tanggal"))
    tempat = models.CharField(_("tempat"), max_length=200)
    ringkasan = models.TextField(_("ringkasan"), max_length=5000, blank=True)
    daftar_hadir = models.FileField(_("daftar hadir (PDF/gambar)"), upload_to="fkp/%Y/", blank=True)
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dicatat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pertemuan FKP")
        verbose_name_plural = pgettext_lazy("jamak", "pertemuan FKP")
        ordering = ["-tanggal"]

    def __str__(self) -> str:
        return f"FKP {self.tanggal:%d-%m-%Y}, {self.tempat}"

    def policy_scope(self):
        return self.putaran.policy_scope()


class PesertaFKP(models.Model):
    pertemuan = models.ForeignKey(PertemuanFKP, on_delete=models.CASCADE, related_name="peserta_set")
    nama = models.CharField(_("nama"), max_length=150)
    lembaga = models.CharField(_("lembaga/organisasi"), max_length=200, blank=True)
    kategori = models.CharField(_("kategori"), max_length=20, choices=KategoriPemangku.choices)

    class Meta:
        verbose_name = _("peserta FKP")
        verbose_name_plural = pgettext_lazy("jamak", "peserta FKP")
        ordering = ["kategori", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_kategori_display()})"


class Komentar(models.Model):
    """A comment on one component (and optionally one item of it) of the round's version.

    The anchor is the component key plus the item's stable id, so it still resolves on
    later versions. Replies point to their top-level comment. Never deleted: moderators
    hide with a reason.
    """

    putaran = models.ForeignKey(PutaranKonsultasi, on_delete=models.PROTECT, related_name="komentar_set")
    kunci = models.CharField(_("komponen"), max_length=40, choices=komponen.choices)
    item_id = models.CharField(_("butir"), max_length=8, blank=True)
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="balasan_set",
        verbose_name=_("membalas"),
    )
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="komentar_set",
    )
    peserta = models.ForeignKey(
        PesertaFKP, on_delete=models.PROTECT, null=True, blank=True, related_name="komentar_set"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kategori = models.CharField(_("kategori pemangku"), max_length=20, choices=KategoriPemangku.choices)
    isi = models.TextField(_("komentar"), max_length=KOMENTAR_MAKS)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True, db_index=True)
    disembunyikan_pada = models.DateTimeField(_("disembunyikan pada"), null=True, blank=True)
    disembunyikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alasan_disembunyikan = models.CharField(_("alasan disembunyikan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("komentar")
        verbose_name_plural = pgettext_lazy("jamak", "komentar")
        ordering = ["dibuat_pada", "id"]
        indexes = [models.Index(fields=["putaran", "kunci"])]

    def __str__(self) -> str:
        return f"{self.get_kunci_display()}: {self.isi[:60]}"

    def policy_scope(self):
        return self.putaran.policy_scope()

    @property
    def luring(self) -> bool:
        """Entered by staff for a participant of an FKP meeting."""
        return self.peserta_id is not None

    @property
    def tersembunyi(self) -> bool:
        return self.disembunyikan_pada is not None

    @property
    def nama_penulis(self) -> str:
        if self.peserta_id:
            return self.peserta.nama
        return self.penulis.nama_lengkap if self.penulis_id else str(_("Warga (akun dihapus)"))


class DukunganKomentar(models.Model):
    """A "setuju" by a signed-in citizen; one per person and comment."""

    komentar = models.ForeignKey(Komentar, on_delete=models.CASCADE, related_name="dukungan_set")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["komentar", "pengguna"], name="setuju_sekali")]

    def __str__(self) -> str:
        return f"{self.pengguna_id} setuju {self.komentar_id}"


class LaporanKomentar(models.Model):
    class Alasan(models.TextChoices):
        KASAR = "kasar", _("Kasar atau menghina")
        SPAM = "spam", _("Spam atau promosi")
        DATA_PRIBADI = "data_pribadi", _("Memuat data pribadi")
        LAINNYA = "lainnya", _("Lainnya")

    komentar = models.ForeignKey(Komentar, on_delete=models.CASCADE, related_name="laporan_set")
    pelapor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    alasan = models.CharField(_("alasan"), max_length=20, choices=Alasan.choices)
    catatan = models.CharField(_("catatan"), max_length=500, blank=True)
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laporan komentar")
        verbose_name_plural = pgettext_lazy("jamak", "laporan komentar")
        ordering = ["-pada"]

    def __str__(self) -> str:
        return f"{self.get_alasan_display()}: {self.komentar_id}"


class JawabanKomentar(models.Model):
    """The unit's answer to a comment: one row of the disposition matrix."""

    komentar = models.OneToOneField(Komentar, on_delete=models.PROTECT, related_name="jawaban")
    keputusan = models.CharField(_("keputusan"), max_length=20, choices=Keputusan.choices)
    alasan = models.TextField(_("alasan"), max_length=KOMENTAR_MAKS)
    versi_perubahan = models.ForeignKey(
        VersiStandar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterapkan pada versi"),
    )
    dijawab_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dijawab_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jawaban komentar")
        verbose_name_plural = pgettext_lazy("jamak", "jawaban komentar")

    def __str__(self) -> str:
        return f"{self.get_keputusan_display()}: {self.komentar_id}"
