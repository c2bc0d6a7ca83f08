"""Attachments (pengaduan.lampiran): checked by content, not by name; polyglots, oversize and
too many refused or neutralised; image metadata (EXIF GPS, comments, PNG text) stripped;
names sanitised; stored privately and served only through permission-checked views."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from pengaduan import lampiran, services
from pengaduan.models import Lampiran, lampiran_storage
from tests.pengaduan.helpers import PDF_MINIMAL, ajukan, jpeg_dengan_gps, pdf, png, sampai, siap

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _simpan(dunia, *uploads, **kwargs):
    return ajukan(dunia.a, lampiran=siap(*uploads), **kwargs)


def _isi(row: Lampiran) -> bytes:
    with row.berkas.open("rb") as fh:
        return fh.read()


class TestContent:
    @pytest.mark.parametrize(
        ("nama", "isi"),
        [
            ("foto.jpg", b"ini bukan gambar, hanya teks biasa"),
            ("dokumen.pdf", b"<html><script>alert(1)</script></html>"),
            ("foto.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
            ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ],
    )
    def test_fake_extension_is_refused(self, nama, isi):
        with pytest.raises(ValidationError, match="bukan PDF atau gambar"):
            lampiran.siapkan(SimpleUploadedFile(nama, isi))

    def test_pdf_with_a_jpeg_header_is_refused(self):
        polyglot = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + PDF_MINIMAL
        with pytest.raises(ValidationError, match="rusak atau tidak sah"):
            lampiran.siapkan(SimpleUploadedFile("aman.jpg", polyglot))

    @pytest.mark.parametrize(
        "muatan",
        [PDF_MINIMAL, b"<html><body><script>alert(document.cookie)</script></body></html>"],
        ids=["pdf", "html"],
    )
    def test_jpeg_with_a_payload_appended_is_cleaned(self, dunia, muatan):
        asli = jpeg_dengan_gps().read() + muatan
        p = _simpan(dunia, SimpleUploadedFile("foto.jpg", asli))
        disimpan = _isi(p.lampiran_set.get())
        assert disimpan.startswith(b"\xff\xd8\xff")
        assert b"%PDF" not in disimpan
        assert b"<script" not in disimpan
        assert Image.open(io.BytesIO(disimpan)).size == (64, 48)

    @pytest.mark.parametrize(
        ("isi", "pesan"),
        [
            (PDF_MINIMAL + b"<html><script>alert(1)</script></html>", "bukan PDF yang utuh"),
            (PDF_MINIMAL + b"\xff\xd8\xff\xe0 JPEG tail", "bukan PDF yang utuh"),
            (
                PDF_MINIMAL.replace(
                    b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
                ),
                "skrip",
            ),
            (PDF_MINIMAL.replace(b"/Type/Catalog", b"/Type/Catalog/Names<</EmbeddedFiles 9 0 R>>"), "skrip"),
            (PDF_MINIMAL.replace(b"trailer", b"% <script>alert(1)</script>\ntrailer"), "skrip"),
        ],
        ids=["html-appended", "jpeg-appended", "javascript", "embedded-file", "html-inside"],
    )
    def test_suspicious_pdf_is_refused(self, isi, pesan):
        with pytest.raises(ValidationError, match=pesan):
            lampiran.siapkan(pdf(isi=isi))

    def test_plain_pdf_is_kept_byte_for_byte(self, dunia):
        p = _simpan(dunia, pdf())
        row = p.lampiran_set.get()
        assert (_isi(row), row.jenis, row.nama) == (PDF_MINIMAL, "pdf", "kuitansi.pdf")

    def test_huge_image_dimensions_are_refused(self):
        out = io.BytesIO()
        Image.new("1", (8000, 6000)).save(out, format="PNG")
        with pytest.raises(ValidationError, match="megapiksel"):
            lampiran.siapkan(SimpleUploadedFile("besar.png", out.getvalue()))


class TestSizeAndCount:
    def test_10_mb_is_allowed_one_byte_more_is_not(self):
        def ukuran(n):
            isi = PDF_MINIMAL[:-6] + b"%" + b"x" * (n - len(PDF_MINIMAL) - 1) + b"%%EOF\n"
            assert len(isi) == n
            return pdf(isi=isi)

        assert lampiran.siapkan(ukuran(10 * MB)).jenis == "pdf"
        with pytest.raises(ValidationError, match="terlalu besar"):
            lampiran.siapkan(ukuran(10 * MB + 1))

    def test_empty_file_is_refused(self):
        with pytest.raises(ValidationError, match="kosong"):
            lampiran.siapkan(SimpleUploadedFile("kosong.pdf", b""))

    def test_five_at_once_six_not(self):
        assert len(lampiran.siapkan_semua([pdf(f"{i}.pdf") for i in range(5)])) == 5
        with pytest.raises(ValidationError, match="Paling banyak 5 lampiran"):
            lampiran.siapkan_semua([pdf(f"{i}.pdf") for i in range(6)])

    def test_every_bad_file_is_reported(self):
        with pytest.raises(ValidationError) as info:
            lampiran.siapkan_semua(
                [SimpleUploadedFile("a.jpg", b"teks"), pdf(), SimpleUploadedFile("b.pdf", b"x")]
            )
        assert len(info.value.messages) == 2

    def test_at_most_ten_per_complaint(self, dunia):
        p = sampai(_simpan(dunia, *[pdf(f"{i}.pdf") for i in range(5)]), "tidak_lengkap", dunia.petugas)
        with pytest.raises(ValidationError, match="paling banyak memiliki 10"):
            services.pengaduan_transisi(
                pengaduan=p,
                nama="lengkapi",
                pelaku="pengadu",
                teks="Tambahan",
                lampiran=siap(*[pdf(f"t{i}.pdf") for i in range(5)]) + siap(pdf("x.pdf")),
            )
        p = services.pengaduan_transisi(
            pengaduan=p, nama="lengkapi", pelaku="pengadu", teks="Tambahan", lampiran=siap(pdf("t.pdf"))
        )
        assert p.lampiran_set.count() == 6


class TestMetadata:
    def test_exif_gps_is_removed(self, dunia):
        asli = jpeg_dengan_gps()
        assert Image.open(io.BytesIO(asli.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo)
        asli.seek(0)
        p = _simpan(dunia, asli)
        disimpan = Image.open(io.BytesIO(_isi(p.lampiran_set.get())))
        assert dict(disimpan.getexif()) == {}
        assert disimpan.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "comment" not in disimpan.info
        assert "exif" not in disimpan.info
        assert b"Model Rahasia" not in _isi(p.lampiran_set.get())

    def test_orientation_is_applied_before_stripping(self):
        image = Image.new("RGB", (60, 20), (0, 0, 0))
        exif = Image.Exif()
        exif[0x0112] = 6  # rotate 90° clockwise to display
        out = io.BytesIO()
        image.save(out, format="JPEG", exif=exif)
        siap_ = lampiran.siapkan(SimpleUploadedFile("miring.jpg", out.getvalue()))
        assert Image.open(io.BytesIO(siap_.isi)).size == (20, 60)

    def test_png_text_chunks_are_removed(self):
        siap_ = lampiran.siapkan(png())
        assert b"Siti Pengadu" not in siap_.isi
        assert Image.open(io.BytesIO(siap_.isi)).info.get("Author") is None


class TestStorage:
    def test_names_are_sanitised_and_files_stored_privately(self, dunia):
        p = _simpan(dunia, jpeg_dengan_gps('../../etc/"passwd" <b>.jpg'))
        row = p.lampiran_set.get()
        assert row.nama == "passwd_b.jpg"
        assert ".." not in row.berkas.name
        assert row.berkas.name.startswith("pengaduan/")
        path = Path(row.berkas.path)
        assert path.is_relative_to(Path(settings.MEDIA_ROOT) / settings.PENGADUAN_LAMPIRAN_DIR)
        assert not path.is_relative_to(Path(settings.STATIC_ROOT))
        with pytest.raises(ValueError, match="URL"):
            lampiran_storage().url(row.berkas.name)

    def test_staff_view_checks_the_policy(self, client, dunia):
        p = _simpan(dunia, pdf(), mode_privasi="rahasia")
        url = reverse("pengaduan:staf_lampiran", args=[p.pk, p.lampiran_set.get().pk])
        assert client.get(url).status_code == 302  # to the login page
        for peran, status in [
            ("evaluator", 403),
            ("pengelola_pengaduan_unit_lain", 403),
            ("pembina", 200),
            ("pengelola_pengaduan_unit", 200),
        ]:
            client.force_login(dunia[peran])
            r = client.get(url)
            assert r.status_code == status, peran
        assert r["Content-Type"] == "application/pdf"
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["Content-Disposition"].startswith("attachment")
        assert b"".join(r.streaming_content) == PDF_MINIMAL

    def test_complainant_view_needs_the_code_of_that_complaint(self, client, dunia):
        p = _simpan(dunia, jpeg_dengan_gps())
        lain = _simpan(dunia, pdf())
        row = p.lampiran_set.get()
        r = client.get(reverse("pengaduan:lacak_lampiran", args=[p.kode, row.pk]))
        assert r.status_code == 200
        assert r["Content-Type"] == "image/jpeg"
        assert r["Content-Security-Policy"].startswith("default-src 'none'")
        # Another complaint's code does not open this attachment.
        assert client.get(reverse("pengaduan:lacak_lampiran", args=[lain.kode, row.pk])).status_code == 404
        assert (
            client.get(reverse("pengaduan:lacak_lampiran", args=["ADU-XXXXX-XXXXX", row.pk])).status_code
            == 404
        )

    def test_media_url_does_not_serve_them(self, client, dunia):
        p = _simpan(dunia, pdf())
        row = p.lampiran_set.get()
        assert (
            client.get(
                settings.MEDIA_URL + settings.PENGADUAN_LAMPIRAN_DIR + "/" + row.berkas.name
            ).status_code
            == 404
        )
