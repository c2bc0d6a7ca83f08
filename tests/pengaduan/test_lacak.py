"""Tracking by code (no account): lookups, wrong codes that reveal nothing, the rate limit
counted before each lookup, and what the complainant can do on the tracking page."""

import re

import pytest
from django.urls import reverse

from pengaduan import kode as kode_mod
from pengaduan import services
from pengaduan.models import Penilaian
from tests.pengaduan.helpers import ajukan, pdf, sampai

pytestmark = pytest.mark.django_db

TIDAK_DITEMUKAN = "Kode pelacakan tidak ditemukan."


def _pesan(response) -> str:
    m = re.search(
        r'<div class="alert alert-warning" role="alert">(.*?)</div>', response.content.decode(), re.S
    )
    return m.group(1).strip() if m else ""


class TestKode:
    def test_codes_are_long_random_and_readable(self):
        codes = {kode_mod.baru() for _ in range(2000)}
        assert len(codes) == 2000
        assert all(len(k) == 10 and not set(k) & set("01OIL") for k in codes)

    @pytest.mark.parametrize(
        ("ketik", "hasil"),
        [
            ("ADU-7KQ4M-X9PAB", "7KQ4MX9PAB"),
            (" adu 7kq4m x9pab ", "7KQ4MX9PAB"),
            ("7KQ4MX9PAB", "7KQ4MX9PAB"),
            ("7KQ4M-X9PA", None),  # too short
            ("7KQ4M-X9PAO", None),  # O is not in the alphabet
            ("'; DROP TABLE--", None),
            ("", None),
        ],
    )
    def test_normalisasi(self, ketik, hasil):
        assert kode_mod.normalisasi(ketik) == hasil


class TestLookup:
    def test_found_in_any_spelling(self, client, dunia):
        p = ajukan(dunia.a)
        ketik = p.kode_tampil.lower().replace("-", " ")
        r = client.post(reverse("pengaduan:lacak"), {"kode": ketik})
        assert r.status_code == 302
        assert r["Location"] == reverse("pengaduan:lacak_detail", args=[p.kode])
        r = client.get(r["Location"])
        assert r.status_code == 200
        assert p.nomor in r.content.decode()
        assert r["Cache-Control"] == "private, no-store"
        assert r["Referrer-Policy"] == "same-origin"

    @pytest.mark.parametrize("ketik", ["ADU-22222-22222", "bukan kode", "7KQ4M-X9PAO", "A" * 40])
    def test_wrong_codes_get_the_one_answer(self, client, dunia, ketik):
        ajukan(dunia.a)
        r = client.post(reverse("pengaduan:lacak"), {"kode": ketik})
        assert r.status_code == 404
        assert _pesan(r).startswith(TIDAK_DITEMUKAN)
        r = client.get(reverse("pengaduan:lacak_detail", args=[ketik.replace(" ", "")]))
        assert r.status_code == 404
        assert _pesan(r).startswith(TIDAK_DITEMUKAN)
        for name in ("tanda_terima", "tanda_terima_pdf"):
            r = client.get(reverse(f"pengaduan:{name}", args=["ADU2222222222"]))
            assert r.status_code == 404
            assert _pesan(r).startswith(TIDAK_DITEMUKAN)

    def test_rate_limit_is_counted_before_the_lookup(self, client, dunia, settings):
        settings.PENGADUAN_LACAK_BATAS = 3
        p = ajukan(dunia.a)
        for i in range(3):
            assert (
                client.post(reverse("pengaduan:lacak"), {"kode": f"ADU-2222{i + 2}-22222"}).status_code == 404
            )
        # The fourth lookup is refused even with the right code: guessing costs the same.
        r = client.post(reverse("pengaduan:lacak"), {"kode": p.kode})
        assert r.status_code == 429
        assert "Terlalu banyak" in _pesan(r)
        assert client.get(reverse("pengaduan:lacak_detail", args=[p.kode])).status_code == 429
        # Another address is not affected.
        r = client.post(reverse("pengaduan:lacak"), {"kode": p.kode}, REMOTE_ADDR="10.1.2.3")
        assert r.status_code == 302

    def test_a_code_opened_in_this_session_is_not_counted_again(self, client, dunia, settings):
        settings.PENGADUAN_LACAK_BATAS = 2
        p = ajukan(dunia.a)
        assert client.get(reverse("pengaduan:lacak_detail", args=[p.kode])).status_code == 200
        for _ in range(10):
            assert client.get(reverse("pengaduan:lacak_detail", args=[p.kode])).status_code == 200
            assert client.get(reverse("pengaduan:tanda_terima", args=[p.kode])).status_code == 200


class TestTrackingPage:
    def test_shows_public_steps_only(self, client, dunia):
        p = ajukan(dunia.a)
        services.pengaduan_tugaskan(pengaduan=p, petugas=dunia.petugas, oleh=dunia["kepala_unit"])
        services.catatan_tulis(pengaduan=p, teks="CATATAN-RAHASIA-STAF", oleh=dunia.petugas)
        services.tanggapan_tulis(pengaduan=p, teks="Kami sedang memeriksa kasir.", oleh=dunia.petugas)
        html = client.get(reverse("pengaduan:lacak_detail", args=[p.kode])).content.decode()
        assert "Kami sedang memeriksa kasir." in html
        assert "CATATAN-RAHASIA-STAF" not in html
        assert "Ditugaskan kepada" not in html
        assert dunia.petugas.nama_lengkap not in html

    def test_complainant_completes_with_an_attachment(self, client, dunia):
        p = sampai(ajukan(dunia.a), "tidak_lengkap", dunia.petugas)
        html = client.get(reverse("pengaduan:lacak_detail", args=[p.kode])).content.decode()
        assert "Lengkapi berkas pengaduan" in html
        r = client.post(
            reverse("pengaduan:lacak_lengkapi", args=[p.kode]),
            {"teks": "Foto kuitansi terlampir.", "lampiran": [pdf()]},
        )
        assert r.status_code == 302
        p.refresh_from_db()
        assert p.status == "lengkap"
        assert p.lampiran_set.count() == 1
        assert p.dilengkapi_pada

    def test_complainant_cannot_complete_twice_or_out_of_turn(self, client, dunia):
        p = ajukan(dunia.a)
        r = client.post(reverse("pengaduan:lacak_lengkapi", args=[p.kode]), {"teks": "Tambahan"}, follow=True)
        assert "tidak dapat dilakukan" in r.content.decode()
        p.refresh_from_db()
        assert p.status == "diterima"

    def test_rating_after_the_decision_once(self, client, dunia):
        p = sampai(ajukan(dunia.a), "diputuskan", dunia.petugas)
        url = reverse("pengaduan:lacak_nilai", args=[p.kode])
        data = {"skor": "2", "terselesaikan": "tidak", "komentar": "Keputusan selesai, masalah saya tidak."}
        assert client.post(url, data).status_code == 302
        n = Penilaian.objects.get()
        assert (n.skor, n.terselesaikan, n.putaran) == (2, "tidak", 0)
        r = client.post(url, data, follow=True)
        assert "sudah menilai" in r.content.decode()
        assert Penilaian.objects.count() == 1
        assert client.post(url, {"skor": "6", "terselesaikan": "ya"}).status_code == 400

    def test_rating_before_the_decision_is_refused(self, client, dunia):
        p = sampai(ajukan(dunia.a), "ditindaklanjuti", dunia.petugas)
        r = client.post(
            reverse("pengaduan:lacak_nilai", args=[p.kode]), {"skor": "5", "terselesaikan": "ya"}, follow=True
        )
        assert "setelah pengaduan diputuskan" in r.content.decode()
        assert not Penilaian.objects.exists()

    def test_reopen_with_a_reason(self, client, dunia):
        p = sampai(ajukan(dunia.a), "diberitahukan", dunia.petugas)
        assert (
            client.post(reverse("pengaduan:lacak_buka_kembali", args=[p.kode]), {"alasan": ""}).status_code
            == 400
        )
        r = client.post(
            reverse("pengaduan:lacak_buka_kembali", args=[p.kode]), {"alasan": "Uang belum kembali."}
        )
        assert r.status_code == 302
        p.refresh_from_db()
        assert (p.status, p.jumlah_dibuka_kembali) == ("ditindaklanjuti", 1)
        # After the next decision it can be rated again (a new round).
        p = services.pengaduan_transisi(
            pengaduan=p, nama="putuskan", oleh=dunia.petugas, hasil="selesai", teks="Ok"
        )
        html = client.get(reverse("pengaduan:lacak_detail", args=[p.kode])).content.decode()
        assert "Nilai penanganan pengaduan Anda" in html
