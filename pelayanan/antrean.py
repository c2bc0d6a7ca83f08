"""Handing Celery tasks to the broker without ever losing one (the outbox).

Every task the portal asks for goes through `antrekan(tugas, *args, **kwargs)`:
- with no broker (eager mode: development, tests) the task runs after the commit, as
  `delay_on_commit` does;
- when the broker was unreachable a moment ago (JEDA_CEK seconds), the task is written to the
  outbox (pelayanan.TugasTertunda) inside the caller's transaction: it exists exactly when
  the change that asked for it was committed;
- otherwise it is published after the commit; if publishing fails then (Redis stopped, a
  network fault), it is written to the outbox right away instead, and the user's request
  still succeeds.

`kirim_tertunda()` sends what waits in the outbox, oldest first: rows are taken with
SELECT ... FOR UPDATE SKIP LOCKED, published, and marked sent in the same transaction, so two
drains running at once never send a row twice. (Should the database fail between the publish
and the commit, the row is sent again later: tasks are written to be idempotent.) It runs
from Celery beat every minute (pelayanan.tasks.antrean_kirim_tertunda), when a worker starts
(pelayanan/celery.py), and by hand: `manage.py kirim_tertunda`.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from functools import partial

from celery import current_app
from django.db import transaction
from django.utils import timezone

from pelayanan.audit import audit_record
from pelayanan.models import TugasTertunda

logger = logging.getLogger(__name__)

# After a failed publish, tasks go straight to the outbox for this many seconds.
JEDA_CEK = 30
# A short publish retry: a broker that is down is not waited for in a user's request.
RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
PER_BATCH = 100
# Sent rows are kept this long (to answer "was it sent?"), then deleted by the drain.
SIMPAN_TERKIRIM = timedelta(days=7)

_gagal_pada: float | None = None


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)


def broker_dianggap_mati() -> bool:
    return _gagal_pada is not None and time.monotonic() - _gagal_pada < JEDA_CEK


def _tandai(berhasil: bool) -> None:
    global _gagal_pada
    _gagal_pada = None if berhasil else time.monotonic()


def _terbitkan(nama: str, args: list, kwargs: dict) -> None:
    """Publish one task by name (CELERY_TASK_ROUTES apply); raises when the broker fails."""
    current_app.send_task(nama, args=args, kwargs=kwargs, retry=True, retry_policy=RETRY_POLICY)


def _simpan(nama: str, args: list, kwargs: dict, galat: str) -> TugasTertunda:
    return TugasTertunda.objects.create(nama=nama, args=list(args), kwargs=dict(kwargs), galat=galat[:500])


def _kirim_atau_simpan(nama: str, args: list, kwargs: dict) -> None:
    """After the commit: publish, or keep the task in the outbox when the broker fails."""
    try:
        _terbitkan(nama, args, kwargs)
    except Exception as exc:  # kombu/redis connection errors, OSError, timeouts: all mean "not sent"
        _tandai(False)
        logger.warning("Broker unreachable, task %s kept in the outbox: %s", nama, exc)
        _simpan(nama, args, kwargs, galat=f"{type(exc).__name__}: {exc}")
    else:
        _tandai(True)


def antrekan(tugas, *args, **kwargs) -> None:
    """Enqueue the Celery task `tugas` for after the current transaction commits; never lost
    when the broker is down (see the module docstring). Arguments must be JSON values."""
    if _eager():
        tugas.delay_on_commit(*args, **kwargs)
        return
    if broker_dianggap_mati():
        _simpan(
            tugas.name, list(args), kwargs, galat="broker tidak terjangkau"
        )  # in the caller's transaction
        return
    transaction.on_commit(partial(_kirim_atau_simpan, tugas.name, list(args), dict(kwargs)))


def jumlah_tertunda() -> int:
    return TugasTertunda.objects.filter(dikirim_pada__isnull=True).count()


def kirim_tertunda(batas: int = 1000) -> int:
    """Send up to `batas` waiting tasks, oldest first, each exactly once; returns how many were
    sent. Stops at the first publish failure (the broker is still down: try again later)."""
    terkirim, gagal = 0, False
    while terkirim < batas and not gagal:
        with transaction.atomic():
            rows = list(
                TugasTertunda.objects.select_for_update(skip_locked=True)
                .filter(dikirim_pada__isnull=True)
                .order_by("id")[: min(PER_BATCH, batas - terkirim)]
            )
            if not rows:
                break
            for row in rows:
                row.percobaan += 1
                try:
                    _terbitkan(row.nama, row.args, row.kwargs)
                except Exception as exc:  # still unreachable: keep the row, note the error
                    _tandai(False)
                    row.galat = f"{type(exc).__name__}: {exc}"[:500]
                    row.save(update_fields=["percobaan", "galat"])
                    gagal = True
                    break
                row.dikirim_pada = timezone.now()
                row.save(update_fields=["percobaan", "dikirim_pada"])
                terkirim += 1
    if not gagal:
        _tandai(True)
    TugasTertunda.objects.filter(dikirim_pada__lt=timezone.now() - SIMPAN_TERKIRIM).delete()
    if terkirim:
        audit_record(aktor=None, aksi="antrean.kirim_tertunda", data={"jumlah": terkirim})
        logger.info("Outbox: %s task(s) sent", terkirim)
    return terkirim
