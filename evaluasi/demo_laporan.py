"""Demo compiled reports (called from evaluasi.demo.load, before the recommendations that
cite them): the quarterly reports of Kabupaten Sukamaju for the last four finished quarters,
compiled through evaluasi.kompilasi (so the dashboard reads a trend from RingkasanUnit), the
newest submitted by the sekda with a cover note and reviewed by the bupati.

The demo runs with eager Celery (no broker): the job is run here directly, synchronously; the
task enqueued after commit then finds the report finished and does nothing. Idempotent: an
existing report is left as it is, a failed one is compiled again, a step of the reporting
line that exists is not repeated.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from evaluasi import kompilasi, periode
from evaluasi.choices import JenisPeriodeLaporan, StatusLaporan, SumberLaporan
from evaluasi.models import PengantarLaporan, TinjauanPembina
from pelayanan.models import Instansi, Pengguna

INSTANSI = "kabupaten-sukamaju"
SEKDA = "sekda@sukamajukab.example"
BUPATI = "bupati@sukamajukab.example"
TRIWULAN = 4
PENGANTAR = (
    "Dengan hormat, bersama ini kami sampaikan laporan evaluasi kinerja pelayanan publik seluruh unit "
    "penyelenggara untuk periode ini. Indeks kepatuhan dan IKM sebagian besar unit membaik; unit di zona "
    "kuning dan merah sedang kami dampingi, terutama untuk ketepatan waktu penanganan pengaduan."
)
TINJAUAN = (
    "Laporan diterima. Unit di zona merah agar menyusun rencana perbaikan dalam 30 hari; sekretariat "
    "memantau tindak lanjut pengaduan yang terlambat setiap bulan dan melaporkannya pada triwulan berikutnya."
)


def _periode_terakhir(n: int) -> list[tuple[int, int]]:
    """The last `n` finished quarters, oldest first."""
    tahun, ke = periode.terakhir_selesai(JenisPeriodeLaporan.TRIWULAN, timezone.localdate())
    hasil = []
    for _i in range(n):
        hasil.append((tahun, ke))
        tahun, ke = (tahun - 1, 4) if ke == 1 else (tahun, ke - 1)
    return hasil[::-1]


@transaction.atomic
def load(out=None) -> list:
    instansi = Instansi.objects.filter(slug=INSTANSI).first()
    sekda = Pengguna.objects.filter(email=SEKDA).first()
    bupati = Pengguna.objects.filter(email=BUPATI).first()
    if instansi is None or sekda is None or bupati is None:
        return []
    terbaru = None
    for tahun, ke in _periode_terakhir(TRIWULAN):
        laporan, _baru = kompilasi.laporan_minta(
            instansi=instansi,
            jenis=JenisPeriodeLaporan.TRIWULAN,
            tahun=tahun,
            ke=ke,
            sumber=SumberLaporan.JADWAL,
        )
        if laporan.status == StatusLaporan.GAGAL:
            kompilasi.laporan_ulang(laporan=laporan, oleh=sekda)
        if laporan.status != StatusLaporan.SELESAI:
            kompilasi.laporan_susun(laporan.pk)
            laporan.refresh_from_db()
        terbaru = laporan
    if terbaru is not None and terbaru.status == StatusLaporan.SELESAI:
        if not PengantarLaporan.objects.filter(laporan=terbaru).exists():
            kompilasi.pengantar_ajukan(laporan=terbaru, catatan=PENGANTAR, oleh=sekda)
        if not TinjauanPembina.objects.filter(laporan=terbaru).exists():
            kompilasi.tinjauan_simpan(laporan=terbaru, catatan=TINJAUAN, oleh=bupati)
    if out is not None:
        out.write(
            "Laporan evaluasi: empat laporan triwulan kabupaten, terbaru sudah diajukan dan ditinjau.\n"
        )
    return []
