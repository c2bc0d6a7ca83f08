"""Benchmark of the compliance index (evaluasi.kepatuhan.hitung) at scale (not part of the tests).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_kepatuhan \\
        .venv/bin/python bench/kepatuhan.py [--units 500] [--services 3000] [--keep]

Works in its own PostgreSQL database named in DATABASE_URL (default bench_kepatuhan; the name
must contain "bench"), created and dropped as bench/evaluasi.py does. Generates 10 instansi,
500 units with 1–3 complaint channels and a maklumat, 3,000 services each with a published
standard (14 component rows, a closed consultation round with comments and FKP participants
of 1–4 stakeholder categories, the official PDF for two thirds, a yearly evaluation for
half), a revised draft for a third of them, three finished quarterly SKM periods per unit
with about 150 responses each and two follow-ups per published period, and 20 complaints per
unit. Then times the index of every unit for the year (the target: well under 10 s), of
one instansi (50 units), and of one unit, with the number of queries of each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.data import (  # noqa: E402
    create_database,
    dasar,
    db_name,
    drop_database,
    jawaban_skm,
    ms,
    pada,
    siapkan_env,
    timed,
)

siapkan_env("postgres://postgres@127.0.0.1:5432/bench_kepatuhan")

TAHUN = 2026


def generate(n_instansi: int, n_units: int, n_services: int) -> list:
    """bench.data.dasar (units, services, standards with their evidence), then three finished
    quarterly SKM periods per unit (150 responses each, every answer 3; two follow-ups per
    published period) and 20 complaints per unit (some answered or decided late)."""
    import random

    from django.db import connection

    from evaluasi.choices import JenisPeriode, StatusPeriode, StatusTindakLanjut
    from evaluasi.models import PeriodeSKM, RencanaTindakLanjut
    from pengaduan.models import Pengaduan

    rng = random.Random(2026)  # benchmark data, not security
    d = dasar(n_instansi, n_units, n_services, rng)
    admin, instansi, units, layanan = d.admin, d.instansi, d.units, d.layanan
    periode = PeriodeSKM.objects.bulk_create(
        [
            PeriodeSKM(
                unit=u,
                jenis=JenisPeriode.TRIWULAN,
                tahun=TAHUN,
                ke=ke,
                mulai=date(TAHUN, 3 * ke - 2, 1),
                selesai=date(TAHUN, 3 * ke + 1, 1) - timedelta(days=1),
                populasi=200 + (u.pk * 37) % 2000,
                status=StatusPeriode.SELESAI,
                diterbitkan=ke < 3,
                diterbitkan_pada=pada(date(TAHUN, 3 * ke + 1, 10)) if ke < 3 else None,
                dimulai_pada=pada(date(TAHUN, 3 * ke - 2, 1)),
                diselesaikan_pada=pada(date(TAHUN, 3 * ke + 1, 2)),
                dibuat_oleh=admin,
            )
            for u in units
            for ke in (1, 2, 3)
        ]
    )
    RencanaTindakLanjut.objects.bulk_create(
        [
            RencanaTindakLanjut(
                periode=p,
                unsur="U3",
                tindakan="-",
                penanggung_jawab="-",
                batas_waktu=p.selesai + timedelta(days=60),
                status=StatusTindakLanjut.SELESAI if j == 0 else StatusTindakLanjut.DIKERJAKAN,
                selesai_pada=p.selesai + timedelta(days=30) if j == 0 else None,
                dibuat_oleh=admin,
            )
            for p in periode
            if p.diterbitkan
            for j in range(2)
        ]
    )
    layanan_of_unit = {}
    for lay in layanan:
        layanan_of_unit.setdefault(lay.unit_id, lay.pk)
    jawaban_skm(
        [(p.pk, layanan_of_unit[p.unit_id]) for p in periode],
        len(periode) * 150,
        jawaban=3,
        awal="2026-02-01 01:00+00",
        sebar_detik=1,
    )
    hari = date(TAHUN, 1, 5)
    aduan = []
    for u in units:
        for j in range(20):
            terima = hari + timedelta(days=(u.pk * 13 + j * 17) % 300)
            tanggap = pada(terima + timedelta(days=rng.randrange(25))) if j % 4 else None
            putus = pada(terima + timedelta(days=rng.randrange(80))) if j % 3 == 0 and tanggap else None
            aduan.append(
                Pengaduan(
                    kode=f"B{len(aduan):09d}",
                    unit=u,
                    bagian="biaya",
                    uraian="-",
                    tanggal_layanan=terima,
                    permintaan="-",
                    status="diputuskan" if putus else ("ditindaklanjuti" if tanggap else "diterima"),
                    diterima_pada=pada(terima),
                    batas_tanggapan=terima + timedelta(days=20),
                    ditanggapi_pada=tanggap,
                    batas_keputusan=terima + timedelta(days=84) if tanggap else None,
                    diputuskan_pada=putus,
                    hasil="selesai" if putus else "",
                )
            )
    Pengaduan.objects.bulk_create(aduan, batch_size=2000)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return instansi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--services", type=int, default=3_000)
    parser.add_argument("--instansi", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    name = db_name(script="bench/kepatuhan.py")
    print(f"database: {name} (created for this run)")
    create_database(name)
    import django

    django.setup()
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        t_gen, instansi = timed(generate, args.instansi, args.units, args.services)
        print(
            f"generated {args.instansi} instansi, {args.units} units, {args.services} services "
            f"in {t_gen:.1f} s"
        )
        run(instansi)
    finally:
        if args.keep:
            print(f"kept database {name}")
        else:
            drop_database(name)
            print(f"dropped database {name}")


def run(instansi) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from evaluasi import kepatuhan
    from pelayanan.models import Unit

    mulai, selesai = date(TAHUN, 1, 1), date(TAHUN, 12, 31)
    semua = list(Unit.objects.values_list("pk", flat=True))
    for label, ids in [
        (f"all {len(semua)} units", semua),
        (
            f"one instansi ({Unit.objects.filter(instansi=instansi[0]).count()} units)",
            list(Unit.objects.filter(instansi=instansi[0]).values_list("pk", flat=True)),
        ),
        ("one unit", semua[:1]),
    ]:
        with CaptureQueriesContext(connection) as q:
            kepatuhan.hitung(ids, mulai, selesai)
        times = [timed(kepatuhan.hitung, ids, mulai, selesai)[0] for _ in range(3)]
        print(f"{label}: median {ms(statistics.median(times))}  slowest {ms(max(times))}  queries {len(q)}")
    hasil = kepatuhan.hitung(semua, mulai, selesai)
    zona = {}
    for h in hasil.values():
        zona[h.zona] = zona.get(h.zona, 0) + 1
    print(f"zones: {zona}; e.g. unit {semua[0]}: {hasil[semua[0]].skor}")
    t0 = time.perf_counter()
    from evaluasi import pekppp_usulan

    pekppp_usulan.usulan(Unit.objects.get(pk=semua[0]), TAHUN)
    print(f"PEKPPP proposals of one unit: {ms(time.perf_counter() - t0)}")


if __name__ == "__main__":
    main()
