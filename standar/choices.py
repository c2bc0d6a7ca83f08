from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusVersi(models.TextChoices):
    """Life of one version of a standard (DESIGN.md, "The flows")."""

    DRAF = "draf", _("Draf")
    KONSULTASI = "konsultasi", _("Konsultasi publik")
    PERBAIKAN = "perbaikan", _("Perbaikan")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    TERBIT = "terbit", _("Terbit")
    DIGANTIKAN = "digantikan", _("Digantikan")
    DICABUT = "dicabut", _("Dicabut")


# Statuses in which the content may still be edited.
STATUS_DAPAT_DIUBAH = (StatusVersi.DRAF, StatusVersi.PERBAIKAN)
# Statuses of the one version in preparation (at most one per standard).
STATUS_PERSIAPAN = (
    StatusVersi.DRAF,
    StatusVersi.KONSULTASI,
    StatusVersi.PERBAIKAN,
    StatusVersi.DITETAPKAN,
)


class StatusMaklumat(models.TextChoices):
    DRAF = "draf", _("Draf")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    TERBIT = "terbit", _("Terbit")
    DIGANTIKAN = "digantikan", _("Digantikan")
    DICABUT = "dicabut", _("Dicabut")


class KesimpulanEvaluasi(models.TextChoices):
    """Outcome of the yearly evaluation of a standard's application (PP 96/2012 Pasal 32)."""

    SESUAI = "sesuai", _("Diterapkan sesuai standar")
    PERLU_PERUBAHAN = "perlu_perubahan", _("Perlu perubahan standar")
