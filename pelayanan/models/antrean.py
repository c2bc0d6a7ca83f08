"""The outbox: Celery tasks that could not be handed to the broker (pelayanan.antrean)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TugasTertunda(models.Model):
    """One task (its name and JSON arguments) waiting for the broker. Written in the same
    transaction as the change that asked for it, or right after its commit; sent once by
    pelayanan.antrean.kirim_tertunda (rows locked with SKIP LOCKED, then marked sent)."""

    nama = models.CharField(_("tugas"), max_length=200)
    args = models.JSONField(_("argumen"), default=list, blank=True)
    kwargs = models.JSONField(_("argumen bernama"), default=dict, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    percobaan = models.PositiveIntegerField(_("percobaan kirim"), default=0)
    galat = models.CharField(_("galat terakhir"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tugas tertunda")
        verbose_name_plural = pgettext_lazy("jamak", "tugas tertunda")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["id"], condition=Q(dikirim_pada__isnull=True), name="tugas_belum_dikirim"),
            models.Index(fields=["dikirim_pada"], name="tugas_dikirim_pada"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} #{self.pk}"
