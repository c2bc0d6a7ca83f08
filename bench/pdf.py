"""Benchmark of the official PDFs (not part of the test suite).

    .venv/bin/python bench/pdf.py [--runs 5]

Builds the demo data in a throwaway SQLite database (renders switched off while loading),
then measures on the demo's largest standard:

- our render (service: inputs, fingerprint, templates, QR codes, WeasyPrint, hash, storage)
  per document and per page, peak Python memory (tracemalloc) and the process's peak RSS,
  the file size;
- bare WeasyPrint rendering the very same HTML string in the same run (same fetcher, no
  shared cache or font configuration): our time / bare time is our overhead;
- the same standard grown to at least 6 pages (more procedure steps and requirements);
- serving the stored PDF through the download view (Django test client, full middleware).

Targets (docs/pdf.md): 6-page standard < 1.5 s (stretch 0.8 s), overhead ratio <= 1.2,
stored download < 50 ms, file < 500 KB.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_tmp = tempfile.mkdtemp(prefix="bench-pdf-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pelayanan.settings.dev")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ["MEDIA_ROOT"] = f"{_tmp}/media"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ.pop("REDIS_URL", None)
os.environ.pop("CELERY_BROKER_URL", None)
os.environ.setdefault("DJANGO_DEBUG", "false")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from pelayanan import pdf  # noqa: E402
from standar import dokumen  # noqa: E402
from standar.models import DokumenPDF, JenisDokumen, VersiStandar  # noqa: E402
from standar.tasks import dokumen_render as dokumen_render_task  # noqa: E402

TARGET_6_HALAMAN = 1.5
STRETCH_6_HALAMAN = 0.8
TARGET_RASIO = 1.2
TARGET_UNDUH_MS = 50
TARGET_UKURAN = 500 * 1024


def _siapkan_data() -> None:
    call_command("migrate", verbosity=0)
    asli = dokumen_render_task.delay
    dokumen_render_task.delay = lambda *a, **k: None  # load the demo without rendering
    try:
        from pelayanan import demo as demo_pelayanan
        from standar import demo as demo_standar

        demo_pelayanan.load()
        demo_standar.load()
    finally:
        dokumen_render_task.delay = asli


def _terbesar() -> VersiStandar:
    """The published standard whose PDF is the largest (pages, then bytes): each is rendered
    once, which also warms the fonts up."""
    ukuran = {}
    for versi in VersiStandar.objects.filter(status__in=dokumen.STATUS_PUBLIK):
        d = dokumen._pastikan(JenisDokumen.STANDAR, versi=versi)
        dokumen.dokumen_render(d)
        d.refresh_from_db()
        ukuran[versi] = (d.halaman, d.ukuran)
    return max(ukuran, key=ukuran.get)


def _waktu(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _berselang(a, b, runs: int) -> tuple[list[float], list[float]]:
    """Time a and b alternately (the machine's load drifts; alternating shares it fairly)."""
    ta, tb = [], []
    for _ in range(runs):
        ta += _waktu(a, 1)
        tb += _waktu(b, 1)
    return ta, tb


def _render_kami(d: DokumenPDF) -> None:
    DokumenPDF.objects.filter(pk=d.pk).update(sidik_isi="")  # force a full render
    d.refresh_from_db()
    if not dokumen.dokumen_render(d):
        raise RuntimeError("expected a render")


def _bare(html: str) -> bytes:
    return weasyprint.HTML(
        string=html, base_url=pdf.site_url() + "/", url_fetcher=pdf.PortalURLFetcher()
    ).write_pdf()


def _besarkan(m: dokumen.Masukan, faktor: int) -> dokumen.Masukan:
    """The same standard with `faktor` times the procedure steps and list items (what the
    render sees; nothing is saved)."""
    m = copy.deepcopy(m)
    for c in m.data["komponen"]:
        isi = c["isi"]
        for key in ("items", "rincian"):
            if isinstance(isi.get(key), list) and isi[key]:
                isi[key] = [
                    dict(i, id=f"{n:04x}{i.get('id', '')}"[:8]) for n in range(faktor) for i in isi[key]
                ]
    return m


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = args.runs

    _siapkan_data()
    versi = _terbesar()
    d = dokumen._pastikan(JenisDokumen.STANDAR, versi=versi)

    d.refresh_from_db()

    tracemalloc.start()
    _render_kami(d)
    _cur, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    m = dokumen.masukan(d)
    html = pdf.render_html(m.template, dokumen._konteks(d, m))
    kami, bare = _berselang(lambda: _render_kami(d), lambda: _bare(html), runs)
    d.refresh_from_db()

    # The same standard grown to >= 6 pages.
    faktor, hasil6 = 1, None
    while faktor < 12:
        faktor += 1
        besar = _besarkan(m, faktor)
        hasil6 = dokumen._render(d, besar)
        if hasil6.halaman >= 6:
            break
    html6 = pdf.render_html(besar.template, dokumen._konteks(d, besar))
    enam, bare6 = _berselang(lambda: dokumen._render(d, besar), lambda: _bare(html6), runs)

    # Other documents (one render each, after warm-up).
    lain = {}
    for jenis in (JenisDokumen.POSTER_A4, JenisDokumen.POSTER_A3):
        x = dokumen._pastikan(jenis, versi=versi)
        dokumen.dokumen_render(x)
        lain[jenis] = (statistics.median(_waktu(lambda x=x: _render_kami(x), runs)), x)
    putaran = versi.putaran_set.filter(ditutup_pada__isnull=False).first()
    if putaran is not None:
        x = dokumen._pastikan(JenisDokumen.BERITA_ACARA, putaran=putaran)
        dokumen.dokumen_render(x)
        lain[JenisDokumen.BERITA_ACARA] = (statistics.median(_waktu(lambda x=x: _render_kami(x), runs)), x)

    # Download of the stored file through the view (never renders).
    client = Client()
    url = f"/layanan/{versi.standar.layanan.unit.slug}/{versi.standar.layanan.slug}/versi/{versi.nomor}/pdf/"
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"download: HTTP {response.status_code}")
    b"".join(response.streaming_content)

    def unduh():
        r = client.get(url)
        if r.status_code != 200:
            raise RuntimeError(f"download: HTTP {r.status_code}")
        b"".join(r.streaming_content)

    unduhan = _waktu(unduh, max(50, runs * 10))

    med_kami, med_bare = statistics.median(kami), statistics.median(bare)
    med6, med6_bare = statistics.median(enam), statistics.median(bare6)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    unduh_ms = statistics.median(unduhan) * 1000
    p95_ms = sorted(unduhan)[int(len(unduhan) * 0.95) - 1] * 1000

    def baris(label, nilai, target=""):
        print(f"  {label:<52} {nilai:>16}  {target}")

    layanan = versi.standar.layanan
    print(f"\nPDF benchmark — {layanan.nama} ({layanan.unit.nama}), versi {versi.nomor}; runs={runs}")
    print(f"  WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPU\n")
    baris("pages", f"{d.halaman}")
    baris("our render (median)", f"{med_kami:.3f} s")
    baris("our render per page", f"{med_kami / d.halaman:.3f} s")
    baris("bare WeasyPrint, same HTML (median)", f"{med_bare:.3f} s")
    ok = "OK" if med_kami / med_bare <= TARGET_RASIO else "OVER"
    baris("overhead ratio (ours / bare)", f"{med_kami / med_bare:.2f}", f"target <= {TARGET_RASIO} {ok}")
    baris("peak Python memory of one render (tracemalloc)", f"{puncak / 1e6:.1f} MB")
    baris("peak RSS of this process", f"{rss_mb:.0f} MB")
    ok = "OK" if d.ukuran < TARGET_UKURAN else "OVER"
    baris("file size", f"{d.ukuran / 1024:.1f} KB", f"target < 500 KB {ok}")
    print()
    ok = "OK" if med6 < TARGET_6_HALAMAN else "OVER"
    stretch = "stretch OK" if med6 < STRETCH_6_HALAMAN else "stretch missed"
    baris(
        f"grown standard: {hasil6.halaman} pages, render (median)",
        f"{med6:.3f} s",
        f"target < 1.5 s {ok}, {stretch}",
    )
    baris("grown standard: per page", f"{med6 / hasil6.halaman:.3f} s")
    baris("grown standard: bare WeasyPrint (median)", f"{med6_bare:.3f} s")
    baris("grown standard: overhead ratio", f"{med6 / med6_bare:.2f}")
    baris("grown standard: file size", f"{len(hasil6.pdf) / 1024:.1f} KB")
    print()
    for t, x in lain.values():
        baris(f"{x.get_jenis_display()} ({x.halaman} p.)", f"{t:.3f} s", f"{x.ukuran / 1024:.1f} KB")
    print()
    ok = "OK" if unduh_ms < TARGET_UNDUH_MS else "OVER"
    baris(
        f"download of the stored PDF (median of {len(unduhan)})", f"{unduh_ms:.1f} ms", f"target < 50 ms {ok}"
    )
    baris("download p95", f"{p95_ms:.1f} ms")


if __name__ == "__main__":
    main()
