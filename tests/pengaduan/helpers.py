"""Builders for complaint tests: a small world of units and role holders, complaints filed
and walked through the real services, and files (images with EXIF GPS, PDFs, polyglots)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pelayanan.choices import Peran
from pelayanan.models import Pengguna
from pengaduan import lampiran, services
from pengaduan.workflow import PENGADU, PETUGAS
from tests.factories import InstansiFactory, LayananFactory, UnitFactory, grant, user_factory

IDENTITAS = {
    "nama": "Siti Pengadu",
    "alamat": "Jl. Rahasia No. 7, Sukamaju",
    "email": "siti.pengadu@contoh.example",
    "telepon": "0812 3456 7890",
    "nik": "3301010101010001",
}


class Dunia:
    """Instansi X with units A and B, instansi Y with unit C; one user per role.

    Unit A is the unit complained about in every test that does not say otherwise.
    """

    def __init__(self):
        self.x = InstansiFactory(nama="Pemerintah Kabupaten X")
        self.y = InstansiFactory(nama="Pemerintah Kota Y")
        self.a = UnitFactory(instansi=self.x, nama="Dinas A", pengelola_pengaduan_nama="Petugas Pengaduan A")
        self.b = UnitFactory(instansi=self.x, nama="Dinas B")
        self.c = UnitFactory(instansi=self.y, nama="Dinas C")
        self.layanan = LayananFactory(unit=self.a, nama="Layanan A1")
        self.users = {
            "pengunjung": AnonymousUser(),
            "warga": user_factory(email="warga@uji.example", nama_lengkap="Warga"),
            "superuser": Pengguna.objects.create_superuser(
                email="super@uji.example", password="kata-sandi-uji-123", nama_lengkap="Super"
            ),
        }
        self._staf("pengelola_pengaduan_unit", Peran.PENGELOLA_PENGADUAN, unit=self.a)
        self._staf("kepala_unit", Peran.KEPALA_UNIT, unit=self.a)
        self._staf("admin_unit", Peran.ADMIN_UNIT, unit=self.a)
        self._staf("pengelola_pengaduan_instansi", Peran.PENGELOLA_PENGADUAN, instansi=self.x)
        self._staf("admin_unit_instansi", Peran.ADMIN_UNIT, instansi=self.x)
        self._staf("penanggung_jawab", Peran.PENANGGUNG_JAWAB, instansi=self.x)
        self._staf("pembina", Peran.PEMBINA, instansi=self.x)
        self._staf("evaluator", Peran.EVALUATOR, instansi=self.x)
        self._staf("moderator", Peran.MODERATOR)
        self._staf("pengelola_pengaduan_unit_lain", Peran.PENGELOLA_PENGADUAN, unit=self.b)
        self._staf("pembina_instansi_lain", Peran.PEMBINA, instansi=self.y)

    def _staf(self, nama, peran, **lingkup):
        user = user_factory(email=f"{nama}@uji.example", nama_lengkap=nama.replace("_", " ").title())
        grant(user, peran, **lingkup)
        self.users[nama] = user

    def __getitem__(self, nama):
        return self.users[nama]

    @property
    def petugas(self):
        return self.users["pengelola_pengaduan_unit"]


def ajukan(
    unit, *, layanan=None, pada: datetime | None = None, tanggal_layanan: date | None = None, **kwargs
):
    """File a complaint through the service (defaults: a valid one about `unit`)."""
    pada = pada or timezone.now()
    data = {
        "bagian": "biaya",
        "uraian": "Saya diminta membayar Rp 75.000, padahal tarifnya Rp 35.000.",
        "permintaan": "Kelebihan bayar dikembalikan.",
        "kerugian": "Rp 40.000",
        "identitas": dict(IDENTITAS),
    }
    data.update(kwargs)
    return services.pengaduan_ajukan(
        unit=unit,
        layanan=layanan,
        tanggal_layanan=tanggal_layanan or timezone.localdate(pada) - timedelta(days=1),
        pada=pada,
        **data,
    )


# Steps that lead to each status from diterima: (step, actor kind, extra kwargs).
JALAN = {
    "diterima": [],
    "lengkap": [("lengkap", PETUGAS, {})],
    "tidak_lengkap": [("tidak_lengkap", PETUGAS, {"teks": "Mohon lampirkan kuitansi."})],
    "batal": [("tidak_lengkap", PETUGAS, {"teks": "Mohon lampirkan kuitansi."}), ("batal", "sistem", {})],
    "ditindaklanjuti": [("lengkap", PETUGAS, {}), ("tindak_lanjuti", PETUGAS, {})],
    "diputuskan": [
        ("lengkap", PETUGAS, {}),
        ("tindak_lanjuti", PETUGAS, {}),
        ("putuskan", PETUGAS, {"hasil": "selesai", "teks": "Kelebihan bayar dikembalikan."}),
    ],
    "diberitahukan": [
        ("lengkap", PETUGAS, {}),
        ("tindak_lanjuti", PETUGAS, {}),
        ("putuskan", PETUGAS, {"hasil": "selesai", "teks": "Kelebihan bayar dikembalikan."}),
        ("beritahukan", PETUGAS, {"teks": "Surat dikirim melalui e-mail."}),
    ],
}


def sampai(p, status: str, petugas, pada: datetime | None = None):
    """Walk complaint `p` to `status` through the services."""
    for nama, pelaku, extra in JALAN[status]:
        p = services.pengaduan_transisi(
            pengaduan=p,
            nama=nama,
            pelaku=pelaku,
            oleh=petugas if pelaku == PETUGAS else None,
            pada=pada,
            **extra,
        )
    p.refresh_from_db()
    assert p.status == status
    return p


# --- files ---------------------------------------------------------------------------------


def jpeg_dengan_gps(nama="foto.jpg", ukuran=(64, 48)) -> SimpleUploadedFile:
    from PIL import ExifTags, Image

    image = Image.new("RGB", ukuran, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"
    exif[0x0110] = "Model Rahasia"
    exif[ExifTags.IFD.GPSInfo] = {1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 49.0, 10.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"dibuat di rumah Siti")
    return SimpleUploadedFile(nama, out.getvalue(), content_type="image/jpeg")


def png(nama="layar.png") -> SimpleUploadedFile:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Siti Pengadu")
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 100, 200, 255)).save(out, format="PNG", pnginfo=info)
    return SimpleUploadedFile(nama, out.getvalue(), content_type="image/png")


PDF_MINIMAL = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(nama="kuitansi.pdf", isi: bytes = PDF_MINIMAL) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def siap(*uploads):
    return lampiran.siapkan_semua(list(uploads))


__all__ = [
    "IDENTITAS",
    "PENGADU",
    "PETUGAS",
    "Dunia",
    "ajukan",
    "jpeg_dengan_gps",
    "pdf",
    "png",
    "sampai",
    "siap",
]
