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
import os
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_kepatuhan")

from bench.evaluasi import _db_name, create_database, drop_database, ms, timed  # noqa: E402

TAHUN = 2026


def _pada(d: date, jam: int = 9):
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(d, dtime(jam, 0)))


def generate(n_instansi: int, n_units: int, n_services: int) -> list:
    import random

    from django.db import connection
    from django.utils import timezone

    from evaluasi.choices import JenisPeriode, StatusPeriode, StatusTindakLanjut
    from evaluasi.models import PeriodeSKM, RencanaTindakLanjut
    from pelayanan.models import Instansi, KanalPengaduanUnit, Layanan, Pengguna, Unit
    from pengaduan.models import Pengaduan
    from standar import komponen
    from standar.choices import StatusMaklumat, StatusVersi
    from standar.contoh import isi_contoh
    from standar.models import (
        DokumenPDF,
        EvaluasiPenerapan,
        JenisDokumen,
        Komentar,
        KomponenStandar,
        Maklumat,
        PertemuanFKP,
        PesertaFKP,
        PutaranKonsultasi,
        StandarPelayanan,
        VersiStandar,
    )

    rng = random.Random(2026)  # benchmark data, not security
    hari_ini = timezone.localdate()
    admin = Pengguna.objects.create_superuser(
        email="bench@bench.example", password=None, nama_lengkap="Bench"
    )
    instansi = Instansi.objects.bulk_create(
        [
            Instansi(nama=f"Pemerintah Bench {i}", slug=f"bench-{i}", jenis="kabupaten")
            for i in range(n_instansi)
        ]
    )
    units = Unit.objects.bulk_create(
        [
            Unit(
                instansi=instansi[i % n_instansi],
                nama=f"Unit Bench {i}",
                slug=f"unit-bench-{i}",
                penanggung_jawab_nama="Kepala",
                penanggung_jawab_jabatan="Kepala",
                pengelola_pengaduan_nama="" if i % 7 == 0 else "Pengelola",
                alamat="Jl. Bench",
                telepon="0271 123456",
                email=f"unit{i}@bench.example",
                alamat_pengaduan="Loket",
                jam_layanan="Senin–Jumat",
            )
            for i in range(n_units)
        ]
    )
    KanalPengaduanUnit.objects.bulk_create(
        [
            KanalPengaduanUnit(unit=u, jenis="telepon", nilai="0271", urutan=k)
            for u in units
            for k in range(1 + u.pk % 3)
        ]
    )
    layanan = Layanan.objects.bulk_create(
        [
            Layanan(unit=units[i % n_units], nama=f"Layanan Bench {i}", slug=f"layanan-bench-{i}")
            for i in range(n_services)
        ]
    )
    standar = StandarPelayanan.objects.bulk_create([StandarPelayanan(layanan=lay) for lay in layanan])
    isi = isi_contoh()
    v1 = []
    for i, s in enumerate(standar):
        berlaku = date(2023, 1, 2) + timedelta(days=rng.randrange(1300))
        v1.append(
            VersiStandar(
                standar=s,
                nomor=1,
                status=StatusVersi.TERBIT,
                dibuat_oleh=admin,
                sk_nomor=f"SK/{i}",
                sk_tanggal=berlaku - timedelta(days=7),
                berlaku_mulai=berlaku,
                ditetapkan_oleh=admin,
                ditetapkan_pada=_pada(berlaku - timedelta(days=7)),
                diterbitkan_pada=_pada(berlaku),
            )
        )
    v1 = VersiStandar.objects.bulk_create(v1)
    v2 = VersiStandar.objects.bulk_create(
        [
            VersiStandar(
                standar_id=v.standar_id, nomor=2, status=StatusVersi.DRAF, dibuat_oleh=admin, revisi_dari=v
            )
            for v in v1[::3]
        ]
    )
    rows = [KomponenStandar(versi=v, kunci=k.kunci, isi=isi[k.kunci]) for v in v1 for k in komponen.KOMPONEN]
    rows += [
        KomponenStandar(versi=v, kunci=k.kunci, isi=isi[k.kunci] if j % 5 else k.jenis.empty())
        for v in v2
        for j, k in enumerate(komponen.KOMPONEN)
    ]
    KomponenStandar.objects.bulk_create(rows, batch_size=2000)
    DokumenPDF.objects.bulk_create(
        [
            DokumenPDF(
                jenis=JenisDokumen.STANDAR,
                versi=v,
                kode=f"B{v.pk:09d}",
                status="siap",
                sha256="ab" * 32,
                berkas="x.pdf",
            )
            for j, v in enumerate(v1)
            if j % 3
        ],
        batch_size=2000,
    )
    EvaluasiPenerapan.objects.bulk_create(
        [
            EvaluasiPenerapan(
                versi=v,
                tanggal=v.berlaku_mulai + timedelta(days=300),
                kesimpulan="sesuai",
                ringkasan="-",
                dicatat_oleh=admin,
            )
            for v in v1[::2]
            if v.berlaku_mulai + timedelta(days=300) <= hari_ini
        ]
    )
    putaran = PutaranKonsultasi.objects.bulk_create(
        [
            PutaranKonsultasi(
                versi=v,
                penjelasan="-",
                kategori_diundang=["masyarakat"],
                mulai=v.ditetapkan_pada - timedelta(days=20),
                selesai=v.ditetapkan_pada - timedelta(days=10),
                ditutup_pada=v.ditetapkan_pada - timedelta(days=10),
                dibuka_oleh=admin,
            )
            for v in v1
        ],
        batch_size=2000,
    )
    kategori = ["masyarakat", "ahli", "instansi", "oms", "media"]
    Komentar.objects.bulk_create(
        [
            Komentar(putaran=p, kunci="biaya", kategori=kategori[(p.pk + j) % 5], isi="Komentar.")
            for p in putaran
            for j in range(p.pk % 3)
        ],
        batch_size=2000,
    )
    pertemuan = PertemuanFKP.objects.bulk_create(
        [
            PertemuanFKP(putaran=p, tanggal=p.mulai.date(), tempat="Aula", dicatat_oleh=admin)
            for p in putaran[::2]
        ]
    )
    PesertaFKP.objects.bulk_create(
        [
            PesertaFKP(pertemuan=m, nama=f"Peserta {j}", kategori=kategori[(m.pk * 7 + j) % 5])
            for m in pertemuan
            for j in range(1 + m.pk % 4)
        ],
        batch_size=2000,
    )
    Maklumat.objects.bulk_create(
        [
            Maklumat(
                unit=u,
                nomor=1,
                status=StatusMaklumat.TERBIT,
                teks="Maklumat.",
                tempat="Bench",
                tanggal=date(2024, 1, 1),
                penandatangan_nama="Kepala",
                penandatangan_jabatan="Kepala",
                dibuat_oleh=admin,
                ditetapkan_pada=_pada(date(2023, 1, 2) + timedelta(days=i % 400)),
                diterbitkan_pada=_pada(date(2023, 1, 2) + timedelta(days=i % 400)),
            )
            for i, u in enumerate(units)
            if i % 6
        ]
    )
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
                diterbitkan_pada=_pada(date(TAHUN, 3 * ke + 1, 10)) if ke < 3 else None,
                dimulai_pada=_pada(date(TAHUN, 3 * ke - 2, 1)),
                diselesaikan_pada=_pada(date(TAHUN, 3 * ke + 1, 2)),
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
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_map (idx int PRIMARY KEY, periode_id bigint, layanan_id bigint)")
        cur.executemany(
            "INSERT INTO bench_map VALUES (%s, %s, %s)",
            [(i, p.pk, layanan_of_unit[p.unit_id]) for i, p in enumerate(periode)],
        )
        cur.execute(
            """
            INSERT INTO evaluasi_jawabanskm (periode_id, layanan_id, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                usia, jenis_kelamin, pendidikan, pekerjaan, saran, kanal, nomor_lembar,
                dimasukkan_oleh_id, dibuat_pada)
            SELECT m.periode_id, m.layanan_id, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                '', '', '', '', '', 'online', '', NULL, timestamp with time zone '2026-02-01 01:00+00'
            FROM generate_series(1, %s) AS g JOIN bench_map m ON m.idx = g %% %s
            """,
            [len(periode) * 150, len(periode)],
        )
    hari = date(TAHUN, 1, 5)
    aduan = []
    for u in units:
        for j in range(20):
            terima = hari + timedelta(days=(u.pk * 13 + j * 17) % 300)
            tanggap = _pada(terima + timedelta(days=rng.randrange(25))) if j % 4 else None
            putus = _pada(terima + timedelta(days=rng.randrange(80))) if j % 3 == 0 and tanggap else None
            aduan.append(
                Pengaduan(
                    kode=f"B{len(aduan):09d}",
                    unit=u,
                    bagian="biaya",
                    uraian="-",
                    tanggal_layanan=terima,
                    permintaan="-",
                    status="diputuskan" if putus else ("ditindaklanjuti" if tanggap else "diterima"),
                    diterima_pada=_pada(terima),
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

    name = _db_name()
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
