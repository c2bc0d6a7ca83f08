"""Demo data of the PEKPPP, built through evaluasi.pekppp (so it obeys the rules):

- DPMPTSP Sukamaju: this year's assessment by the kabupaten's evaluator, FINAL, with
  realistic scores, notes on the weak points, a reason wherever the evaluator departs from
  the portal's proposal, and one evidence file;
- RSUD Sukamaju: this year's assessment still DRAF, aspects I and II scored so far.

Idempotent: an assessment that exists for the unit and year is left as it is.
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from evaluasi import pekppp
from evaluasi.models import PenilaianPEKPPP, SkorIndikator
from pelayanan.models import Pengguna, Unit

EVALUATOR = "evaluator@sukamajukab.example"
FINAL = "dpmptsp-sukamaju"
DRAF = "rsud-sukamaju"

# indicator number -> (score, note) for the final assessment (a good one-stop service office).
SKOR_FINAL: dict[int, tuple[int, str]] = {
    1: (5, ""),
    2: (4, "Konsultasi publik dihadiri pelaku usaha dan asosiasi; perwakilan disabilitas belum diundang."),
    3: (4, "Dipublikasikan di laman, papan informasi dan media sosial."),
    4: (4, ""),
    5: (5, ""),
    6: (5, ""),
    7: (3, "Hasil SKM hanya diumumkan di laman; belum di ruang tunggu."),
    8: (4, ""),
    9: (4, ""),
    10: (5, "Loket buka Senin–Jumat 07.30–15.30 dan Sabtu 08.00–12.00."),
    11: (5, "Kode etik ditetapkan dengan SK Kepala Dinas dan dipajang di ruang tunggu."),
    12: (3, "Belum ada mekanisme motivasi kerja tertulis; baru rapat evaluasi bulanan."),
    13: (4, ""),
    14: (4, "Observasi dua hari: petugas menyapa dan menjelaskan persyaratan dengan jelas."),
    15: (4, "Parkir memadai, belum ada marka khusus penyandang disabilitas."),
    16: (5, ""),
    17: (4, ""),
    18: (3, "Ramp tersedia, tetapi belum ada kursi roda dan loket prioritas."),
    19: (4, ""),
    20: (5, ""),
    21: (5, "Data layanan di SIPPN lengkap dan mutakhir."),
    22: (5, "Perizinan berjalan sepenuhnya di OSS-RBA dan aplikasi antrean daring."),
    23: (4, ""),
    24: (4, ""),
    25: (4, ""),
    26: (5, "Terhubung dengan SP4N-LAPOR!, WhatsApp pengaduan dan kotak saran."),
    27: (4, ""),
    28: (4, "Rata-rata tindak lanjut pengaduan 4 hari kerja."),
    29: (4, "Inovasi \u201cIzin Antar\u201d: dokumen izin diantar ke alamat pemohon."),
    30: (3, "Anggaran inovasi belum dialokasikan tersendiri dalam DPA."),
}
# The draft: aspects I and II of the hospital so far.
SKOR_DRAF: dict[int, tuple[int, str]] = {
    1: (4, ""),
    2: (3, "Penyusunan standar belum melibatkan organisasi pasien."),
    3: (3, ""),
    4: (2, "Standar belum ditinjau ulang sejak 2021."),
    5: (4, ""),
    6: (4, ""),
    7: (2, ""),
    8: (3, ""),
    9: (3, ""),
    10: (5, "IGD 24 jam; poliklinik 07.30–14.00."),
    11: (4, ""),
    12: (3, ""),
    13: (3, ""),
    14: (3, "Waktu tunggu poliklinik masih dikeluhkan dalam SKM."),
}
ALASAN = "Dinilai ulang dari observasi lapangan dan dokumen yang diserahkan unit."


def _bukti_pdf() -> SimpleUploadedFile:
    """A one-page PDF standing in for a scanned decree (made by Pillow)."""
    from PIL import Image, ImageDraw

    gambar = Image.new("RGB", (595, 842), "white")
    ImageDraw.Draw(gambar).text(
        (60, 80), "SK Kepala Dinas tentang Kode Etik Pelayanan (contoh)", fill="black"
    )
    out = io.BytesIO()
    gambar.save(out, format="PDF")
    return SimpleUploadedFile("sk-kode-etik.pdf", out.getvalue(), content_type="application/pdf")


def _isi(penilaian: PenilaianPEKPPP, skor: dict[int, tuple[int, str]], oleh, bukti: dict) -> None:
    rows = SkorIndikator.objects.filter(penilaian=penilaian, indikator__nomor__in=skor).select_related(
        "indikator"
    )
    pekppp.skor_simpan_banyak(
        isian=[
            pekppp.IsianSkor(
                skor_row=r,
                skor=skor[r.indikator.nomor][0],
                catatan=skor[r.indikator.nomor][1],
                bukti=bukti.get(r.indikator.nomor),
                alasan_beda=ALASAN,  # kept only where the score departs from the proposal
            )
            for r in rows
        ],
        oleh=oleh,
    )


@transaction.atomic
def load(out=None):
    evaluator = Pengguna.objects.filter(email=EVALUATOR).first()
    if evaluator is None:
        return []
    tahun = timezone.localdate().year
    units = {u.slug: u for u in Unit.objects.filter(slug__in=(FINAL, DRAF))}
    for slug, skor, final in ((FINAL, SKOR_FINAL, True), (DRAF, SKOR_DRAF, False)):
        unit = units.get(slug)
        if unit is None or PenilaianPEKPPP.objects.filter(unit=unit, tahun=tahun).exists():
            continue
        penilaian = pekppp.penilaian_buat(unit=unit, tahun=tahun, oleh=evaluator)
        _isi(penilaian, skor, evaluator, {11: _bukti_pdf()} if final else {})
        if final:
            pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    if out is not None:
        out.write("PEKPPP: satu penilaian final dan satu draf siap.\n")
    return []
