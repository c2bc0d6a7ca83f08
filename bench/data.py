"""Shared pieces of the benchmarks in bench/ (not part of the test suite): the throwaway
PostgreSQL database each script works in, timing helpers, and the bulk generators more than one
script uses.

Importing this module has no side effect (bench/web.py sets its own environment before it);
`siapkan_env` is for the scripts that run on the development settings.

- `dasar`: instansi, units with complaint channels and a maklumat, services each with a
  published standard and the evidence the compliance index reads (bench/kepatuhan.py,
  bench/evaluasi.py);
- `jawaban_skm`: SKM responses in one INSERT ... SELECT over generate_series
  (bench/evaluasi.py, bench/kepatuhan.py);
- `pengaduan`: complaints in one INSERT ... SELECT (bench/web.py, bench/evaluasi.py).
"""

from __future__ import annotations

import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from urllib.parse import urlparse

# --- environment and database -------------------------------------------------------------


def siapkan_env(default_url: str) -> str:
    """Settings of a bench run on the development settings: DATABASE_URL (default
    `default_url`), no DEBUG (no query log growing in memory), no Redis and no broker (Celery
    eager, local memory cache). Call before django.setup(); returns the database URL."""
    url = os.environ.get("DATABASE_URL") or default_url
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pelayanan.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    return url


def db_name(url: str | None = None, script: str = "bench") -> str:
    """The database named in `url` (default DATABASE_URL); exits unless it is PostgreSQL and
    its name contains "bench" (a bench drops and recreates it)."""
    parsed = urlparse(url or os.environ.get("DATABASE_URL", ""))
    if parsed.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(f"{script} needs PostgreSQL: DATABASE_URL=postgres://.../bench_...")
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to use database {name!r}: its name must contain 'bench'")
    return name


def admin_connection(url: str | None = None):
    """A connection to the server's maintenance database, to create and drop ours."""
    import psycopg2

    parsed = urlparse(url or os.environ["DATABASE_URL"])
    conn = psycopg2.connect(
        dbname="postgres",
        user=parsed.username or "postgres",
        password=parsed.password or None,
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
    )
    conn.autocommit = True
    return conn


def create_database(name: str, url: str | None = None) -> None:
    """Create the bench's database, dropping a leftover of an earlier run."""
    conn = admin_connection(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def drop_database(name: str, url: str | None = None) -> None:
    from django.db import connections

    connections.close_all()
    conn = admin_connection(url)
    try:
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()


# --- timing ---------------------------------------------------------------------------------


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def pada(d: date, jam: int = 9):
    """An aware datetime at `jam` o'clock of day `d` (the portal's time zone)."""
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(d, dtime(jam, 0)))


# --- generators -----------------------------------------------------------------------------


@dataclass
class Dasar:
    admin: object
    instansi: list
    units: list
    layanan: list


def dasar(n_instansi: int, n_units: int, n_services: int, rng: random.Random) -> Dasar:
    """Bulk-load n_instansi instansi; n_units units (unit i in instansi i % n_instansi) with
    1–3 complaint channels and, for five in six, a maklumat published in 2023–24; n_services
    services (service i in unit i % n_units), each with a published standard (14 component
    rows, a closed consultation round with comments and FKP participants of 1–4 stakeholder
    categories, the official PDF for two thirds, a yearly evaluation for half) and, for a third,
    a revised draft. Everything the compliance index reads except SKM and complaints."""
    from django.utils import timezone

    from pelayanan.models import Instansi, KanalPengaduanUnit, Layanan, Pengguna, Unit
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
                ditetapkan_pada=pada(berlaku - timedelta(days=7)),
                diterbitkan_pada=pada(berlaku),
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
                ditetapkan_pada=pada(date(2023, 1, 2) + timedelta(days=i % 400)),
                diterbitkan_pada=pada(date(2023, 1, 2) + timedelta(days=i % 400)),
            )
            for i, u in enumerate(units)
            if i % 6
        ]
    )
    return Dasar(admin=admin, instansi=instansi, units=units, layanan=layanan)


# Answers 1–4 skewed towards 3 (about 7 % 1, 18 % 2, 48 % 3, 26 % 4).
JAWABAN_ACAK = "(1 + (random() < 0.93)::int + (random() < 0.75)::int + (random() < 0.35)::int)"


def jawaban_skm(
    pasangan: list[tuple[int, int]],
    n: int,
    *,
    jawaban: int | None = None,
    awal: str = "2026-01-01 01:00+00",
    sebar_detik: int = 31_000_000,
) -> float:
    """n SKM responses in ONE server-side statement, spread evenly over `pasangan` (periode_id,
    layanan_id): response g goes to pair g mod len(pasangan). Every unsur is answered
    `jawaban` (1–4), or at random skewed towards 3 when None; submitted online at `awal` plus
    g mod `sebar_detik` seconds (by default one a second over 2026; 1: all at `awal`).
    Returns the seconds of the insert.

    A bulk load: the rows are consistent by construction, so the per-row foreign-key triggers
    are skipped for this one statement (session_replication_role, session-local; needs a
    superuser, as the benches' own database has)."""
    from django.db import connection

    from evaluasi.models import JawabanSKM

    if jawaban is not None and jawaban not in (1, 2, 3, 4):
        raise ValueError(f"jawaban must be 1–4, not {jawaban!r}")
    nilai = JAWABAN_ACAK if jawaban is None else str(int(jawaban))
    table = JawabanSKM._meta.db_table
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_skm (idx int PRIMARY KEY, periode_id bigint, layanan_id bigint)")
        cur.executemany(
            "INSERT INTO bench_skm VALUES (%s, %s, %s)",
            [(i, p, lay) for i, (p, lay) in enumerate(pasangan)],
        )
        sql = f"""
            INSERT INTO {table} (periode_id, layanan_id, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                usia, jenis_kelamin, pendidikan, pekerjaan, saran, kanal, nomor_lembar,
                dimasukkan_oleh_id, dibuat_pada)
            SELECT m.periode_id, m.layanan_id, {", ".join([nilai] * 9)},
                '', '', '', '', '', 'online', '', NULL,
                %s::timestamptz + (g %% %s) * interval '1 second'
            FROM generate_series(1, %s) AS g
            JOIN bench_skm m ON m.idx = g %% {len(pasangan)}
        """  # noqa: S608 - our table and expressions (an int 1-4 at most); the values are parameters
        t0 = time.perf_counter()
        cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(sql, [awal, int(sebar_detik), n])
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
        seconds = time.perf_counter() - t0
        cur.execute("DROP TABLE bench_skm")
    return seconds


def pengaduan(
    layanan: list, n: int, *, awal: str = "2025-01-02 02:00+00", sebar_detik: int = 45_000_000
) -> float:
    """n complaints in one statement: unique tracking codes (g times a number prime to 31^10,
    written in the code alphabet), spread over units, services and statuses, received from
    `awal` over `sebar_detik` seconds (by default 2025 to mid-2026: receipt g lands at g × 7919
    mod sebar_detik seconds, spread over the whole span whatever n). First responses two days
    after receipt and decisions after twenty (on time); complaints still "diterima" are
    overdue once their 14 days have passed. Returns the seconds of the load."""
    from django.db import connection

    from pengaduan import kode
    from pengaduan.models import Pengaduan

    alfabet = kode.ALFABET
    digits = " || ".join(
        f"substr('{alfabet}', (((g::bigint * 7919) / {31**k}::bigint) %% 31)::int + 1, 1)"
        for k in range(kode.PANJANG)
    )
    table = Pengaduan._meta.db_table
    with connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_lay (idx int PRIMARY KEY, unit_id bigint, layanan_id bigint)")
        cur.executemany(
            "INSERT INTO bench_lay VALUES (%s, %s, %s)",
            [(i, lay.unit_id, lay.pk) for i, lay in enumerate(layanan)],
        )
        sql = f"""
            INSERT INTO {table} (kode, unit_id, layanan_id, bagian, uraian, tanggal_layanan, kerugian,
                permintaan, mode_privasi, lapor_id, status, terlambat_diajukan, diterima_pada,
                batas_tanggapan, ditanggapi_pada, lengkap_pada, keputusan_mulai_pada, batas_keputusan,
                diputuskan_pada, hasil, keputusan, jumlah_dibuka_kembali, diperbarui_pada)
            SELECT {digits}, m.unit_id, m.layanan_id,
                (ARRAY['persyaratan','prosedur','waktu','biaya','produk','perilaku_petugas'])[1 + g %% 6],
                'Petugas meminta persyaratan tambahan yang tidak tercantum dalam standar pelayanan.',
                (t.d)::date, '', 'Mohon pelayanan sesuai standar.',
                (ARRAY['publik','publik','anonim','rahasia'])[1 + g %% 4], '',
                s.status, false, t.d, (t.d + interval '14 day')::date,
                CASE WHEN s.status <> 'diterima' THEN t.d + interval '2 day' END,
                CASE WHEN s.status IN ('ditindaklanjuti','diputuskan','diberitahukan')
                    THEN t.d + interval '3 day' END,
                CASE WHEN s.status IN ('ditindaklanjuti','diputuskan','diberitahukan')
                    THEN t.d + interval '3 day' END,
                CASE WHEN s.status IN ('ditindaklanjuti','diputuskan','diberitahukan')
                    THEN (t.d + interval '63 day')::date END,
                CASE WHEN s.status IN ('diputuskan','diberitahukan') THEN t.d + interval '20 day' END,
                CASE WHEN s.status IN ('diputuskan','diberitahukan') THEN 'selesai' ELSE '' END,
                CASE WHEN s.status IN ('diputuskan','diberitahukan') THEN 'Ditindaklanjuti.' ELSE '' END,
                0, t.d + interval '20 day'
            FROM generate_series(1, %s) AS g
            JOIN bench_lay m ON m.idx = (g * 13) %% {len(layanan)}
            CROSS JOIN LATERAL (SELECT %s::timestamptz
                + ((g::bigint * 7919) %% %s) * interval '1 second' AS d) t
            CROSS JOIN LATERAL (SELECT (ARRAY['diterima','lengkap','ditindaklanjuti','diputuskan',
                'diberitahukan','diberitahukan','diberitahukan','batal'])[1 + g %% 8] AS status) s
        """  # noqa: S608 - our table and expressions; the values are parameters
        t0 = time.perf_counter()
        cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(sql, [n, awal, int(sebar_detik)])  # in the order of the placeholders
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
        cur.execute(
            f"UPDATE {table} SET dibatalkan_pada = diterima_pada + interval '31 day' WHERE status = 'batal'"  # noqa: S608
        )
        cur.execute("DROP TABLE bench_lay")
        return time.perf_counter() - t0
