"""Benchmark of the web tier at realistic size, against Django's own floor (not part of the tests).

    make bench-web
    # or: .venv/bin/python bench/web.py [--duration 10] [--connections 10,50] [--keep] [--reuse]

Works in its own PostgreSQL database, the one named in BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/bench_web; the name must contain "bench"), and its own
Redis database (BENCH_REDIS_URL, default redis://127.0.0.1:6379/9, flushed at the start).
It creates the database (dropping a leftover of an earlier run), migrates it, and drops it
at the end unless --keep (--reuse starts from a database kept by an earlier run).

1. Generates, in bulk (bulk_create and INSERT ... SELECT over generate_series), 50 instansi,
   500 units with their complaint channels and maklumat, 3,000 services each with a
   published standard (14 component rows; one in five also has a superseded version, one
   in twenty a draft in an open consultation round with comments and support, one in ten a
   closed round with answers), 300,000 SKM responses (a published yearly period per unit
   with its summary rows, and a running one), 200,000 complaints, and one Pembina per
   instansi; then compiles the first instansi's quarterly reports of this year through the
   real job (evaluasi.kompilasi, in-process), so that the dashboard measured shows its
   units' figures, zones, trend and latest reports, not an empty page.
2. Serves the portal as in production: gunicorn with the options of the `web` service in
   docker-compose.yml (bound to 127.0.0.1), pelayanan.settings.production (DEBUG off,
   WhiteNoise with the manifest storage, persistent database connections, the Redis cache),
   BENCH_FLOOR=1 to add the trivial floor view (/bench/lantai/, never in normal production).
3. Drives each page with wrk (Debian package; `make bench-web` installs it) on loopback, one
   wrk thread, at 10 and 50 connections, after a short warm-up: the floor, the home page,
   the catalogue search, a service page, a unit profile, a consultation round's page and,
   when the URL name `evaluasi:dasbor` exists, the Pembina dashboard (signed in). Each page
   kind rotates over several URLs (different services, units, rounds, queries). Every URL
   is fetched once first and must answer 200.
4. Prints per page and concurrency: requests per second, p50/p95/p99 latency, errors
   (connect, read, write, timeout, HTTP >= 400), and the throughput as a share of the
   floor's at the same concurrency, with the targets of issue 10: public pages at least
   50 % of the floor, p95 under 100 ms at 50 connections (dashboard 200 ms), 0 errors.

The whole run is bounded: about 5 minutes on 2 cores (generation about 1 minute).
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_web"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
DB_URL = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS
PORT = int(os.environ.get("BENCH_PORT", "8135"))
HOST = "127.0.0.1"

# The server's environment: production settings, the bench's database and cache. The bench
# process itself runs with the same settings (same secret key: it writes the Pembina's session).
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "pelayanan.settings.production",
    "DJANGO_SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
    "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
    "DJANGO_PII_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "DATABASE_URL": DB_URL,
    "REDIS_URL": REDIS_URL,
    "CELERY_BROKER_URL": "memory://",  # nothing is enqueued by GET pages; no broker needed
    "DB_CONN_MAX_AGE": "600",
    "BENCH_FLOOR": "1",
    "LOG_LEVEL": "WARNING",
    "MEDIA_ROOT": tempfile.mkdtemp(prefix="bench-web-media-"),
}
os.environ.update(SERVER_ENV)

# Targets of issue 10.
TARGET_RASIO = 0.50
TARGET_P95_PUBLIK_MS = 100
TARGET_P95_DASBOR_MS = 200

N_INSTANSI = 50
N_UNIT = 500
N_LAYANAN = 3_000
N_SKM = 300_000
N_PENGADUAN = 200_000
N_WARGA = 300

JENIS_UNIT = [
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Rumah Sakit Umum Daerah", "RSUD"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Pendidikan", "Disdik"),
    ("Badan Pendapatan Daerah", "Bapenda"),
    ("Kecamatan Kota", "Kec. Kota"),
    ("Puskesmas Induk", "Puskesmas"),
]
NAMA_LAYANAN = [
    "Penerbitan Akta Kelahiran",
    "Penerbitan Akta Kematian",
    "Penerbitan Kartu Keluarga",
    "Perekaman KTP Elektronik",
    "Kartu Identitas Anak",
    "Surat Keterangan Pindah",
    "Izin Usaha Mikro dan Kecil",
    "Persetujuan Bangunan Gedung",
    "Izin Praktik Tenaga Kesehatan",
    "Izin Apotek",
    "Rawat Jalan",
    "Rawat Inap",
    "Pemeriksaan Laboratorium",
    "Uji Kendaraan Bermotor",
    "Izin Trayek Angkutan",
    "Rekomendasi Bantuan Sosial",
    "Legalisasi Ijazah",
    "Pendaftaran Peserta Didik Baru",
    "Pembayaran Pajak Bumi dan Bangunan",
    "Surat Keterangan Domisili",
    "Izin Reklame",
    "Imunisasi",
]
NAMA_DAERAH = [
    "Sukamaju", "Mekarsari", "Cempaka", "Karanganyar", "Sidomulyo", "Tanjungsari", "Wonosari",
    "Sukadana", "Purwodadi", "Rejosari", "Margahayu", "Sumberjaya", "Banjarsari", "Tegalrejo",
    "Kedungjati", "Pasirluhur", "Ciwaru", "Limbangan", "Bojongsari", "Gunungsari", "Kalisari",
    "Padangsari", "Sirnagalih", "Tamansari", "Ujungberung",
]  # fmt: skip

ADMIN = "bench-admin@bench.example"


# --- database ---------------------------------------------------------------------------


def _db_name() -> str:
    url = urlparse(DB_URL)
    if url.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("bench/web.py needs PostgreSQL: BENCH_DATABASE_URL=postgres://.../bench_web")
    name = url.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to use database {name!r}: its name must contain 'bench'")
    return name


def _admin_connection():
    """A connection to the server's maintenance database, to create and drop ours."""
    import psycopg2

    url = urlparse(DB_URL)
    conn = psycopg2.connect(
        dbname="postgres",
        user=url.username or "postgres",
        password=url.password or None,
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
    )
    conn.autocommit = True
    return conn


def _sql_admin(statement: str) -> None:
    conn = _admin_connection()
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
    finally:
        conn.close()


def _flush_redis() -> None:
    """Empty the bench's own Redis database (never another one: the URL names it)."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - t, result


# --- data ---------------------------------------------------------------------------------


def _isi(i: int) -> dict:
    """The example standard with a few values varied per service."""
    from standar.contoh import isi_contoh

    isi = isi_contoh()
    isi["jangka_waktu"] = {**isi["jangka_waktu"], "jumlah": 1 + i % 14}
    return isi


def generate() -> dict:
    """Bulk-load the dataset; returns what the page list needs."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from bench.data import pengaduan as muat_pengaduan  # shared with bench/evaluasi.py
    from evaluasi.choices import JenisPeriode, StatusPeriode
    from evaluasi.models import JawabanSKM, PeriodeSKM, RingkasanSKM, TautanSKM
    from pelayanan.choices import JenisInstansi, KanalPengaduan, Peran
    from pelayanan.models import Instansi, KanalPengaduanUnit, Layanan, Pengguna, PenugasanPeran, Unit
    from standar.choices import StatusMaklumat, StatusVersi
    from standar.models import (
        DukunganKomentar,
        JawabanKomentar,
        Komentar,
        KomponenStandar,
        Maklumat,
        PutaranKonsultasi,
        StandarPelayanan,
        VersiStandar,
    )

    rng = random.Random(2026)
    now = timezone.now()
    tak_bisa = make_password(None)
    admin = Pengguna.objects.create_superuser(email=ADMIN, password=None, nama_lengkap="Admin Bench")

    instansi = Instansi.objects.bulk_create(
        [
            Instansi(
                nama=f"Pemerintah {'Kota' if i % 4 == 0 else 'Kabupaten'} {NAMA_DAERAH[i % 25]}"
                + (f" {i // 25 + 1}" if i >= 25 else ""),
                slug=f"{'kota' if i % 4 == 0 else 'kab'}-{NAMA_DAERAH[i % 25].lower()}-{i}",
                jenis=JenisInstansi.KOTA if i % 4 == 0 else JenisInstansi.KABUPATEN,
                alamat=f"Jl. Pemuda No. {i + 1}",
            )
            for i in range(N_INSTANSI)
        ]
    )
    per_instansi = N_UNIT // N_INSTANSI
    units = Unit.objects.bulk_create(
        [
            Unit(
                instansi=instansi[i // per_instansi],
                nama=f"{JENIS_UNIT[i % per_instansi][0]} {NAMA_DAERAH[(i // per_instansi) % 25]}",
                singkatan=JENIS_UNIT[i % per_instansi][1],
                slug=f"{JENIS_UNIT[i % per_instansi][1].lower().replace('. ', '-')}-{i}",
                uraian="Unit penyelenggara pelayanan publik di lingkungan pemerintah daerah.",
                penanggung_jawab_nama=f"Kepala Unit {i}",
                penanggung_jawab_jabatan="Kepala Dinas",
                pengelola_pengaduan_nama="Sekretaris Dinas",
                alamat=f"Jl. Merdeka No. {i + 1}",
                telepon="0271 123456",
                email=f"unit{i}@bench.example",
                alamat_pengaduan="Loket pengaduan, lantai 1",
                jam_layanan="Senin–Kamis 08.00–15.00 WIB\nJumat 08.00–11.00 WIB",
            )
            for i in range(N_UNIT)
        ]
    )
    KanalPengaduanUnit.objects.bulk_create(
        [
            KanalPengaduanUnit(unit=u, jenis=jenis, nilai=nilai, urutan=n)
            for u in units
            for n, (jenis, nilai) in enumerate(
                [
                    (KanalPengaduan.TELEPON, "0271 654321"),
                    (KanalPengaduan.EMAIL, f"aduan.{u.slug}@bench.example"),
                ]
            )
        ]
    )
    Maklumat.objects.bulk_create(
        [
            Maklumat(
                unit=u,
                nomor=1,
                status=StatusMaklumat.TERBIT,
                teks="Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
                "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap "
                "menerima sanksi sesuai peraturan perundang-undangan yang berlaku.",
                tempat=NAMA_DAERAH[i % 25],
                tanggal=date(2026, 1, 5),
                penandatangan_nama=f"Kepala Unit {i}",
                penandatangan_jabatan="Kepala Dinas",
                dibuat_oleh=admin,
                ditetapkan_pada=now - timedelta(days=60),
                diterbitkan_pada=now - timedelta(days=59),
            )
            for i, u in enumerate(units)
        ]
    )
    pembina = Pengguna.objects.bulk_create(
        [
            Pengguna(email=f"pembina{i}@bench.example", nama_lengkap=f"Pembina {i}", password=tak_bisa)
            for i in range(N_INSTANSI)
        ]
    )
    PenugasanPeran.objects.bulk_create(
        [
            PenugasanPeran(pengguna=p, peran=Peran.PEMBINA, instansi=i)
            for p, i in zip(pembina, instansi, strict=False)
        ]
    )
    warga = Pengguna.objects.bulk_create(
        [
            Pengguna(
                email=f"warga{i}@bench.example",
                nama_lengkap=f"Warga {i}",
                password=tak_bisa,
                email_dikonfirmasi_pada=now - timedelta(days=100),
            )
            for i in range(N_WARGA)
        ]
    )

    per_unit = N_LAYANAN // N_UNIT
    layanan = Layanan.objects.bulk_create(
        [
            Layanan(
                unit=units[i // per_unit],
                nama=NAMA_LAYANAN[(i * 7 + i // per_unit) % len(NAMA_LAYANAN)],
                slug=f"layanan-{i}",
                uraian="Pelayanan bagi masyarakat sesuai standar pelayanan yang berlaku.",
            )
            for i in range(N_LAYANAN)
        ]
    )
    standar = StandarPelayanan.objects.bulk_create([StandarPelayanan(layanan=lay) for lay in layanan])

    # Versions: v1 published for all; one service in five has v1 superseded by v2.
    terbit_pada = now - timedelta(days=200)
    common = {"dibuat_oleh": admin, "ditetapkan_oleh": admin, "sk_tanggal": date(2025, 6, 2)}
    baru, lama = [], []
    for i, s in enumerate(standar):
        dua = i % 5 == 0
        baru.append(
            VersiStandar(
                standar=s,
                nomor=2 if dua else 1,
                status=StatusVersi.TERBIT,
                sk_nomor=f"100.3.3/{i}/2026",
                berlaku_mulai=date(2026, 1, 12),
                ditetapkan_pada=terbit_pada,
                diterbitkan_pada=terbit_pada + timedelta(days=1),
                **common,
            )
        )
    baru = VersiStandar.objects.bulk_create(baru)
    for i, (s, v2) in enumerate(zip(standar, baru, strict=False)):
        if i % 5 == 0:
            lama.append(
                VersiStandar(
                    standar=s,
                    nomor=1,
                    status=StatusVersi.DIGANTIKAN,
                    sk_nomor=f"100.3.3/{i}/2025",
                    berlaku_mulai=date(2025, 6, 9),
                    ditetapkan_pada=terbit_pada - timedelta(days=300),
                    diterbitkan_pada=terbit_pada - timedelta(days=299),
                    digantikan_oleh=v2,
                    digantikan_pada=terbit_pada + timedelta(days=1),
                    **common,
                )
            )
    lama = VersiStandar.objects.bulk_create(lama)
    # One service in twenty: a draft of the next version in an open consultation round.
    draf = VersiStandar.objects.bulk_create(
        [
            VersiStandar(
                standar=s, nomor=v.nomor + 1, status=StatusVersi.KONSULTASI, revisi_dari=v, dibuat_oleh=admin
            )
            for i, (s, v) in enumerate(zip(standar, baru, strict=False))
            if i % 20 == 10
        ]
    )
    isi_of = {}
    for i, v in enumerate(baru):
        isi_of[v.pk] = _isi(i)
    for v in lama:
        isi_of[v.pk] = _isi(v.standar_id + 3)
    for v in draf:
        isi_of[v.pk] = _isi(v.standar_id + 5)
    semua_versi = [*baru, *lama, *draf]
    KomponenStandar.objects.bulk_create(
        [
            KomponenStandar(versi=v, kunci=kunci, isi=isi, revisi=1)
            for v in semua_versi
            for kunci, isi in isi_of[v.pk].items()
        ],
        batch_size=5000,
    )

    # Consultation: open rounds on the drafts (40 comments, 10 replies, support), closed
    # rounds with answers on one published version in ten.
    kategori = ["masyarakat", "ahli", "usaha"]
    kunci_list = list(_isi(0))
    terbuka = PutaranKonsultasi.objects.bulk_create(
        [
            PutaranKonsultasi(
                versi=v,
                penjelasan="Mohon masukan masyarakat atas rancangan perubahan standar ini.",
                kategori_diundang=kategori,
                mulai=now - timedelta(days=3),
                selesai=now + timedelta(days=7),
                dibuka_oleh=admin,
                isi_awal=isi_of[v.pk],
            )
            for v in draf
        ]
    )
    ditutup = PutaranKonsultasi.objects.bulk_create(
        [
            PutaranKonsultasi(
                versi=v,
                penjelasan="Konsultasi publik atas rancangan standar.",
                kategori_diundang=kategori,
                mulai=terbit_pada - timedelta(days=30),
                selesai=terbit_pada - timedelta(days=20),
                ditutup_pada=terbit_pada - timedelta(days=20),
                dibuka_oleh=admin,
                isi_awal=isi_of[v.pk],
            )
            for i, v in enumerate(baru)
            if i % 10 == 5
        ]
    )
    komentar = []
    for p in terbuka:
        for n in range(40):
            komentar.append(
                Komentar(
                    putaran=p,
                    kunci=kunci_list[n % len(kunci_list)],
                    item_id="a0000001" if kunci_list[n % len(kunci_list)] == "persyaratan" else "",
                    penulis=warga[rng.randrange(N_WARGA)],
                    kategori=kategori[n % 3],
                    isi=f"Masukan nomor {n}: mohon waktu penyelesaian dipersingkat dan persyaratan "
                    "disederhanakan, terutama bagi warga lanjut usia.",
                )
            )
    for p in ditutup:
        for n in range(15):
            komentar.append(
                Komentar(
                    putaran=p,
                    kunci=kunci_list[n % len(kunci_list)],
                    penulis=warga[rng.randrange(N_WARGA)],
                    kategori=kategori[n % 3],
                    isi=f"Masukan {n} atas rancangan: mohon biaya tetap gratis.",
                )
            )
    komentar = Komentar.objects.bulk_create(komentar, batch_size=5000)
    utama_terbuka = [k for k in komentar if not k.putaran.ditutup]
    balasan = [
        Komentar(
            putaran=k.putaran,
            kunci=k.kunci,
            induk=k,
            penulis=warga[rng.randrange(N_WARGA)],
            kategori="masyarakat",
            isi="Setuju, saya mengalami hal yang sama.",
        )
        for k in utama_terbuka[::4]
    ]
    Komentar.objects.bulk_create(balasan, batch_size=5000)
    DukunganKomentar.objects.bulk_create(
        [
            DukunganKomentar(komentar=k, pengguna=warga[(k.pk * 7 + j) % N_WARGA])
            for k in utama_terbuka
            for j in range(k.pk % 4)
        ],
        batch_size=5000,
    )
    JawabanKomentar.objects.bulk_create(
        [
            JawabanKomentar(
                komentar=k,
                keputusan="diterima",
                alasan="Masukan diterima dan dimuat dalam versi yang ditetapkan.",
                dijawab_oleh=admin,
            )
            for k in komentar
            if k.putaran.ditutup
        ],
        batch_size=5000,
    )

    # SKM: a published yearly period per unit (2025) with its summaries, a running one (2026).
    selesai_2025 = PeriodeSKM.objects.bulk_create(
        [
            PeriodeSKM(
                unit=u,
                jenis=JenisPeriode.TAHUN,
                tahun=2025,
                ke=1,
                mulai=date(2025, 1, 1),
                selesai=date(2025, 12, 31),
                populasi=5000 + (i * 37) % 20000,
                status=StatusPeriode.SELESAI,
                diterbitkan=True,
                diterbitkan_pada=now - timedelta(days=30),
                dibuat_oleh=admin,
            )
            for i, u in enumerate(units)
        ]
    )
    hari = timezone.localdate()
    berjalan = PeriodeSKM.objects.bulk_create(
        [
            PeriodeSKM(
                unit=u,
                jenis=JenisPeriode.TAHUN,
                tahun=hari.year,
                ke=1,
                mulai=hari - timedelta(days=60),
                selesai=hari + timedelta(days=120),
                populasi=5000 + (i * 37) % 20000,
                status=StatusPeriode.BERJALAN,
                dibuat_oleh=admin,
            )
            for i, u in enumerate(units)
        ]
    )
    TautanSKM.objects.bulk_create([TautanSKM(layanan=lay, kode=f"B{lay.pk:011d}") for lay in layanan])
    skm_sql = _skm(connection, JawabanSKM, RingkasanSKM, layanan, selesai_2025, berjalan)
    pengaduan_sql = muat_pengaduan(layanan, N_PENGADUAN)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return {
        "admin": admin,
        "instansi": instansi,
        "units": units,
        "layanan": layanan,
        "pembina": pembina,
        "putaran_terbuka": terbuka,
        "skm_s": skm_sql,
        "pengaduan_s": pengaduan_sql,
        "versi": len(semua_versi),
        "komentar": len(komentar) + len(balasan),
    }


def _skm(connection, JawabanSKM, RingkasanSKM, layanan, selesai, berjalan) -> float:
    """N_SKM responses in one statement (half in the published period, half in the running
    one), then the published period's summary rows from them (grouped)."""
    per_unit = N_LAYANAN // N_UNIT
    table = JawabanSKM._meta.db_table
    answer = "(1 + (random() < 0.93)::int + (random() < 0.75)::int + (random() < 0.35)::int)"
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TEMP TABLE bench_map (idx int PRIMARY KEY, p1 bigint, p2 bigint, layanan_id bigint)"
        )
        cur.executemany(
            "INSERT INTO bench_map VALUES (%s, %s, %s, %s)",
            [
                (i, selesai[i // per_unit].pk, berjalan[i // per_unit].pk, lay.pk)
                for i, lay in enumerate(layanan)
            ],
        )
        sql = f"""
            INSERT INTO {table} (periode_id, layanan_id, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                usia, jenis_kelamin, pendidikan, pekerjaan, saran, kanal, nomor_lembar,
                dimasukkan_oleh_id, dibuat_pada)
            SELECT CASE WHEN g %% 2 = 0 THEN m.p1 ELSE m.p2 END, m.layanan_id, {", ".join([answer] * 9)},
                '', '', '', '', '', 'online', '', NULL,
                timestamp with time zone '2025-01-01 01:00+00' + (g %% 31000000) * interval '1 second'
            FROM generate_series(1, %s) AS g
            JOIN bench_map m ON m.idx = g %% {len(layanan)}
        """  # noqa: S608 - our table and expressions; the count is a parameter
        t0 = time.perf_counter()
        cur.execute("SET session_replication_role = replica")  # bulk load: skip FK triggers
        try:
            cur.execute(sql, [N_SKM])
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
        sums = ", ".join(f"sum(u{k})" for k in range(1, 10))
        cols = ", ".join(f"s{k}" for k in range(1, 10))
        cur.execute(
            f"INSERT INTO {RingkasanSKM._meta.db_table} (periode_id, layanan_id, jumlah, {cols}) "  # noqa: S608
            f"SELECT periode_id, layanan_id, count(*), {sums} FROM {table} "
            "WHERE periode_id IN (SELECT p1 FROM bench_map) GROUP BY periode_id, layanan_id"
        )
        cur.execute("DROP TABLE bench_map")
        return time.perf_counter() - t0


def pembina_cookie(user) -> str:
    """A signed-in session of `user` (the Pembina) as the Cookie header: what the login view
    leaves after the password and the second factor (a confirmed TOTP device, verified)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    backend = "django.contrib.auth.backends.ModelBackend"
    if backend not in settings.AUTHENTICATION_BACKENDS:
        backend = settings.AUTHENTICATION_BACKENDS[-1]
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    try:  # the portal's second factor, when installed (django-otp)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from pelayanan import dua_langkah, middleware

        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[dua_langkah.SESI_PERLU] = True
        session[middleware.SESI_MASUK] = session[middleware.SESI_AKTIF] = int(time.time())
    except ImportError:
        pass
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages(data: dict) -> list[tuple[str, list[str], str, bool]]:
    """(label, paths, cookie, public) per page kind; the floor first."""
    from django.urls import NoReverseMatch, reverse

    from standar.models import VersiStandar

    units = data["units"]
    layanan = data["layanan"]
    by_unit = {u.pk: u for u in units}
    # Services with two published versions, a closed round and the maklumat: the fullest pages.
    lay = [x for i, x in enumerate(layanan) if i % 5 == 0][:50]
    rounds = [
        p.pk
        for p in sorted(data["putaran_terbuka"], key=lambda p: p.pk)[:30]
        if VersiStandar.objects.filter(pk=p.versi_id).exists()
    ]
    queries = [
        "akta",
        "akta kelahiran",
        "izin",
        "rawat jalan",
        "sukamaju",
        "kartu keluarga",
        "pajak",
        "imunisasi",
    ]
    result = [
        ("floor (trivial view)", ["/bench/lantai/"], "", True),
        ("home page", ["/"], "", True),
        (
            "catalogue search",
            [f"{reverse('standar:katalog')}?q={quote(q)}" for q in queries],
            "",
            True,
        ),
        (
            "service page",
            [
                reverse("standar:layanan_detail", kwargs={"unit": by_unit[x.unit_id].slug, "layanan": x.slug})
                for x in lay
            ],
            "",
            True,
        ),
        (
            "unit profile",
            [reverse("pelayanan:unit_profil", kwargs={"slug": u.slug}) for u in units[::10]],
            "",
            True,
        ),
        ("round page", [reverse("standar:putaran_detail", kwargs={"pk": pk}) for pk in rounds], "", True),
    ]
    try:
        dasbor = reverse("evaluasi:dasbor", kwargs={"instansi": data["instansi"][0].slug})
    except NoReverseMatch:
        dasbor = None
    if dasbor:
        result.append(("Pembina dashboard", [dasbor], pembina_cookie(data["pembina"][0]), False))
    else:
        result.append(("Pembina dashboard", [], "", False))
    return result


# --- server and load ------------------------------------------------------------------------


def gunicorn_options() -> list[str]:
    """The options of the `web` service in docker-compose.yml (one place for them), bound to
    loopback, without the access log (one line per request to the terminal)."""
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    args = shlex.split(compose["services"]["web"]["command"])
    if args[0] != "gunicorn":
        sys.exit(f"docker-compose.yml: the web command is not gunicorn: {args}")
    out, skip = [], False
    for a in args[2:]:
        if skip:
            skip = False
            continue
        if a in ("--bind", "-b", "--access-logfile"):
            skip = True
            continue
        out.append(a)
    return [*out, "--bind", f"{HOST}:{PORT}"]


def start_server(log_path: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    cmd = [str(gunicorn), "pelayanan.wsgi", *gunicorn_options()]
    print("server: " + " ".join(cmd[1:]))
    log = open(log_path, "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **SERVER_ENV}, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited ({proc.returncode}); see {log_path}")
        try:
            with socket.create_connection((HOST, PORT), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit(f"gunicorn did not listen on {HOST}:{PORT} within 30 s; see {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def fetch(path: str, cookie: str) -> tuple[int, int]:
    req = urllib.request.Request(f"http://{HOST}:{PORT}{path}", headers={"X-Forwarded-Proto": "https"})
    if cookie:
        req.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, len(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


def fetch_ms(path: str, cookie: str) -> float:
    t = time.perf_counter()
    status, _size = fetch(path, cookie)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return (time.perf_counter() - t) * 1000


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


WRK_LUA = r"""
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS"), "[^\n]+") do paths[#paths + 1] = p end
local headers = {["X-Forwarded-Proto"] = "https"}
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then headers["Cookie"] = cookie end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def wrk(paths: list[str], cookie: str, connections: int, seconds: float, script: Path) -> dict:
    env = {**os.environ, "BENCH_PATHS": "\n".join(paths), "BENCH_COOKIE": cookie}
    cmd = [
        "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
        "-s", str(script), f"http://{HOST}:{PORT}",
    ]  # fmt: skip
    out = subprocess.run(
        cmd, env=env, capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    m = re.search(r"^BENCH (.*)$", out, re.M)
    if not m:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    n, dur, *errs, p50, p95, p99 = (int(x) for x in m.group(1).split())
    return {
        "rps": n / (dur / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": sum(errs),
        "n": n,
    }


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=8, help="seconds per measurement")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", default="10,50")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a database kept by --keep")
    args = parser.parse_args()
    conns = [int(c) for c in args.connections.split(",")]
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench-web installs it)")

    name = _db_name()
    t_start = time.perf_counter()
    if not args.reuse:
        _sql_admin(f'DROP DATABASE IF EXISTS "{name}"')
        _sql_admin(f'CREATE DATABASE "{name}"')
    _flush_redis()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    proc = None
    try:
        t, _ = timed(call_command, "migrate", verbosity=0)
        print(f"database {name}: migrated in {t:.1f} s")
        if args.reuse:
            data = reload_data()
            print(f"reusing the data of database {name}")
        else:
            t, data = timed(generate)
            print(
                f"generated in {t:.1f} s: {N_INSTANSI} instansi, {N_UNIT} units, {N_LAYANAN} services, "
                f"{data['versi']:,} versions ({data['versi'] * 14:,} component rows), "
                f"{data['komentar']:,} comments, {N_SKM:,} SKM responses ({data['skm_s']:.1f} s), "
                f"{N_PENGADUAN:,} complaints ({data['pengaduan_s']:.1f} s)"
            )
        t, n = kompilasi_dasbor(data)
        print(f"compiled {n} quarterly report(s) of {data['instansi'][0].nama} (its dashboard) in {t:.1f} s")
        daftar = pages(data)
        if static_stale():
            t, _ = timed(call_command, "collectstatic", interactive=False, verbosity=0)
            print(f"collectstatic (manifest and compressed copies for WhiteNoise): {t:.1f} s")
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            pg = cur.fetchone()[0]
        connections.close_all()

        log_path = Path(tempfile.gettempdir()) / "bench-web-gunicorn.log"
        proc = start_server(log_path)
        script = Path(tempfile.mkdtemp(prefix="bench-web-")) / "bench.lua"
        script.write_text(WRK_LUA)

        hasil, render = {}, {}
        floor_label, floor_paths = daftar[0][0], daftar[0][1]
        lantai = {c: [] for c in conns}
        wrk(floor_paths, "", conns[0], args.warmup, script)  # warm-up: workers, connections
        for label, paths, cookie, _publik in daftar[1:]:
            if not paths:
                continue
            # Uncached cost: single requests that the page cache does not answer (a messages
            # cookie, as after a form, makes the visitor "not anonymous-plain").
            sampel = (paths * 9)[:9]
            render[label] = statistics.median(fetch_ms(p, cookie or "messages=bench") for p in sampel)
            # Warm: every URL fetched once (and checked), then the floor and the page
            # alternately at each concurrency (the machine's load drifts; alternating shares it).
            for p in paths:
                status, _size = fetch(p, cookie)
                if status != 200:
                    sys.exit(f"{label}: GET {p} answered {status}; see {log_path}")
            wrk(paths, cookie, conns[0], args.warmup, script)
            for c in conns:
                f = wrk(floor_paths, "", c, args.duration, script)
                lantai[c].append(f)
                hasil[(label, c)] = {**wrk(paths, cookie, c, args.duration, script), "floor_rps": f["rps"]}
        for c in conns:
            runs = lantai[c]
            hasil[(floor_label, c)] = {
                k: (
                    sum(r[k] for r in runs) if k in ("errors", "n") else statistics.median(r[k] for r in runs)
                )
                for k in runs[0]
            }
        report(daftar, hasil, render, conns, pg, args, time.perf_counter() - t_start)
    finally:
        if proc is not None:
            stop_server(proc)
        connections.close_all()
        if args.keep:
            print(f"kept database {name}")
        else:
            _sql_admin(f'DROP DATABASE IF EXISTS "{name}"')
            print(f"dropped database {name}")
        shutil.rmtree(SERVER_ENV["MEDIA_ROOT"], ignore_errors=True)


def kompilasi_dasbor(data: dict) -> tuple[float, int]:
    """Compile the quarterly reports of this year, up to the current quarter, of the instansi
    whose dashboard is measured (evaluasi.kompilasi: laporan_minta without the queue, then
    laporan_susun as the Celery task runs it). Reports already complete (--reuse) are kept.
    Returns (seconds, reports compiled)."""
    from unittest import mock

    from django.utils import timezone

    from evaluasi import kompilasi
    from evaluasi.choices import JenisPeriodeLaporan, StatusLaporan, SumberLaporan

    hari = timezone.localdate()
    instansi, pembina = data["instansi"][0], data["pembina"][0]
    t0, n = time.perf_counter(), 0
    for ke in range(1, (hari.month - 1) // 3 + 2):
        with mock.patch.object(kompilasi, "_antrekan", return_value=None):
            laporan, _dibuat = kompilasi.laporan_minta(
                instansi=instansi,
                jenis=JenisPeriodeLaporan.TRIWULAN,
                tahun=hari.year,
                ke=ke,
                oleh=pembina,
                sumber=SumberLaporan.TOMBOL,
            )
        if laporan.status != StatusLaporan.SELESAI:
            if not kompilasi.laporan_susun(laporan.pk):
                sys.exit(f"the report {laporan} could not be compiled")
            n += 1
    return time.perf_counter() - t0, n


def static_stale() -> bool:
    """Whether collectstatic must run: no manifest yet, or a source file newer than it (the
    compressing manifest storage takes a minute of CPU; an unchanged tree skips it)."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    since = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if os.path.getmtime(storage.path(path)) > since:
                return True
    return False


def reload_data() -> dict:
    from pelayanan.models import Instansi, Layanan, Pengguna, Unit
    from standar.models import PutaranKonsultasi

    return {
        "instansi": list(Instansi.objects.order_by("pk")),
        "units": list(Unit.objects.order_by("pk")),
        "layanan": list(Layanan.objects.order_by("pk")),
        "pembina": list(Pengguna.objects.filter(email__startswith="pembina").order_by("pk")),
        "putaran_terbuka": list(PutaranKonsultasi.objects.filter(ditutup_pada__isnull=True).order_by("pk")),
    }


def report(daftar, hasil, render, conns, pg, args, total_s) -> None:
    import platform

    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print()
    print(
        f"Web benchmark — {os.cpu_count()} CPU, {mem_gb:.0f} GiB RAM, PostgreSQL {pg.split()[0]}, "
        f"Python {platform.python_version()}, {args.duration:g} s per measurement, wrk 1 thread"
    )
    print(f"  gunicorn {' '.join(gunicorn_options())}")
    head = (
        f"  {'page':<22} {'conn':>4} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6} "
        f"{'vs floor':>8} {'uncached':>8}  target"
    )
    print(head)
    print("  " + "-" * (len(head) - 2))
    ok_all = True
    for label, paths, _cookie, publik in daftar:
        if not paths:
            print(f"  {label:<22} {'':>4} belum ada (URL name evaluasi:dasbor does not resolve yet)")
            continue
        for c in conns:
            r = hasil[(label, c)]
            floor = hasil[("floor (trivial view)", c)]
            basis = r.get("floor_rps", floor["rps"])  # the floor measured just before this page
            rasio = r["rps"] / basis if basis else 0.0
            notes = []
            if label.startswith("floor"):
                notes.append("—")
            else:
                batas = TARGET_P95_PUBLIK_MS if publik else TARGET_P95_DASBOR_MS
                if publik:
                    notes.append("OK" if rasio >= TARGET_RASIO else f"MISS (< {TARGET_RASIO:.0%})")
                if c == max(conns):
                    notes.append(f"p95 {'OK' if r['p95'] < batas else 'MISS'} (< {batas} ms)")
                if not ((not publik or rasio >= TARGET_RASIO) and (c != max(conns) or r["p95"] < batas)):
                    ok_all = False
            if r["errors"]:
                notes.append("ERRORS")
                ok_all = False
            tanpa = f"{render[label]:.0f} ms" if label in render and c == conns[0] else ""
            print(
                f"  {label:<22} {c:>4} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
                f"{r['errors']:>6} {rasio:>8.0%} {tanpa:>8}  {', '.join(notes)}"
            )
    print()
    print(
        "  vs floor: page req/s over the floor's measured just before it, same concurrency; uncached: "
        "median time of single requests the page cache does not answer (the page's full render)"
    )
    print(f"all targets met: {'yes' if ok_all else 'no'}; whole run {total_s:.0f} s")


if __name__ == "__main__":
    main()
