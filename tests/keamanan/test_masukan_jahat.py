"""Bad input never breaks the portal (issue 9): every public form and every page's query string
get hostile strings (tests/keamanan/jahat.py JAHAT), hostile request bodies and hostile files;
hypothesis adds arbitrary text and choices.

For every request: never a 500. A refused form saves nothing (no row of any model a public form
writes, no file), shows the user's input again where a browser can show it (escaped: the raw
script never comes back), and says why. An accepted one stores the text as typed (trimmed).
The number of hostile inputs tried is shown in the terminal summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.keamanan.conftest import ANGKA, klien
from tests.keamanan.jahat import (
    JAHAT,
    JAHAT_KUERI,
    SKRIP_MENTAH,
    badan_jahat,
    berkas_jahat,
    kirim,
    png_dengan_skrip,
    tampil,
)
from tests.keamanan.matriks import semua_pola

DICOBA = {"n": 0}


@pytest.fixture(scope="module", autouse=True)
def _hitung_dicoba():
    yield
    ANGKA["hostile inputs"] = f"{DICOBA['n']} requests with hostile input"


def coba(*args, **kwargs):
    DICOBA["n"] += 1
    return kirim(*args, **kwargs)


# --- the public forms -----------------------------------------------------------------------


def _kemarin() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


@dataclass
class Formulir:
    nama: str
    url: Callable[[dict], str]
    jenis: str  # the kind of user who fills it in (tests/keamanan/dunia.py)
    sah: Callable[[dict], dict]  # a payload the form accepts
    teks: tuple[str, ...]  # text fields, shown again when the form is refused
    tolak: Callable[[dict], dict]  # the payload changed so that the form refuses it
    lain: tuple[str, ...] = ()  # other fields (choices, hidden, dates) also fuzzed
    disimpan: str = ""  # the model an accepted submission adds a row to
    dibaca: Callable[[dict], str] | None = None  # reads back the stored text (accepted case)
    utama: str = ""  # the text field of the accepted case
    get: bool = False  # a search form (GET)
    catatan: list = field(default_factory=list)


def _tanpa(kunci):
    return lambda d: {k: v for k, v in d.items() if k != kunci}


def _dengan(**ganti):
    return lambda d: {**d, **ganti}


def _pengaduan_terakhir(o):
    from pengaduan.models import Pengaduan

    return Pengaduan.objects.order_by("-pk").first()


def _komentar_terakhir(o):
    from standar.models import Komentar

    return Komentar.objects.order_by("-pk").first().isi


def _cari_pengaduan(o, **filter_):
    from pengaduan.models import Pengaduan

    return Pengaduan.objects.filter(**filter_).order_by("pk").first()


def _kode(status):
    return lambda o: _cari_pengaduan(o, status=status).kode


FORMULIR = [
    Formulir(
        "daftar",
        lambda o: reverse("pelayanan:daftar"),
        "anonim",
        lambda o: {
            "nama_lengkap": "Warga Baru",
            "email": "warga.baru@contoh.example",
            "password1": "kata-sandi-yang-panjang-77",
            "password2": "kata-sandi-yang-panjang-77",
        },
        teks=("nama_lengkap", "email"),
        tolak=_dengan(password2="berbeda-sama-sekali-99"),
        lain=("password1",),
        disimpan="Pengguna",
        utama="nama_lengkap",
        dibaca=lambda o: (
            __import__("pelayanan.models", fromlist=["Pengguna"])
            .Pengguna.objects.order_by("-pk")
            .first()
            .nama_lengkap
        ),
    ),
    Formulir(
        "masuk",
        lambda o: reverse("pelayanan:login"),
        "anonim",
        lambda o: {"username": "warga@contoh.example", "password": "salah-sekali-123"},
        teks=("username",),
        tolak=lambda d: d,  # a wrong password is always refused
        lain=("password",),
    ),
    Formulir(
        "komentar",
        lambda o: reverse("standar:putaran_detail", kwargs={"pk": o["putaran_buka"].pk}),
        "warga",
        lambda o: {
            "kunci": "persyaratan",
            "item_id": "",
            "kategori": "masyarakat",
            "isi": "Mohon syaratnya dikurangi.",
        },
        teks=("isi",),
        tolak=_dengan(kategori=""),
        lain=("kunci", "item_id", "kategori", "induk"),
        disimpan="Komentar",
        utama="isi",
        dibaca=_komentar_terakhir,
    ),
    Formulir(
        "pengaduan",
        lambda o: reverse("pengaduan:ajukan") + f"?unit={o['unit_a'].slug}&bagian=biaya",
        "anonim",
        lambda o: {
            "layanan": "",
            "bagian": "biaya",
            "uraian": "Saya diminta membayar di luar tarif.",
            "tanggal_layanan": _kemarin(),
            "kerugian": "Rp 50.000",
            "permintaan": "Uang dikembalikan.",
            "mode_privasi": "publik",
            "lapor_id": "",
            "nama": "Budi Warga",
            "alamat": "Jl. Melati 2",
            "email": "budi@contoh.example",
            "telepon": "0812 3456 7890",
            "nik": "",
            "pernyataan": "on",
        },
        teks=("uraian", "kerugian", "permintaan", "nama", "alamat", "email", "telepon", "nik", "lapor_id"),
        tolak=_tanpa("pernyataan"),
        lain=("layanan", "bagian", "tanggal_layanan", "mode_privasi"),
        disimpan="Pengaduan",
        utama="uraian",
        dibaca=lambda o: _pengaduan_terakhir(o).uraian,
    ),
    Formulir(
        "lacak",
        lambda o: reverse("pengaduan:lacak"),
        "anonim",
        lambda o: {"kode": o["pengaduan_publik"].kode},
        teks=("kode",),
        tolak=lambda d: d,  # a hostile code is never a complaint's
    ),
    Formulir(
        "nilai",
        lambda o: reverse("pengaduan:lacak_nilai", kwargs={"kode": _belum_dinilai(o).kode}),
        "anonim",
        lambda o: {"skor": "4", "terselesaikan": "ya", "komentar": "Cepat ditangani."},
        teks=("komentar",),
        tolak=_tanpa("skor"),
        lain=("skor", "terselesaikan"),
        disimpan="Penilaian",
        utama="komentar",
        dibaca=lambda o: _belum_dinilai_terakhir(o),
    ),
    Formulir(
        "lengkapi",
        lambda o: reverse("pengaduan:lacak_lengkapi", kwargs={"kode": _kode("tidak_lengkap")(o)}),
        "anonim",
        lambda o: {"teks": "Kuitansi saya lampirkan."},
        teks=("teks",),
        # An executable where a file belongs: refused, the text kept.
        tolak=lambda d: {
            **d,
            "lampiran": SimpleUploadedFile("a.exe", b"MZ\x90\x00", "application/x-msdownload"),
        },
    ),
    Formulir(
        "buka_kembali",
        lambda o: reverse("pengaduan:lacak_buka_kembali", kwargs={"kode": _dapat_dibuka(o).kode}),
        "anonim",
        lambda o: {"alasan": "Uang belum dikembalikan."},
        teks=("alasan",),
        tolak=_dengan(alasan=""),
        disimpan="Riwayat",
        utama="alasan",
        dibaca=lambda o: None,
    ),
    Formulir(
        "lapor_komentar",
        lambda o: reverse("standar:komentar_laporkan", kwargs={"pk": o["komentar"].pk}),
        "warga",
        lambda o: {"alasan": "spam", "catatan": "Iklan."},
        teks=("catatan",),
        tolak=_tanpa("alasan"),
        lain=("alasan",),
    ),
    Formulir(
        "kuesioner",
        lambda o: reverse("evaluasi:kuesioner", kwargs={"kode": o["tautan"].kode}),
        "anonim",
        lambda o: {**{f"u{i}": "4" for i in range(1, 10)}, "usia": "", "saran": "Pertahankan."},
        teks=("saran",),
        tolak=_tanpa("u1"),
        lain=("u1", "u5", "usia", "jenis_kelamin", "pendidikan", "pekerjaan"),
        disimpan="JawabanSKM",
        utama="saran",
        dibaca=lambda o: (
            __import__("evaluasi.models", fromlist=["JawabanSKM"])
            .JawabanSKM.objects.order_by("-pk")
            .first()
            .saran
        ),
    ),
    Formulir(
        "reset_sandi",
        lambda o: reverse("pelayanan:password_reset"),
        "anonim",
        lambda o: {"email": "warga@contoh.example"},
        teks=("email",),
        tolak=_dengan(email="bukan-surel"),
    ),
    Formulir(
        "cari",
        lambda o: reverse("pelayanan:cari"),
        "anonim",
        lambda o: {"q": "akta"},
        teks=("q",),
        tolak=lambda d: d,
        get=True,
    ),
    Formulir(
        "verifikasi",
        lambda o: reverse("standar:verifikasi_cari"),
        "anonim",
        lambda o: {"kode": o["dokumen"].kode},
        teks=(),
        tolak=lambda d: d,
        get=True,
    ),
]
FORM = {f.nama: f for f in FORMULIR}


def _belum_dinilai(o):
    from pengaduan import penilaian
    from pengaduan.choices import STATUS_SELESAI
    from pengaduan.models import Pengaduan

    return next(
        p
        for p in Pengaduan.objects.filter(status__in=STATUS_SELESAI).order_by("pk")
        if penilaian.boleh_dinilai(p)
    )


def _belum_dinilai_terakhir(o):
    from pengaduan.models import Penilaian

    return Penilaian.objects.order_by("-pk").first().komentar


def _dapat_dibuka(o):
    from pengaduan import tenggat
    from pengaduan.choices import STATUS_SELESAI
    from pengaduan.models import Pengaduan

    hari = tenggat.hari_ini()
    return next(
        p
        for p in Pengaduan.objects.filter(status__in=STATUS_SELESAI).order_by("pk")
        if (akhir := tenggat.batas_buka_kembali(p)) is not None and hari <= akhir
    )


def _kirim_form(dunia, f: Formulir, data: dict):
    c = klien(dunia, f.jenis)
    url = f.url(dunia.o)
    if f.get:
        return coba(c, url, data, metode="get")
    return coba(c, url, data)


def _periksa_tanpa_500(h, apa: str) -> None:
    assert h.status != 500, f"{apa}: 500 {h.galat}"
    assert h.status < 500, f"{apa}: {h.status}"


@pytest.mark.django_db
@pytest.mark.parametrize("nama", [f.nama for f in FORMULIR])
def test_formulir_sah_diterima(dunia, nama):
    """The baseline: each form accepts its valid payload (so a refusal below is the hostile
    value's doing)."""
    f = FORM[nama]
    h = _kirim_form(dunia, f, f.sah(dunia.o))
    _periksa_tanpa_500(h, nama)
    if f.disimpan:
        assert h.status == 302, (nama, h.status, h.isi[:3000])
        assert h.baru.get(f.disimpan) == 1, (nama, h.baru)


@pytest.mark.django_db
@pytest.mark.parametrize("jahat", list(JAHAT))
@pytest.mark.parametrize("nama", [f.nama for f in FORMULIR if f.teks or f.lain])
def test_string_jahat_pada_formulir_yang_ditolak(dunia, nama, jahat):
    """A form made invalid (FORMULIR.tolak) with a hostile value in one field: no 500, nothing
    saved, the value shown again (escaped) where a browser can show it. (When the hostile value
    replaces the very value that made the form invalid, the form may be accepted: then it saved
    what an accepted form saves.)"""
    f = FORM[nama]
    nilai = JAHAT[jahat]
    for medan in (*f.teks, *f.lain):
        data = {**f.tolak(f.sah(dunia.o)), medan: nilai}
        h = _kirim_form(dunia, f, data)
        apa = f"{nama}.{medan}={jahat}"
        _periksa_tanpa_500(h, apa)
        assert SKRIP_MENTAH not in h.isi, f"{apa}: the script came back unescaped"
        if f.get or h.status == 302:
            continue
        assert not h.baru, f"{apa}: refused ({h.status}) but saved {h.baru}"
        assert h.status in (200, 400, 403, 404, 429), f"{apa}: {h.status} {h.lokasi}"
        if medan in f.teks and tampil(nilai) and h.status in (200, 400):
            assert escape(nilai).encode() in h.isi, f"{apa}: the input was not shown again"


@pytest.mark.django_db
@pytest.mark.parametrize("jahat", list(JAHAT))
@pytest.mark.parametrize("nama", [f.nama for f in FORMULIR if f.utama])
def test_string_jahat_pada_formulir_yang_sah(dunia, nama, jahat):
    """A valid form whose main text is hostile: refused with nothing saved, or accepted with
    the text stored as typed (trimmed, line breaks as sent)."""
    f = FORM[nama]
    nilai = JAHAT[jahat]
    h = _kirim_form(dunia, f, {**f.sah(dunia.o), f.utama: nilai})
    apa = f"{nama}.{f.utama}={jahat}"
    _periksa_tanpa_500(h, apa)
    assert SKRIP_MENTAH not in h.isi, f"{apa}: the script came back unescaped"
    if h.status == 302:
        assert h.baru.get(f.disimpan) == 1, f"{apa}: accepted but {h.baru}"
    else:
        assert not h.baru, f"{apa}: refused ({h.status}) but saved {h.baru}"
        assert h.status in (200, 400, 429), f"{apa}: {h.status}"


@pytest.mark.django_db
def test_teks_jahat_yang_diterima_tersimpan_utuh_dan_tampil_ter_escape(dunia):
    """The complaint and the comment keep a hostile (but valid) text exactly, and the pages
    that show it escape it."""
    from django.db import transaction

    from pengaduan.models import Pengaduan
    from standar.models import Komentar

    teks = "Petugas menulis <script>alert('xss')</script> & ' OR '1'='1 di \u202ekuitansi\u202c."
    f = FORM["pengaduan"]
    with transaction.atomic():
        c = klien(dunia, "anonim")
        r = c.post(f.url(dunia.o), {**f.sah(dunia.o), "uraian": teks})
        assert r.status_code == 302
        p = Pengaduan.objects.order_by("-pk").first()
        assert p.uraian == teks
        halaman = c.get(reverse("pengaduan:lacak_detail", kwargs={"kode": p.kode}))
        assert escape(teks).encode() in halaman.content
        assert SKRIP_MENTAH not in halaman.content
        transaction.set_rollback(True)
    DICOBA["n"] += 1
    f = FORM["komentar"]
    with transaction.atomic():
        c = klien(dunia, "warga")
        r = c.post(f.url(dunia.o), {**f.sah(dunia.o), "isi": teks})
        assert r.status_code == 302
        assert Komentar.objects.order_by("-pk").first().isi == teks
        halaman = c.get(f.url(dunia.o))
        assert escape(teks).encode() in halaman.content
        assert SKRIP_MENTAH not in halaman.content
        transaction.set_rollback(True)
    DICOBA["n"] += 1


@pytest.mark.django_db
@pytest.mark.parametrize("kasus", list(badan_jahat({})))
@pytest.mark.parametrize("nama", [f.nama for f in FORMULIR if not f.get])
def test_badan_permintaan_jahat(dunia, nama, kasus):
    """Invalid UTF-8, nested form arrays, thousands of fields, 3 MB, broken multipart, JSON:
    refused or ignored, never a 500, nothing saved unless the valid part was a valid form."""
    f = FORM[nama]
    mentah, jenis = badan_jahat(f.sah(dunia.o))[kasus]
    h = coba(klien(dunia, f.jenis), f.url(dunia.o), mentah=mentah, jenis_isi=jenis)
    apa = f"{nama}: {kasus}"
    _periksa_tanpa_500(h, apa)
    if h.status != 302:
        assert not h.baru, f"{apa}: refused ({h.status}) but saved {h.baru}"


# --- every page's query string and URL arguments ------------------------------------------------

# Every query parameter a view of the portal reads (grep request.GET / query_params), plus the
# API's filters and pagination.
PARAMETER = (
    "q", "next", "kode", "sha256", "instansi", "unit", "halaman", "urut", "komponen", "status",
    "terlambat", "saya", "jenis", "bagian", "layanan", "tahun", "baris", "unsur", "periode",
    "page", "page_size", "ordering", "search", "format", "kategori", "dari", "sampai", "ke",
    "slug", "nama", "lingkup", "triwulan", "semester",
)  # fmt: skip


def _halaman_get():
    """(URL key, kind of user who may open it) for every GET page outside the admin."""
    from tests.keamanan.test_matriks_akses import HARAPAN

    hasil = []
    for kunci, h in HARAPAN.items():
        if kunci.startswith("/"):
            continue
        boleh = [j for j, v in h.get.items() if v in (200, 202)]
        if boleh:
            hasil.append((kunci, "superuser" if "superuser" in boleh else boleh[0]))
    return hasil


HALAMAN = _halaman_get()


@pytest.mark.django_db
@pytest.mark.parametrize(("kunci", "jenis"), HALAMAN, ids=[k for k, _j in HALAMAN])
def test_kueri_jahat_di_setiap_halaman(dunia, kunci, jenis):
    from tests.keamanan.test_matriks_akses import url_dari

    pola = next(p for p in semua_pola() if p.kunci == kunci)
    url = url_dari(pola, dunia.o)
    c = klien(dunia, jenis)
    salah = []
    for nama, nilai in JAHAT_KUERI.items():
        h = coba(c, url, dict.fromkeys(PARAMETER, nilai), metode="get")
        if h.status >= 500:
            salah.append(f"{nama}: {h.status} {h.galat}")
    for mentah in ("q=%ff%fe%c3%28&halaman=%c0%af", "a[0][0][0][0][0]=1&" + "x=1&" * 2000, "%%%&=&==&"):
        h = coba(c, f"{url}?{mentah}", metode="get")
        if h.status >= 500:
            salah.append(f"raw {mentah[:30]}: {h.status} {h.galat}")
    assert not salah, f"{url}: " + "; ".join(salah)


def _pola_berargumen_teks():
    from tests.keamanan.test_matriks_akses import HARAPAN

    hasil = []
    for p in semua_pola():
        if p.rute.startswith("/admin/") or p.kunci not in HARAPAN:
            continue
        teks = [
            n for n, conv in p.pola.pattern.converters.items() if type(conv).__name__ == "StringConverter"
        ]
        if teks:
            hasil.append((p.kunci, teks))
    return hasil


ARG_TEKS = _pola_berargumen_teks()


@pytest.mark.django_db
@pytest.mark.parametrize(("kunci", "argumen"), ARG_TEKS, ids=[k for k, _a in ARG_TEKS])
def test_argumen_url_jahat(dunia, kunci, argumen):
    """A hostile value in a URL's text argument (a tracking code, a step's name, a format):
    a 404 or a refusal, never a 500, for the public and for the superuser."""
    from tests.keamanan.argumen import ARGUMEN
    from tests.keamanan.test_matriks_akses import HARAPAN

    salah = []
    for nama, nilai in JAHAT_KUERI.items():
        kwargs = ARGUMEN[kunci](dunia.o)
        pola = next(p for p in semua_pola() if p.kunci == kunci)
        url = pola.rute
        for n, v in kwargs.items():
            v = nilai.replace("/", "") if n in argumen else str(v)
            url = url.replace(f"<{_konverter(pola, n)}:{n}>", quote(v, safe=""))
        metode = "post" if HARAPAN[kunci].post is not None else "get"
        for jenis in ("anonim", "superuser"):
            h = coba(klien(dunia, jenis), url, {}, metode=metode)
            if h.status >= 500:
                salah.append(f"{nama} as {jenis}: {h.status} {h.galat}")
    assert not salah, f"{kunci}: " + "; ".join(salah)


def _konverter(pola, nama: str) -> str:
    import re

    m = re.search(rf"<(\w+):{nama}>", str(pola.pola.pattern))
    return m.group(1) if m else "str"


# --- uploads ---------------------------------------------------------------------------------


def _unggah(nama_berkas: list[tuple[str, bytes]]):
    return [SimpleUploadedFile(n, isi, content_type="application/octet-stream") for n, isi in nama_berkas]


PESAN_BERKAS = (
    "bukan PDF atau gambar",
    "rusak atau tidak sah",
    "skrip",
    "bukan PDF yang utuh",
    "kosong",
    "terlalu besar",
    "Paling banyak",
    "berkas",  # Django's own "no file was submitted / not a file"
)


@pytest.mark.django_db
@pytest.mark.parametrize("kasus", list(berkas_jahat()))
@pytest.mark.parametrize("nama", ["pengaduan", "lengkapi"])
def test_unggahan_jahat_ditolak(dunia, nama, kasus):
    """Polyglots, wrong extensions, zip bombs renamed .pdf/.docx, oversize, too many: the form
    is refused with a message naming the problem, and nothing is saved (no row, no file)."""
    f = FORM[nama]
    data = {**f.sah(dunia.o), "lampiran": _unggah(berkas_jahat()[kasus])}
    h = _kirim_form(dunia, f, data)
    apa = f"{nama}: {kasus}"
    _periksa_tanpa_500(h, apa)
    assert h.status == 400, f"{apa}: {h.status} {h.lokasi}"
    assert not h.baru, f"{apa}: saved {h.baru}"
    teks = h.isi.decode()
    assert any(p in teks for p in PESAN_BERKAS), f"{apa}: no message about the file"


@pytest.mark.django_db
def test_png_dengan_skrip_di_belakang_disimpan_tanpa_skripnya(dunia):
    """A PNG with a script appended is a valid image: it is accepted and stored re-encoded from
    its pixels, so the stored file does not carry the script (pengaduan/lampiran.py)."""
    from django.db import transaction

    from pengaduan.models import Lampiran

    f = FORM["pengaduan"]
    with transaction.atomic():
        c = klien(dunia, "anonim")
        berkas = SimpleUploadedFile("layar.png", png_dengan_skrip(), content_type="image/png")
        r = c.post(f.url(dunia.o), {**f.sah(dunia.o), "lampiran": [berkas]})
        assert r.status_code == 302
        lampiran = Lampiran.objects.order_by("-pk").first()
        with lampiran.berkas.open("rb") as fh:
            disimpan = fh.read()
        assert disimpan.startswith(b"\x89PNG")
        assert b"<script" not in disimpan
        transaction.set_rollback(True)
    DICOBA["n"] += 1


# --- property-based: arbitrary text and choices -----------------------------------------------

TEKS = st.text(st.characters(codec="utf-8"), max_size=300)
PILIHAN = st.one_of(st.sampled_from(["", "1", "4", "5", "0", "6", "-1", "x", "ya", "tidak"]), TEKS)
HIPOTESIS = hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def _konsisten(f: Formulir, h, apa: str) -> None:
    _periksa_tanpa_500(h, apa)
    assert SKRIP_MENTAH not in h.isi
    if h.status == 302 and f.disimpan:
        assert h.baru.get(f.disimpan) == 1, f"{apa}: accepted but {h.baru}"
    elif h.status != 302:
        assert not h.baru, f"{apa}: refused ({h.status}) but saved {h.baru}"


@pytest.mark.django_db
@HIPOTESIS
@given(uraian=TEKS, permintaan=TEKS, nama=TEKS, alamat=TEKS, telepon=TEKS, mode=PILIHAN, tanggal=TEKS)
def test_hipotesis_pengaduan(dunia, uraian, permintaan, nama, alamat, telepon, mode, tanggal):
    f = FORM["pengaduan"]
    data = {
        **f.sah(dunia.o),
        "uraian": uraian,
        "permintaan": permintaan,
        "nama": nama,
        "alamat": alamat,
        "telepon": telepon,
        "mode_privasi": mode,
        "tanggal_layanan": tanggal,
    }
    h = _kirim_form(dunia, f, data)
    _konsisten(f, h, f"pengaduan {data!r}"[:300])


@pytest.mark.django_db
@HIPOTESIS
@given(isi=TEKS, kunci=PILIHAN, kategori=PILIHAN, item=PILIHAN, induk=PILIHAN)
def test_hipotesis_komentar(dunia, isi, kunci, kategori, item, induk):
    f = FORM["komentar"]
    data = {**f.sah(dunia.o), "isi": isi, "kategori": kategori, "item_id": item, "induk": induk}
    if kunci:
        data["kunci"] = kunci
    h = _kirim_form(dunia, f, data)
    _konsisten(f, h, f"komentar {data!r}"[:300])


@pytest.mark.django_db
@HIPOTESIS
@given(jawaban=st.lists(PILIHAN, min_size=9, max_size=9), saran=TEKS, usia=PILIHAN)
def test_hipotesis_kuesioner(dunia, jawaban, saran, usia):
    f = FORM["kuesioner"]
    data = {**{f"u{i}": j for i, j in enumerate(jawaban, start=1)}, "saran": saran, "usia": usia}
    h = _kirim_form(dunia, f, data)
    _konsisten(f, h, f"kuesioner {data!r}"[:300])


@pytest.mark.django_db
@HIPOTESIS
@given(teks=TEKS, skor=PILIHAN, terselesaikan=PILIHAN)
def test_hipotesis_lacak_dan_nilai(dunia, teks, skor, terselesaikan):
    h = _kirim_form(dunia, FORM["lacak"], {"kode": teks})
    _periksa_tanpa_500(h, f"lacak {teks!r}")
    assert not h.baru
    f = FORM["nilai"]
    h = _kirim_form(dunia, f, {"skor": skor, "terselesaikan": terselesaikan, "komentar": teks})
    _konsisten(f, h, f"nilai {skor!r} {terselesaikan!r}")


@pytest.mark.django_db
@HIPOTESIS
@given(q=TEKS, nama=TEKS, email=TEKS)
def test_hipotesis_cari_daftar_masuk(dunia, q, nama, email):
    h = _kirim_form(dunia, FORM["cari"], {"q": q})
    _periksa_tanpa_500(h, f"cari {q!r}")
    f = FORM["daftar"]
    h = _kirim_form(dunia, f, {**f.sah(dunia.o), "nama_lengkap": nama, "email": email})
    _konsisten(f, h, f"daftar {nama!r} {email!r}")
    h = _kirim_form(dunia, FORM["masuk"], {"username": email, "password": q})
    _periksa_tanpa_500(h, f"masuk {email!r}")


# --- staff uploads: the Excel import of standards, the SKM answers' CSV import ----------------


def _impor_standar(o):
    return reverse("standar:impor", kwargs={"unit": o["unit_a"].slug})


def _impor_skm(o):
    from evaluasi.choices import StatusPeriode
    from evaluasi.models import PeriodeSKM

    periode = PeriodeSKM.objects.get(unit=o["unit_a"], status=StatusPeriode.BERJALAN)
    return reverse("evaluasi:impor", kwargs={"pk": periode.pk})


def _berkas_impor() -> dict[str, tuple[str, bytes]]:
    from tests.keamanan.jahat import PDF_MINIMAL, _zip_bom

    return {
        "zip_bom_xlsx": ("standar.xlsx", _zip_bom()),
        "pdf_bernama_xlsx": ("standar.xlsx", PDF_MINIMAL),
        "acak": ("data.csv", bytes(range(256)) * 50),
        "utf8_rusak": ("data.csv", b"layanan,u1\n\xff\xfe\xc3\x28,4\n"),
        "null": ("data.csv", b"layanan,u1,u2\x00\n\x00,\x00,4\n"),
        "rumus": ("data.csv", b"layanan,u1,saran\n=cmd|' /C calc'!A0,4,=HYPERLINK(\"http://x\")\n"),
        "kosong": ("data.csv", b""),
        "baris_banyak": ("data.csv", b"u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + b"4,4,4,4,4,4,4,4,4\n" * 60_000),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kasus", list(_berkas_impor()))
@pytest.mark.parametrize("tujuan", ["standar", "skm"])
def test_unggahan_jahat_staf(dunia, tujuan, kasus):
    """The unit admin's imports take hostile files without a 500; what they refuse saves
    nothing (a file of valid answers may be taken: then it saved answers, nothing else)."""
    nama, isi = _berkas_impor()[kasus]
    url = (_impor_standar if tujuan == "standar" else _impor_skm)(dunia.o)
    h = coba(klien(dunia, "admin_a"), url, {"berkas": SimpleUploadedFile(nama, isi)})
    apa = f"{tujuan}: {kasus}"
    _periksa_tanpa_500(h, apa)
    if h.status == 302:
        assert set(h.baru) <= {"JawabanSKM", "JejakAudit"}, f"{apa}: {h.baru}"
    else:
        assert not h.baru, f"{apa}: refused ({h.status}) but saved {h.baru}"


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [("12", 12), (" 7 ", 7), ("0", 0), ("²³¹", None), ("٣", None), ("-1", None), ("1e3", None),
     ("9" * 400, None), ("2147483648", None), ("2147483647", 2147483647), ("", None), (None, None)],
)  # fmt: skip
def test_bilangan_hanya_angka_ascii_dalam_batas(teks, hasil):
    from pelayanan.masukan import bilangan

    assert bilangan(teks) == hasil


@pytest.mark.django_db
def test_nul_di_url_ditolak_400_html_atau_json(dunia):
    """A NUL in a URL is refused before any view reads it: the standard 400 page, or the API's
    JSON error under /api/v1/."""
    c = klien(dunia, "anonim")
    for url in ("/cari/?q=a%00b", "/skm/ab%00cd/", "/layanan/?q=%00"):
        r = c.get(url)
        assert r.status_code == 400, url
        assert r["Content-Type"].startswith("text/html"), url
    r = c.get("/api/v1/standar/?q=%00&unit=")
    assert r.status_code == 400
    assert r["Content-Type"] == "application/json"
    assert list(r.json()) == ["q"]
    assert "NUL" in r.json()["q"][0]
    assert c.get("/api/v1/unit/?%00=1").json() == {"detail": [r.json()["q"][0]]}
    r = c.get("/api/v1/versi/1%00/")
    assert r.status_code == 404
    assert r["Content-Type"] == "application/json"
