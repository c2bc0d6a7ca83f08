"""Benchmark of the SKM/IKM computations at scale (not part of the test suite).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_evaluasi \\
        .venv/bin/python bench/evaluasi.py [--responses 1000000] [--units 500] [--services 3000] [--keep]

Works in its own PostgreSQL database, the one named in DATABASE_URL (default
bench_evaluasi; the name must contain "bench"): it creates it (dropping a leftover of an
earlier run of this benchmark), migrates it, and drops it at the end unless --keep. It
touches no other database.

Generates 10 instansi, 500 units, 3,000 services and one yearly period per unit, then
1,000,000 SKM responses in ONE server-side statement (INSERT ... SELECT over
generate_series, answers skewed towards 3), and times:

- generation: seconds and rows per second;
- unit IKM (evaluasi.ikm.hasil_periode: per service and pooled, from the responses) for 50
  units (about 2,000 responses each): median and slowest;
- instansi IKM (evaluasi.ikm.hasil_unit_per_instansi: every unit of the instansi and the
  instansi pooled, one grouped query over about 100,000 responses): each of the 10 instansi;
- every unit of the portal in one grouped query over all 1,000,000 responses;
- publication of all 500 periods through the real service (writes the summary rows) and
  the public results list computed from the summaries (20 periods).

Prints seconds, rows per second and peak memory (tracemalloc for Python allocations during
the computations, ru_maxrss for the process).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_evaluasi"
URL = os.environ.get("DATABASE_URL") or DEFAULT_URL
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pelayanan.settings.dev")
os.environ["DJANGO_DEBUG"] = "false"  # no query log growing in memory
os.environ.pop("REDIS_URL", None)
os.environ.pop("CELERY_BROKER_URL", None)


def _db_name() -> str:
    url = urlparse(URL)
    if url.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("bench/evaluasi.py needs PostgreSQL: DATABASE_URL=postgres://.../bench_evaluasi")
    name = url.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to use database {name!r}: its name must contain 'bench'")
    return name


def _admin_connection():
    """A connection to the server's maintenance database, to create and drop ours."""
    import psycopg2

    url = urlparse(URL)
    conn = psycopg2.connect(
        dbname="postgres",
        user=url.username or "postgres",
        password=url.password or None,
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
    )
    conn.autocommit = True
    return conn


def create_database(name: str) -> None:
    conn = _admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def drop_database(name: str) -> None:
    from django.db import connections

    connections.close_all()
    conn = _admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def generate(n_instansi: int, n_units: int, n_services: int, n_responses: int):
    from django.db import connection

    from evaluasi.choices import JenisPeriode, StatusPeriode
    from evaluasi.models import JawabanSKM, PeriodeSKM
    from pelayanan.models import Instansi, Layanan, Pengguna, Unit

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
                alamat="Jl. Bench",
                telepon="0271 123456",
                email=f"unit{i}@bench.example",
                alamat_pengaduan="Loket",
                jam_layanan="Senin–Jumat",
            )
            for i in range(n_units)
        ]
    )
    layanan = Layanan.objects.bulk_create(
        [
            Layanan(unit=units[i % n_units], nama=f"Layanan Bench {i}", slug=f"layanan-bench-{i}")
            for i in range(n_services)
        ]
    )
    periode = PeriodeSKM.objects.bulk_create(
        [
            PeriodeSKM(
                unit=u,
                jenis=JenisPeriode.TAHUN,
                tahun=2026,
                ke=1,
                mulai="2026-01-01",
                selesai="2026-12-31",
                populasi=5000 + (i * 37) % 20000,
                status=StatusPeriode.SELESAI,
                dibuat_oleh=admin,
            )
            for i, u in enumerate(units)
        ]
    )
    periode_of_unit = {p.unit_id: p.pk for p in periode}
    table = JawabanSKM._meta.db_table
    answer = "(1 + (random() < 0.93)::int + (random() < 0.75)::int + (random() < 0.35)::int)"
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_map (idx int PRIMARY KEY, periode_id bigint, layanan_id bigint)")
        cur.executemany(
            "INSERT INTO bench_map VALUES (%s, %s, %s)",
            [(i, periode_of_unit[lay.unit_id], lay.pk) for i, lay in enumerate(layanan)],
        )
        # The table name and the expressions are ours; the count is a parameter.
        sql = f"""
            INSERT INTO {table} (periode_id, layanan_id, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                usia, jenis_kelamin, pendidikan, pekerjaan, saran, kanal, nomor_lembar,
                dimasukkan_oleh_id, dibuat_pada)
            SELECT m.periode_id, m.layanan_id, {", ".join([answer] * 9)},
                '', '', '', '', '', 'online', '', NULL,
                timestamp with time zone '2026-01-01 01:00+00' + (g %% 31000000) * interval '1 second'
            FROM generate_series(1, %s) AS g
            JOIN bench_map m ON m.idx = g %% {len(layanan)}
        """  # noqa: S608  # nosec B608
        # A bulk load: the rows are consistent by construction, so the per-row foreign-key
        # triggers are skipped for this one statement (session-local; needs a superuser).
        cur.execute("SET session_replication_role = replica")
        try:
            seconds, _ = timed(cur.execute, sql, [n_responses])
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
        t_analyze, _ = timed(cur.execute, f"ANALYZE {table}")
    return admin, instansi, units, periode, seconds, t_analyze


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
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
        t0 = time.perf_counter()
        admin, instansi, _units, periode, t_insert, t_analyze = generate(
            args.instansi, args.units, args.services, args.responses
        )
        t_gen = time.perf_counter() - t0
        print(
            f"generated {args.instansi} instansi, {args.units} units, {args.services} services, "
            f"{args.units} periods, {args.responses:,} responses"
        )
        print(f"  responses insert:    {t_insert:8.2f} s  ({args.responses / t_insert:,.0f} rows/s)")
        print(f"  analyze:             {t_analyze:8.2f} s;  whole generation {t_gen:.2f} s")
        run(args, admin, instansi, periode)
    finally:
        if args.keep:
            print(f"kept database {name}")
        else:
            drop_database(name)
            print(f"dropped database {name}")


def run(args, admin, instansi, periode) -> None:
    from evaluasi import ikm, services
    from evaluasi.models import JawabanSKM, RingkasanSKM

    per_unit = args.responses / args.units

    # Unit IKM: per service and pooled, live from the responses (one grouped query).
    sample = periode[:: max(1, len(periode) // 50)][:50]
    times = []
    for p in sample:
        t, hasil = timed(ikm.hasil_periode, p)
        times.append(t)
    print(f"unit IKM (hasil_periode, ~{per_unit:,.0f} responses each, {len(sample)} units):")
    print(f"  median {ms(statistics.median(times))}   slowest {ms(max(times))}   e.g. IKM {hasil.unit.ikm}")

    # Instansi IKM: every unit of the instansi and the instansi pooled (one grouped query).
    times = []
    for i in instansi:
        t, (total, per) = timed(ikm.hasil_unit_per_instansi, i, tahun=2026)
        times.append(t)
    rows_instansi = args.responses / len(instansi)
    print(f"instansi IKM (hasil_unit_per_instansi, ~{rows_instansi:,.0f} responses, {len(per)} units each):")
    print(
        f"  median {ms(statistics.median(times))}   slowest {ms(max(times))}   "
        f"({rows_instansi / statistics.median(times):,.0f} rows/s)   e.g. IKM {total.ikm}"
    )

    # Every unit of the portal in one grouped query.
    t, per = timed(ikm.agregat_per, JawabanSKM.objects.all(), "periode__unit_id")
    t2 = min(timed(lambda: {k: ikm.hitung(a) for k, a in per.items()})[0] for _ in range(5))
    print(f"all {len(per)} units, one grouped query over {args.responses:,} responses:")
    print(
        f"  query {ms(t)}   exact arithmetic for {len(per)} units {ms(t2)}   "
        f"({args.responses / t:,.0f} rows/s)"
    )

    # Peak Python memory of the same computations, measured apart (tracemalloc slows Python).
    tracemalloc.start()
    ikm.hasil_periode(sample[0])
    ikm.hasil_unit_per_instansi(instansi[0], tahun=2026)
    {k: ikm.hitung(a) for k, a in ikm.agregat_per(JawabanSKM.objects.all(), "periode__unit_id").items()}
    _, peak_compute = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # Publication through the service: lock, grouped sums per service, summary rows, audit.
    t, _ = timed(lambda: [services.periode_publish(periode=p, oleh=admin) for p in periode])
    n_ring = RingkasanSKM.objects.count()
    print(f"publish {len(periode)} periods (service, summary rows written: {n_ring:,}):")
    print(f"  total {t:8.2f} s   per period {ms(t / len(periode))}   ({args.responses / t:,.0f} responses/s)")

    # The public list: 20 periods' pooled IKM from the summaries (one grouped query).
    ids = [p.pk for p in periode[:20]]
    times = [timed(ikm.hasil_per_periode, ids)[0] for _ in range(20)]
    print(f"public results list (20 periods from summaries): median {ms(statistics.median(times))}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak Python memory (tracemalloc) of the unit, instansi and all-units computations: "
        f"{peak_compute / 1e6:.2f} MB; process peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()
