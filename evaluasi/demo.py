"""Demo data of the SKM, built through evaluasi.services (so it obeys the rules):

- every demo unit has last quarter's period, ended, with enough responses for real IKM
  figures (RSUD Sukamaju's waiting time is poor: its "jangka waktu" component is flagged);
- all of them are published except Kecamatan Sukamaju Utara's, which is short of its
  Krejcie–Morgan sample and waits (the warning shows on its page);
- published periods have follow-ups on their weakest unsur (one done, one in progress);
- Disdukcapil Sukamaju runs this quarter's survey, still short of its sample, so its QR
  links work.

Responses come from fixed random seeds and are inserted with bulk_create. Idempotent: a
period that exists is left as it is.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from evaluasi import ikm, services, unsur
from evaluasi.choices import (
    JenisKelamin,
    JenisPeriode,
    Kanal,
    KelompokUsia,
    Pekerjaan,
    Pendidikan,
    StatusTindakLanjut,
)
from evaluasi.models import JawabanSKM, PeriodeSKM
from pelayanan.models import Pengguna, Unit

SUPERUSER = "superadmin@portal.example"
ADMIN = {
    "disdukcapil-sukamaju": "admin.dukcapil@sukamajukab.example",
    "dpmptsp-sukamaju": "admin.dpmptsp@sukamajukab.example",
}
# unit slug -> (population, responses, mean answer per unsur U1..U9, published?)
UNITS = {
    "disdukcapil-sukamaju": (2400, 352, (3.3, 3.2, 2.9, 3.9, 3.3, 3.3, 3.4, 3.0, 3.1), True),
    "dpmptsp-sukamaju": (800, 271, (3.6, 3.5, 3.3, 3.7, 3.6, 3.7, 3.8, 3.4, 3.6), True),
    "rsud-sukamaju": (3000, 348, (3.1, 3.0, 2.5, 3.0, 3.2, 3.3, 3.1, 2.9, 2.8), True),
    "kecamatan-sukamaju-utara": (400, 121, (3.2, 3.1, 3.0, 3.8, 3.2, 3.1, 3.3, 2.9, 2.9), False),
    "disdukcapil-mekarsari": (500, 224, (3.0, 3.0, 2.8, 3.8, 3.1, 3.0, 3.2, 2.8, 3.0), True),
}
BERJALAN = ("disdukcapil-sukamaju", 2600, 47)
SARAN = [
    "Antrean pagi terlalu panjang, mohon tambah loket.",
    "Petugas ramah dan membantu.",
    "Informasi persyaratan di papan pengumuman perlu diperbarui.",
    "Ruang tunggu panas, mohon kipas angin atau AC diperbaiki.",
    "Pelayanan cepat, terima kasih.",
    "Mohon nomor pengaduan dicantumkan lebih jelas.",
]
RTL = [
    ("Menambah satu loket pada jam sibuk dan menerapkan antrean daring.", "Kepala Bidang Pelayanan"),
    ("Memperbarui papan informasi dan situs web sesuai standar pelayanan.", "Sekretaris"),
]


def _kuartal(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _kuartal_lalu(d: date) -> tuple[int, int]:
    tahun, ke = _kuartal(d)
    return (tahun - 1, 4) if ke == 1 else (tahun, ke - 1)


def _jawaban(rng: random.Random, rerata: tuple[float, ...]) -> dict:
    return {
        u.kolom: max(1, min(4, round(rng.gauss(m, 0.62)))) for u, m in zip(unsur.UNSUR, rerata, strict=True)
    }


def _profil(rng: random.Random) -> dict:
    if rng.random() < 0.2:
        return {}
    return {
        "usia": rng.choice(KelompokUsia.values),
        "jenis_kelamin": rng.choice(JenisKelamin.values),
        "pendidikan": rng.choice(Pendidikan.values),
        "pekerjaan": rng.choice(Pekerjaan.values),
    }


def _isi(periode: PeriodeSKM, jumlah: int, rerata, petugas, seed: int, sampai: date) -> None:
    """`jumlah` responses spread over the period (up to `sampai`), a third on paper."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    layanan = list(periode.unit.layanan_set.filter(aktif=True).order_by("nama", "pk"))
    bobot = [len(layanan) - i + 1 for i in range(len(layanan))]
    hari = max(1, (sampai - periode.mulai).days + 1)
    rows = []
    for _i in range(jumlah):
        kertas = rng.random() < 0.33
        pada = timezone.make_aware(
            datetime.combine(
                periode.mulai + timedelta(days=rng.randrange(hari)),
                time(8 + rng.randrange(7), rng.randrange(60)),
            )
        )
        rows.append(
            JawabanSKM(
                periode=periode,
                layanan=rng.choices(layanan, weights=bobot)[0],
                **_jawaban(rng, rerata),
                **_profil(rng),
                saran=rng.choice(SARAN) if rng.random() < 0.12 else "",
                kanal=Kanal.KERTAS if kertas else Kanal.ONLINE,
                dimasukkan_oleh=petugas if kertas else None,
                dibuat_pada=pada,
            )
        )
    JawabanSKM.objects.bulk_create(rows, batch_size=500)


def _periode(unit: Unit, oleh, tahun: int, ke: int, populasi: int) -> tuple[PeriodeSKM, bool]:
    existing = PeriodeSKM.objects.filter(unit=unit, jenis=JenisPeriode.TRIWULAN, tahun=tahun, ke=ke).first()
    if existing:
        return existing, False
    return (
        services.periode_create(
            unit=unit, jenis=JenisPeriode.TRIWULAN, tahun=tahun, ke=ke, populasi=populasi, oleh=oleh
        ),
        True,
    )


@transaction.atomic
def load(out=None):
    today = timezone.localdate()
    superuser = Pengguna.objects.get(email=SUPERUSER)
    units = {u.slug: u for u in Unit.objects.filter(slug__in=UNITS)}
    tahun_lalu, ke_lalu = _kuartal_lalu(today)
    for i, (slug, (populasi, jumlah, rerata, terbit)) in enumerate(UNITS.items()):
        unit = units.get(slug)
        if unit is None:
            continue
        oleh = Pengguna.objects.get(email=ADMIN[slug]) if slug in ADMIN else superuser
        periode, baru = _periode(unit, oleh, tahun_lalu, ke_lalu, populasi)
        if not baru:
            continue
        periode = services.periode_transisi(periode=periode, langkah="mulai", oleh=oleh)
        _isi(periode, jumlah, rerata, oleh, seed=1417 + i, sampai=periode.selesai)
        periode = services.periode_transisi(periode=periode, langkah="akhiri", oleh=oleh)
        if not terbit:
            continue
        periode = services.periode_publish(periode=periode, oleh=oleh)
        hasil = ikm.hasil_periode(periode).unit
        for (tindakan, pj), n, selesai in zip(RTL, hasil.terlemah(), (False, True), strict=False):
            rtl = services.rtl_create(
                periode=periode,
                unsur_kode=n.unsur.kode,
                tindakan=tindakan,
                penanggung_jawab=pj,
                batas_waktu=periode.selesai + timedelta(days=90),
                oleh=oleh,
            )
            if selesai:
                services.rtl_update(
                    rtl=rtl,
                    status=StatusTindakLanjut.SELESAI,
                    selesai_pada=min(today, periode.selesai + timedelta(days=30)),
                    catatan="Papan informasi baru dipasang.",
                    oleh=oleh,
                )
            else:
                services.rtl_update(rtl=rtl, status=StatusTindakLanjut.DIKERJAKAN, oleh=oleh)

    slug, populasi, jumlah = BERJALAN
    unit = units.get(slug)
    if unit is not None:
        tahun, ke = _kuartal(today)
        oleh = Pengguna.objects.get(email=ADMIN[slug])
        periode, baru = _periode(unit, oleh, tahun, ke, populasi)
        if baru:
            periode = services.periode_transisi(periode=periode, langkah="mulai", oleh=oleh)
            _isi(periode, jumlah, UNITS[slug][2], oleh, seed=2026, sampai=today)
    if out is not None:
        out.write("SKM: periode survei, jawaban, hasil terbit dan tindak lanjut siap.\n")
    # Laporan: the compiled quarterly reports (they fill the dashboard's summary rows)
    from evaluasi import demo_laporan

    demo_laporan.load(out)
    # Dasbor: the Pembina's recommendations (after the reports, which they cite when present)
    from evaluasi import demo_rekomendasi

    demo_rekomendasi.load(out)
    # PEKPPP: one final and one draft assessment of this year (proposals read the data above)
    from evaluasi import demo_pekppp

    demo_pekppp.load(out)
    return []
