"""Official PDFs: the published standard, posters and berita acara, rendered once (in a
task), stored, verifiable by QR code and hash, stamped when superseded or revoked."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.exceptions import Retry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pelayanan import pdf
from pelayanan.celery import app
from standar import dokumen, isi, komponen, services
from standar.models import DokumenPDF, JenisDokumen, RiwayatBerkas, StatusDokumen
from standar.tasks import dokumen_render as dokumen_render_task
from tests.conftest import need, note_service
from tests.standar.helpers import buka_putaran, isi_lengkap, sampai, standar_terbit, tutup_putaran

SK = "100.3.3/77/Disdukcapil/2026"
BIAYA = {
    "gratis": False,
    "items": [
        {"uraian": "Retribusi cetak ulang", "jumlah": 1250000, "dasar_hukum": "Perda Nomor 1 Tahun 2024"}
    ],
}
BERBAHAYA = (
    '<img src="file:///etc/passwd"> <b>tebal</b> '
    '<link rel="stylesheet" href="http://example.com/y.css"> '
    "background: url(http://example.com/x.png); @import url(https://example.com/z.css);"
)


# --- helpers ------------------------------------------------------------------------------


def render(versi, jenis=JenisDokumen.STANDAR) -> DokumenPDF:
    """Render one document of a version through the service (as the task does)."""
    d = dokumen._pastikan(jenis, versi=versi)
    dokumen.dokumen_render(d)
    d.refresh_from_db()
    return d


def isi_berkas(d: DokumenPDF) -> bytes:
    with default_storage.open(d.berkas.name, "rb") as fh:
        return fh.read()


def teks_pdf(data: bytes) -> str:
    """The PDF's text with whitespace collapsed (lines wrap anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def fragmen(k: komponen.Komponen, data: dict) -> list[str]:
    """What the PDF must say for one component: every value of every item (choices by their
    label, amounts in rupiah, durations with their unit), notes and text lines."""
    jenis = k.jenis
    out: list[str] = []
    if isinstance(jenis, isi.Durasi):
        return [f"{data['jumlah']} {isi.SATUAN_WAKTU[data['satuan']]}"]
    if isinstance(jenis, isi.Biaya):
        if data.get("gratis"):
            return ["Gratis"]
        for item in data["items"]:
            out += [item["uraian"], isi.rupiah(item["jumlah"]), item["dasar_hukum"]]
        return out
    if isinstance(jenis, isi.JumlahPelaksana):
        out.append(f"{data['jumlah']} orang")
        for item in data.get("rincian") or []:
            out += [item["peran"], f"{item['jumlah']} orang"]
        return out
    if isinstance(jenis, isi.Teks):
        out += [line.strip() for line in data["teks"].splitlines() if line.strip()]
        if data.get("periode_bulan"):
            out.append(str(isi.PERIODE_EVALUASI[data["periode_bulan"]]))
        return out
    for item in jenis.items(data):
        for f in jenis.fields:
            value = item.get(f.name)
            if value in (None, "", False) or f.kind == "bool":
                continue
            if f.name == "durasi_satuan":
                out.append(f"{item['durasi_jumlah']} {isi.SATUAN_WAKTU[value]}")
            elif f.choices is not None:
                out.append(str(f.choices[value]))
            elif f.name != "durasi_jumlah":
                out.append(str(value))
    if data.get("catatan"):
        out.append(data["catatan"])
    return out


def png_halaman(data: bytes, tmp_path, halaman: int = 1, dpi: int = 150):
    need(shutil.which("pdftoppm") is not None, "needs pdftoppm (poppler-utils; `make test` installs it)")
    from PIL import Image

    (tmp_path / "dok.pdf").write_bytes(data)
    prefix = tmp_path / "hal"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(halaman),
            "-l",
            str(halaman),
            "-singlefile",
            str(tmp_path / "dok.pdf"),
            str(prefix),
        ],
        check=True,
    )
    return Image.open(f"{prefix}.png")


def qr_teks(image) -> list[str]:
    import zxingcpp

    return [b.text for b in zxingcpp.read_barcodes(image)]


@pytest.fixture
def terbit(db):
    versi, admin, kepala = standar_terbit(isi={"biaya": BIAYA})
    return versi, admin, kepala


# --- content ------------------------------------------------------------------------------


def test_pdf_text_has_every_component_the_sk_number_and_page_numbers(db):
    versi, _admin, _kepala = standar_terbit(isi={"biaya": BIAYA})
    services.VersiStandar.objects.filter(pk=versi.pk).update(sk_nomor=SK)
    d = render(versi)
    assert d.status == StatusDokumen.SIAP
    assert d.halaman >= 2
    teks = teks_pdf(isi_berkas(d))
    assert SK in teks
    assert "Halaman 1 dari" in teks
    assert f"Halaman {d.halaman} dari {d.halaman}" in teks
    assert "STANDAR PELAYANAN" in teks
    assert versi.standar.layanan.nama.upper() in teks
    rows = {r.kunci: r.isi for r in versi.komponen_set.all()}
    for k in komponen.KOMPONEN:
        assert k.label_id in teks, k.kunci
        for f in fragmen(k, rows[k.kunci]):
            assert re.sub(r"\s+", " ", f) in teks, (k.kunci, f)
    # Service delivery first, then manufacturing, in the registry's order.
    posisi = [teks.index(k.label_id) for k in komponen.KOMPONEN]
    assert posisi == sorted(posisi)
    assert teks.index("service delivery") < teks.index("manufacturing")
    assert d.kode_tercetak in teks


def test_qr_code_in_the_pdf_gives_the_verification_url(terbit, tmp_path):
    versi, _admin, _kepala = terbit
    d = render(versi)
    url = dokumen.url_verifikasi(d.kode)
    assert url.endswith(f"/verifikasi/{d.kode}/")
    assert url in qr_teks(png_halaman(isi_berkas(d), tmp_path))


def test_poster_is_one_page_with_a_qr_code_to_the_service_page(terbit, tmp_path):
    versi, _admin, _kepala = terbit
    for jenis in (JenisDokumen.POSTER_A4, JenisDokumen.POSTER_A3):
        d = render(versi, jenis)
        data = isi_berkas(d)
        assert d.halaman == 1 == len(PdfReader(io.BytesIO(data)).pages)
        teks = teks_pdf(data)
        for k in komponen.service_delivery():
            assert k.label_id.upper() in teks.upper()
        assert "Rp 1.250.000" in teks
        assert d.kode_tercetak in teks
        layanan_url = pdf.site_url() + versi.standar.get_absolute_url()
        assert layanan_url in qr_teks(png_halaman(data, tmp_path, dpi=100))


def test_a_long_poster_shrinks_to_one_page(db):
    langkah = [
        {"pelaksana": f"Petugas {n}", "uraian": "Memeriksa berkas dengan teliti " * 4, "durasi_jumlah": n}
        | {"durasi_satuan": "menit"}
        for n in range(1, 13)
    ]
    versi, _admin, _kepala = standar_terbit(isi={"prosedur": {"items": langkah}})
    d = render(versi, JenisDokumen.POSTER_A4)
    assert d.halaman == 1
    assert "Petugas 12" in teks_pdf(isi_berkas(d))


def test_malicious_text_renders_as_text_and_fetches_nothing(db, monkeypatch):
    diminta: list[str] = []
    asli = pdf.PortalURLFetcher.fetch

    def catat(self, url, headers=None):
        diminta.append(url)
        return asli(self, url, headers)

    monkeypatch.setattr(pdf.PortalURLFetcher, "fetch", catat)
    monkeypatch.setattr(pdf, "_font_config", None)  # load the fonts again, through the fetcher
    versi, _admin, _kepala = standar_terbit(isi={"pengawasan": {"teks": BERBAHAYA}})
    teks = teks_pdf(isi_berkas(render(versi)))
    rapat = re.sub(r"\s+", "", teks)  # a long URL may wrap after "//"
    assert '<img src="file:///etc/passwd">' in teks
    assert "<b>tebal</b>" in teks
    assert "url(http://example.com/x.png)" in rapat
    assert '<linkrel="stylesheet"href="http://example.com/y.css">' in rapat
    assert diminta, "the fonts are fetched through the portal fetcher"
    assert all(u.startswith(pdf.site_url() + "/static/fonts/") for u in diminta), diminta
    for url in ("file:///etc/passwd", "http://example.com/x.png", "http://example.com/y.css"):
        with pytest.raises(pdf.FetchRefused):
            pdf.PortalURLFetcher().fetch(url)


def test_berita_acara_has_participants_by_category_and_the_matrix(db, warga):
    from pelayanan.models import Pengguna
    from standar import konsultasi

    versi, admin, _kepala = standar_terbit()
    draf = services.versi_draft_create(layanan=versi.standar.layanan, oleh=admin)
    putaran = buka_putaran(draf, admin)
    Pengguna.objects.filter(pk=warga.pk).update(email_dikonfirmasi_pada=timezone.now())
    warga.refresh_from_db()
    k = konsultasi.komentar_create(
        putaran=putaran,
        penulis=warga,
        kunci="biaya",
        isi="Mohon <script>x</script> gratis",
        kategori="masyarakat",
    )
    pertemuan = konsultasi.pertemuan_record(
        putaran=putaran,
        tanggal=timezone.localdate(),
        tempat="Aula Uji",
        ringkasan="",
        peserta=[{"nama": "Dr. Ahli Uji", "lembaga": "Universitas", "kategori": "ahli"}],
        oleh=admin,
    )
    assert pertemuan.peserta_set.count() == 1
    tutup_putaran(draf)
    konsultasi.komentar_answer(komentar=k, keputusan="ditolak", alasan="Tarif diatur Perda.", oleh=admin)
    d = dokumen._pastikan(JenisDokumen.BERITA_ACARA, putaran=putaran)
    dokumen.dokumen_render(d)
    d.refresh_from_db()
    teks = teks_pdf(isi_berkas(d))
    for s in (
        "BERITA ACARA KONSULTASI PUBLIK",
        "Dr. Ahli Uji",
        "Ahli, praktisi, akademisi",
        "Mohon <script>x</script> gratis",
        "Ditolak",
        "Tarif diatur Perda.",
        "Halaman 1 dari",
        d.kode_tercetak,
    ):
        assert s in teks, s


# --- rendering: once, stored, idempotent, failures ------------------------------------------


def test_render_is_idempotent_and_reruns_only_when_inputs_or_templates_change(terbit, monkeypatch):
    versi, _admin, _kepala = terbit
    d = render(versi)
    assert d.sha256 == hashlib.sha256(isi_berkas(d)).hexdigest()
    assert d.percobaan == 1
    assert d.sidik_isi
    assert dokumen.dokumen_render(d) is False  # nothing changed
    d.refresh_from_db()
    assert d.percobaan == 1
    pdf.template_version.cache_clear()
    monkeypatch.setattr(pdf, "RENDERER_VERSION", "lain")
    try:
        lama = d.berkas.name
        assert dokumen.dokumen_render(d) is True
        d.refresh_from_db()
        assert d.berkas.name != lama
        assert default_storage.exists(d.berkas.name)
    finally:
        pdf.template_version.cache_clear()


def test_a_missing_file_is_rendered_again(terbit):
    versi, _admin, _kepala = terbit
    d = render(versi)
    default_storage.delete(d.berkas.name)
    assert dokumen.dokumen_render(d) is True
    d.refresh_from_db()
    assert default_storage.exists(d.berkas.name)


def test_a_failed_render_is_recorded_retried_and_shown_to_staff(terbit, client, monkeypatch):
    versi, admin, _kepala = terbit

    def rusak(*args, **kwargs):
        raise RuntimeError("pango meledak")

    monkeypatch.setattr(pdf, "render", rusak)
    d = dokumen._pastikan(JenisDokumen.STANDAR, versi=versi)
    with pytest.raises(dokumen.RenderGagal):
        dokumen.dokumen_render(d)
    d.refresh_from_db()
    assert d.status == StatusDokumen.GAGAL
    assert "pango meledak" in d.galat
    assert d.percobaan == 1
    assert not d.berkas

    # The task asks Celery to retry (with backoff) instead of losing it.
    dokumen_render_task.push_request(
        id="uji-retry", args=[d.pk], kwargs={}, retries=0, is_eager=False, called_directly=False
    )
    try:
        with pytest.raises(Retry):
            dokumen_render_task.run(d.pk)
    finally:
        dokumen_render_task.pop_request()

    # Staff see it on the version page.
    client.force_login(admin)
    body = client.get(reverse("standar:staf_versi", kwargs={"pk": versi.pk})).content.decode()
    assert "pango meledak" in body
    assert "Gagal" in body

    # The beat job enqueues it again after a while.
    DokumenPDF.objects.filter(pk=d.pk).update(diminta_pada=timezone.now() - timedelta(hours=1))
    monkeypatch.setattr(dokumen_render_task, "delay_on_commit", lambda pk: None)
    assert dokumen.jadwalkan_ulang_tertunda() == 1


def test_publish_enqueues_the_renders_after_commit(db, django_capture_on_commit_callbacks, monkeypatch):
    antre: list[int] = []
    monkeypatch.setattr(dokumen_render_task, "delay", lambda pk: antre.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        versi, _admin, _kepala = standar_terbit()
    jenis = set(DokumenPDF.objects.filter(pk__in=antre).values_list("jenis", flat=True))
    assert jenis == {
        JenisDokumen.STANDAR,
        JenisDokumen.POSTER_A4,
        JenisDokumen.POSTER_A3,
        JenisDokumen.BERITA_ACARA,
    }
    assert DokumenPDF.objects.get(versi=versi, jenis=JenisDokumen.STANDAR).status == StatusDokumen.ANTRE


# --- verification -------------------------------------------------------------------------


def _halaman_verifikasi(client, d, **params) -> str:
    response = client.get(reverse("standar:verifikasi", kwargs={"kode": d.kode}), params)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _galat_di_kolom(html: str, kolom: str) -> str:
    """The error shown under field `kolom`, which must be marked invalid and point at it."""
    tag = re.search(rf'<input[^>]*id="{kolom}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in tag
    assert f'aria-describedby="{kolom}_galat"' in tag
    return re.search(rf'<div id="{kolom}_galat"[^>]*>([^<]+)</div>', html).group(1)


def test_verification_errors_are_shown_at_their_fields_and_keep_the_input(client, db, monkeypatch):
    v1, _admin, _kepala = standar_terbit()
    d1 = DokumenPDF.objects.get(versi=v1, jenis=JenisDokumen.STANDAR)
    url = reverse("standar:verifikasi", kwargs={"kode": d1.kode})

    response = client.get(url, {"sha256": "bukan-sha"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "64 karakter heksadesimal" in _galat_di_kolom(html, "id_sha256")
    assert 'value="bukan-sha"' in html  # what was typed stays in the field
    assert 'aria-invalid="true"' not in re.search(r'<input[^>]*id="id_berkas"[^>]*>', html).group(0)

    response = client.post(url, {})
    assert response.status_code == 400
    assert "Pilih berkas PDF" in _galat_di_kolom(response.content.decode(), "id_berkas")

    monkeypatch.setattr("standar.views.dokumen.UNGGAH_MAKS", 10)
    response = client.post(url, {"berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.7 lebih", "application/pdf")})
    assert response.status_code == 400
    assert "terlalu besar" in _galat_di_kolom(response.content.decode(), "id_berkas")

    response = client.get(reverse("standar:verifikasi_cari"), {"kode": "ZZZZZ-ZZZZZ"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "tidak dikenal" in _galat_di_kolom(html, "id_kode")
    assert 'value="ZZZZZ-ZZZZZ"' in html
    assert client.get(reverse("standar:verifikasi_cari")).status_code == 200


def test_verification_reports_current_superseded_and_revoked_with_the_file_hash(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        v1, admin, kepala = standar_terbit()
    d1 = DokumenPDF.objects.get(versi=v1, jenis=JenisDokumen.STANDAR)
    assert d1.status == StatusDokumen.SIAP  # rendered by the (eager) task after commit
    berkas_v1 = isi_berkas(d1)
    sha_v1 = hashlib.sha256(berkas_v1).hexdigest()
    assert d1.sha256 == sha_v1
    page = _halaman_verifikasi(client, d1)
    assert "Berlaku (versi terkini)" in page
    assert sha_v1 in page
    assert v1.sk_nomor in page

    # Version 2 supersedes version 1: v1's PDF is stamped, same code, new hash.
    with django_capture_on_commit_callbacks(execute=True):
        v2 = services.versi_draft_create(layanan=v1.standar.layanan, oleh=admin)
        isi_lengkap(v2, admin, {"jangka_waktu": {"jumlah": 2, "satuan": "hari_kerja"}})
        v2 = sampai(v2, "terbit", admin, kepala, sk_nomor="100.3.3/99/2026")
    d1.refresh_from_db()
    assert d1.sha256 != sha_v1
    assert d1.status_tercetak == "digantikan"
    assert "DIGANTIKAN" in teks_pdf(isi_berkas(d1))
    page = _halaman_verifikasi(client, d1)
    assert "Digantikan oleh versi 2" in page
    assert d1.sha256 in page
    assert (
        reverse(
            "standar:versi_detail",
            kwargs={"unit": v1.standar.layanan.unit.slug, "layanan": v1.standar.layanan.slug, "nomor": 2},
        )
        in page
    )
    # The hash of the paper copy printed before (unstamped) is recognised as an earlier rendering.
    assert RiwayatBerkas.objects.filter(dokumen=d1, sha256=sha_v1).exists()
    assert "Cocok dengan cetakan sebelumnya" in _halaman_verifikasi(client, d1, sha256=sha_v1)
    assert "<strong>Cocok.</strong>" in _halaman_verifikasi(client, d1, sha256=d1.sha256.upper())
    assert "Tidak cocok" in _halaman_verifikasi(client, d1, sha256="0" * 64)

    # Upload the file itself.
    url = reverse("standar:verifikasi", kwargs={"kode": d1.kode})
    response = client.post(url, {"berkas": SimpleUploadedFile("a.pdf", isi_berkas(d1), "application/pdf")})
    assert "<strong>Cocok.</strong>" in response.content.decode()
    response = client.post(
        url, {"berkas": SimpleUploadedFile("a.pdf", isi_berkas(d1) + b" ", "application/pdf")}
    )
    assert "Tidak cocok" in response.content.decode()

    # Version 2 is revoked: its PDF is stamped DICABUT and the page gives the reason.
    d2 = DokumenPDF.objects.get(versi=v2, jenis=JenisDokumen.STANDAR)
    with django_capture_on_commit_callbacks(execute=True):
        services.versi_revoke(versi=v2, alasan="Layanan dialihkan ke mal pelayanan publik.", oleh=kepala)
    d2.refresh_from_db()
    assert d2.status_tercetak == "dicabut"
    assert "DICABUT" in teks_pdf(isi_berkas(d2))
    page = _halaman_verifikasi(client, d2)
    assert "Dicabut" in page
    assert "dialihkan ke mal pelayanan publik" in page
    assert d2.sha256 == hashlib.sha256(isi_berkas(d2)).hexdigest()
    assert d2.sha256 in page


def test_verification_code_is_typed_forgivingly_and_unknown_codes_are_404(client, terbit):
    versi, _admin, _kepala = terbit
    d = dokumen._pastikan(JenisDokumen.STANDAR, versi=versi)
    assert re.fullmatch(f"[{dokumen.ALFABET}]{{10}}", d.kode)
    response = client.get(reverse("standar:verifikasi", kwargs={"kode": d.kode_tercetak.lower()}))
    assert response.status_code == 302
    assert response.url.endswith(f"/verifikasi/{d.kode}/")
    response = client.get(reverse("standar:verifikasi_cari"), {"kode": d.kode_tercetak.lower()})
    assert response.status_code == 302
    assert client.get(reverse("standar:verifikasi", kwargs={"kode": "ZZZZZZZZZZ"})).status_code == 404
    assert client.get(reverse("standar:verifikasi_cari"), {"kode": "nope"}).status_code == 404


# --- downloads ----------------------------------------------------------------------------


def _url_pdf(versi) -> str:
    layanan = versi.standar.layanan
    return reverse(
        "standar:versi_pdf", kwargs={"unit": layanan.unit.slug, "layanan": layanan.slug, "nomor": versi.nomor}
    )


def test_download_of_a_published_pdf_streams_the_stored_file_and_never_renders(client, terbit, monkeypatch):
    versi, _admin, _kepala = terbit
    d = render(versi)

    def dilarang(*args, **kwargs):
        raise AssertionError("a download must not render")

    monkeypatch.setattr(pdf, "render", dilarang)
    monkeypatch.setattr(pdf, "render_string", dilarang)
    monkeypatch.setattr(dokumen, "dokumen_render", dilarang)
    response = client.get(_url_pdf(versi))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    slug = versi.standar.layanan.slug
    assert f'filename="standar-pelayanan-{slug}-v1.pdf"' in response["Content-Disposition"]
    assert response["ETag"] == f'"{d.sha256}"'
    assert "public" in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == d.sha256
    assert client.get(_url_pdf(versi), HTTP_IF_NONE_MATCH=f'"{d.sha256}"').status_code == 304


def test_download_before_the_file_is_ready_says_so_and_enqueues(
    client, terbit, django_capture_on_commit_callbacks, monkeypatch
):
    versi, _admin, _kepala = terbit
    # Publishing enqueued a render (not run: no commit in this test); long ago, say.
    DokumenPDF.objects.filter(versi=versi).update(diminta_pada=timezone.now() - timedelta(hours=1))
    antre: list[int] = []
    monkeypatch.setattr(dokumen_render_task, "delay", lambda pk: antre.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url_pdf(versi))
    assert response.status_code == 202
    body = response.content.decode()
    assert 'http-equiv="refresh"' in body
    assert "Dokumen sedang disiapkan" in body
    assert response["Cache-Control"] == "no-store"
    d = DokumenPDF.objects.get(versi=versi, jenis=JenisDokumen.STANDAR)
    assert antre == [d.pk]
    # A refresh a few seconds later does not enqueue it again.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(_url_pdf(versi)).status_code == 202
    assert antre == [d.pk]


def test_only_published_versions_and_closed_rounds_have_pdfs(client, terbit):
    versi, admin, _kepala = terbit
    draf = services.versi_draft_create(layanan=versi.standar.layanan, oleh=admin)
    assert client.get(_url_pdf(draf)).status_code == 404
    putaran = buka_putaran(isi_lengkap(draf, admin), admin)
    url = reverse("standar:berita_acara_pdf", kwargs={"pk": putaran.pk})
    assert client.get(url).status_code == 404
    tutup_putaran(draf)
    assert client.get(url).status_code == 202
    layanan = versi.standar.layanan
    kw = {"unit": layanan.unit.slug, "layanan": layanan.slug}
    assert client.get(reverse("standar:poster_pdf", kwargs={**kw, "ukuran": "a5"})).status_code == 404
    assert client.get(reverse("standar:poster_pdf", kwargs={**kw, "ukuran": "a4"})).status_code == 202


def test_public_pages_link_the_pdfs(client, terbit):
    versi, _admin, _kepala = terbit
    body = client.get(versi.standar.get_absolute_url()).content.decode()
    assert _url_pdf(versi) in body
    assert "Unduh PDF resmi" in body
    assert "/poster/a4/" in body
    assert "/poster/a3/" in body
    assert _url_pdf(versi) in client.get(versi.get_absolute_url()).content.decode()


def test_stored_file_name_is_new_per_rendering_and_the_old_one_is_removed(
    terbit, django_capture_on_commit_callbacks
):
    versi, _admin, kepala = terbit
    d = render(versi)
    lama = d.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        services.versi_revoke(versi=versi, alasan="Dicabut karena layanan dihapus.", oleh=kepala)
    d.refresh_from_db()
    assert d.berkas.name != lama
    assert default_storage.exists(d.berkas.name)
    assert not default_storage.exists(lama)


# --- a real worker ------------------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_render_task_on_a_real_worker_stores_the_file(postgres, redis_url):
    """Not eager: publishing enqueues the renders through Redis (queue "pdf"); a worker thread
    consuming that queue renders them and stores the files; read back from PostgreSQL."""
    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    try:
        app.control.purge()
        versi, _admin, _kepala = standar_terbit()
        d = DokumenPDF.objects.get(versi=versi, jenis=JenisDokumen.STANDAR)
        assert d.status == StatusDokumen.ANTRE  # nothing rendered in the publishing process
        with start_worker(
            # Both queues, as `make worker` runs: the queue selection sticks to the app object,
            # so a worker of this test must not leave later test workers deaf to "celery".
            app,
            pool="threads",
            concurrency=1,
            perform_ping_check=False,
            shutdown_timeout=30,
            queues=["celery", "pdf"],
        ):
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if not DokumenPDF.objects.exclude(status=StatusDokumen.SIAP).filter(versi=versi).exists():
                    break
                time.sleep(0.3)
    finally:
        app.conf.update(task_always_eager=eager)
        app.control.purge()
    for d in DokumenPDF.objects.filter(versi=versi):
        assert d.status == StatusDokumen.SIAP, (d.jenis, d.galat)
        assert default_storage.exists(d.berkas.name)
        assert hashlib.sha256(isi_berkas(d)).hexdigest() == d.sha256
    note_service("celery", f"real worker consumed queue pdf from {redis_url}")


def test_storage_api_is_used_for_the_files(terbit, monkeypatch):
    """Any storage backend works: the service only calls default_storage.save/open/delete."""
    versi, _admin, _kepala = terbit
    saved: list[str] = []
    asli = default_storage.save

    def save(name, content, *args, **kwargs):
        assert isinstance(content, ContentFile)
        saved.append(name)
        return asli(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", save)
    d = render(versi)
    assert saved
    assert d.berkas.name.startswith("dokumen/")
