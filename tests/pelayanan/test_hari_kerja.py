"""The working-day calendar (pelayanan.hari_kerja).

Expected dates in the example tests are worked out by hand in the comments, from the
calendar and from the `holidays` package's list for Indonesia (category "public"):
2026-08-17 Mon Hari Kemerdekaan, 2026-12-25 Fri Natal, 2027-01-01 Fri Tahun Baru,
2027-01-05 Tue Isra Mikraj. Cuti bersama are not national holidays: they count only
as HariLibur rows.
"""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelayanan.choices import JenisHariLibur
from pelayanan.hari_kerja import (
    add_working_days,
    import_cuti_bersama,
    is_working_day,
    working_days_between,
)
from pelayanan.models import HariLibur
from tests.factories import InstansiFactory


def cuti_bersama(day: date, aktif: bool = True) -> HariLibur:
    return HariLibur.objects.create(
        tanggal=day, nama="Cuti Bersama Uji", jenis=JenisHariLibur.CUTI_BERSAMA, instansi=None, aktif=aktif
    )


# --- Weekends and national holidays ---------------------------------------------------


@pytest.mark.django_db
def test_weekend_is_not_a_working_day():
    # 2026-11-20 Fri, 11-21 Sat, 11-22 Sun, 11-23 Mon; no holiday in that week.
    assert is_working_day(date(2026, 11, 20))
    assert not is_working_day(date(2026, 11, 21))
    assert not is_working_day(date(2026, 11, 22))
    assert is_working_day(date(2026, 11, 23))


@pytest.mark.django_db
def test_adding_working_days_skips_the_weekend():
    # From Fri 2026-11-20: Sat 21 and Sun 22 skipped -> Mon 23 (1), Tue 24 (2), ... Fri 27 (5),
    # Sat 28 / Sun 29 skipped -> Mon 30 (6).
    start = date(2026, 11, 20)
    assert add_working_days(start, 1) == date(2026, 11, 23)
    assert add_working_days(start, 5) == date(2026, 11, 27)
    assert add_working_days(start, 6) == date(2026, 11, 30)


@pytest.mark.django_db
def test_national_holiday_from_holidays_package_is_skipped():
    # Hari Kemerdekaan 2026-08-17 is a Monday. From Fri 08-14: Sat 15, Sun 16 weekend,
    # Mon 17 holiday -> Tue 08-18 is the first working day, Wed 08-19 the second.
    assert not is_working_day(date(2026, 8, 17))
    assert add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    assert add_working_days(date(2026, 8, 14), 2) == date(2026, 8, 19)
    # (08-14, 08-19]: Sat 15 no, Sun 16 no, Mon 17 holiday, Tue 18 yes, Wed 19 yes -> 2
    assert working_days_between(date(2026, 8, 14), date(2026, 8, 19)) == 2


# --- Holidays kept as data ----------------------------------------------------------------


@pytest.mark.django_db
def test_cuti_bersama_row_is_skipped():
    # Thu 2026-12-24 is cuti bersama (a row), Fri 12-25 Natal, Sat 26 / Sun 27 weekend
    # -> the first working day after Wed 12-23 is Mon 12-28.
    cuti_bersama(date(2026, 12, 24))
    assert not is_working_day(date(2026, 12, 24))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)


@pytest.mark.django_db
def test_cuti_bersama_is_a_working_day_without_its_row():
    # Without the row, Thu 2026-12-24 is an ordinary Thursday (cuti bersama are data only).
    assert is_working_day(date(2026, 12, 24))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)


@pytest.mark.django_db
def test_switched_off_cuti_bersama_is_a_working_day():
    # aktif=False (the SKB cancelled it): Thu 2026-12-24 is again the first working day after 12-23.
    cuti_bersama(date(2026, 12, 24), aktif=False)
    assert is_working_day(date(2026, 12, 24))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)


@pytest.mark.django_db
def test_regional_day_counts_only_for_its_instansi():
    sukamaju = InstansiFactory(nama="Pemerintah Kabupaten Sukamaju Uji")
    mekarsari = InstansiFactory(nama="Pemerintah Kota Mekarsari Uji")
    # Wed 2026-11-25: Hari Jadi of Sukamaju only.
    HariLibur.objects.create(
        tanggal=date(2026, 11, 25), nama="Hari Jadi Kabupaten", jenis=JenisHariLibur.DAERAH, instansi=sukamaju
    )
    hari_jadi = date(2026, 11, 25)
    assert not is_working_day(hari_jadi, sukamaju)
    assert not is_working_day(hari_jadi, sukamaju.pk)  # an id works as well as the object
    assert is_working_day(hari_jadi, mekarsari)
    assert is_working_day(hari_jadi)
    # From Tue 11-24: Sukamaju skips Wed 25 -> Thu 26; elsewhere Wed 25.
    assert add_working_days(date(2026, 11, 24), 1, sukamaju) == date(2026, 11, 26)
    assert add_working_days(date(2026, 11, 24), 1, mekarsari) == date(2026, 11, 25)
    assert add_working_days(date(2026, 11, 24), 1) == date(2026, 11, 25)
    # (11-24, 11-27]: Wed 25, Thu 26, Fri 27 -> 3 elsewhere, 2 in Sukamaju.
    assert working_days_between(date(2026, 11, 24), date(2026, 11, 27), sukamaju) == 2
    assert working_days_between(date(2026, 11, 24), date(2026, 11, 27), mekarsari) == 3


@pytest.mark.django_db
def test_span_across_the_year_end():
    cuti_bersama(date(2026, 12, 24))
    start = date(2026, 12, 23)  # Wednesday
    # Thu 12-24 cuti bersama, Fri 12-25 Natal, Sat 26, Sun 27 weekend,
    # Mon 28 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4),
    # Fri 2027-01-01 Tahun Baru, Sat 02, Sun 03 weekend, Mon 01-04 (5),
    # Tue 01-05 Isra Mikraj, Wed 01-06 (6).
    assert add_working_days(start, 4) == date(2026, 12, 31)
    assert add_working_days(start, 5) == date(2027, 1, 4)
    assert add_working_days(start, 6) == date(2027, 1, 6)
    assert working_days_between(start, date(2027, 1, 4)) == 5
    assert working_days_between(start, date(2027, 1, 6)) == 6


# --- Conventions ------------------------------------------------------------------------


@pytest.mark.django_db
def test_adding_zero_working_days_gives_the_start_even_on_a_holiday():
    for day in (date(2026, 11, 23), date(2026, 11, 22), date(2026, 8, 17)):  # Mon, Sun, holiday
        assert add_working_days(day, 0) == day


@pytest.mark.django_db
def test_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 11, 23), -1)


@pytest.mark.django_db
def test_working_days_between_is_signed():
    # (Fri 11-20, Fri 11-27]: Mon 23 .. Fri 27 -> 5; reversed -> -5.
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20)) == -5


@pytest.mark.django_db
def test_working_days_between_counts_end_but_not_start():
    # (Fri 11-20, Mon 11-23]: only Mon 23 -> 1. (Sat 21, Sun 22] -> 0.
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert working_days_between(date(2026, 11, 21), date(2026, 11, 22)) == 0


@pytest.mark.django_db
def test_working_days_between_equal_dates_is_zero():
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert working_days_between(date(2026, 8, 17), date(2026, 8, 17)) == 0


# --- Import of cuti bersama -----------------------------------------------------------------


@pytest.mark.django_db
def test_import_cuti_bersama_creates_national_rows():
    created = import_cuti_bersama(2026)
    rows = HariLibur.objects.all()
    assert created > 0
    assert created == rows.count()
    assert all(r.jenis == JenisHariLibur.CUTI_BERSAMA and r.instansi_id is None and r.aktif for r in rows)
    # Two of the 2026 cuti bersama of the SKB (Idul Fitri and Natal).
    assert {date(2026, 3, 20), date(2026, 12, 24)} <= {r.tanggal for r in rows}
    assert all(r.tanggal.year == 2026 for r in rows)


@pytest.mark.django_db
def test_import_cuti_bersama_is_idempotent():
    first = import_cuti_bersama(2026)
    count = HariLibur.objects.count()
    second = import_cuti_bersama(2026)
    assert first > 0
    assert second == 0
    assert HariLibur.objects.count() == count


@pytest.mark.django_db
def test_import_cuti_bersama_does_not_revive_a_switched_off_day():
    import_cuti_bersama(2026)
    HariLibur.objects.filter(tanggal=date(2026, 12, 24), instansi=None).update(aktif=False)
    assert import_cuti_bersama(2026) == 0
    row = HariLibur.objects.get(tanggal=date(2026, 12, 24), instansi=None)
    assert row.aktif is False
    assert is_working_day(date(2026, 12, 24))


@pytest.mark.django_db
def test_import_cuti_bersama_keeps_a_day_switched_off_before_the_first_import():
    # The admin already recorded the cancellation before the import ever ran.
    cuti_bersama(date(2026, 12, 24), aktif=False)
    created = import_cuti_bersama(2026)
    assert HariLibur.objects.count() == created + 1
    assert HariLibur.objects.get(tanggal=date(2026, 12, 24)).aktif is False


# --- Properties -------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@pytest.fixture
def kalender(db):
    """Cuti bersama of 2024–2029 plus a regional day; returns the instansi of that day.

    Examples of one property share this fixture (the database is only read)."""
    for year in range(2024, 2030):
        import_cuti_bersama(year)
    instansi = InstansiFactory(nama="Pemerintah Kabupaten Properti")
    for year in range(2024, 2029):
        HariLibur.objects.create(
            tanggal=date(year, 7, 10), nama="Hari Jadi", jenis=JenisHariLibur.DAERAH, instansi=instansi
        )
    return instansi


@PROPERTY_SETTINGS
@given(start=dates, n=st.integers(min_value=0, max_value=40), regional=st.booleans())
def test_property_between_inverts_add(kalender, start, n, regional):
    instansi = kalender if regional else None
    assert working_days_between(start, add_working_days(start, n, instansi), instansi) == n


@PROPERTY_SETTINGS
@given(start=dates, n=st.integers(min_value=1, max_value=40), regional=st.booleans())
def test_property_result_is_a_later_working_day(kalender, start, n, regional):
    instansi = kalender if regional else None
    result = add_working_days(start, n, instansi)
    assert result > start
    assert is_working_day(result, instansi)
    # The n-th working day: the day before it leaves only n - 1 working days after start.
    assert working_days_between(start, result - timedelta(days=1), instansi) == n - 1


@PROPERTY_SETTINGS
@given(a=dates, b=dates, c=dates, regional=st.booleans())
def test_property_between_is_additive(kalender, a, b, c, regional):
    instansi = kalender if regional else None
    assert working_days_between(a, b, instansi) + working_days_between(b, c, instansi) == (
        working_days_between(a, c, instansi)
    )


@PROPERTY_SETTINGS
@given(day=dates, regional=st.booleans())
def test_property_one_day_span_counts_iff_working_day(kalender, day, regional):
    instansi = kalender if regional else None
    expected = 1 if is_working_day(day, instansi) else 0
    assert working_days_between(day - timedelta(days=1), day, instansi) == expected
