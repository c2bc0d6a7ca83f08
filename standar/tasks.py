"""Celery tasks of the standar app: load ids, call one service, return."""

from celery import shared_task

from standar import konsultasi


@shared_task
def konsultasi_tutup_putaran() -> int:
    """Close every comment round past its end (beat, every 10 minutes; idempotent)."""
    return konsultasi.putaran_close_due()
