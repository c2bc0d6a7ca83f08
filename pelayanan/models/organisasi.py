"""Instansi, their service units (unit penyelenggara) and the services (layanan)."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pelayanan.choices import JenisInstansi, KanalPengaduan

telepon_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{5,20}$", _("Masukkan nomor telepon yang sah, misalnya 0271 123456.")
)


class Instansi(models.Model):
    """A ministry, agency or regional government: the Pembina's domain (Pasal 6)."""

    nama = models.CharField(_("nama"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisInstansi.choices)
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    situs_web = models.URLField(_("situs web"), blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = pgettext_lazy("jamak", "instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("pelayanan:instansi_detail", kwargs={"slug": self.slug})


class Unit(models.Model):
    """A unit penyelenggara with the profile items of UU 25/2009 Pasal 23(4) and 36(4)."""

    instansi = models.ForeignKey(
        Instansi, on_delete=models.PROTECT, related_name="unit_set", verbose_name=_("instansi")
    )
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    uraian = models.TextField(_("uraian singkat"), max_length=2000, blank=True)
    penanggung_jawab_nama = models.CharField(_("nama penanggung jawab"), max_length=150)
    penanggung_jawab_jabatan = models.CharField(_("jabatan penanggung jawab"), max_length=150)
    pengelola_pengaduan_nama = models.CharField(
        _("nama penanggung jawab pengelola pengaduan"), max_length=150, blank=True
    )
    alamat = models.CharField(_("alamat"), max_length=300)
    telepon = models.CharField(_("telepon"), max_length=20, validators=[telepon_validator])
    email = models.EmailField(_("e-mail"))
    situs_web = models.URLField(_("situs web"), blank=True)
    alamat_pengaduan = models.CharField(_("alamat pengaduan"), max_length=300)
    jam_layanan = models.TextField(
        _("jam layanan"), max_length=500, help_text=_("Misalnya: Senin–Jumat 08.00–15.00 WIB.")
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit penyelenggara")
        verbose_name_plural = pgettext_lazy("jamak", "unit penyelenggara")
        ordering = ["instansi__nama", "nama"]
        indexes = [models.Index(fields=["instansi", "nama"])]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("pelayanan:unit_profil", kwargs={"slug": self.slug})


class KanalPengaduanUnit(models.Model):
    """One published complaint channel of a unit (Pasal 36(4): sarana pengaduan)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="kanal_pengaduan", verbose_name=_("unit")
    )
    jenis = models.CharField(_("jenis kanal"), max_length=20, choices=KanalPengaduan.choices)
    nilai = models.CharField(
        _("nomor, alamat atau tautan"),
        max_length=200,
        help_text=_("Misalnya nomor telepon, alamat e-mail, tautan, atau letak loket."),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kanal pengaduan")
        verbose_name_plural = pgettext_lazy("jamak", "kanal pengaduan")
        ordering = ["urutan", "id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {self.nilai}"


class Layanan(models.Model):
    """A jenis pelayanan of a unit; its standard comes with the standar app."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="layanan_set", verbose_name=_("unit")
    )
    nama = models.CharField(_("nama layanan"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)
    uraian = models.TextField(_("uraian singkat"), max_length=2000, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = pgettext_lazy("jamak", "layanan")
        ordering = ["unit__nama", "nama"]
        constraints = [models.UniqueConstraint(fields=["unit", "slug"], name="layanan_slug_unik_per_unit")]

    def __str__(self) -> str:
        return self.nama
