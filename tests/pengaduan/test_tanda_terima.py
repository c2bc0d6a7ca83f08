"""The receipt (tanda terima, UU 25/2009 Pasal 44 ayat 2) as a PDF through the shared renderer:
one page, the four groups of fields, the identity in full only in the filing session."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.pengaduan.helpers import IDENTITAS, ajukan

pytestmark = pytest.mark.django_db


def _teks(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_receipt_pdf_in_the_filing_session(client, dunia):
    p = ajukan(dunia.a, layanan=dunia.layanan)
    session = client.session
    session["pengaduan_diajukan"] = [p.kode]
    session.save()
    r = client.get(reverse("pengaduan:tanda_terima_pdf", args=[p.kode]))
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert r["Content-Disposition"] == f'attachment; filename="tanda-terima-{p.nomor}.pdf"'
    assert r["Cache-Control"] == "private, no-store"
    halaman, teks = _teks(r)
    assert halaman == 1
    for bagian in (
        "TANDA TERIMA PENGADUAN",
        "a. Identitas pengadu",
        IDENTITAS["nama"],
        IDENTITAS["nik"],
        "b. Uraian pelayanan yang tidak sesuai standar",
        "Rp 75.000",
        dunia.layanan.nama,
        "Biaya/tarif",
        "c. Tempat dan waktu penerimaan",
        dunia.a.alamat_pengaduan,
        "d. Penerima",
        "Diterima melalui portal",
        "Petugas Pengaduan A",
        p.nomor,
        p.kode_tampil,
        "Halaman 1 dari 1",
    ):
        assert bagian in teks, bagian


def test_receipt_pdf_with_the_code_only_is_masked(client, dunia):
    p = ajukan(dunia.a)
    _halaman, teks = _teks(client.get(reverse("pengaduan:tanda_terima_pdf", args=[p.kode])))
    assert IDENTITAS["nama"] not in teks
    assert IDENTITAS["nik"] not in teks
    assert IDENTITAS["alamat"] not in teks
    assert "disamarkan" in teks


def test_a_long_complaint_still_fits_one_page(client, dunia):
    p = ajukan(
        dunia.a,
        uraian="Uraian yang panjang sekali. " * 150,
        permintaan="Minta. " * 250,
        kerugian="Rugi. " * 250,
    )
    halaman, teks = _teks(client.get(reverse("pengaduan:tanda_terima_pdf", args=[p.kode])))
    assert halaman == 1
    assert "d. Penerima" in teks


def test_the_longest_complaint_keeps_every_field(client, dunia):
    p = ajukan(
        dunia.a,
        uraian="U" * 4990 + " akhir-uraian",
        permintaan="P " * 995 + "akhir-minta",
        kerugian="K " * 995 + "akhir-rugi",
    )
    halaman, teks = _teks(client.get(reverse("pengaduan:tanda_terima_pdf", args=[p.kode])))
    assert halaman <= 2
    for bagian in ("akhir-uraian", "akhir-minta", "akhir-rugi", "d. Penerima"):
        assert bagian in teks
