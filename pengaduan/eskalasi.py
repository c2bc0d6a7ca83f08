"""Escalation of missed deadlines (the daily job, pengaduan.tasks.pengaduan_harian).

A complaint past one of the unit's deadlines (first response, decision, notification; see
pengaduan.tenggat.TENGGAT_UNIT) is reported:
- level 1, the day after the deadline: to the assigned officer (or the unit's complaint
  officers) and the kepala unit (UU 25/2009 Pasal 45: atasan pelaksana);
- level 2, PENGADUAN_ESKALASI_PEMBINA_HARI days later: to the Pembina of the instansi.

Idempotent: an Eskalasi row is unique per (complaint, deadline, its date, level) and the
notifications carry a key (Notifikasi.kunci), so running the job twice escalates once. A
reopened complaint has a new decision deadline, hence can be escalated again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan.audit import audit_record
from pelayanan.notifikasi import notify
from pengaduan import penerima, tenggat
from pengaduan.choices import JenisRiwayat, JenisTenggat
from pengaduan.models import Eskalasi, Pengaduan, Riwayat
from pengaduan.workflow import SISTEM


@dataclass
class Hasil:
    tingkat_unit: int = 0
    tingkat_pembina: int = 0

    @property
    def jumlah(self) -> int:
        return self.tingkat_unit + self.tingkat_pembina


def tenggang_pembina() -> timedelta:
    return timedelta(days=settings.PENGADUAN_ESKALASI_PEMBINA_HARI)


def _penerima(p: Pengaduan, tingkat: int) -> list:
    if tingkat == Eskalasi.TINGKAT_UNIT:
        return [*penerima.petugas_atau_pengelola(p), *penerima.kepala(p.unit)]
    return penerima.pembina(p.unit)


@transaction.atomic
def _eskalasi_satu(p: Pengaduan, jenis: str, batas: date, tingkat: int, pada: datetime) -> bool:
    try:
        with transaction.atomic():
            Eskalasi.objects.create(pengaduan=p, jenis=jenis, batas=batas, tingkat=tingkat, dibuat_pada=pada)
    except IntegrityError:
        return False  # escalated before
    label = JenisTenggat(jenis).label
    kepada = Eskalasi.TINGKAT[tingkat]
    Riwayat.objects.create(
        pengaduan=p,
        jenis=JenisRiwayat.ESKALASI,
        teks=_("Batas %(tenggat)s (%(batas)s) terlewati; dieskalasi kepada %(kepada)s.")
        % {"tenggat": label.lower(), "batas": batas.strftime("%d-%m-%Y"), "kepada": kepada.lower()},
        publik=False,
        pelaku=SISTEM,
        pada=pada,
    )
    audit_record(
        aktor=None,
        aksi="pengaduan.eskalasi",
        objek=p,
        data={"jenis": jenis, "batas": batas.isoformat(), "tingkat": tingkat},
    )
    notify(
        penerima=_penerima(p, tingkat),
        kunci=f"pengaduan-eskalasi:{p.pk}:{jenis}:{batas.isoformat()}:{tingkat}",
        judul=_("Pengaduan %(nomor)s melewati batas %(tenggat)s")
        % {"nomor": p.nomor, "tenggat": label.lower()},
        pesan=_(
            "Pengaduan %(nomor)s pada %(unit)s melewati batas %(tenggat)s (%(batas)s). "
            "Mohon segera ditindaklanjuti."
        )
        % {
            "nomor": p.nomor,
            "unit": p.unit.nama,
            "tenggat": label.lower(),
            "batas": batas.strftime("%d-%m-%Y"),
        },
        tautan=reverse("pengaduan:staf_detail", kwargs={"pk": p.pk}),
    )
    return True


def eskalasi_jalankan(hari: date | None = None, *, pada: datetime | None = None) -> Hasil:
    """Escalate every complaint past a deadline as of `hari` (default: today); `pada` is the
    time recorded on the escalations (default: now)."""
    hari = hari or tenggat.hari_ini()
    pada = pada or timezone.now()
    hasil = Hasil()
    qs = Pengaduan.objects.filter(tenggat.q_terlambat(hari)).select_related("unit", "petugas").order_by("pk")
    for p in list(qs):
        berjalan = tenggat.tenggat_berjalan(p)
        if berjalan is None:
            continue
        jenis, batas = berjalan
        if _eskalasi_satu(p, jenis, batas, Eskalasi.TINGKAT_UNIT, pada):
            hasil.tingkat_unit += 1
        if hari > batas + tenggang_pembina() and _eskalasi_satu(
            p, jenis, batas, Eskalasi.TINGKAT_PEMBINA, pada
        ):
            hasil.tingkat_pembina += 1
    return hasil
