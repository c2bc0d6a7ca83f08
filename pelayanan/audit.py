"""Writing the audit log. Services call audit_record(); nothing edits an entry."""

from django.contrib.contenttypes.models import ContentType

from pelayanan.models import JejakAudit


def audit_record(*, aktor, aksi: str, objek=None, data: dict | None = None) -> JejakAudit:
    """Record that `aktor` did `aksi` to `objek` (any model instance, or None)."""
    entry = JejakAudit(
        aktor=aktor if getattr(aktor, "is_authenticated", False) else None,
        aksi=aksi,
        data=data or {},
    )
    if objek is not None:
        entry.content_type = ContentType.objects.get_for_model(objek)
        entry.object_id = str(objek.pk)
        entry.objek_repr = str(objek)[:200]
    entry.save()
    return entry
