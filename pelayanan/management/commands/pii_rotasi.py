"""Re-encrypt every personal-data value with the current (first) DJANGO_PII_KEY.

Rotation: set DJANGO_PII_KEY="<new key>,<old key>", run this command, then drop the old key.
Idempotent; audited (how many rows of which model, never the values).
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from pelayanan.audit import audit_record
from pelayanan.kripto import TeksTerenkripsi

PER_BATCH = 500


def model_terenkripsi():
    """(model, [encrypted field names]) for every installed model that has some."""
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, TeksTerenkripsi)]
        if fields:
            yield model, fields


def rotasi_semua() -> dict[str, int]:
    hasil = {}
    for model, fields in model_terenkripsi():
        n = 0
        with transaction.atomic():
            batch = []
            for obj in model._default_manager.select_for_update().only("pk", *fields).iterator(PER_BATCH):
                batch.append(obj)  # read = decrypted with any key; written = current key
                if len(batch) >= PER_BATCH:
                    n += model._default_manager.bulk_update(batch, fields)
                    batch = []
            if batch:
                n += model._default_manager.bulk_update(batch, fields)
        hasil[model._meta.label] = n
    audit_record(aktor=None, aksi="pii.rotasi_kunci", data=hasil)
    return hasil


class Command(BaseCommand):
    help = "Re-encrypt personal data with the first key of DJANGO_PII_KEY (key rotation)."

    def handle(self, *args, **options):
        for label, n in rotasi_semua().items():
            self.stdout.write(f"{label}: {n}")
