"""Demo recommendations (called from evaluasi.demo.load): two from the bupati to units of
Kabupaten Sukamaju, written and followed up through evaluasi.rekomendasi, so they obey the
rules and notify as in real use:

- Disdukcapil Sukamaju: faster answers to complaints, being followed up;
- DPMPTSP Sukamaju: publish the SKM results and follow-ups, done.

When the kabupaten already has a finished report (evaluasi.kompilasi's demo), the
recommendations cite the newest one. Idempotent: a recommendation with the same unit and
text is left as it is.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from evaluasi import rekomendasi
from evaluasi.choices import StatusLaporan, StatusRekomendasi
from evaluasi.models import LaporanEvaluasi, Rekomendasi
from pelayanan.models import Pengguna, Unit

PEMBINA = "bupati@sukamajukab.example"
# unit slug, unit account that follows up, text, days to the due date, follow-up, final status
REKOMENDASI = [
    (
        "disdukcapil-sukamaju",
        "admin.dukcapil@sukamajukab.example",
        "Percepat tanggapan pertama atas pengaduan: paling lama 5 hari kerja sejak diterima, "
        "dan laporkan pengaduan yang melewati batas waktu setiap bulan.",
        60,
        "Petugas pengaduan kedua ditunjuk; pemantauan mingguan atas pengaduan yang mendekati batas waktu "
        "sudah berjalan sejak bulan ini.",
        StatusRekomendasi.DITINDAKLANJUTI,
    ),
    (
        "dpmptsp-sukamaju",
        "admin.dpmptsp@sukamajukab.example",
        "Publikasikan hasil Survei Kepuasan Masyarakat beserta rencana tindak lanjutnya di loket dan "
        "situs web unit.",
        30,
        "Hasil SKM dan rencana tindak lanjut terbit di portal dan dipasang di papan informasi loket.",
        StatusRekomendasi.SELESAI,
    ),
]


@transaction.atomic
def load(out=None) -> list:
    pembina = Pengguna.objects.filter(email=PEMBINA).first()
    if pembina is None:
        return []
    units = {
        u.slug: u
        for u in Unit.objects.filter(slug__in=[r[0] for r in REKOMENDASI]).select_related("instansi")
    }
    hari = timezone.localdate()
    for slug, email, teks, hari_batas, tindak_lanjut, status in REKOMENDASI:
        unit = units.get(slug)
        staf = Pengguna.objects.filter(email=email).first()
        if unit is None or staf is None or Rekomendasi.objects.filter(unit=unit, teks=teks).exists():
            continue
        laporan = (
            LaporanEvaluasi.objects.filter(instansi=unit.instansi, unit=None, status=StatusLaporan.SELESAI)
            .order_by("-mulai", "-pk")
            .first()
        )
        r = rekomendasi.rekomendasi_create(
            unit=unit, teks=teks, batas_waktu=hari + timedelta(days=hari_batas), oleh=pembina, laporan=laporan
        )
        rekomendasi.rekomendasi_update(rekomendasi=r, status=status, tindak_lanjut=tindak_lanjut, oleh=staf)
    if out is not None:
        out.write("Rekomendasi pembina: satu sedang ditindaklanjuti, satu selesai.\n")
    return []
