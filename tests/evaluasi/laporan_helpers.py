"""A small, hand-countable world for the compiled-report tests.

Instansi X has units A and B (and its penanggung jawab, Pembina, evaluator); instansi Y has
unit C and its own Pembina (pengaduan's Dunia). The report period is the third quarter of
2026 (1 July – 30 September), well in the past, so every deadline in it has passed.

SKM (one period per unit overlapping the quarter, plus one of A outside it):
- A: two questionnaires, all 4 and all 3 -> every NRR 3.5 -> IKM 87.50 (B, Baik);
- B: one questionnaire, all 2 -> IKM 50.00 (D);
- pooled X: three questionnaires, every sum 9 -> NRR 3 -> IKM 75.00 (C) (an average of the
  units would give 68.75);
- A's period of 2025, all 1, does not overlap the quarter and counts nowhere.

Complaints received in the quarter (and one of A in June, outside it):
- A1 (6 July) answered, decided and notified on 8 July: response and decision on time;
- A2 (7 July) never answered: response judged late, overdue now; no decision deadline yet;
- B1 (3 August) answered late (31 August), decided on time (1 September), notified.
  A: 2 of 3 steps on time (66.67 %), 1 overdue; B: 1 of 2 (50.00 %), 0 overdue;
  X: 3 of 5 (60.00 %), 1 overdue.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from evaluasi.choices import JenisPeriode, JenisPeriodeLaporan, StatusPeriode
from evaluasi.kepatuhan import HasilKepatuhan
from evaluasi.models import PeriodeSKM
from tests.evaluasi.helpers import isi
from tests.factories import LayananFactory
from tests.pengaduan.helpers import Dunia, ajukan, sampai

JENIS, TAHUN, KE = JenisPeriodeLaporan.TRIWULAN, 2026, 3
MULAI, SELESAI = date(2026, 7, 1), date(2026, 9, 30)


def pada(d: date, jam: int = 9):
    return timezone.make_aware(datetime.combine(d, time(jam, 0)))


def _periode(unit, oleh, tahun, ke, mulai, selesai):
    return PeriodeSKM.objects.create(
        unit=unit,
        jenis=JenisPeriode.TRIWULAN,
        tahun=tahun,
        ke=ke,
        mulai=mulai,
        selesai=selesai,
        populasi=10,
        status=StatusPeriode.SELESAI,
        dibuat_oleh=oleh,
    )


def dunia_laporan() -> Dunia:
    d = Dunia()
    oleh = d["superuser"]
    d.layanan_b = LayananFactory(unit=d.b, nama="Layanan B1")
    pa = _periode(d.a, oleh, 2026, 3, MULAI, SELESAI)
    isi(pa, d.layanan, [(4,) * 9, (3,) * 9])
    pb = _periode(d.b, oleh, 2026, 3, MULAI, SELESAI)
    isi(pb, d.layanan_b, [(2,) * 9])
    lama = _periode(d.a, oleh, 2025, 3, date(2025, 7, 1), date(2025, 9, 30))
    isi(lama, d.layanan, [(1,) * 9])

    ptg = d.petugas
    a1 = ajukan(d.a, pada=pada(date(2026, 7, 6)))
    sampai(a1, "diberitahukan", ptg, pada=pada(date(2026, 7, 8)))
    ajukan(d.a, pada=pada(date(2026, 7, 7)))
    ajukan(d.a, pada=pada(date(2026, 6, 20)))
    b1 = ajukan(d.b, pada=pada(date(2026, 8, 3)))
    ptg_b = d["pengelola_pengaduan_instansi"]
    b1 = sampai(b1, "lengkap", ptg_b, pada=pada(date(2026, 8, 31)))
    from pengaduan import services

    for nama, extra in (
        ("tindak_lanjuti", {}),
        ("putuskan", {"hasil": "selesai", "teks": "Selesai."}),
        ("beritahukan", {"teks": "Surat dikirim."}),
    ):
        b1 = services.pengaduan_transisi(
            pengaduan=b1, nama=nama, oleh=ptg_b, pada=pada(date(2026, 9, 1)), **extra
        )
    return d


def kepatuhan_tetap(nilai: dict[int, tuple[str, str]]):
    """A stand-in for evaluasi.kepatuhan.hitung: {unit_id: (skor, zona)} with one rule (other
    units: 50.00, kuning)."""

    def hitung(unit_ids, mulai, selesai, hari=None):
        nilai_semua = {uid: nilai.get(uid, ("50.00", "kuning")) for uid in unit_ids}
        return {
            uid: HasilKepatuhan(
                uid,
                Decimal(nilai_semua[uid][0]),
                nilai_semua[uid][1],
                [
                    {
                        "kode": "standar_terbit",
                        "nama": "Standar pelayanan terbit",
                        "bobot": "20.00",
                        "persen": nilai_semua[uid][0],
                        "lulus": nilai_semua[uid][0] == "100.00",
                        "berlaku": True,
                        "bukti": "Bukti uji.",
                        "tautan": "",
                    }
                ],
            )
            for uid in unit_ids
        }

    return hitung
