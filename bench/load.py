"""Load run (issue 9): many visitors at once on the public pages and filing complaints, against
gunicorn on PostgreSQL, then a check that no accepted complaint was lost. Not part of the tests.

    .venv/bin/python bench/load.py [--connections 200] [--duration 60] [--keep]

- Its own PostgreSQL database, named in BENCH_DATABASE_URL (default
  postgres://postgres@127.0.0.1:5432/bench_load; the name must contain "bench"): created
  (a leftover of an earlier run is dropped), migrated, filled with the demo data
  (`manage.py demo_data`), and dropped at the end unless --keep. Its own Redis database
  (BENCH_REDIS_URL, default redis://127.0.0.1:6379/11, flushed at the start).
- The server is bench/web.py's: gunicorn with the options of the `web` service in
  docker-compose.yml, production settings, bound to 127.0.0.1 (BENCH_PORT, default 8150).
  Loopback only: the load never leaves the machine.
- `--connections` client threads (default 200, at most 500), each with its own keep-alive
  connection, for `--duration` seconds (default 60, at most 600); each request has a 30 s
  timeout and the run stops at the deadline however busy the server is. Each thread in turn:
  four times out of five a public page (home, search, catalogue, a service's standard and its
  versions, a unit, an instansi, consultation rounds, complaint statistics, published SKM
  results, the open-data API), once a complaint: the filing form (GET, with its CSRF token and
  cookie), the filing (POST: 302 to the receipt, whose URL carries the tracking code) and the
  receipt (GET).
- Rate limit, decided openly: the portal allows PENGADUAN_AJUKAN_BATAS complaints per address
  per hour (10 by default) and every client here is 127.0.0.1, so the server of this run gets
  PENGADUAN_AJUKAN_BATAS=1000000 through the environment (the setting exists for deployments;
  nothing in the code knows about the bench). The limit itself is tested in tests/pengaduan.
  Everything else runs as in production (CSRF, the page cache in Redis, sessions, the outbox;
  Celery publishes to an in-memory broker, as in bench/web.py: no worker sends the e-mails).
- Prints the requests served, per kind, requests per second, latency (p50/p95/p99), the
  errors (connection failures, timeouts, any status other than the expected one), and then,
  from the database: every complaint whose tracking code came back in a 302 must be there,
  once, with its text. Exit status 1 when there are errors or lost complaints.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# bench/web.py reads these when it is imported (it sets the server's environment then).
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_load")
os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
os.environ.setdefault("BENCH_PORT", "8150")
# The complaint rate limit of this run's server (see the docstring).
os.environ["PENGADUAN_AJUKAN_BATAS"] = "1000000"

from bench import web  # noqa: E402  (after the environment above)
from bench.data import create_database, db_name, drop_database  # noqa: E402

HOST, PORT = web.HOST, web.PORT
MAKS_KONEKSI = 500
MAKS_DETIK = 600
TIMEOUT = 30
KODE_DI_URL = re.compile(r"/pengaduan/lacak/([A-Z0-9]+)/tanda-terima/")
CSRF_DI_FORM = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Catatan:
    """What the client threads saw (appended under a lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    selesai: Counter = field(default_factory=Counter)  # kind -> responses as expected
    galat: Counter = field(default_factory=Counter)  # kind: reason -> count
    contoh_galat: list = field(default_factory=list)
    latensi: list = field(default_factory=list)  # seconds, every response
    diterima: dict = field(default_factory=dict)  # tracking code -> the text filed

    def ok(self, jenis: str, detik: float) -> None:
        with self.lock:
            self.selesai[jenis] += 1
            self.latensi.append(detik)

    def salah(self, jenis: str, alasan: str, detik: float | None = None, detail: str = "") -> None:
        with self.lock:
            self.galat[f"{jenis}: {alasan}"] += 1
            if detik is not None:
                self.latensi.append(detik)
            if len(self.contoh_galat) < 10:
                self.contoh_galat.append(f"{jenis}: {alasan} {detail}"[:300])


class Klien:
    """One visitor: a keep-alive connection and the cookies the server set."""

    def __init__(self):
        self.conn: http.client.HTTPConnection | None = None
        self.cookies: dict[str, str] = {}
        self.terakhir = 0.0

    def _sambung(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT)

    def minta(self, metode: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body). A GET is sent again once on a connection the server had
        closed; a POST never is (it could file twice)."""
        h = {
            "Host": f"{HOST}:{PORT}",
            "X-Forwarded-Proto": "https",  # as the TLS proxy in front of gunicorn sets it
            "User-Agent": "bench-load",
            **(headers or {}),
        }
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.conn is None or (metode == "POST" and time.monotonic() - self.terakhir > 1):
            self._sambung()
        for percobaan in (1, 2):
            try:
                self.conn.request(metode, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._sambung()
                if metode != "GET" or percobaan == 2:
                    raise
        self.terakhir = time.monotonic()
        for nilai in r.headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(nilai)
            for nama, morsel in c.items():
                self.cookies[nama] = morsel.value
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, r.headers, data

    def tutup(self):
        if self.conn is not None:
            self.conn.close()


# --- what the visitors do ---------------------------------------------------------------------


def halaman_publik() -> list[str]:
    """The public pages of the demo data, as paths."""
    from django.urls import reverse

    from evaluasi.models import PeriodeSKM
    from pelayanan.models import Instansi, Unit
    from standar.choices import StatusVersi
    from standar.models import PutaranKonsultasi, VersiStandar

    paths = [
        "/",
        reverse("pelayanan:cari") + "?q=akta",
        reverse("pelayanan:cari") + "?q=izin+praktik",
        reverse("pelayanan:instansi_list"),
        reverse("standar:katalog"),
        reverse("standar:katalog") + "?q=kelahiran",
        reverse("standar:konsultasi_daftar"),
        reverse("pengaduan:beranda"),
        reverse("evaluasi:hasil_list"),
        "/api/v1/standar/",
        "/api/v1/unit/",
    ]
    for i in Instansi.objects.order_by("pk"):
        paths.append(reverse("pelayanan:instansi_detail", kwargs={"slug": i.slug}))
        paths.append(reverse("pengaduan:statistik_instansi", kwargs={"slug": i.slug}))
    for u in Unit.objects.filter(aktif=True).order_by("pk"):
        paths.append(reverse("pelayanan:unit_profil", kwargs={"slug": u.slug}))
        paths.append(reverse("pengaduan:daftar_publik", kwargs={"slug": u.slug}))
    for v in VersiStandar.objects.filter(
        status__in=[StatusVersi.TERBIT, StatusVersi.DIGANTIKAN]
    ).select_related("standar__layanan__unit"):
        lay = v.standar.layanan
        kw = {"unit": lay.unit.slug, "layanan": lay.slug}
        paths.append(reverse("standar:layanan_detail", kwargs=kw))
        paths.append(reverse("standar:versi_detail", kwargs={**kw, "nomor": v.nomor}))
    for p in PutaranKonsultasi.objects.order_by("pk"):
        paths.append(reverse("standar:putaran_detail", kwargs={"pk": p.pk}))
    for p in PeriodeSKM.objects.filter(diterbitkan=True).order_by("pk"):
        paths.append(reverse("evaluasi:hasil", kwargs={"pk": p.pk}))
    return paths


def tujuan_pengaduan() -> list[tuple[str, str, str]]:
    """(unit slug, service slug or "", breached part) the complaints are filed about."""
    from pelayanan.models import Layanan

    bagian = ["biaya", "jangka_waktu", "persyaratan", "prosedur", "perilaku_petugas"]
    hasil = []
    for i, lay in enumerate(Layanan.objects.filter(aktif=True, unit__aktif=True).select_related("unit")):
        hasil.append((lay.unit.slug, lay.slug, bagian[i % len(bagian)]))
    return hasil


def ajukan(k: Klien, catat: Catatan, tujuan: tuple[str, str, str], n: int, rng: random.Random) -> None:
    from django.utils import timezone

    unit, layanan, bagian = tujuan
    path = f"/pengaduan/ajukan/?{urlencode({'unit': unit, 'layanan': layanan, 'bagian': bagian})}"
    t = time.monotonic()
    status, _h, isi = k.minta("GET", path)
    if status != 200:
        catat.salah("form", f"HTTP {status}", time.monotonic() - t, path)
        return
    catat.ok("form", time.monotonic() - t)
    m = CSRF_DI_FORM.search(isi)
    if not m:
        catat.salah("form", "no CSRF token")
        return
    uraian = f"Uji beban {n}: petugas loket meminta biaya di luar tarif ({rng.randrange(10**9)})."
    data = {
        "csrfmiddlewaretoken": m.group(1).decode(),
        "layanan": layanan,
        "bagian": bagian,
        "uraian": uraian,
        "tanggal_layanan": (timezone.localdate() - timedelta(days=1 + n % 20)).isoformat(),
        "kerugian": "",
        "permintaan": "Mohon ditindaklanjuti.",
        "mode_privasi": ("publik", "anonim", "rahasia")[n % 3],
        "lapor_id": "",
        "nama": f"Pengadu Beban {n}",
        "alamat": "Jl. Uji Beban No. 1",
        "email": f"beban{n}@contoh.example" if n % 2 else "",
        "telepon": "0812 3456 7890",
        "nik": "",
        "pernyataan": "on",
    }
    asal = f"https://{HOST}:{PORT}"
    t = time.monotonic()
    try:
        status, h, _isi = k.minta(
            "POST",
            path,
            urlencode(data).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Origin": asal, "Referer": asal + path},
        )
    except (OSError, http.client.HTTPException) as exc:
        catat.salah("filing", type(exc).__name__, time.monotonic() - t)
        return
    lokasi = h.get("Location", "")
    m = KODE_DI_URL.search(lokasi)
    if status != 302 or not m:
        catat.salah("filing", f"HTTP {status}", time.monotonic() - t, lokasi)
        return
    with catat.lock:
        catat.diterima[m.group(1)] = uraian
    catat.ok("filing", time.monotonic() - t)
    t = time.monotonic()
    status, _h, isi = k.minta("GET", urlparse(lokasi).path)
    if status == 200 and m.group(1).encode() in isi.replace(b"-", b""):
        catat.ok("receipt", time.monotonic() - t)
    else:
        catat.salah("receipt", f"HTTP {status}", time.monotonic() - t)


def pengunjung(
    nomor: int,
    catat: Catatan,
    halaman: list[str],
    tujuan: list,
    akhir: float,
    hitung: list,
    kunci: threading.Lock,
) -> None:
    rng = random.Random(nomor)
    k = Klien()
    try:
        while time.monotonic() < akhir:
            if rng.random() < 0.2:
                with kunci:
                    hitung[0] += 1
                    n = hitung[0]
                try:
                    ajukan(k, catat, rng.choice(tujuan), n, rng)
                except (OSError, http.client.HTTPException) as exc:
                    catat.salah("complaint", type(exc).__name__)
                    k = Klien()
                continue
            path = rng.choice(halaman)
            t = time.monotonic()
            try:
                status, _h, _isi = k.minta("GET", path)
            except (OSError, http.client.HTTPException) as exc:
                catat.salah("page", type(exc).__name__, time.monotonic() - t, path)
                k = Klien()
                continue
            if status == 200:
                catat.ok("page", time.monotonic() - t)
            else:
                catat.salah("page", f"HTTP {status}", time.monotonic() - t, path)
    finally:
        k.tutup()


# --- after the run: every accepted complaint is in the database ------------------------------


def periksa_pengaduan(diterima: dict[str, str]) -> tuple[int, list[str]]:
    """(found, lost codes): each code once in the database, with the text that was filed."""
    from django.db import connections

    from pengaduan.models import Pengaduan

    connections.close_all()
    ada: dict[str, str] = {}
    kode = list(diterima)
    for i in range(0, len(kode), 1000):
        ada.update(Pengaduan.objects.filter(kode__in=kode[i : i + 1000]).values_list("kode", "uraian"))
    hilang = [k for k, teks in diterima.items() if ada.get(k) != teks]
    return len(diterima) - len(hilang), hilang


def persentil(data: list[float], p: float) -> float:
    if not data:
        return 0.0
    data = sorted(data)
    return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    koneksi = max(1, min(args.connections, MAKS_KONEKSI))
    durasi = max(1.0, min(args.duration, MAKS_DETIK))
    url = os.environ["BENCH_DATABASE_URL"]
    nama = db_name(url, "bench/load.py")
    if HOST != "127.0.0.1":
        sys.exit("bench/load.py runs on loopback only")

    t_mulai = time.perf_counter()
    create_database(nama, url)
    web._flush_redis()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    proc = None
    try:
        t, _ = web.timed(call_command, "migrate", verbosity=0)
        print(f"database {nama}: migrated in {t:.1f} s")
        t, _ = web.timed(call_command, "demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"demo data loaded in {t:.1f} s")
        halaman = halaman_publik()
        tujuan = tujuan_pengaduan()
        from pengaduan.models import Pengaduan

        awal = Pengaduan.objects.count()
        if web.static_stale():
            t, _ = web.timed(call_command, "collectstatic", interactive=False, verbosity=0)
            print(f"collectstatic: {t:.1f} s")
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            pg = cur.fetchone()[0]
        connections.close_all()

        log_path = Path(tempfile.gettempdir()) / "bench-load-gunicorn.log"
        proc = web.start_server(log_path)
        for p in halaman:  # every page answers before the load starts
            status, _size = web.fetch(p, "")
            if status != 200:
                sys.exit(f"GET {p} answered {status}; see {log_path}")
        print(f"{len(halaman)} public pages, {len(tujuan)} services to complain about; "
              f"{koneksi} connections for {durasi:g} s on {HOST}:{PORT}")  # fmt: skip

        catat = Catatan()
        hitung, kunci = [0], threading.Lock()
        akhir = time.monotonic() + durasi
        t0 = time.monotonic()
        threads = [
            threading.Thread(
                target=pengunjung, args=(i, catat, halaman, tujuan, akhir, hitung, kunci), daemon=True
            )
            for i in range(koneksi)
        ]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=max(0.0, akhir + TIMEOUT + 5 - time.monotonic()))
        lama = time.monotonic() - t0
        masih = sum(th.is_alive() for th in threads)

        ditemukan, hilang = periksa_pengaduan(dict(catat.diterima))
        total_db = Pengaduan.objects.count() - awal
        laporan(
            catat,
            lama,
            koneksi,
            durasi,
            pg,
            ditemukan,
            hilang,
            total_db,
            masih,
            time.perf_counter() - t_mulai,
        )
        if sum(catat.galat.values()) or hilang or masih:
            raise SystemExit(1)
    finally:
        if proc is not None:
            web.stop_server(proc)
        connections.close_all()
        if args.keep:
            print(f"kept database {nama}")
        else:
            drop_database(nama, url)
            print(f"dropped database {nama}")
        shutil.rmtree(web.SERVER_ENV["MEDIA_ROOT"], ignore_errors=True)


def laporan(catat, lama, koneksi, durasi, pg, ditemukan, hilang, total_db, masih, total_s) -> None:
    import platform

    dilayani = sum(catat.selesai.values())
    galat = sum(catat.galat.values())
    lat = catat.latensi
    print()
    print(
        f"Load run — {os.cpu_count()} CPU, PostgreSQL {pg.split()[0]}, Python {platform.python_version()}, "
        f"{koneksi} connections, {durasi:g} s (ran {lama:.1f} s)"
    )
    print(f"  gunicorn {' '.join(web.gunicorn_options())}")
    print(f"  requests served as expected: {dilayani:,} ({dilayani / lama:.0f}/s)")
    for jenis, n in sorted(catat.selesai.items()):
        print(f"    {jenis:<8} {n:>7,}")
    print(
        f"  latency: p50 {persentil(lat, 50) * 1000:.0f} ms, p95 {persentil(lat, 95) * 1000:.0f} ms, "
        f"p99 {persentil(lat, 99) * 1000:.0f} ms, max {max(lat, default=0) * 1000:.0f} ms"
        + (f", mean {statistics.mean(lat) * 1000:.0f} ms" if lat else "")
    )
    print(f"  errors: {galat}")
    for alasan, n in catat.galat.most_common():
        print(f"    {alasan}: {n}")
    for contoh in catat.contoh_galat:
        print(f"    e.g. {contoh}")
    if masih:
        print(f"  client threads still running at the deadline: {masih}")
    print(
        f"  complaints accepted (302 with a tracking code): {len(catat.diterima):,}; in the database "
        f"with their text: {ditemukan:,}; lost: {len(hilang)}"
        + (f" ({', '.join(hilang[:10])})" if hilang else "")
    )
    print(f"  complaints written by the run (rows): {total_db:,}")
    print(f"whole run {total_s:.0f} s")


if __name__ == "__main__":
    main()
