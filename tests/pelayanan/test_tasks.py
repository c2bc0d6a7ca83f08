"""Celery: tasks enqueued after commit; a real worker runs one through Redis on PostgreSQL."""

import time
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from pelayanan import akun
from pelayanan.celery import app
from pelayanan.models import HariLibur, JejakAudit
from pelayanan.tasks import kalender_impor_cuti_bersama, kirim_email_konfirmasi
from tests.conftest import note_service


@pytest.mark.django_db
def test_confirmation_mail_is_enqueued_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        akun.warga_register(email="baru@contoh.example", nama_lengkap="Warga Baru", password="x-y-z-123456")
        assert mail.outbox == []  # nothing sent inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_confirmation_task_skips_confirmed_users(warga):
    akun.email_confirm(token=akun.email_confirmation_token(warga))
    kirim_email_konfirmasi(warga.pk)
    assert mail.outbox == []


@pytest.mark.django_db
def test_cuti_bersama_task_imports_this_and_next_year():
    created = kalender_impor_cuti_bersama(2026)
    assert created == HariLibur.objects.count() > 0
    assert HariLibur.objects.filter(tanggal=date(2026, 3, 20), jenis="cuti_bersama").exists()
    assert kalender_impor_cuti_bersama(2026) == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_tasks_through_redis_against_postgresql(postgres, redis_url, warga):
    """Not eager: the task goes through the Redis broker to a worker thread with its own
    database connection, and its effects are read back from PostgreSQL."""
    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    try:
        app.control.purge()
        with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=30):
            kalender_impor_cuti_bersama.delay(2026)
            kirim_email_konfirmasi.delay(warga.pk)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                done_import = HariLibur.objects.filter(tanggal__year=2026).exists()
                done_mail = JejakAudit.objects.filter(aksi="akun.email_konfirmasi_terkirim").exists()
                if done_import and done_mail:
                    break
                time.sleep(0.2)
    finally:
        app.conf.update(task_always_eager=eager)
    assert HariLibur.objects.filter(tanggal=date(2026, 3, 20), jenis="cuti_bersama").exists()
    assert JejakAudit.objects.filter(aksi="akun.email_konfirmasi_terkirim", object_id=str(warga.pk)).exists()
    note_service("celery", f"real worker (threads pool) consumed tasks from {redis_url}")
