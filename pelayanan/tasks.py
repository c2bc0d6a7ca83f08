"""Celery tasks of the core app: load ids, call one service, return."""

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan.akun import email_confirmation_url
from pelayanan.audit import audit_record
from pelayanan.hari_kerja import import_cuti_bersama
from pelayanan.models import Pengguna


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def kirim_email_konfirmasi(pengguna_id: int) -> None:
    """Send the e-mail confirmation link to a newly registered citizen."""
    pengguna = Pengguna.objects.filter(pk=pengguna_id, email_dikonfirmasi_pada__isnull=True).first()
    if pengguna is None:
        return
    context = {"pengguna": pengguna, "url": email_confirmation_url(pengguna)}
    send_mail(
        subject=_("Konfirmasi alamat e-mail Anda"),
        message=render_to_string("pelayanan/email/konfirmasi_email.txt", context),
        from_email=None,
        recipient_list=[pengguna.email],
    )
    audit_record(aktor=None, aksi="akun.email_konfirmasi_terkirim", objek=pengguna)


@shared_task
def kalender_impor_cuti_bersama(tahun: int | None = None) -> int:
    """Import cuti bersama of this year and the next (beat, weekly); returns rows created."""
    tahun = tahun or timezone.localdate().year
    return import_cuti_bersama(tahun) + import_cuti_bersama(tahun + 1)


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def kirim_notifikasi_email(notifikasi_id: int) -> None:
    """E-mail an in-app notification once (idempotent: a sent one is not sent again)."""
    from pelayanan.models import Notifikasi
    from pelayanan.notifikasi import absolute

    row = (
        Notifikasi.objects.select_related("pengguna")
        .filter(pk=notifikasi_id, email_terkirim_pada__isnull=True)
        .first()
    )
    if row is None:
        return
    body = row.pesan + (f"\n\n{absolute(row.tautan)}" if row.tautan else "")
    send_mail(subject=row.judul, message=body, from_email=None, recipient_list=[row.pengguna.email])
    Notifikasi.objects.filter(pk=row.pk).update(email_terkirim_pada=timezone.now())


@shared_task
def antrean_kirim_tertunda() -> int:
    """Send the tasks kept in the outbox while the broker was unreachable (beat, every minute;
    also when a worker starts). Exactly once per task (pelayanan.antrean)."""
    from pelayanan.antrean import kirim_tertunda

    return kirim_tertunda()
