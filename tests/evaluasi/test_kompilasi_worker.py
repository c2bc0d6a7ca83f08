"""A real Celery worker (threads pool, Redis broker, PostgreSQL) compiles reports: a request
is enqueued after commit on queue "pdf", a second request gives the same report, and a report
left running by a dead worker is taken over by the sweep and completes exactly once."""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.storage import default_storage
from django.utils import timezone

from evaluasi import kompilasi
from evaluasi.choices import StatusLaporan, SumberLaporan
from evaluasi.models import LaporanEvaluasi, RingkasanUnit
from pelayanan.celery import app
from pelayanan.models import JejakAudit
from tests.conftest import note_service
from tests.evaluasi.laporan_helpers import JENIS, KE, TAHUN, dunia_laporan


def _kosongkan_antrean():
    """Purge both queues: _kosongkan_antrean() only knows the queues the app declared, and a
    message left on "pdf" by an earlier run would compile a report of this test's ids."""
    with app.connection_for_write() as conn:
        for nama in ("celery", "pdf"):
            conn.default_channel.queue_purge(nama)


def _tunggu(pk, detik=120):
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        laporan = LaporanEvaluasi.objects.get(pk=pk)
        if laporan.status in (StatusLaporan.SELESAI, StatusLaporan.GAGAL):
            return laporan
        time.sleep(0.3)
    return LaporanEvaluasi.objects.get(pk=pk)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_compiles_reports_once(postgres, redis_url):
    dunia = dunia_laporan()
    pj = dunia["penanggung_jawab"]
    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    try:
        _kosongkan_antrean()
        # A report whose worker died mid-job: running, started long ago, never finished.
        mati, _ = kompilasi.laporan_minta(
            instansi=dunia.x, unit=dunia.a, jenis=JENIS, tahun=TAHUN, ke=KE, sumber=SumberLaporan.JADWAL
        )
        _kosongkan_antrean()  # its message was lost with the worker
        LaporanEvaluasi.objects.filter(pk=mati.pk).update(
            status=StatusLaporan.BERJALAN,
            percobaan=1,
            progres=30,
            langkah="ikm",
            dimulai_pada=timezone.now() - timedelta(hours=1),
        )
        with start_worker(
            # Both queues, as `make worker` runs (the queue selection sticks to the app object).
            app,
            pool="threads",
            concurrency=2,
            perform_ping_check=False,
            shutdown_timeout=60,
            queues=["celery", "pdf"],
        ):
            laporan, baru = kompilasi.laporan_minta(
                instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=KE, oleh=pj, sumber=SumberLaporan.TOMBOL
            )
            assert baru
            lagi, baru = kompilasi.laporan_minta(
                instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=KE, oleh=pj, sumber=SumberLaporan.TOMBOL
            )
            assert (lagi.pk, baru) == (laporan.pk, False)
            assert kompilasi.laporan_lanjutkan_tertunda() == 1  # the sweep after the restart
            laporan = _tunggu(laporan.pk)
            mati = _tunggu(mati.pk)
            # Duplicates (a redelivered message, the sweep again) change nothing.
            from evaluasi.tasks import susun_laporan

            susun_laporan.delay(laporan.pk)
            susun_laporan.delay(mati.pk)
            time.sleep(3)
    finally:
        app.conf.update(task_always_eager=eager)
        _kosongkan_antrean()
    assert laporan.status == StatusLaporan.SELESAI, laporan.galat
    assert mati.status == StatusLaporan.SELESAI, mati.galat
    assert (laporan.percobaan, mati.percobaan) == (1, 2)
    assert LaporanEvaluasi.objects.count() == 2
    for row in (laporan, mati):
        row_lagi = LaporanEvaluasi.objects.get(pk=row.pk)
        assert (row_lagi.sha256_pdf, row_lagi.percobaan) == (row.sha256_pdf, row.percobaan)
        assert JejakAudit.objects.filter(aksi="laporan.selesai", object_id=str(row.pk)).count() == 1
        with default_storage.open(row.berkas_pdf.name, "rb") as fh:
            assert fh.read(4) == b"%PDF"
    s = laporan.snapshot
    assert {u["nama"]: u["ikm"]["nilai"] for u in s["unit"]} == {"Dinas A": "87.50", "Dinas B": "50.00"}
    assert s["total"]["pengaduan_tepat_persen"] == "60.00"
    assert RingkasanUnit.objects.filter(jenis=JENIS, tahun=TAHUN, ke=KE).count() == 2
    note_service("celery-laporan", "report compiled by a real worker (queue pdf), stale one taken over once")
