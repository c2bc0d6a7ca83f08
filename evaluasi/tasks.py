"""Celery tasks of the evaluasi app: load ids, call one service, return.

Compilation (`susun_laporan`) runs on queue "pdf" (CELERY_TASK_ROUTES): it renders a PDF with
WeasyPrint, which is CPU- and memory-heavy like the official standard PDFs, so it shares
their worker pool, limits and memory recycling and never delays the e-mails and short jobs
of the default queue. `make worker` consumes both queues. The scheduled requests
(`laporan_terjadwal`) and the sweep are short and stay on the default queue.
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.utils import timezone

logger = logging.getLogger(__name__)

# A compilation renders one PDF and one XLSX; the hard limit must not exceed
# settings.LAPORAN_BASI_DETIK (a running report older than that is taken over).
SUSUN_SOFT_LIMIT = 600
SUSUN_HARD_LIMIT = 840
SUSUN_MAX_RETRIES = 8


@shared_task(
    bind=True,
    acks_late=True,
    soft_time_limit=SUSUN_SOFT_LIMIT,
    time_limit=SUSUN_HARD_LIMIT,
    max_retries=SUSUN_MAX_RETRIES,
)
def susun_laporan(self, laporan_id: int) -> bool:
    """Compile one report (idempotent: a finished or live one is left alone). A database or
    connection error releases the attempt and is retried with exponential backoff."""
    from evaluasi import kompilasi

    try:
        return kompilasi.laporan_susun(laporan_id)
    except kompilasi.GANGGUAN_SEMENTARA as exc:
        if self.request.is_eager:
            raise
        countdown = get_exponential_backoff_interval(
            factor=15, retries=self.request.retries, maximum=1800, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=max(countdown, 5)) from exc


@shared_task
def laporan_terjadwal(jenis: str) -> int:
    """Request, for every instansi, the report of the last finished period of this kind
    (beat: monthly, quarterly, yearly). Returns how many reports were newly requested."""
    from evaluasi import kompilasi, periode
    from evaluasi.choices import SumberLaporan
    from pelayanan.models import Instansi

    tahun, ke = periode.terakhir_selesai(jenis, timezone.localdate())
    baru = 0
    for instansi in Instansi.objects.filter(unit_set__aktif=True).distinct().order_by("pk"):
        try:
            _laporan, dibuat = kompilasi.laporan_minta(
                instansi=instansi, jenis=jenis, tahun=tahun, ke=ke, sumber=SumberLaporan.JADWAL
            )
        except Exception:
            logger.exception(
                "Laporan terjadwal %s %s/%s untuk instansi %s gagal diminta", jenis, ke, tahun, instansi.pk
            )
            continue
        baru += int(dibuat)
    return baru


@shared_task
def laporan_lanjutkan_tertunda() -> int:
    """Enqueue again reports left queued or abandoned by a dead worker (beat, every 15 min)."""
    from evaluasi import kompilasi

    return kompilasi.laporan_lanjutkan_tertunda()
