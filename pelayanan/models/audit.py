"""The audit log: who did what to which object, when, with a small payload."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JejakAudit(models.Model):
    """Written only by services (pelayanan.audit.audit_record); never edited."""

    waktu = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    aktor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktor"),
    )
    aksi = models.CharField(_("aksi"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("jenis objek")
    )
    object_id = models.CharField(_("id objek"), max_length=64, blank=True)
    objek_repr = models.CharField(_("objek"), max_length=200, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = pgettext_lazy("jamak", "jejak audit")
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.aksi} {self.objek_repr}"
