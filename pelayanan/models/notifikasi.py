"""In-app notifications; the same message also goes out by e-mail (pelayanan.notifikasi)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notifikasi(models.Model):
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifikasi_set",
        verbose_name=_("pengguna"),
    )
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"), max_length=5000)
    tautan = models.CharField(_("tautan"), max_length=500, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    email_terkirim_pada = models.DateTimeField(_("e-mail terkirim pada"), null=True, blank=True)
    # Set for messages that must reach a user once only (daily digests, escalations).
    kunci = models.CharField(_("kunci"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = pgettext_lazy("jamak", "notifikasi")
        ordering = ["-dibuat_pada", "-id"]
        indexes = [models.Index(fields=["pengguna", "dibaca_pada"])]
        constraints = [
            models.UniqueConstraint(
                fields=["pengguna", "kunci"], condition=~models.Q(kunci=""), name="notifikasi_sekali"
            )
        ]

    def __str__(self) -> str:
        return self.judul
