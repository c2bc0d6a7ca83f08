"""The Celery app. Settings come from Django's, prefixed CELERY_ (see settings/base.py)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pelayanan.settings.dev")

app = Celery("pelayanan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _kirim_tertunda_saat_mulai(sender, **kwargs):
    """A worker that starts (after the broker came back, say) asks for the outbox to be sent."""
    sender.app.send_task("pelayanan.tasks.antrean_kirim_tertunda")
