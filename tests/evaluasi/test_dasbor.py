"""The Pembina dashboard: the selectors (periods, zone counts, ranking, IKM trend, units
without figures, totals, open recommendations), who may see it (a Pembina of another instansi
sees nothing), the drill-down with its evidence, the exports, and constant query counts."""

import contextlib
import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from evaluasi import dasbor
from evaluasi.models import Rekomendasi
from tests.evaluasi.dasbor_helpers import dunia, laporan_selesai, rekomendasi_baru, ringkasan
from tests.factories import UnitFactory, user_factory

pytestmark = pytest.mark.django_db

# The dashboard, whatever the number of units: the request's savepoint pair, session, user,
# grants, the instansi; the selector's 9 (periods, zones, units, the period's rows, totals and
# zone counts, the instansi's report of the period, IKM trend, open recommendations per unit,
# latest reports).
DASBOR_QUERIES = 2 + 3 + 1 + 9
# A unit: savepoints, session, user, grants, instansi, unit; the selector's 5 (the unit's
# periods, zones, the period's row, IKM trend, recommendations with their authors).
DASBOR_UNIT_QUERIES = 2 + 3 + 2 + 5


@pytest.fixture
def d():
    return dunia(3)


def _url(d, **q):
    from urllib.parse import urlencode

    return reverse("evaluasi:dasbor", args=[d.instansi.slug]) + ("?" + urlencode(q) if q else "")


def _url_unit(d, unit, **q):
    from urllib.parse import urlencode

    url = reverse("evaluasi:dasbor_unit", args=[d.instansi.slug, unit.slug])
    return url + ("?" + urlencode(q) if q else "")


def _url_ekspor(d, tabel, fmt, **q):
    from urllib.parse import urlencode

    url = reverse("evaluasi:dasbor_ekspor", args=[d.instansi.slug, tabel, fmt])
    return url + ("?" + urlencode(q) if q else "")


# --- selectors ------------------------------------------------------------------------------------


class TestSelector:
    def test_zone_counts_and_units_without_figures(self, d):
        extra = [UnitFactory(instansi=d.instansi, nama=f"Unit {i:02d}") for i in range(4, 7)]
        units = d.units + extra
        for unit, skor in zip(units, ["90", "81.00", "80.99", "51.00", "50.99"], strict=False):
            ringkasan(unit, skor)
        data = dasbor.dasbor_instansi(d.instansi)
        assert [(jz.zona.kode, jz.jumlah) for jz in data.jumlah_zona] == [
            ("hijau", 2),
            ("kuning", 2),
            ("merah", 1),
        ]
        assert data.total.unit == 6
        assert data.total.dihitung == 5
        assert data.total.belum_dihitung == 1
        belum = [b for b in data.baris if not b.dihitung]
        assert [b.unit for b in belum] == [units[5]]
        assert belum[0].peringkat is None
        assert belum[0].zona is None

    def test_ranking_by_index_ties_by_name(self, d):
        u1, u2, u3 = d.units
        u4 = UnitFactory(instansi=d.instansi, nama="Unit 00 tanpa angka")
        ringkasan(u3, "70.00")
        ringkasan(u2, "85.50")
        ringkasan(u1, "70.00")
        data = dasbor.dasbor_instansi(d.instansi)
        assert [(b.unit.nama, b.peringkat) for b in data.baris] == [
            ("Unit 02", 1),
            ("Unit 01", 2),
            ("Unit 03", 3),
            (u4.nama, None),
        ]
        assert [b.unit for b in data.peringkat] == [u2, u1, u3]
        assert data.baris[0].zona.kode == "hijau"

    def test_ikm_trend_over_the_last_four_periods_of_the_same_kind(self, d):
        u1, u2, _u3 = d.units
        ringkasan(u1, 80, tahun=2025, ke=1, ikm="70.10")
        ringkasan(u1, 80, tahun=2025, ke=3, ikm="75.00")
        ringkasan(u1, 80, tahun=2025, ke=4, ikm="78.25")
        ringkasan(u1, 80, tahun=2024, ke=4, ikm="60.00")  # five periods back: not in the trend
        ringkasan(u1, 80, jenis="tahun", tahun=2025, ke=1, ikm="99.99")  # another kind
        ringkasan(u2, 80, tahun=2025, ke=4, ikm="81.00")
        ringkasan(d.unit_lain, 80, tahun=2025, ke=3, ikm="10.00")  # another instansi
        data = dasbor.dasbor_instansi(d.instansi, "triwulan", 2025, 4)
        assert [p.label for p in data.periode_tren] == [
            "Triwulan I 2025",
            "Triwulan II 2025",
            "Triwulan III 2025",
            "Triwulan IV 2025",
        ]
        baris = {b.unit: b for b in data.baris}
        assert baris[u1].tren.nilai == [Decimal("70.10"), None, Decimal("75.00"), Decimal("78.25")]
        assert baris[u1].tren.selisih == Decimal("3.25")
        assert baris[u2].tren.nilai == [None, None, None, Decimal("81.00")]
        assert baris[u2].tren.selisih is None
        # across the year boundary
        data = dasbor.dasbor_instansi(d.instansi, "triwulan", 2025, 1)
        assert [(p.tahun, p.ke) for p in data.periode_tren] == [(2024, 2), (2024, 3), (2024, 4), (2025, 1)]
        baris = {b.unit: b for b in data.baris}
        assert baris[u1].tren.nilai == [None, None, Decimal("60.00"), Decimal("70.10")]

    def test_default_period_is_the_newest_and_a_period_can_be_chosen(self, d):
        u1 = d.units[0]
        ringkasan(u1, 60, tahun=2025, ke=3)
        ringkasan(u1, 70, tahun=2025, ke=4)
        ringkasan(u1, 90, jenis="tahun", tahun=2025, ke=1)
        ringkasan(u1, 50, jenis="bulan", tahun=2025, ke=12)
        data = dasbor.dasbor_instansi(d.instansi)
        assert [p.kode for p in data.periode_list] == [
            "tahun-2025-1",
            "triwulan-2025-4",
            "bulan-2025-12",
            "triwulan-2025-3",
        ]
        assert data.periode.kode == "tahun-2025-1"
        assert data.baris[0].ringkasan.skor_kepatuhan == Decimal("90")
        data = dasbor.dasbor_instansi(d.instansi, "triwulan", "2025", "3")
        assert data.baris[0].ringkasan.skor_kepatuhan == Decimal("60")
        # a period without figures: every unit "belum dihitung"
        data = dasbor.dasbor_instansi(d.instansi, "semester", 2024, 2)
        assert data.periode.kode == "semester-2024-2"
        assert data.total.dihitung == 0
        assert all(not b.dihitung for b in data.baris)
        # nonsense falls back to the default
        assert dasbor.dasbor_instansi(d.instansi, "triwulan", 2025, 9).periode.kode == "tahun-2025-1"
        assert dasbor.periode_dari_kode("abad-2025-1") is None
        assert dasbor.periode_dari_kode("triwulan-2025") is None

    def test_no_figures_at_all(self, d):
        data = dasbor.dasbor_instansi(d.instansi)
        assert data.periode is None
        assert data.periode_list == []
        assert [b.unit for b in data.baris] == d.units
        assert data.total.belum_dihitung == 3

    def test_inactive_units_and_other_instansi_are_left_out(self, d):
        u1, u2, _u3 = d.units
        ringkasan(u1, 90)
        ringkasan(u2, 80)
        ringkasan(d.unit_lain, 99)
        u2.aktif = False
        u2.save()
        data = dasbor.dasbor_instansi(d.instansi)
        assert u2 not in [b.unit for b in data.baris]
        assert data.total.dihitung == 1
        assert [b.unit for b in data.peringkat] == [u1]

    def test_totals_and_open_recommendations(self, d):
        u1, u2, u3 = d.units
        ringkasan(
            u1, 90, responden=100, pengaduan=10, pengaduan_tepat_persen=Decimal("90"), pengaduan_terlambat=1
        )
        ringkasan(
            u2, 70, responden=50, pengaduan=30, pengaduan_tepat_persen=Decimal("50"), standar_terlambat=2
        )
        ringkasan(u3, 40, responden=0, pengaduan=0, pengaduan_tepat_persen=None, standar_terlambat=1)
        rekomendasi_baru(u1, d.pembina)
        lewat = rekomendasi_baru(u1, d.pembina)
        Rekomendasi.objects.filter(pk=lewat.pk).update(batas_waktu=timezone.localdate() - timedelta(days=1))
        selesai = rekomendasi_baru(u2, d.pembina)
        from evaluasi import rekomendasi

        rekomendasi.rekomendasi_update(
            rekomendasi=selesai, status="selesai", tindak_lanjut="Beres.", oleh=_admin(u2)
        )
        rekomendasi_baru(d.unit_lain, d.pembina_lain)
        data = dasbor.dasbor_instansi(d.instansi)
        t = data.total
        assert (t.responden, t.pengaduan, t.pengaduan_terlambat, t.standar_terlambat) == (150, 40, 1, 3)
        # not summable from the units' rows: only from the instansi's report of the period
        assert (t.ikm, t.pengaduan_tepat_persen, t.laporan_id) == (None, None, None)
        assert (t.rekomendasi_terbuka, t.rekomendasi_lewat) == (2, 1)
        baris = {b.unit: b for b in data.baris}
        assert (baris[u1].rekomendasi_terbuka, baris[u1].rekomendasi_lewat) == (2, 1)
        assert baris[u2].rekomendasi_terbuka == 0
        # a finished report of the whole instansi for this period gives the pooled figures;
        # one of another period or of one unit does not
        laporan_selesai(d.instansi, ikm="77.31", mutu="B", tepat="62.50")
        laporan_selesai(d.instansi, ke=3, ikm="10.00", mutu="D", tepat="1.00")
        laporan_selesai(d.instansi, unit=u1, ikm="11.00", mutu="D", tepat="2.00")
        t = dasbor.dasbor_instansi(d.instansi).total
        assert (t.ikm, t.mutu, t.pengaduan_tepat_persen) == (Decimal("77.31"), "B", Decimal("62.50"))
        assert t.laporan_id is not None

    def test_unit_detail(self, d):
        u1 = d.units[0]
        ringkasan(u1, 75, tahun=2025, ke=3, ikm="77.00")
        ringkasan(u1, 82, tahun=2025, ke=4, ikm="79.50")
        rekomendasi_baru(u1, d.pembina, teks="Satu")
        rekomendasi_baru(d.units[1], d.pembina, teks="Unit lain")
        data = dasbor.dasbor_unit(d.instansi, u1)
        assert data.periode.kode == "triwulan-2025-4"
        assert data.zona.kode == "hijau"
        assert data.tren.nilai == [None, None, Decimal("77.00"), Decimal("79.50")]
        assert [r.teks for r in data.rekomendasi] == ["Satu"]
        assert [(r["kode"], r["putusan_kode"]) for r in data.rincian] == [
            ("standar_terbit", "sebagian"),
            ("pengaduan_tepat_waktu", "na"),
            ("kanal_pengaduan", "lulus"),
            ("skm_sampel", "tidak"),
        ]
        assert data.rincian[0]["tautan"] == "/standar/unit/contoh/"
        assert data.rincian[2]["tautan"] == ""  # a javascript: link is dropped
        with pytest.raises(ValueError, match="di luar instansi"):
            dasbor.dasbor_unit(d.instansi, d.unit_lain)


def _admin(unit):
    from pelayanan.choices import Peran
    from tests.factories import grant

    u = user_factory(email=f"admin.{unit.slug}@dasbor.example")
    grant(u, Peran.ADMIN_UNIT, unit=unit)
    return u


# --- access -----------------------------------------------------------------------------------------


class TestAccess:
    @pytest.mark.parametrize("siapa", ["pembina", "pj", "evaluator", "superuser"])
    def test_monitors_of_this_instansi_see_everything(self, client, d, siapa):
        ringkasan(d.units[0], 90)
        user = (
            user_factory(email="root@dasbor.example", is_superuser=True)
            if siapa == "superuser"
            else getattr(d, siapa)
        )
        client.force_login(user)
        assert client.get(_url(d)).status_code == 200
        assert client.get(_url_unit(d, d.units[0])).status_code == 200
        for tabel in ("unit", "peringkat", "rekomendasi"):
            for fmt in ("csv", "xlsx"):
                assert client.get(_url_ekspor(d, tabel, fmt)).status_code == 200, (tabel, fmt)

    @pytest.mark.parametrize("siapa", ["pembina_lain", "admin", "kepala", "pengelola"])
    def test_others_see_nothing(self, client, d, siapa):
        ringkasan(d.units[0], 90)
        client.force_login(getattr(d, siapa))
        assert client.get(_url(d)).status_code == 403
        assert client.get(_url_unit(d, d.units[0])).status_code == 403
        for tabel in ("unit", "peringkat", "rekomendasi"):
            assert client.get(_url_ekspor(d, tabel, "csv")).status_code == 403
        assert (
            client.post(_url_unit(d, d.units[0]), {"teks": "x", "batas_waktu": "2099-01-01"}).status_code
            == 403
        )
        assert not Rekomendasi.objects.exists()

    def test_a_unit_of_another_instansi_is_not_found(self, client, d):
        client.force_login(d.pembina)
        url = reverse("evaluasi:dasbor_unit", args=[d.instansi.slug, d.unit_lain.slug])
        assert client.get(url).status_code == 404
        client.force_login(d.pembina_lain)
        url = reverse("evaluasi:dasbor_unit", args=[d.lain.slug, d.units[0].slug])
        assert client.get(url).status_code == 404

    def test_visitors_go_to_the_login_page(self, client, d):
        for url in (_url(d), _url_unit(d, d.units[0]), _url_ekspor(d, "unit", "csv")):
            resp = client.get(url)
            assert resp.status_code == 302
            assert "/akun/masuk/" in resp["Location"]

    def test_unknown_table_or_format(self, client, d):
        client.force_login(d.pembina)
        assert client.get(_url_ekspor(d, "semua", "csv")).status_code == 404
        assert client.get(_url_ekspor(d, "unit", "pdf")).status_code == 404

    def test_navigation(self, client, d):
        client.force_login(d.pembina)
        html = client.get(reverse("pelayanan:ruang_kerja")).content.decode()
        assert f'href="{reverse("evaluasi:dasbor_saya")}"' in html
        resp = client.get(reverse("evaluasi:dasbor_saya"))
        assert resp.status_code == 302
        assert resp["Location"] == _url(d)
        client.force_login(d.admin)
        assert client.get(reverse("evaluasi:dasbor_saya")).status_code == 403


# --- pages ------------------------------------------------------------------------------------------


class TestPages:
    def test_dashboard_shows_zones_in_words_rank_trend_and_units_without_figures(self, client, d):
        u1, u2, u3 = d.units
        ringkasan(u1, "45.00", tahun=2025, ke=3, ikm="70.00")
        ringkasan(u1, "45.00", ikm="72.50", pengaduan=4, pengaduan_tepat_persen=Decimal("75"))
        ringkasan(u2, "88.25", ikm="81.00")
        client.force_login(d.pembina)
        html = client.get(_url(d)).content.decode()
        assert "Zona hijau" in html
        assert "Zona merah" in html
        assert "Belum dihitung" in html
        assert "88,25" in html
        assert "45,00" in html
        assert "72,50" in html
        assert "+2,50" in html
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img"' in html
        assert 'fill="#1e7b34"' in html
        assert 'fill="#b02a37"' in html
        assert _url_unit(d, u3, periode="triwulan-2025-4") in html
        assert 'value="triwulan-2025-3"' in html  # the period selector
        assert "IKM instansi dan persentase tepat waktu instansi muncul setelah laporan" in html
        laporan = laporan_selesai(d.instansi, ikm="77.31", mutu="B", tepat="62.50")
        html = client.get(_url(d)).content.decode()
        assert "77,31 (B)" in html
        assert "62,50%" in html
        with contextlib.suppress(NoReverseMatch):  # without the reports' pages there is no link
            assert f'href="{reverse("evaluasi:laporan", args=[laporan.pk])}"' in html
        assert "<script" not in html.split("</main>")[0].split("<main")[1]
        assert 'style="' not in html.split("</main>")[0].split("<main")[1]

    def test_pages_without_any_figures(self, client, d):
        client.force_login(d.pembina)
        html = client.get(_url(d)).content.decode()
        assert "Belum ada ringkasan evaluasi" in html
        assert html.count("Belum dihitung") >= 3
        html = client.get(_url_unit(d, d.units[0])).content.decode()
        assert "Belum ada ringkasan evaluasi untuk unit ini." in html
        html = client.get(_url_unit(d, d.units[0], periode="triwulan-2025-4")).content.decode()
        assert "Unit ini belum dihitung pada periode ini." in html
        assert _csv(client.get(_url_ekspor(d, "unit", "csv")))[1] == ["", "Unit 01", "Belum dihitung"] + [
            ""
        ] * 8 + ["0"]

    def test_drill_down_shows_evidence_trend_and_recommendations(self, client, d):
        u1 = d.units[0]
        ringkasan(u1, "62.00", tahun=2025, ke=3, ikm="70.00")
        ringkasan(u1, "64.00", ikm="72.50", pengaduan=3, pengaduan_terlambat=1)
        rekomendasi_baru(u1, d.pembina, teks="Percepat tanggapan pengaduan.")
        client.force_login(d.pembina)
        html = client.get(_url_unit(d, u1)).content.decode()
        assert "Setiap layanan aktif memiliki standar pelayanan yang terbit" in html
        assert "3 dari 4 layanan aktif memiliki standar terbit" in html
        assert 'href="/standar/unit/contoh/"' in html
        assert "javascript:" not in html
        for kata in ("Sebagian", "Memenuhi", "Tidak berlaku", "Belum memenuhi"):
            assert kata in html
        assert "Tren IKM" in html
        assert "Triwulan III 2025" in html
        assert "Percepat tanggapan pengaduan." in html
        assert 'name="teks"' in html  # the Pembina may write one

    def test_writing_a_recommendation_from_the_drill_down(self, client, d):
        u1 = d.units[0]
        client.force_login(d.pembina)
        besok = (timezone.localdate() + timedelta(days=14)).isoformat()
        resp = client.post(_url_unit(d, u1), {"teks": "Lengkapi komponen biaya.", "batas_waktu": besok})
        assert resp.status_code == 302
        r = Rekomendasi.objects.get()
        assert (r.unit, r.dibuat_oleh, r.teks) == (u1, d.pembina, "Lengkapi komponen biaya.")
        kemarin = (timezone.localdate() - timedelta(days=1)).isoformat()
        resp = client.post(_url_unit(d, u1), {"teks": "Lagi.", "batas_waktu": kemarin})
        assert resp.status_code == 400
        assert "tidak boleh di masa lalu" in resp.content.decode()
        client.force_login(d.evaluator)
        html = client.get(_url_unit(d, u1)).content.decode()
        assert 'name="teks"' not in html
        assert client.post(_url_unit(d, u1), {"teks": "x", "batas_waktu": besok}).status_code == 403
        assert Rekomendasi.objects.count() == 1


# --- exports ----------------------------------------------------------------------------------------


def _csv(resp) -> list[list[str]]:
    teks = resp.content.decode("utf-8")
    assert teks.startswith("\ufeff")
    return list(csv.reader(io.StringIO(teks[1:])))


class TestExports:
    def test_unit_table_csv_equals_the_dashboard_table(self, client, d):
        u1, u2, _u3 = d.units
        ringkasan(u1, "45.00", ikm="72.50", responden=120, pengaduan=4, pengaduan_tepat_persen=Decimal("75"))
        ringkasan(u2, "88.25", ikm="81.00", responden=200, pengaduan_terlambat=2, standar_terlambat=1)
        ringkasan(u1, "10.00", tahun=2025, ke=3)
        rekomendasi_baru(u1, d.pembina)
        client.force_login(d.pembina)
        rows = _csv(client.get(_url_ekspor(d, "unit", "csv", periode="triwulan-2025-4")))
        assert rows == [
            [
                "Peringkat",
                "Unit",
                "Zona",
                "Indeks kepatuhan",
                "IKM",
                "Mutu",
                "Responden SKM",
                "Pengaduan",
                "Pengaduan tepat waktu (%)",
                "Pengaduan terlambat",
                "Standar terlambat dievaluasi/ditinjau",
                "Rekomendasi terbuka",
            ],
            ["1", "Unit 02", "Zona hijau", "88.25", "81.00", "B", "200", "0", "", "2", "1", "0"],
            ["2", "Unit 01", "Zona merah", "45.00", "72.50", "B", "120", "4", "75.00", "0", "0", "1"],
            ["", "Unit 03", "Belum dihitung", "", "", "", "", "", "", "", "", "0"],
        ]
        # the same figures, in the same order, as the dashboard's table
        html = client.get(_url(d, periode="triwulan-2025-4")).content.decode()
        tabel = html.split('id="tabel-unit"')[1]
        posisi = [tabel.index(nama) for nama in ("Unit 02", "Unit 01", "Unit 03")]
        assert posisi == sorted(posisi)
        for nilai in ("88,25", "81,00", "45,00", "72,50", "75,00%"):
            assert nilai in tabel

    def test_ranking_and_recommendations(self, client, d):
        u1, u2, _u3 = d.units
        ringkasan(u1, "70")
        ringkasan(u2, "70")
        rekomendasi_baru(u2, d.pembina, teks='=HYPERLINK("x")')
        client.force_login(d.pj)
        rows = _csv(client.get(_url_ekspor(d, "peringkat", "csv")))
        assert rows[1:] == [
            ["1", "Unit 01", "70.00", "Zona kuning", "Kepatuhan sedang"],
            ["2", "Unit 02", "70.00", "Zona kuning", "Kepatuhan sedang"],
        ]
        rows = _csv(client.get(_url_ekspor(d, "rekomendasi", "csv")))
        assert rows[0][:4] == ["Unit", "Rekomendasi", "Batas waktu", "Status"]
        assert rows[1][:2] == ["Unit 02", '\'=HYPERLINK("x")']  # no formula injection
        assert rows[1][3] == "Baru"

    def test_xlsx_opens(self, client, d):
        from openpyxl import load_workbook

        ringkasan(d.units[0], "81")
        client.force_login(d.evaluator)
        resp = client.get(_url_ekspor(d, "unit", "xlsx"))
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        assert 'filename="kepatuhan-unit-' in resp["Content-Disposition"]
        assert "no-store" in resp["Cache-Control"]
        wb = load_workbook(io.BytesIO(resp.content))
        ws = wb.worksheets[0]
        assert ws.title == "Triwulan IV 2025"
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][:4] == ("Peringkat", "Unit", "Zona", "Indeks kepatuhan")
        assert rows[1][:4] == (1, "Unit 01", "Zona hijau", 81)
        assert len(rows) == 4


# --- query counts -----------------------------------------------------------------------------------


class TestQueryCounts:
    def _isi(self, d, units):
        for i, unit in enumerate(units):
            for ke in (1, 2, 3, 4):
                ringkasan(unit, 40 + i % 60, ke=ke, ikm=60 + ke)
            rekomendasi_baru(unit, d.pembina)

    def test_dashboard_the_same_for_3_and_30_units(self, client, d, django_assert_num_queries):
        self._isi(d, d.units)
        client.force_login(d.pembina)
        with django_assert_num_queries(DASBOR_QUERIES):
            assert client.get(_url(d)).status_code == 200
        lagi = [UnitFactory(instansi=d.instansi, nama=f"Unit {i:02d}") for i in range(4, 31)]
        self._isi(d, lagi)
        with django_assert_num_queries(DASBOR_QUERIES):
            resp = client.get(_url(d))
        assert resp.content.decode().count("/dasbor/unit/") >= 30

    def test_drill_down(self, client, d, django_assert_num_queries):
        self._isi(d, d.units[:1])
        client.force_login(d.pembina)
        with django_assert_num_queries(DASBOR_UNIT_QUERIES):
            assert client.get(_url_unit(d, d.units[0])).status_code == 200
        for _i in range(5):
            rekomendasi_baru(d.units[0], d.pj)
        with django_assert_num_queries(DASBOR_UNIT_QUERIES):
            assert client.get(_url_unit(d, d.units[0])).status_code == 200
