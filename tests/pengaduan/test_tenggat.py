"""The statutory clock (pengaduan.tenggat): calendar days by law, working days for a unit's
promise, the earlier of the two; over weekends, holidays, cuti bersama, regional holidays and
year ends. Expected dates are computed by hand in the comments (calendar of 2026–2028; national
holidays from the `holidays` package: 25 Dec 2026 Fri, 1 Jan 2027 Fri; cuti bersama only when
imported as HariLibur data)."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelayanan.choices import JenisHariLibur
from pelayanan.hari_kerja import add_working_days, is_working_day
from pelayanan.models import HariLibur
from pengaduan import services, tenggat
from pengaduan.choices import JenisTenggat
from pengaduan.models import PengaturanPengaduanUnit
from tests.pengaduan.helpers import ajukan, sampai

pytestmark = pytest.mark.django_db

T, K, P, L = (
    JenisTenggat.TANGGAPAN,
    JenisTenggat.KEPUTUSAN,
    JenisTenggat.PEMBERITAHUAN,
    JenisTenggat.KELENGKAPAN,
)


def _pada(d: date, jam=10) -> datetime:
    return timezone.make_aware(datetime.combine(d, datetime.min.time()).replace(hour=jam))


@pytest.mark.parametrize(
    ("mulai", "jenis", "janji", "batas", "sumber"),
    [
        # Fri 18 Dec 2026 + 14 calendar days = Fri 1 Jan 2027 (New Year's Day: the law does not shift it).
        (date(2026, 12, 18), T, None, date(2027, 1, 1), "uu"),
        # 5 working days from Fri 18 Dec 2026: Mon 21, Tue 22, Wed 23, Thu 24 (no cuti bersama loaded),
        # Fri 25 is Christmas, Sat/Sun skipped, Mon 28 is the 5th -> 28 Dec, earlier than 1 Jan: the promise.
        (date(2026, 12, 18), T, 5, date(2026, 12, 28), "janji"),
        # 15 working days from Mon 2 Nov 2026: 3–6 (4), 9–13 (9), 16–20 (14), Mon 23 (15) -> 23 Nov;
        # the law's 2 + 14 = 16 Nov is earlier: the law applies.
        (date(2026, 11, 2), T, 15, date(2026, 11, 16), "uu"),
        # Received Sat 21 Nov 2026, 5 working days: Mon 23, 24, 25, 26, Fri 27 -> 27 Nov.
        (date(2026, 11, 21), T, 5, date(2026, 11, 27), "janji"),
        # The law's deadline may fall on a weekend: Sat 21 Nov + 14 = Sat 5 Dec 2026.
        (date(2026, 11, 21), T, None, date(2026, 12, 5), "uu"),
        # Decision: 3 Nov 2026 + 60 = 27 days to 30 Nov, 31 of December (58), Sat 2 Jan 2027 (60).
        (date(2026, 11, 3), K, None, date(2027, 1, 2), "uu"),
        # Completion by the complainant: 10 Feb 2027 + 30 = 12 Mar 2027 (February 2027 has 28 days).
        (date(2027, 2, 10), L, None, date(2027, 3, 12), "uu"),
        # Notification: Christmas 2026 + 14 = Fri 8 Jan 2027.
        (date(2026, 12, 25), P, None, date(2027, 1, 8), "uu"),
        # Leap year: 15 Feb 2028 + 14 = 29 Feb 2028.
        (date(2028, 2, 15), T, None, date(2028, 2, 29), "uu"),
        # Decision promise of 20 working days from Wed 9 Dec 2026: 10, 11 (2), 14–18 (7), 21–24 (11),
        # 25 Christmas, 28–31 (15), 1 Jan New Year, Mon 4 (16), Tue 5 is Isra Mi'raj 2027, 6, 7, 8 (19),
        # Mon 11 Jan 2027 (20); the law's 9 Dec + 60 = 7 Feb 2027 is later.
        (date(2026, 12, 9), K, 20, date(2027, 1, 11), "janji"),
    ],
)
def test_batas(mulai, jenis, janji, batas, sumber):
    assert tenggat.batas(mulai, jenis, janji) == (batas, sumber)


def test_cuti_bersama_and_regional_holidays_move_only_the_working_day_promise(dunia):
    # Cuti bersama Thu 24 Dec 2026 (data): 5 working days from Fri 18 Dec become
    # 21, 22, 23, 28, 29 -> Tue 29 Dec. The law's 1 Jan 2027 does not move.
    HariLibur.objects.create(
        tanggal=date(2026, 12, 24), nama="Cuti bersama Natal", jenis=JenisHariLibur.CUTI_BERSAMA
    )
    assert tenggat.batas(date(2026, 12, 18), T, 5) == (date(2026, 12, 29), "janji")
    assert tenggat.batas(date(2026, 12, 18), T, None) == (date(2027, 1, 1), "uu")
    # A regional holiday of instansi X on Tue 29 Dec: units of X count Wed 30 Dec; others not.
    HariLibur.objects.create(
        tanggal=date(2026, 12, 29),
        nama="Hari jadi Kabupaten X",
        jenis=JenisHariLibur.DAERAH,
        instansi=dunia.x,
    )
    assert tenggat.batas(date(2026, 12, 18), T, 5, dunia.x.pk) == (date(2026, 12, 30), "janji")
    assert tenggat.batas(date(2026, 12, 18), T, 5, dunia.y.pk) == (date(2026, 12, 29), "janji")


@pytest.mark.parametrize(
    ("layanan", "diterima", "terlambat"),
    [
        (date(2026, 10, 1), date(2026, 10, 31), False),  # day 30: still in time (paling lambat 30 hari)
        (date(2026, 10, 1), date(2026, 11, 1), True),  # day 31: late (Pasal 42(2))
        (date(2026, 12, 15), date(2027, 1, 14), False),  # over the year end, day 30
        (date(2026, 12, 15), date(2027, 1, 15), True),
        (date(2026, 11, 23), date(2026, 11, 23), False),  # the same day
    ],
)
def test_terlambat_diajukan(layanan, diterima, terlambat):
    assert tenggat.terlambat_diajukan(layanan, diterima) is terlambat


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mulai=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    jenis=st.sampled_from([T, K, P, L]),
    janji=st.one_of(st.none(), st.integers(min_value=1, max_value=120)),
)
def test_sifat_batas(db, mulai, jenis, janji):
    batas, sumber = tenggat.batas(mulai, jenis, janji)
    uu = mulai + timedelta(days=tenggat.HARI_UU[jenis])
    # Never later than the law, never before the next day.
    assert mulai < batas <= uu
    if janji is None:
        assert (batas, sumber) == (uu, "uu")
    else:
        kerja = add_working_days(mulai, janji)
        assert batas == min(uu, kerja)
        assert sumber == ("janji" if kerja < uu else "uu")
        if sumber == "janji":
            # A promise in working days always ends on a working day.
            assert is_working_day(batas)


@settings(max_examples=100, deadline=None)
@given(
    batas=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    geser=st.integers(min_value=-90, max_value=90),
    dipenuhi_geser=st.one_of(st.none(), st.integers(min_value=-30, max_value=30)),
)
def test_sifat_keadaan(batas, geser, dipenuhi_geser):
    hari_ini = batas + timedelta(days=geser)
    dipenuhi = None if dipenuhi_geser is None else batas + timedelta(days=dipenuhi_geser)
    t = tenggat.Tenggat(T, batas - timedelta(days=14), batas, dipenuhi, hari_ini)
    assert t.sisa_hari == -geser
    if dipenuhi is not None:
        assert t.keadaan == ("terpenuhi" if dipenuhi <= batas else "terpenuhi_terlambat")
        assert t.terlambat_hari == max(0, (dipenuhi - batas).days)
    elif geser > 0:
        assert t.keadaan == "terlambat"
        assert t.terlambat_hari == geser
    else:
        assert t.keadaan == ("hampir" if -geser <= 3 else "berjalan")
        assert t.terlambat_hari == 0


class TestTenggatPengaduan:
    """Deadlines set by the services as the complaint moves, over a year end."""

    def test_clock_of_a_complaint_over_the_year_end(self, dunia):
        PengaturanPengaduanUnit.objects.create(unit=dunia.a, janji_tanggapan_hari_kerja=5)
        # Filed Fri 18 Dec 2026: first response by Mon 28 Dec (promise, see test_batas).
        p = ajukan(dunia.a, pada=_pada(date(2026, 12, 18)), tanggal_layanan=date(2026, 12, 17))
        assert p.batas_tanggapan == date(2026, 12, 28)
        # Declared complete Wed 30 Dec 2026: decision by 30 Dec + 60 = 28 Feb 2027.
        p = services.pengaduan_transisi(
            pengaduan=p, nama="lengkap", oleh=dunia.petugas, pada=_pada(date(2026, 12, 30))
        )
        assert p.batas_keputusan == date(2027, 2, 28)
        daftar = tenggat.daftar(p, date(2027, 1, 4))
        assert [(t.jenis, t.batas, t.keadaan) for t in daftar] == [
            # Responded 30 Dec, two days after the promised 28 Dec: met, late.
            (T, date(2026, 12, 28), "terpenuhi_terlambat"),
            (K, date(2027, 2, 28), "berjalan"),
        ]
        assert daftar[0].terlambat_hari == 2
        assert daftar[0].sumber == "janji"
        assert daftar[1].sisa_hari == 55  # 4 Jan -> 28 Feb: 27 + 28 days
        p = services.pengaduan_transisi(pengaduan=p, nama="tindak_lanjuti", oleh=dunia.petugas)
        # Decided Mon 22 Feb 2027: notification by 22 Feb + 14 = 8 Mar 2027.
        p = services.pengaduan_transisi(
            pengaduan=p,
            nama="putuskan",
            oleh=dunia.petugas,
            hasil="selesai",
            teks="Selesai.",
            pada=_pada(date(2027, 2, 22)),
        )
        assert p.batas_pemberitahuan == date(2027, 3, 8)
        assert [t.keadaan for t in tenggat.daftar(p, date(2027, 3, 9))] == [
            "terpenuhi_terlambat",
            "terpenuhi",
            "terlambat",
        ]

    def test_incomplete_file_gives_the_complainant_30_days(self, dunia):
        p = ajukan(dunia.a, pada=_pada(date(2027, 1, 28)), tanggal_layanan=date(2027, 1, 20))
        p = services.pengaduan_transisi(
            pengaduan=p,
            nama="tidak_lengkap",
            oleh=dunia.petugas,
            teks="Lampirkan kuitansi.",
            pada=_pada(date(2027, 2, 10)),
        )
        assert p.batas_kelengkapan == date(2027, 3, 12)  # 10 Feb + 30
        t = next(t for t in tenggat.daftar(p, date(2027, 3, 12)) if t.jenis == L)
        assert (t.milik_pengadu, t.sisa_hari, t.keadaan) == (True, 0, "hampir")

    def test_promise_applies_to_the_decision_too(self, dunia):
        PengaturanPengaduanUnit.objects.create(unit=dunia.a, janji_keputusan_hari_kerja=20)
        p = ajukan(dunia.a, pada=_pada(date(2026, 12, 7)), tanggal_layanan=date(2026, 12, 1))
        p = services.pengaduan_transisi(
            pengaduan=p, nama="lengkap", oleh=dunia.petugas, pada=_pada(date(2026, 12, 9))
        )
        assert p.batas_keputusan == date(2027, 1, 11)  # see test_batas

    def test_reopening_restarts_the_decision_clock(self, dunia):
        p = sampai(ajukan(dunia.a), "diputuskan", dunia.petugas)
        besok = timezone.now() + timedelta(days=1)
        p = services.pengaduan_transisi(
            pengaduan=p, nama="buka_kembali", pelaku="pengadu", teks="Uang belum kembali.", pada=besok
        )
        assert p.batas_keputusan == timezone.localdate(besok) + timedelta(days=60)
        assert p.diputuskan_pada is None
        assert p.batas_pemberitahuan is None
