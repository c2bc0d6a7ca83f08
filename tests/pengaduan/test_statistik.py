"""Public statistics (pengaduan.statistik): the numbers (counts, medians, on-time shares),
computed in the database in a fixed number of queries; and never a word of a rahasia
complaint — nor any identity — on the public pages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pengaduan import penilaian, services, statistik
from pengaduan.models import Pengaduan
from tests.pengaduan.helpers import IDENTITAS, ajukan, sampai

pytestmark = pytest.mark.django_db

# Queries of the public statistics pages, whatever the number of complaints. Unit page: the
# request's savepoint pair, the unit, the main aggregate (with both medians on PostgreSQL),
# counts by part and by status, the ratings; on SQLite one more per median (the middle rows).
# The instansi page reads the instansi instead of the unit, plus its units' counts.
STATISTIK_UNIT_QUERIES = {"postgresql": 7, "sqlite": 9}
STATISTIK_INSTANSI_QUERIES = {"postgresql": 8, "sqlite": 10}
# The public list of a unit: savepoints, unit, count, page of complaints, their responses.
DAFTAR_PUBLIK_QUERIES = 6

RAHASIA = {
    "uraian": "RAHASIA-URAIAN petugas loket 3 meminta uang",
    "kerugian": "RAHASIA-KERUGIAN Rp 150.000",
    "permintaan": "RAHASIA-PERMINTAAN periksa petugas",
}


def _lalu(hari):
    return timezone.now() - timedelta(days=hari)


def _putuskan(p, petugas, hari):
    return services.pengaduan_transisi(
        pengaduan=p, nama="putuskan", oleh=petugas, hasil="selesai", teks="Diputuskan.", pada=_lalu(hari)
    )


@pytest.fixture
def data(dunia):
    """Five complaints of unit A with known timings (days before now), one of unit B."""
    ptg = dunia.petugas

    def jalan(p, lengkap, putus=None, **kw):
        p = services.pengaduan_transisi(pengaduan=p, nama="lengkap", oleh=ptg, pada=_lalu(lengkap))
        p = services.pengaduan_transisi(pengaduan=p, nama="tindak_lanjuti", oleh=ptg, pada=_lalu(lengkap))
        return _putuskan(p, ptg, putus) if putus is not None else p

    a1 = jalan(ajukan(dunia.a, pada=_lalu(20), bagian="biaya"), 18, 10)  # response 2 d, decision 10 d
    a2 = jalan(ajukan(dunia.a, pada=_lalu(30), bagian="biaya"), 26, 1)  # 4 d, 29 d
    a3 = jalan(ajukan(dunia.a, pada=_lalu(100), bagian="persyaratan"), 80, 5)  # 20 d (late), 95 d (late)
    a4 = ajukan(dunia.a, pada=_lalu(5), bagian="perilaku_petugas", mode_privasi="anonim")
    a5 = ajukan(dunia.a, pada=_lalu(10), bagian="lainnya", mode_privasi="rahasia", **RAHASIA)
    a5 = services.pengaduan_transisi(
        pengaduan=a5, nama="tidak_lengkap", oleh=ptg, teks="RAHASIA-TANGGAPAN lampirkan bukti", pada=_lalu(4)
    )  # 6 d
    penilaian.penilaian_beri(pengaduan=a1, skor=4, terselesaikan="ya")
    penilaian.penilaian_beri(pengaduan=a2, skor=1, terselesaikan="tidak")
    b1 = ajukan(dunia.b, pada=_lalu(3))
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4, "a5": a5, "b1": b1}


def test_numbers(dunia, data):
    s = statistik.hitung(statistik.lingkup(unit=dunia.a))
    assert (s.jumlah, s.terbuka, s.terlambat_diajukan, s.dibuka_kembali) == (5, 5, 0, 0)
    # First response after 2, 4, 20 and 6 days: median (4 + 6) / 2 = 5.
    assert s.median_tanggapan == pytest.approx(5.0)
    # Decision 10, 29 and 95 days after receipt: median 29.
    assert s.median_keputusan == pytest.approx(29.0)
    assert (s.tanggapan_tepat, s.tanggapan_dinilai, s.persen_tanggapan_tepat) == (3, 4, 75.0)
    assert (s.keputusan_tepat, s.keputusan_dinilai, s.persen_keputusan_tepat) == (2, 3, 66.7)
    bagian = {k: n for k, _l, n in s.per_bagian}
    assert (bagian["biaya"], bagian["persyaratan"], bagian["perilaku_petugas"], bagian["lainnya"]) == (
        2,
        1,
        1,
        1,
    )
    assert sum(bagian.values()) == 5
    assert len(bagian) == 16
    assert {k: n for k, _l, n in s.per_status if n} == {"diputuskan": 3, "diterima": 1, "tidak_lengkap": 1}
    assert {k: n for k, _l, n in s.per_mode} == {"publik": 3, "anonim": 1, "rahasia": 1}
    assert (s.penilaian_jumlah, s.penilaian_rata) == (2, 2.5)
    assert {k: n for k, _l, n in s.terselesaikan} == {"ya": 1, "sebagian": 0, "tidak": 1}


def test_unanswered_past_the_deadline_counts_as_late(dunia, data):
    ajukan(dunia.a, pada=_lalu(20))  # never answered: 6 days past the 14-day first response
    # Answered 20 days after filing (late), and 10 days past its decision deadline, undecided.
    sampai(ajukan(dunia.a, pada=_lalu(90)), "ditindaklanjuti", dunia.petugas, pada=_lalu(70))
    s = statistik.hitung(statistik.lingkup(unit=dunia.a))
    assert (s.tanggapan_tepat, s.tanggapan_dinilai) == (3, 6)
    assert (s.keputusan_tepat, s.keputusan_dinilai) == (2, 4)
    assert s.terlambat_sekarang == 2
    assert s.median_tanggapan == pytest.approx(6.0)  # 2, 4, 6, 20, 20: the answered only


def test_instansi_and_its_units(dunia, data):
    s = statistik.hitung(statistik.lingkup(instansi=dunia.x))
    assert s.jumlah == 6
    units = {u.nama: (u.jumlah_pengaduan, u.jumlah_diputuskan) for u in statistik.per_unit(dunia.x)}
    assert units == {"Dinas A": (5, 3), "Dinas B": (1, 0)}
    assert statistik.hitung(statistik.lingkup(instansi=dunia.y)).jumlah == 0


def test_period(dunia, data):
    hari = timezone.localdate()
    s = statistik.hitung(statistik.lingkup(unit=dunia.a), mulai=hari - timedelta(days=25), sampai=hari)
    assert s.jumlah == 3  # a1, a4, a5


def test_median_fallback_agrees(dunia, data):
    """The ordered-rows median (SQLite) equals PERCENTILE_CONT where both can run."""
    qs = Pengaduan.objects.filter(unit=dunia.a)
    assert statistik._median_urut(qs, "diterima_pada", "ditanggapi_pada", 4) == pytest.approx(5.0)
    assert statistik._median_urut(qs, "diterima_pada", "diputuskan_pada", 3) == pytest.approx(29.0)
    assert statistik._median_urut(qs, "diterima_pada", "diputuskan_pada", 0) is None


def test_median_percentile_on_postgresql(postgres, dunia, data):
    a = Pengaduan.objects.filter(unit=dunia.a).aggregate(
        m=statistik.Median(statistik.hari_antara("diterima_pada", "ditanggapi_pada"))
    )
    assert a["m"] == pytest.approx(5.0)


def test_empty_scope():
    from tests.factories import UnitFactory

    s = statistik.hitung(statistik.lingkup(unit=UnitFactory()))
    assert (s.jumlah, s.median_tanggapan, s.persen_keputusan_tepat, s.per_bagian) == (0, None, None, [])


class TestNoLeak:
    TEKS = [
        *RAHASIA.values(),
        "RAHASIA-TANGGAPAN",
        IDENTITAS["nama"],
        IDENTITAS["alamat"],
        IDENTITAS["email"],
    ]

    def _halaman(self, client, dunia):
        urls = [
            reverse("pengaduan:statistik_unit", args=[dunia.a.slug]),
            reverse("pengaduan:statistik_instansi", args=[dunia.x.slug]),
            reverse("pengaduan:daftar_publik", args=[dunia.a.slug]),
            reverse("pengaduan:beranda"),
            reverse("pelayanan:unit_profil", args=[dunia.a.slug]),
        ]
        return {url: client.get(url) for url in urls}

    @pytest.mark.parametrize("status", ["tidak_lengkap", "ditindaklanjuti", "diputuskan", "diberitahukan"])
    def test_rahasia_text_never_on_a_public_page(self, client, dunia, data, status):
        p = sampai(ajukan(dunia.a, mode_privasi="rahasia", **RAHASIA), status, dunia.petugas)
        services.tanggapan_tulis(pengaduan=p, teks="RAHASIA-TANGGAPAN kami periksa", oleh=dunia.petugas)
        for url, r in self._halaman(client, dunia).items():
            html = r.content.decode()
            assert r.status_code == 200, url
            for teks in self.TEKS:
                assert teks not in html, (url, teks)
        # ...but it is counted.
        s = statistik.hitung(statistik.lingkup(unit=dunia.a))
        assert {k: n for k, _l, n in s.per_mode}["rahasia"] == 2

    def test_public_and_anonymous_content_is_listed_without_identity(self, client, dunia, data):
        html = client.get(reverse("pengaduan:daftar_publik", args=[dunia.a.slug])).content.decode()
        assert "Saya diminta membayar Rp 75.000" in html  # a1..a3 are verified and publik
        assert data["a1"].nomor in html
        assert data["a4"].nomor not in html
        assert IDENTITAS["nama"] not in html


class TestQueryCounts:
    def _banyak(self, dunia, n):
        for i in range(n):
            p = ajukan(dunia.a, pada=_lalu(10 + i), bagian=["biaya", "produk", "lainnya"][i % 3])
            sampai(p, ["lengkap", "diputuskan", "diberitahukan"][i % 3], dunia.petugas)

    @pytest.mark.parametrize(
        ("nama", "args", "harapan"),
        [
            ("statistik_unit", "unit", STATISTIK_UNIT_QUERIES),
            ("statistik_instansi", "instansi", STATISTIK_INSTANSI_QUERIES),
        ],
    )
    def test_statistics_pages(self, client, dunia, django_assert_num_queries, nama, args, harapan):
        slug = dunia.a.slug if args == "unit" else dunia.x.slug
        url = reverse(f"pengaduan:{nama}", args=[slug])
        self._banyak(dunia, 2)
        with django_assert_num_queries(harapan[connection.vendor]):
            assert client.get(url).status_code == 200
        self._banyak(dunia, 9)
        with django_assert_num_queries(harapan[connection.vendor]):
            assert client.get(url).status_code == 200

    def test_public_list(self, client, dunia, django_assert_num_queries):
        url = reverse("pengaduan:daftar_publik", args=[dunia.a.slug])
        self._banyak(dunia, 2)
        with django_assert_num_queries(DAFTAR_PUBLIK_QUERIES):
            client.get(url)
        self._banyak(dunia, 12)
        with django_assert_num_queries(DAFTAR_PUBLIK_QUERIES):
            client.get(url)
