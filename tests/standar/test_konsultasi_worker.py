"""Notifications of the consultation go out after commit, through a real Celery worker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from pelayanan.celery import app
from pelayanan.models import Notifikasi
from standar import konsultasi, services
from tests.conftest import note_service
from tests.factories import LayananFactory, user_factory
from tests.standar.helpers import buka_putaran, isi_lengkap, staf_unit, tutup_putaran


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_answer_notification_is_sent_by_a_real_worker_after_commit(postgres, redis_url):
    layanan = LayananFactory()
    admin, _kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    putaran = buka_putaran(versi, admin)
    warga = user_factory(email="warga.worker@contoh.example", email_dikonfirmasi_pada=timezone.now())
    komentar = konsultasi.komentar_create(
        putaran=putaran, penulis=warga, kunci="biaya", isi="Mohon tetap gratis.", kategori="masyarakat"
    )
    tutup_putaran(versi)

    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    try:
        app.control.purge()
        with start_worker(
            app,
            pool="threads",
            concurrency=1,
            perform_ping_check=False,
            shutdown_timeout=30,
            queues=["celery"],
        ):
            konsultasi.komentar_answer(
                komentar=komentar, keputusan="diterima", alasan="Tetap gratis.", oleh=admin
            )
            row = Notifikasi.objects.get(pengguna=warga)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                row.refresh_from_db()
                if row.email_terkirim_pada:
                    break
                time.sleep(0.2)
    finally:
        app.conf.update(task_always_eager=eager)
    assert row.email_terkirim_pada is not None
    assert [m.to for m in mail.outbox] == [["warga.worker@contoh.example"]]
    assert mail.outbox[0].subject == "Komentar Anda telah dijawab"
    note_service("celery-notifikasi", "answer e-mail sent by a real worker after commit")
