"""The world of the access matrix: the demo data (every app's objects, built through the real
services) plus a few objects of unit A that carry secret markers.

Unit A is Disdukcapil Sukamaju, unit B is DPMPTSP Sukamaju (same instansi, Kabupaten
Sukamaju), the other instansi is Kota Mekarsari. One account per kind of user; every URL of the
matrix is filled with an object of unit A (or of its instansi).

`RAHASIA` maps each secret marker to the kinds of user who may ever see it: any response to
anyone else that contains it is a leak, whatever its status code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PENGGUNA = {
    "anonim": None,
    "warga": "warga@contoh.example",
    "admin_a": "admin.dukcapil@sukamajukab.example",
    "admin_b": "admin.dpmptsp@sukamajukab.example",
    "kepala_a": "kepala.dukcapil@sukamajukab.example",
    "pengelola_a": "pengaduan.dukcapil@sukamajukab.example",
    "pj": "sekda@sukamajukab.example",
    "pembina": "bupati@sukamajukab.example",
    "pembina_lain": "walikota@mekarsarikota.example",
    "evaluator": "evaluator@sukamajukab.example",
    "moderator": "moderator@portal.example",
    "superuser": "superadmin@portal.example",
}
JENIS = tuple(PENGGUNA)

UNIT_A, UNIT_B, UNIT_LAIN = "disdukcapil-sukamaju", "dpmptsp-sukamaju", "disdukcapil-mekarsari"
INSTANSI, INSTANSI_LAIN = "kabupaten-sukamaju", "kota-mekarsari"

# Secret markers written into unit A's non-public data (see bangun()).
CATATAN = "RHSCATATANA7"  # an internal note on a complaint
ISI_RAHASIA = "RHSISIRAHASIAA7"  # the content of a "rahasia" complaint
IDENTITAS = "RHSIDENTITASA7"  # a complainant's name
DRAF = "RHSDRAFA7"  # a requirement in a draft standard
REKOMENDASI = "RHSREKOMENDASIA7"  # a recommendation to unit A
PEKPPP = "RHSPEKPPPA7"  # an evaluator's note in unit A's assessment

_PENGADUAN_A = {"admin_a", "kepala_a", "pengelola_a", "pj", "pembina", "superuser"}
_PANTAU_A = {"admin_a", "kepala_a", "pj", "pembina", "evaluator", "superuser"}
RAHASIA: dict[str, set[str]] = {
    CATATAN: _PENGADUAN_A,
    ISI_RAHASIA: _PENGADUAN_A,
    IDENTITAS: {"admin_a", "kepala_a", "pengelola_a", "superuser"},  # pengaduan.lihat_identitas
    DRAF: _PANTAU_A,
    REKOMENDASI: _PANTAU_A,
    PEKPPP: _PANTAU_A,
}
# The identity is shown only on an explicit, audited request (a POST), never on a page that is
# merely read.
RAHASIA_GET = {**RAHASIA, IDENTITAS: set()}


@dataclass
class Dunia:
    pengguna: dict = field(default_factory=dict)  # kind -> Pengguna (None for anonim)
    o: dict = field(default_factory=dict)  # name -> object


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def muat_demo() -> None:
    """The demo data, after the rows of the data migrations (a transactional test earlier in
    the session empties every table; tests/conftest.py `data_awal` does the same)."""
    import importlib

    from django.apps import apps
    from django.core.management import call_command

    importlib.import_module("evaluasi.migrations.0003_data_awal").isi(apps, None)
    call_command("demo_data", stdout=io.StringIO())


def bangun() -> Dunia:
    """Load the demo and add unit A's marked objects; return the accounts and the objects."""
    from evaluasi import rekomendasi
    from evaluasi.choices import StatusLaporan
    from evaluasi.models import (
        LaporanEvaluasi,
        PenilaianPEKPPP,
        PeriodeSKM,
        Rekomendasi,
        RencanaTindakLanjut,
        SkorIndikator,
        TautanSKM,
    )
    from pelayanan.models import Instansi, Pengguna, Unit
    from pengaduan import lampiran, services
    from pengaduan.choices import ModePrivasi, StatusPengaduan
    from pengaduan.models import Pengaduan
    from standar import services as standar_services
    from standar.choices import StatusVersi
    from standar.models import (
        DokumenPDF,
        Komentar,
        Maklumat,
        PertemuanFKP,
        PutaranKonsultasi,
        VersiStandar,
    )

    muat_demo()
    d = Dunia()
    d.pengguna = {k: (Pengguna.objects.get(email=e) if e else None) for k, e in PENGGUNA.items()}
    o = d.o
    o["instansi"] = Instansi.objects.get(slug=INSTANSI)
    o["instansi_lain"] = Instansi.objects.get(slug=INSTANSI_LAIN)
    o["unit_a"] = unit_a = Unit.objects.get(slug=UNIT_A)
    o["unit_b"] = Unit.objects.get(slug=UNIT_B)
    o["unit_lain"] = Unit.objects.get(slug=UNIT_LAIN)

    # Standards: a published version with a predecessor, a draft, rounds, a comment, an FKP.
    versi = VersiStandar.objects.filter(standar__layanan__unit=unit_a).select_related("standar__layanan")
    o["versi_terbit"] = versi.filter(status=StatusVersi.TERBIT, nomor__gte=2).order_by("nomor").first()
    o["layanan_terbit"] = o["versi_terbit"].standar.layanan
    o["versi_draf"] = versi.filter(status=StatusVersi.DRAF).first()
    o["layanan_draf"] = o["versi_draf"].standar.layanan
    admin_a = d.pengguna["admin_a"]
    baris = o["versi_draf"].komponen_set.get(kunci="persyaratan")
    standar_services.komponen_update(
        versi=o["versi_draf"],
        kunci="persyaratan",
        isi={"items": [{"id": "a0000009", "uraian": f"Syarat {DRAF}", "jenis": "administratif"}]},
        revisi_dasar=baris.revisi,
        oleh=admin_a,
    )
    putaran = PutaranKonsultasi.objects.filter(versi__standar__layanan__unit=unit_a)
    o["putaran_buka"] = putaran.filter(ditutup_pada__isnull=True).first()
    o["putaran_tutup"] = putaran.filter(ditutup_pada__isnull=False, versi=o["versi_terbit"]).first()
    o["komentar"] = Komentar.objects.filter(putaran=o["putaran_tutup"], penulis__isnull=False).first()
    o["fkp"] = PertemuanFKP.objects.get(putaran=o["putaran_tutup"])
    o["maklumat"] = Maklumat.objects.filter(unit=unit_a).first()
    o["dokumen"] = DokumenPDF.objects.filter(versi=o["versi_terbit"]).first()

    # Complaints of unit A: a "rahasia" one (content, note, identity marked) with an attachment,
    # and an ordinary one for the public tracking pages.
    sekarang = timezone.now()
    berkas = lampiran.siapkan_semua([SimpleUploadedFile("bukti.pdf", _pdf(), content_type="application/pdf")])
    o["pengaduan"] = services.pengaduan_ajukan(
        unit=unit_a,
        layanan=None,
        bagian="biaya",
        uraian=f"Petugas meminta uang di luar tarif. {ISI_RAHASIA}",
        tanggal_layanan=(sekarang - timedelta(days=2)).date(),
        permintaan="Dikembalikan.",
        identitas={"nama": f"Wulan {IDENTITAS}", "alamat": "Jl. Mawar 1", "email": "wulan@contoh.example"},
        mode_privasi=ModePrivasi.RAHASIA,
        lampiran=berkas,
        pada=sekarang - timedelta(days=1),
    )
    services.catatan_tulis(
        pengaduan=o["pengaduan"], teks=f"Periksa loket 3. {CATATAN}", oleh=d.pengguna["pengelola_a"]
    )
    o["lampiran"] = o["pengaduan"].lampiran_set.get()
    o["pengaduan_publik"] = (
        Pengaduan.objects.filter(unit=unit_a, mode_privasi=ModePrivasi.PUBLIK)
        .exclude(status=StatusPengaduan.DITERIMA)
        .first()
    )
    o["pengaduan_b"] = Pengaduan.objects.filter(unit=o["unit_b"]).first()

    # SKM of unit A: a published period with its follow-up, the questionnaire's short link.
    o["periode"] = PeriodeSKM.objects.filter(unit=unit_a, diterbitkan=True).first()
    o["periode_b"] = PeriodeSKM.objects.filter(unit=o["unit_b"]).first()
    o["rtl"] = RencanaTindakLanjut.objects.filter(periode=o["periode"]).first()
    o["tautan"] = TautanSKM.objects.filter(layanan__unit=unit_a).first()

    # PEKPPP: unit A's final assessment, one of its evidence files, an evaluator's note.
    o["pekppp"] = PenilaianPEKPPP.objects.get(unit=unit_a)
    o["bukti"] = SkorIndikator.objects.filter(penilaian=o["pekppp"]).exclude(bukti="").first()
    SkorIndikator.objects.filter(pk=o["bukti"].pk).update(catatan=f"Bukti belum lengkap. {PEKPPP}")

    # Reports of the instansi and a recommendation to unit A.
    o["laporan"] = LaporanEvaluasi.objects.filter(
        instansi=o["instansi"], status=StatusLaporan.SELESAI
    ).first()
    o["rekomendasi"] = rekomendasi.rekomendasi_create(
        unit=unit_a,
        teks=f"Percepat tanggapan pengaduan. {REKOMENDASI}",
        batas_waktu=timezone.localdate() + timedelta(days=30),
        oleh=d.pengguna["pembina"],
    )
    o["rekomendasi_b"] = Rekomendasi.objects.filter(unit=o["unit_b"]).first()

    # A TOTP device (of an account outside the matrix) for the admin pages of devices.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    pemilik = Pengguna.objects.create_user(
        email="otp.matriks@uji.example", password="x-uji-123456", nama_lengkap="OTP"
    )
    o["totp"] = TOTPDevice.objects.create(user=pemilik, name="uji", confirmed=True)

    hilang = [nama for nama, obj in o.items() if obj is None]
    assert not hilang, f"the demo data no longer has: {hilang}"
    return d
