"""Celery tasks of the complaints app: load ids, call one service, return."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from pelayanan.audit import audit_record


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def kirim_surel_pengadu(pengaduan_id: int, jenis: str, riwayat_id: int | None = None) -> bool:
    """E-mail the complainant (if they gave an address and it was not erased)."""
    from pengaduan import privasi, surel, tenggat
    from pengaduan.models import Pengaduan, Riwayat

    p = Pengaduan.objects.select_related("unit").filter(pk=pengaduan_id).first()
    if p is None:
        return False
    identitas = privasi.identitas_akses(pengaduan=p, aktor=None, keperluan=privasi.SUREL)
    if identitas is None or not identitas.email or identitas.dihapus_pada:
        return False
    riwayat = Riwayat.objects.filter(pk=riwayat_id, pengaduan=p, publik=True).first() if riwayat_id else None
    with translation.override("id"):
        context = {
            "p": p,
            "nama": identitas.nama,
            "riwayat": riwayat,
            "url_lacak": surel.url_lacak(p),
            "tenggat": tenggat.daftar(p),
        }
        send_mail(
            subject=str(surel.SUBJEK[jenis] % {"nomor": p.nomor}),
            message=render_to_string(f"pengaduan/email/{jenis}.txt", context),
            from_email=None,
            recipient_list=[identitas.email],
        )
    audit_record(aktor=None, aksi="pengaduan.surel_terkirim", objek=p, data={"jenis": jenis})
    return True


@shared_task
def pengaduan_harian() -> dict:
    """The daily job (beat): lapse incomplete files past 30 days, escalate missed deadlines,
    erase identities past the retention period."""
    from pengaduan import eskalasi, retensi, services

    batal = services.batalkan_kedaluwarsa()
    hasil = eskalasi.eskalasi_jalankan()
    dihapus = retensi.hapus_identitas_kedaluwarsa()
    return {
        "batal": batal,
        "eskalasi_unit": hasil.tingkat_unit,
        "eskalasi_pembina": hasil.tingkat_pembina,
        "identitas_dihapus": dihapus,
    }
