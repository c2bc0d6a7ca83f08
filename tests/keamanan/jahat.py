"""Hostile input: the strings, the raw request bodies and the files the fuzz tests send, and
the request helper that tells what a request saved.

A request runs in a savepoint that is rolled back (like the access matrix's), so thousands of
them leave the world as it was; inside it, `kirim` counts the rows of every model a public
form can write, and the files under MEDIA_ROOT, before and after.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# Named, so that a failure says which one. Each is sent in every field of every public form
# and in every query parameter of every page.
JAHAT: dict[str, str] = {
    "skrip": "<script>alert('xss')</script>",
    "atribut": '"><img src=x onerror=alert(1)>',
    "js_url": "javascript:alert(document.cookie)",
    "templat": "{{ request.user.password }}{% debug %}",
    "sql_or": "' OR '1'='1' --",
    "sql_drop": "'; DROP TABLE pengaduan_pengaduan; --",
    "sql_union": "1 UNION SELECT email, password FROM pelayanan_pengguna --",
    "sql_like": "%_%\\%",
    "null": "sebelum\x00sesudah",
    "null_saja": "\x00",
    "rtl": "\u202eakta kelahiran\u202c fdp.exe",
    "bidi": "\u200f\u202bمرحبا\u202c\u200e nama",
    "lebar_nol": "a\u200b\u200c\u200d\ufeffb",
    "kendali": "baris1\r\nbaris2\tx\x0b\x0c\x1b[31m\x7f",
    "header": "x\r\nSet-Cookie: sessionid=curian",
    "emoji": "😀👍🏽🇮🇩" * 50,
    "gabung": "e\u0301" * 500,
    "lebar_penuh": "ＡＤＭＩＮ＜script＞",
    "jalur": "../../../../etc/passwd",
    "jalur_win": "..\\..\\windows\\win.ini",
    "format": "%s%s%s%n%x {0.__class__} ${7*7}",
    "angka_besar": "9" * 400,
    "angka_aneh": "²³¹",  # str.isdigit() is true, int() refuses them
    "desimal": "1e309",
    "negatif": "-1",
    "nan": "NaN",
    "spasi": "   \t  ",
    "surel": "a@b.c\r\nBcc: semua@contoh.example",
    "unicode_surel": "ünïcödé@éxämplé.example",
    "nosql": '*)(uid=*))(|(uid=*  {"$gt": ""}',
    "satu_mb": "A" * 1_000_000,
}
# In query strings and URL arguments, the values that test how a view reads a parameter (NUL,
# numbers that are not, markup, patterns, bidi, length); a URL is short in practice (servers
# refuse long request lines), so the megabyte becomes 8 KB.
JAHAT_KUERI = {
    **{
        k: JAHAT[k]
        for k in (
            "skrip", "sql_or", "sql_like", "null", "null_saja", "rtl", "emoji", "kendali", "jalur",
            "format", "angka_besar", "angka_aneh", "desimal", "negatif", "nan", "spasi", "lebar_penuh",
        )
    },
    "panjang": "B" * 8_000,
}  # fmt: skip
SKRIP_MENTAH = b"<script>alert('xss')</script>"


def tampil(nilai: str) -> bool:
    """Is it shown back in a refused form's field? A NUL is refused, not shown; blanks alone are
    an empty answer."""
    return "\x00" not in nilai and bool(nilai.strip())


@dataclass
class Hasil:
    status: int
    isi: bytes
    baru: dict  # model or "berkas" -> how many more after the request
    lokasi: str = ""
    galat: str = ""  # the exception, when the request raised (a 500)


def _potret() -> dict:
    from evaluasi.models import JawabanSKM
    from pelayanan.models import JejakAudit, Notifikasi, Pengguna, TugasTertunda
    from pengaduan.models import Lampiran, Pengaduan, Penilaian, Riwayat
    from standar.models import DukunganKomentar, Komentar, LaporanKomentar, VersiStandar

    hitung = {
        m.__name__: m.objects.count()
        for m in (
            Pengguna,
            Pengaduan,
            Lampiran,
            Penilaian,
            Riwayat,
            Komentar,
            LaporanKomentar,
            DukunganKomentar,
            JawabanSKM,
            Notifikasi,
            TugasTertunda,
            VersiStandar,
        )
    }
    hitung["JejakAudit"] = JejakAudit.objects.exclude(aksi__endswith="_ditolak").count()
    hitung["berkas"] = sum(len(files) for _d, _s, files in os.walk(settings.MEDIA_ROOT))
    return hitung


def kirim(
    klien, url: str, data=None, *, metode: str = "post", mentah: bytes | None = None, jenis_isi=None
) -> Hasil:
    """One request in a rolled-back savepoint; what it saved is measured before the rollback.
    A request that raises is reported as a 500 with its exception."""
    cache.clear()  # rate limits count from zero for every request
    with transaction.atomic():
        sebelum = _potret()
        try:
            if mentah is not None:
                response = klien.generic(metode.upper(), url, mentah, content_type=jenis_isi)
            elif metode == "post":
                response = klien.post(url, data or {})
            else:
                response = klien.get(url, data or {})
        except Exception as exc:  # a 500, reported with its cause
            transaction.set_rollback(True)
            return Hasil(500, b"", {}, galat=f"{type(exc).__name__}: {exc}"[:300])
        sesudah = _potret()
        body = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    baru = {k: sesudah[k] - sebelum[k] for k in sesudah if sesudah[k] != sebelum[k]}
    return Hasil(response.status_code, body, baru, response.get("Location", ""))


# --- raw bodies -----------------------------------------------------------------------------

URLENCODED = "application/x-www-form-urlencoded"


def badan_jahat(sah: dict) -> dict[str, tuple[bytes, str]]:
    """Whole request bodies no browser sends, built around a valid payload `sah`."""
    from urllib.parse import urlencode

    dasar = urlencode(sah, doseq=True).encode()
    batas = "----batasuji"
    multipart_rusak = (
        f'--{batas}\r\nContent-Disposition: form-data; name="uraian"\r\n\r\n'.encode()
        + b"\xff\xfe\xfd tidak utf-8 \xc3\x28"
        + f"\r\n--{batas}\r\n".encode()
        + b'Content-Disposition: form-data; name="lampiran"; filename="a\x00.pdf"\r\n'
        + b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 terpotong"
    )  # no closing boundary
    bersarang = "a" + "[0]" * 1000
    return {
        "utf8_rusak": (dasar + b"&uraian=\xff\xfe\xfd%ff%fe%c3%28&nama=\xc0\xaf", URLENCODED),
        "array_bersarang": (dasar + f"&{bersarang}=1&{'b' + '[]' * 500}=2".encode(), URLENCODED),
        "seribu_field": (dasar + b"&" + b"&".join(b"f%d=x" % i for i in range(5_000)), URLENCODED),
        "terlalu_banyak_field": (b"&".join(b"f%d=x" % i for i in range(20_000)), URLENCODED),
        "badan_3mb": (dasar + b"&uraian=" + b"A" * 3_000_000, URLENCODED),
        "multipart_rusak": (multipart_rusak, f"multipart/form-data; boundary={batas}"),
        "multipart_tanpa_batas": (b"--x\r\n\r\n", "multipart/form-data"),
        "json": (b'{"uraian": {"$ne": null}, "__proto__": {"admin": true}}', "application/json"),
        "kosong": (b"", URLENCODED),
        "field_kembar": (dasar + b"&" + b"&".join(b"uraian=%d" % i for i in range(2_000)), URLENCODED),
    }


# --- files ------------------------------------------------------------------------------------


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def _zip_bom() -> bytes:
    """A ZIP whose one member inflates from ~10 KB to 10 MB (a small zip bomb)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b"\x00" * 10_000_000)
    return out.getvalue()


PDF_MINIMAL = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def berkas_jahat() -> dict[str, list[tuple[str, bytes]]]:
    """Uploads that must be refused: name -> [(file name, bytes), ...] sent together."""
    png = _png()
    bom = _zip_bom()
    return {
        "pdf_berisi_php": [
            ("faktur.pdf", b"%PDF-1.4\n<?php system($_GET['c']); ?>\n<html><script>alert(1)</script>")
        ],
        "pdf_lalu_html": [
            ("surat.pdf", PDF_MINIMAL + b"<html><body><script>alert(1)</script></body></html>")
        ],
        "pdf_berskrip": [
            (
                "skrip.pdf",
                PDF_MINIMAL.replace(
                    b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
                ),
            )
        ],
        "html_bernama_pdf": [("bukti.pdf", b"<!doctype html><script>alert(1)</script>")],
        "php_bernama_jpg": [("foto.jpg", b"<?php echo shell_exec($_GET['c']); ?>")],
        "svg_bernama_png": [("gambar.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
        "png_terpotong": [("layar.png", png[: len(png) // 2])],
        "zip_bom_pdf": [("laporan.pdf", bom)],
        "zip_bom_docx": [("surat.docx", bom)],
        "exe": [("setup.exe", b"MZ\x90\x00" + b"\x00" * 200)],
        "kosong": [("kosong.pdf", b"")],
        "terlalu_besar": [("besar.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF\n")],
        "terlalu_banyak": [(f"foto{i}.png", png) for i in range(6)],
        "nama_jahat_isi_buruk": [("../../../etc/passwd\x00.pdf", b"bukan pdf")],
    }


def png_dengan_skrip() -> bytes:
    """A valid PNG with a script appended after its end (accepted: the image is re-encoded from
    its pixels, so the stored file never carries the payload; see pengaduan/lampiran.py)."""
    return _png() + SKRIP_MENTAH
