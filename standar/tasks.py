"""Celery tasks of the standar app: load ids, call one service, return."""

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval

from standar import dokumen, konsultasi

# Official PDFs (queue "pdf", see CELERY_TASK_ROUTES): a render may take a few seconds and a
# few hundred MB; a pathological document is stopped by the time limits.
RENDER_SOFT_LIMIT = 120
RENDER_HARD_LIMIT = 180
RENDER_MAX_RETRIES = 5


@shared_task
def konsultasi_tutup_putaran() -> int:
    """Close every comment round past its end (beat, every 10 minutes; idempotent)."""
    return konsultasi.putaran_close_due()


@shared_task
def konsultasi_digest_harian() -> int:
    """Daily digest of new comments and rounds ending soon to unit admins (idempotent per day)."""
    return konsultasi.digest_harian()


@shared_task(
    bind=True,
    acks_late=True,
    soft_time_limit=RENDER_SOFT_LIMIT,
    time_limit=RENDER_HARD_LIMIT,
    max_retries=RENDER_MAX_RETRIES,
)
def dokumen_render(self, dokumen_id: int) -> bool:
    """Render one official PDF if its inputs changed (idempotent). A failure is recorded on
    the document (status gagal, shown to staff) and retried with exponential backoff."""
    try:
        return dokumen.dokumen_render_id(dokumen_id)
    except dokumen.RenderGagal as exc:
        if self.request.is_eager:
            return False  # no broker to retry through: the failure stays recorded and visible
        countdown = get_exponential_backoff_interval(
            factor=30, retries=self.request.retries, maximum=1800, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=max(countdown, 5)) from exc


@shared_task
def dokumen_jadwalkan_ulang() -> int:
    """Enqueue again documents left pending or failed (beat, every 15 minutes)."""
    return dokumen.jadwalkan_ulang_tertunda()
