"""Demo data of the PEKPPP, built through evaluasi.pekppp (so it obeys the rules):

- Disdukcapil Sukamaju: this year's assessment by the kabupaten's evaluator, FINAL: the
  Kebijakan Pelayanan indicators follow the portal's proposals except two, where the
  evaluator saw publication media the portal does not know (with the reason); the other
  aspects have realistic scores, notes on the weak points and one evidence file;
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
FINAL = "disdukcapil-sukamaju"
DRAF = "rsud-sukamaju"

# indicator number -> (score, note) for the final assessment; for an indicator with a proposal
# the proposal is taken instead, unless BEDA gives the evaluator's own score and reason.
SKOR_FINAL: dict[int, tuple[int, str]] = {
    1: (5, ""),
    2: (4, "Konsultasi publik dihadiri tokoh masyarakat dan LSM; perwakilan disabilitas belum diundang."),
    3: (4, "Dipublikasikan di laman, papan informasi dan media sosial."),
    4: (4, ""),
    5: (5, ""),
    6: (5, ""),
    7: (3, "Hasil SKM hanya diumumkan di laman; belum di ruang tunggu."),
    8: (4, ""),
    9: (4, ""),
    10: (5, "Loket buka Senin–Jumat 07.30–15.30 dan Sabtu 08.00–12.00; layanan jemput bola ke desa."),
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
    21: (4, "Data layanan di SIPPN ada, dua layanan belum diperbarui."),
    22: (5, "SIAK terpusat dan aplikasi antrean daring berjalan."),
    23: (4, ""),
    24: (4, ""),
    25: (4, ""),
    26: (5, "Terhubung dengan SP4N-LAPOR!, WhatsApp pengaduan dan kotak saran."),
    27: (4, ""),
    28: (4, "Rata-rata tindak lanjut pengaduan 4 hari kerja."),
    29: (4, "Inovasi \u201cDukcapil Antar\u201d: KTP-el dan akta diantar ke alamat pemohon."),
    30: (3, "Anggaran inovasi belum dialokasikan tersendiri dalam DPA."),
}
BEDA: dict[int, tuple[int, str]] = {
    3: (
        3,
        "Selain di portal, komponen service delivery dipasang di papan informasi loket dan di situs "
        "web dinas (diperiksa saat kunjungan lapangan); data di SIPPN terisi.",
    ),
    7: (2, "Hasil SKM juga ditempel di papan pengumuman ruang tunggu (foto dalam berkas kunjungan)."),
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


def _isi(penilaian: PenilaianPEKPPP, skor: dict[int, tuple[int, str]], oleh, bukti: dict, beda: dict) -> None:
    rows = SkorIndikator.objects.filter(penilaian=penilaian, indikator__nomor__in=skor).select_related(
        "indikator"
    )
    isian = []
    for r in rows:
        nilai, catatan = skor[r.indikator.nomor]
        alasan = ""
        if r.indikator.nomor in beda:
            nilai, alasan = beda[r.indikator.nomor]
        elif r.usulan_skor is not None:
            nilai = r.usulan_skor  # the evaluator agrees with the portal
        isian.append(
            pekppp.IsianSkor(
                skor_row=r,
                skor=nilai,
                catatan=catatan,
                bukti=bukti.get(r.indikator.nomor),
                alasan_beda=alasan,
            )
        )
    pekppp.skor_simpan_banyak(isian=isian, oleh=oleh)


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
        if final:
            _isi(penilaian, skor, evaluator, {11: _bukti_pdf()}, BEDA)
            pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
        else:
            _isi(penilaian, skor, evaluator, {}, {})
    if out is not None:
        out.write("PEKPPP: satu penilaian final dan satu draf siap.\n")
    return []
