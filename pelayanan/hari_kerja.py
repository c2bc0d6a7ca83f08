"""The working-day calendar: weekends, national holidays, cuti bersama, regional days.

National holidays come from the `holidays` package (category "public"); cuti bersama
and regional days are data (HariLibur), editable in the admin, so a change by SKB or a
Perda needs no release. Deadlines in the other apps use these functions.

Conventions: `add_working_days(d, n)` is the n-th working day after d (d itself is not
counted, as a deadline of "n hari kerja sejak d"); `working_days_between(a, b)` counts
the working days in (a, b], negative when b is before a.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays as holidays_lib

from pelayanan.choices import JenisHariLibur
from pelayanan.models import HariLibur


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays_lib.Indonesia(years=year, categories=("public",)).keys())


def national_holiday_names(year: int) -> dict[date, str]:
    """National holidays of a year with their Indonesian names (for display)."""
    return dict(holidays_lib.Indonesia(years=year, categories=("public",), language="id"))


class _HolidaySet:
    """Holidays of the years touched by one computation, loaded one year at a time."""

    def __init__(self, instansi_id: int | None):
        self.instansi_id = instansi_id
        self._years: dict[int, frozenset[date]] = {}

    def _load(self, year: int) -> frozenset[date]:
        from django.db.models import Q

        scope = Q(instansi__isnull=True)
        if self.instansi_id is not None:
            scope |= Q(instansi_id=self.instansi_id)
        data_days = HariLibur.objects.filter(scope, tanggal__year=year, aktif=True).values_list(
            "tanggal", flat=True
        )
        return _national_holidays(year) | frozenset(data_days)

    def __contains__(self, day: date) -> bool:
        if day.year not in self._years:
            self._years[day.year] = self._load(day.year)
        return day in self._years[day.year]


def _instansi_id(instansi) -> int | None:
    return getattr(instansi, "pk", instansi)


def is_working_day(day: date, instansi=None) -> bool:
    """Monday to Friday and not a holiday (national, cuti bersama, or regional of instansi)."""
    return day.weekday() < 5 and day not in _HolidaySet(_instansi_id(instansi))


def add_working_days(start: date, n: int, instansi=None) -> date:
    """The n-th working day after `start` (n >= 0; n == 0 gives `start`)."""
    if n < 0:
        raise ValueError("n must not be negative")
    libur = _HolidaySet(_instansi_id(instansi))
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in libur:
            remaining -= 1
    return day


def working_days_between(start: date, end: date, instansi=None) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, instansi)
    libur = _HolidaySet(_instansi_id(instansi))
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in libur:
            count += 1
    return count


def import_cuti_bersama(year: int) -> int:
    """Copy the government's cuti bersama of `year` (from the `holidays` package) into
    HariLibur. Idempotent; never revives a day an admin switched off. Returns rows created."""
    government = holidays_lib.Indonesia(years=year, categories=("government",), language="id")
    created = 0
    for day, name in sorted(government.items()):
        _, was_created = HariLibur.objects.get_or_create(
            tanggal=day,
            instansi=None,
            defaults={"nama": name[:150], "jenis": JenisHariLibur.CUTI_BERSAMA},
        )
        created += was_created
    return created
