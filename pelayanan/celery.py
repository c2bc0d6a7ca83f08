"""The Celery app. Settings come from Django's, prefixed CELERY_ (see settings/base.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pelayanan.settings.dev")

app = Celery("pelayanan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
