"""The demo data of complaints: every state, the stories the issue asks for, loaded twice."""

import io

import pytest
from PIL import ExifTags, Image

from pengaduan import demo as demo_pengaduan
from pengaduan.choices import StatusPengaduan
from pengaduan.models import Eskalasi, Lampiran, Pengaduan, Penilaian

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_loads_twice(demo):
    from standar import demo as demo_standar

    demo_standar.load()
    demo_pengaduan.load()
    jumlah = Pengaduan.objects.count()
    demo_pengaduan.load()
    assert Pengaduan.objects.count() == jumlah == len(demo_pengaduan.KODE)
    assert set(Pengaduan.objects.values_list("status", flat=True)) == set(StatusPengaduan.values)
    k = demo_pengaduan.KODE
    p = {nama: Pengaduan.objects.get(kode=kode) for nama, kode in k.items()}
    assert {p["selesai"].hasil, p["ditolak"].hasil} == {"selesai", "ditolak"}
    assert p["ditolak"].terlambat_diajukan
    assert p["dibuka_kembali"].jumlah_dibuka_kembali == 1
    assert p["rahasia"].mode_privasi == "rahasia"
    # The anonymous complaint about a fee above RSUD's tariff, with a photo without GPS.
    anonim = p["anonim"]
    assert (anonim.mode_privasi, anonim.bagian, anonim.unit.slug) == ("anonim", "biaya", "rsud-sukamaju")
    foto = Lampiran.objects.get(pengaduan=anonim)
    with foto.berkas.open("rb") as fh:
        assert Image.open(io.BytesIO(fh.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    # One overdue complaint escalated to the Pembina, one only to the unit.
    assert set(p["terlambat_pembina"].eskalasi_set.values_list("tingkat", flat=True)) == {1, 2}
    assert set(p["terlambat_unit"].eskalasi_set.values_list("tingkat", flat=True)) == {1}
    assert Eskalasi.objects.count() == 3
    assert set(Penilaian.objects.values_list("terselesaikan", flat=True)) == {"ya", "sebagian", "tidak"}
    # The demo citizen filed one complaint while signed in (her "Unduh data saya" shows it).
    assert p["diberitahukan"].pengaju.email == "warga@contoh.example"
    assert Pengaduan.objects.filter(pengaju__isnull=False).count() == 1
