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
    return _add(start, n, _HolidaySet(_instansi_id(instansi)))


def add_working_days_many(items) -> list[date]:
    """`add_working_days` for many (start, n, instansi) at once, reading the holidays of every
    instansi and year involved in one query (for computations over many units)."""
    from django.db.models import Q

    items = [(start, n, _instansi_id(instansi)) for start, n, instansi in items]
    if not items:
        return []
    # 260 working days a year at most, so n working days reach at most n // 200 + 1 years on.
    years = {y for start, n, _i in items for y in range(start.year, start.year + n // 200 + 2)}
    instansi_ids = {i for _s, _n, i in items if i is not None}
    rows = HariLibur.objects.filter(
        Q(instansi__isnull=True) | Q(instansi_id__in=instansi_ids),
        tanggal__year__in=sorted(years),
        aktif=True,
    ).values_list("tanggal", "instansi_id")
    umum, daerah = set(), {}
    for tanggal, instansi_id in rows:
        (umum if instansi_id is None else daerah.setdefault(instansi_id, set())).add(tanggal)
    nasional = frozenset().union(*(_national_holidays(y) for y in years))
    return [_add(start, n, nasional | umum | daerah.get(i, set())) for start, n, i in items]


def _add(start: date, n: int, libur) -> date:
    if n < 0:
        raise ValueError("n must not be negative")
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
