"""Choice lists of the core app (labels in Indonesian, the source language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisInstansi(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Kementerian")
    LEMBAGA = "lembaga", _("Lembaga")
    PROVINSI = "provinsi", _("Pemerintah Provinsi")
    KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
    KOTA = "kota", _("Pemerintah Kota")


class KanalPengaduan(models.TextChoices):
    """Complaint channels (UU 25/2009 Pasal 36 Penjelasan; SP4N-LAPOR!)."""

    TELEPON = "telepon", _("Telepon")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Website")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    KOTAK_SARAN = "kotak_saran", _("Kotak saran")
    LOKET = "loket", _("Loket pengaduan")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Peran(models.TextChoices):
    """Roles of staff; each is granted on a scope (see policy.ROLE_SCOPES)."""

    ADMIN_UNIT = "admin_unit", _("Admin unit")
    KEPALA_UNIT = "kepala_unit", _("Kepala unit")
    PENGELOLA_PENGADUAN = "pengelola_pengaduan", _("Pengelola pengaduan")
    PENANGGUNG_JAWAB = "penanggung_jawab", _("Penanggung jawab")
    PEMBINA = "pembina", _("Pembina")
    EVALUATOR = "evaluator", _("Evaluator")
    MODERATOR = "moderator", _("Moderator")


class JenisHariLibur(models.TextChoices):
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    DAERAH = "daerah", _("Libur daerah")
