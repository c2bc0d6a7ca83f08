"""Access matrix (issue 9): every URL of the project x every kind of user -> expected outcome.

Generated from the URL configuration: a URL that is not in HARAPAN fails the test with its
name, and so does an entry of HARAPAN that no longer names a URL. Every URL is filled with an
object of unit A or of its instansi (tests/keamanan/argumen.py), so the columns of unit B's
admin and of the other instansi's Pembina are the object-level checks: guessing another
unit's ids gives 403 or 404. Beyond the status, no response to anyone contains a secret of
unit A they may not see (tests/keamanan/dunia.py RAHASIA), and a refused request writes no
audit entry (every state change writes one).

Each URL is requested with GET by every kind of user; URLs whose GET is 405 are also requested
with POST (their own row). Every URL a user may not GET is POSTed by that user too: refused as
well, nothing written. The Django admin is one group (ADMIN below): only the superuser gets in.

The world (the demo data plus unit A's marked objects) is built once for the module in a
transaction that is rolled back at its end; each request runs in a savepoint rolled back after
it, so a POST that succeeds changes nothing for the next one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.keamanan import dunia as dunia_mod
from tests.keamanan.argumen import ARGUMEN
from tests.keamanan.conftest import ANGKA, klien
from tests.keamanan.matriks import LOGIN, PINDAH, minta, semua_pola, url_admin

JENIS = dunia_mod.JENIS
BERAKUN = frozenset(JENIS) - {"anonim"}
STAF = BERAKUN - {"warga"}
# Who may act on unit A's objects, by the policy actions of pelayanan/policy.py.
SUSUN = frozenset({"admin_a", "superuser"})  # standar.susun, maklumat.susun, standar.impor
KELOLA = frozenset({"admin_a", "kepala_a", "superuser"})  # unit profile, services, SKM, settings
TETAPKAN = frozenset({"kepala_a", "superuser"})  # standar.tetapkan, maklumat.tetapkan
LIHAT = frozenset({"admin_a", "kepala_a", "pj", "pembina", "evaluator", "superuser"})  # drafts, SKM,
# compliance, PEKPPP, recommendations (standar.lihat_draf, skm.pantau, kepatuhan/pekppp/rekomendasi.lihat)
PANTAU_UNIT = LIHAT | {"pengelola_a"}  # unit.pantau
PENGADUAN = frozenset({"admin_a", "kepala_a", "pengelola_a", "pj", "pembina", "superuser"})
TANGANI = frozenset({"admin_a", "kepala_a", "pengelola_a", "superuser"})  # handle, see identity
KOTAK = PENGADUAN | {"admin_b", "pembina_lain"}  # a complaint inbox of one's own scope
PANTAU_INSTANSI = frozenset({"pj", "pembina", "evaluator", "superuser"})  # instansi.pantau, laporan.lihat
MODERASI = frozenset({"moderator", "superuser"})
EVALUATOR = frozenset({"evaluator", "superuser"})  # pekppp.nilai
PEMBINA_INSTANSI = frozenset({"pj", "pembina", "pembina_lain", "evaluator"})  # go to their instansi
TOLAK = frozenset({LOGIN, 403, 404, 405})


def semua(nilai) -> dict:
    return dict.fromkeys(JENIS, nilai)


def publik() -> dict:
    return semua(200)


def akun(nilai=200, *, anonim=LOGIN) -> dict:
    """Any signed-in user; the anonymous visitor is sent to the login page."""
    return {**semua(nilai), "anonim": anonim}


def izin(boleh, *, ya=200, tidak=403, anonim=LOGIN, **khusus) -> dict:
    """`ya` for the kinds in `boleh`, `tidak` for the others, `anonim` for the visitor."""
    baris = {j: (ya if j in boleh else tidak) for j in JENIS}
    return {**baris, "anonim": anonim, **khusus}


def tamu() -> dict:
    """Pages for visitors without an account (login, registration): the signed-in move on."""
    return {**semua(PINDAH), "anonim": 200}


@dataclass(frozen=True)
class H:
    """Expected outcomes of one URL: GET by every kind, and POST (with `data`) where given."""

    get: dict
    post: dict | None = None
    data: dict | None = None


HARAPAN: dict[str, H] = {
    # --- core pages and accounts ---
    "pelayanan:beranda": H(publik()),
    "pelayanan:cari": H(publik()),
    "pelayanan:instansi_list": H(publik()),
    "pelayanan:instansi_detail": H(publik()),
    "pelayanan:unit_profil": H(publik()),
    "pelayanan:login": H(tamu()),
    "pelayanan:logout": H(semua(405), post=semua(PINDAH)),
    "pelayanan:daftar": H(tamu()),
    "pelayanan:konfirmasi_email": H(semua(400)),  # a token that is not valid
    "pelayanan:kirim_ulang_konfirmasi": H(akun(405), post=akun(PINDAH)),
    "pelayanan:akun_saya": H(akun()),
    "pelayanan:notifikasi": H(akun()),
    "pelayanan:unduh_data": H(akun(405), post=akun(200)),  # one's own data only
    "pelayanan:hapus_akun": H(akun()),
    "pelayanan:dua_langkah": H(akun(PINDAH)),  # nobody owes a code here: back to the start
    "pelayanan:dua_langkah_daftar": H(izin(STAF)),  # staff accounts only
    "pelayanan:dua_langkah_nonaktifkan": H(akun(405), post=akun(PINDAH)),
    "pelayanan:password_change": H(akun()),
    "pelayanan:password_reset": H(publik()),
    "pelayanan:password_reset_done": H(publik()),
    "pelayanan:password_reset_confirm": H(publik()),  # an invalid link: the page says so
    "pelayanan:password_reset_complete": H(publik()),
    "pelayanan:ruang_kerja": H(akun()),
    "pelayanan:unit_ubah": H(izin(KELOLA)),
    "pelayanan:layanan_tambah": H(izin(KELOLA)),
    "pelayanan:layanan_ubah": H(izin(KELOLA)),
    # --- standards: public ---
    "standar:katalog": H(publik()),
    "standar:layanan_detail": H(publik()),
    "standar:versi_detail": H(publik()),
    "standar:versi_diff": H(publik()),
    # --- standards: staff (a draft of unit A, its published version, its services) ---
    "standar:staf_unit_standar": H(izin(LIHAT)),
    "standar:staf_draf_baru": H(izin(SUSUN, ya=405), post=izin(SUSUN, ya=PINDAH)),
    "standar:staf_salin": H(izin(SUSUN)),
    "standar:staf_versi": H(izin(LIHAT)),
    "standar:staf_versi_ubah_semua": H(izin(SUSUN)),
    "standar:staf_komponen_ubah": H(izin(SUSUN)),
    "standar:staf_transisi": H(izin(LIHAT, ya=405), post=izin(SUSUN, ya=PINDAH)),
    "standar:staf_evaluasi": H(izin(KELOLA, ya=405), post=izin(KELOLA, ya=400)),  # empty form
    # --- public consultation ---
    "standar:konsultasi_daftar": H(publik()),
    "standar:putaran_detail": H(publik()),
    "standar:berita_acara": H(publik()),
    "standar:komentar_setuju": H(semua(405), post=akun(PINDAH)),
    "standar:komentar_laporkan": H(publik()),
    "standar:komentar_saya": H(akun()),
    "standar:putaran_buka": H(izin(SUSUN)),
    "standar:putaran_kelola": H(izin(LIHAT)),
    "standar:putaran_perpanjang": H(izin(SUSUN, ya=405), post=izin(SUSUN, ya=PINDAH)),
    "standar:fkp_baru": H(izin(SUSUN)),
    "standar:fkp_detail": H(izin(LIHAT)),
    "standar:komentar_jawab": H(izin(SUSUN, ya=405), post=izin(SUSUN, ya=PINDAH)),
    "standar:moderasi": H(izin(MODERASI)),
    "standar:komentar_sembunyikan": H(izin(MODERASI, ya=405), post=izin(MODERASI, ya=PINDAH)),
    # --- maklumat ---
    "standar:maklumat_daftar": H(izin(PANTAU_UNIT)),
    "standar:maklumat_baru": H(izin(SUSUN)),
    "standar:maklumat_ubah": H(izin(PANTAU_UNIT)),  # read-only for those who may not edit
    "standar:maklumat_langkah": H(semua(405), post=izin(TETAPKAN, ya=PINDAH)),
    # --- official PDFs: the world's are not rendered yet (on_commit never runs in a test
    # transaction), so every download answers 202 "being prepared" ---
    "standar:versi_pdf": H(semua(202)),
    "standar:poster_pdf": H(semua(202)),
    "standar:berita_acara_pdf": H(semua(202)),
    "standar:verifikasi_cari": H(publik()),
    "standar:verifikasi": H(publik()),
    # --- exports and the import of standards ---
    "standar:unduh_katalog": H(publik()),
    "standar:unduh_unit_standar": H(publik()),
    "standar:unduh_unit_sippn": H(publik()),
    "standar:impor": H(izin(SUSUN)),
    "standar:impor_templat": H(izin(SUSUN)),
    "standar:impor_konfirmasi": H(izin(SUSUN, ya=405), post=izin(SUSUN, ya=PINDAH)),
    # --- complaints: public (the tracking code is the complainant's key) ---
    "pengaduan:beranda": H(publik()),
    "pengaduan:ajukan": H(publik()),
    "pengaduan:lacak": H(publik()),
    "pengaduan:lacak_detail": H(publik()),
    "pengaduan:lacak_lengkapi": H(semua(405), post=semua(400)),  # empty form
    "pengaduan:lacak_nilai": H(semua(405), post=semua(400)),
    "pengaduan:lacak_buka_kembali": H(semua(405), post=semua(400)),
    "pengaduan:lacak_lampiran": H(publik()),
    "pengaduan:tanda_terima": H(publik()),
    "pengaduan:tanda_terima_pdf": H(publik()),
    "pengaduan:daftar_publik": H(publik()),
    "pengaduan:statistik_unit": H(publik()),
    "pengaduan:statistik_instansi": H(publik()),
    # --- complaints: staff (a "rahasia" complaint of unit A with its attachment) ---
    "pengaduan:staf_kotak": H(izin(KOTAK)),
    "pengaduan:staf_terlambat": H(izin(KOTAK)),
    "pengaduan:staf_detail": H(izin(PENGADUAN)),
    "pengaduan:staf_identitas": H(akun(405), post=izin(TANGANI)),
    "pengaduan:staf_langkah": H(akun(405), post=izin(TANGANI, ya=PINDAH)),
    "pengaduan:staf_tugaskan": H(akun(405), post=izin(TANGANI, ya=PINDAH), data={"ambil": "1"}),
    "pengaduan:staf_tanggapan": H(
        akun(405), post=izin(TANGANI, ya=PINDAH), data={"teks": "Tanggapan uji matriks."}
    ),
    "pengaduan:staf_catatan": H(
        akun(405), post=izin(PENGADUAN, ya=PINDAH), data={"teks": "Catatan uji matriks."}
    ),
    "pengaduan:staf_lampiran": H(izin(PENGADUAN)),
    "pengaduan:staf_pengaturan": H(izin(KELOLA)),
    # --- SKM: public ---
    "evaluasi:kuesioner": H(publik()),
    "evaluasi:terima_kasih": H(publik()),
    "evaluasi:hasil_list": H(publik()),
    "evaluasi:hasil": H(publik()),
    # --- SKM: staff (unit A's published period) ---
    "evaluasi:unit": H(izin(LIHAT)),
    "evaluasi:periode_baru": H(izin(KELOLA)),
    "evaluasi:qr": H(izin(KELOLA)),
    "evaluasi:periode": H(izin(LIHAT)),
    "evaluasi:periode_ubah": H(izin(KELOLA)),
    "evaluasi:periode_langkah": H(semua(405), post=izin(KELOLA, ya=PINDAH, anonim=403)),
    # A finished period takes no more answers: back to its page.
    "evaluasi:kertas": H(izin(KELOLA, ya=PINDAH)),
    "evaluasi:impor": H(izin(KELOLA, ya=PINDAH)),
    "evaluasi:impor_contoh": H(izin(KELOLA, anonim=403)),
    "evaluasi:tindak_lanjut": H(izin(LIHAT)),
    "evaluasi:rtl_ubah": H(semua(405), post=izin(KELOLA, ya=PINDAH, anonim=403)),
    # --- PEKPPP (unit A's final assessment) ---
    "evaluasi:pekppp_beranda": H(izin(PEMBINA_INSTANSI, ya=PINDAH, superuser=200)),
    "evaluasi:pekppp_list": H(izin(PANTAU_INSTANSI)),
    "evaluasi:pekppp_mulai": H(semua(405), post=izin(EVALUATOR, ya=PINDAH, anonim=403)),
    "evaluasi:pekppp": H(izin(LIHAT)),
    "evaluasi:pekppp_final": H(semua(405), post=izin(EVALUATOR, ya=PINDAH, anonim=403)),
    "evaluasi:pekppp_bukti": H(izin(LIHAT)),
    # --- Pembina dashboard, compliance, recommendations ---
    "evaluasi:dasbor_saya": H(izin(PEMBINA_INSTANSI, ya=PINDAH, superuser=200)),
    "evaluasi:dasbor": H(izin(PANTAU_INSTANSI)),
    "evaluasi:dasbor_unit": H(izin(PANTAU_INSTANSI)),
    "evaluasi:dasbor_ekspor": H(izin(PANTAU_INSTANSI)),
    # A unit's staff go to their unit's list; the Pembina's side is the dashboard.
    "evaluasi:rekomendasi_saya": H(izin({"admin_a", "admin_b", "kepala_a"}, ya=PINDAH, superuser=200)),
    "evaluasi:rekomendasi_unit": H(izin(LIHAT)),
    "evaluasi:kepatuhan_unit": H(izin(LIHAT)),
    "evaluasi:rekomendasi_ubah": H(izin(LIHAT)),
    # --- compiled reports (the instansi's finished, submitted and reviewed report) ---
    "evaluasi:laporan_list": H(izin(PANTAU_INSTANSI)),
    "evaluasi:laporan": H(izin(PANTAU_INSTANSI)),
    "evaluasi:laporan_status": H(izin(PANTAU_INSTANSI, anonim=403)),  # JSON for the page's script
    "evaluasi:laporan_ulang": H(semua(405), post=izin({"pj", "pembina", "superuser"}, ya=PINDAH)),
    "evaluasi:laporan_unduh": H(izin(PANTAU_INSTANSI)),
    # Already submitted and reviewed: the step is refused with a message (400).
    "evaluasi:laporan_ajukan": H(semua(405), post=izin({"pj", "superuser"}, ya=400)),
    "evaluasi:laporan_tinjau": H(semua(405), post=izin({"pembina", "superuser"}, ya=400)),
    # --- open-data API: read-only and public (format suffixes included) ---
    "api:schema": H(publik()),
    "api:docs": H(publik()),
    "api:statistik_pengaduan": H(publik()),
    "api:api-root": H(publik()),
    **{
        f"api:{sumber}-{jenis}": H(publik())
        for sumber in (
            "komponen",
            "instansi",
            "unit",
            "layanan",
            "standar",
            "versi",
            "maklumat",
            "konsultasi",
            "skm",
        )
        for jenis in ("list", "detail")
    },
    "/api/v1/^": H(semua(404)),  # anything else under /api/v1/: a JSON 404
    "set_language": H(semua(PINDAH)),  # a GET changes nothing and goes back
}

# The Django admin, one group: nobody but the superuser gets past its login page. The
# superuser's own outcome depends on the model's admin (read-only models refuse "add" and
# "delete" with 403; an empty table sends its object pages back to the list), so it is a set.
MASUK_ADMIN = frozenset({200, 403, PINDAH})
ADMIN_KHUSUS = {
    "admin:login": H({**semua(200), "superuser": PINDAH}),
    "admin:logout": H({**semua(PINDAH), "superuser": 405}, post=semua(PINDAH)),
}
ADMIN_AKHIRAN = (
    "_changelist",
    "_add",
    "_history",
    "_delete",
    "_change",
    "_config",
    "_qrcode",
    "index",
    "password_change",
    "password_change_done",
    "autocomplete",
    "jsi18n",
    "app_list",
    "view_on_site",
)


def harapan(kunci: str, rute: str) -> H | None:
    """The expected outcomes of a URL key, or None when the matrix does not know it."""
    if kunci in HARAPAN:
        return HARAPAN[kunci]
    if kunci in ADMIN_KHUSUS:
        return ADMIN_KHUSUS[kunci]
    if kunci.startswith("admin:") and kunci.endswith(ADMIN_AKHIRAN):
        return H({**semua(LOGIN), "superuser": MASUK_ADMIN})
    if rute.startswith("/admin/") and rute.endswith("/<path:object_id>/"):
        return H({**semua(LOGIN), "superuser": PINDAH})  # an object's bare URL: on to its change page
    if rute == "/admin/(?P<url>.*)$":
        return H({**semua(LOGIN), "superuser": 404})  # the admin's catch-all
    return None


POLA = semua_pola()
KUNCI = list(dict.fromkeys(p.kunci for p in POLA))


def test_setiap_url_ada_di_matriks():
    """A new URL must be added to HARAPAN (with its arguments in argumen.py when it has
    any); a removed one must leave it."""
    tanpa = [f"{p.kunci} ({p.rute})" for p in POLA if harapan(p.kunci, p.rute) is None]
    assert not tanpa, "URL tanpa baris di matriks akses (tests/keamanan/test_matriks_akses.py HARAPAN): " + (
        ", ".join(tanpa)
    )
    tanpa_argumen = [
        p.kunci
        for p in POLA
        if set(p.argumen) - {"format"}
        and not p.rute.startswith("/admin/")
        and p.pola.name
        and p.kunci not in ARGUMEN
    ]
    assert not tanpa_argumen, f"URL tanpa argumen di tests/keamanan/argumen.py: {tanpa_argumen}"
    usang = sorted((set(HARAPAN) | set(ARGUMEN) | set(ADMIN_KHUSUS)) - set(KUNCI))
    assert not usang, f"baris matriks untuk URL yang sudah tidak ada: {usang}"


def test_setiap_baris_lengkap_dan_post_bila_get_405():
    for kunci, h in HARAPAN.items():
        for baris in (h.get, h.post):
            if baris is not None:
                assert set(baris) == set(JENIS), kunci
        if 405 in h.get.values():
            assert h.post is not None, f"{kunci}: GET 405 needs a POST row"


def url_dari(pola, o) -> str:
    if pola.rute.startswith("/admin/"):
        return url_admin(pola, o)
    if not pola.pola.name:
        return "/api/v1/tidak-ada/"
    args = pola.argumen
    kwargs = ARGUMEN[pola.kunci](o) if set(args) - {"format"} else {}
    if "format" in args:
        kwargs.setdefault("format", "json")  # the API's suffix patterns
    return reverse(pola.kunci, kwargs=kwargs)


def _cocok(harap, nyata) -> bool:
    return nyata in harap if isinstance(harap, frozenset) else nyata == harap


def _bocor(jenis: str, metode: str, isi: bytes) -> list[str]:
    rahasia = dunia_mod.RAHASIA_GET if metode == "get" else dunia_mod.RAHASIA
    return [s for s, boleh in rahasia.items() if jenis not in boleh and s.encode() in isi]


@pytest.mark.django_db
@pytest.mark.parametrize("kunci", KUNCI)
def test_matriks(dunia, kunci, statistik):
    h = harapan(kunci, next(p.rute for p in POLA if p.kunci == kunci))
    assert h is not None, f"{kunci} is not in the matrix"
    salah = []
    for pola in (p for p in POLA if p.kunci == kunci):
        url = url_dari(pola, dunia.o)
        for metode, baris in (("get", h.get), ("post", h.post)):
            if baris is None:
                continue
            for jenis in JENIS:
                j = minta(klien(dunia, jenis), metode, url, h.data)
                statistik["sel"] += 1
                if not _cocok(baris[jenis], j.hasil):
                    salah.append(f"{metode.upper()} {url} as {jenis}: expected {baris[jenis]}, got {j.hasil}")
                if bocor := _bocor(jenis, metode, j.isi):
                    salah.append(f"{metode.upper()} {url} as {jenis}: LEAKS {bocor}")
                if j.hasil in TOLAK and j.jejak_baru:
                    salah.append(
                        f"{metode.upper()} {url} as {jenis}: refused but wrote {j.jejak_baru} audit entries"
                    )
        # Whoever may not GET it may not POST to it either, and nothing is written.
        if h.post is None:
            for jenis in JENIS:
                if h.get[jenis] in (LOGIN, 403, 404):
                    j = minta(klien(dunia, jenis), "post", url, h.data)
                    statistik["sel"] += 1
                    if j.hasil not in TOLAK or j.jejak_baru:
                        salah.append(
                            f"POST {url} as {jenis}: expected a refusal, got {j.hasil} ({j.jejak_baru} audit)"
                        )
                    if bocor := _bocor(jenis, "post", j.isi):
                        salah.append(f"POST {url} as {jenis}: LEAKS {bocor}")
    assert not salah, "\n".join(salah)


@pytest.fixture(scope="module")
def statistik(dunia):
    """Counts the matrix's requests; shown in the terminal summary (tests/keamanan/conftest.py)."""
    stat = {"sel": 0, "mulai": time.monotonic()}
    yield stat
    ANGKA["access matrix"] = (
        f"{len(KUNCI)} URL keys ({len(POLA)} patterns) x {len(JENIS)} kinds of user; "
        f"{stat['sel']} requests in {time.monotonic() - stat['mulai']:.1f}s "
        f"(world built in {dunia.detik_bangun:.1f}s)"
    )


# --- object-level checks, stated directly ---------------------------------------------------

# URL keys whose arguments are objects of unit A (or its instansi) and that some signed-in
# user is refused: the ones where scope matters.
OBJEK_UNIT_A = sorted(
    k
    for k in ARGUMEN
    if k in HARAPAN and any(403 in (baris or {}).values() for baris in (HARAPAN[k].get, HARAPAN[k].post))
)


def test_admin_unit_b_tidak_pernah_diizinkan_pada_objek_unit_a():
    """The table itself: unit B's admin is refused every non-public object of unit A (standards,
    versions, rounds, complaints and their attachments, SKM periods, follow-ups, PEKPPP and its
    evidence, reports and their files, recommendations), and so is the other instansi's
    Pembina. Nobody can loosen the matrix for them without this failing."""
    for jenis in ("admin_b", "pembina_lain"):
        longgar = []
        for kunci in OBJEK_UNIT_A:
            h = HARAPAN[kunci]
            if h.get[jenis] not in TOLAK:
                longgar.append(f"GET {kunci}: {h.get[jenis]}")
            if h.post is not None and h.post[jenis] not in (403, 404):
                longgar.append(f"POST {kunci}: {h.post[jenis]}")
        assert not longgar, f"{jenis}: {longgar}"


@pytest.mark.django_db
def test_admin_unit_b_dilayani_pada_objek_unit_b_sendiri(dunia):
    """The refusals above are about scope, not about the account: unit B's admin reaches the
    same pages for unit B's own objects."""
    o = dunia.o
    urls = [
        reverse("pengaduan:staf_detail", kwargs={"pk": o["pengaduan_b"].pk}),
        reverse("evaluasi:periode", kwargs={"pk": o["periode_b"].pk}),
        reverse("evaluasi:rekomendasi_ubah", kwargs={"pk": o["rekomendasi_b"].pk}),
        reverse("standar:staf_unit_standar", kwargs={"unit": o["unit_b"].slug}),
        reverse("pengaduan:staf_pengaturan", kwargs={"slug": o["unit_b"].slug}),
        reverse("evaluasi:kepatuhan_unit", kwargs={"unit": o["unit_b"].slug}),
    ]
    for url in urls:
        assert minta(klien(dunia, "admin_b"), "get", url).hasil == 200, url
        assert minta(klien(dunia, "admin_a"), "get", url).hasil == 403, url


@pytest.mark.django_db
def test_menebak_id_yang_tidak_ada_memberi_404_bukan_500(dunia):
    """Guessing past the end of the tables: a clean refusal (404, or 403 where the parent
    object is already refused), never a 500."""
    urls = [
        reverse("pengaduan:staf_detail", kwargs={"pk": 987654}),
        reverse("pengaduan:staf_lampiran", kwargs={"pk": dunia.o["pengaduan"].pk, "lampiran_pk": 987654}),
        reverse("standar:staf_versi", kwargs={"pk": 987654}),
        reverse("evaluasi:periode", kwargs={"pk": 987654}),
        reverse("evaluasi:pekppp", kwargs={"pk": 987654}),
        reverse("evaluasi:pekppp_bukti", kwargs={"pk": 987654}),
        reverse("evaluasi:laporan", kwargs={"pk": 987654}),
        reverse("evaluasi:laporan_unduh", kwargs={"pk": 987654, "format": "pdf"}),
        reverse("evaluasi:rekomendasi_ubah", kwargs={"pk": 987654}),
        reverse("evaluasi:hasil", kwargs={"pk": 987654}),
        reverse("standar:putaran_detail", kwargs={"pk": 987654}),
        reverse("pengaduan:lacak_detail", kwargs={"kode": "ADU-XXXXX-XXXXX"}),
    ]
    for url in urls:
        for jenis in ("admin_b", "superuser", "anonim"):
            j = minta(klien(dunia, jenis), "get", url)
            assert j.hasil in (404, LOGIN) or (jenis == "admin_b" and j.hasil == 403), (url, jenis, j.hasil)
