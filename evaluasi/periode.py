"""Reporting periods of compiled reports: a month, a quarter, a half year or a year."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from evaluasi.choices import JenisPeriodeLaporan

BAGIAN = {
    JenisPeriodeLaporan.BULAN: 12,
    JenisPeriodeLaporan.TRIWULAN: 4,
    JenisPeriodeLaporan.SEMESTER: 2,
    JenisPeriodeLaporan.TAHUN: 1,
}
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def rentang(jenis: str, tahun: int, ke: int) -> tuple[date, date]:
    """First and last day of the `ke`-th month/quarter/half of `tahun` (or the whole year)."""
    bagian = BAGIAN[JenisPeriodeLaporan(jenis)]
    if not 1 <= ke <= bagian:
        raise ValidationError({"ke": _("Pilih ke-1 sampai ke-%(n)s.") % {"n": bagian}})
    bulan = 12 // bagian
    mulai = date(tahun, (ke - 1) * bulan + 1, 1)
    return mulai, mulai + relativedelta(months=bulan) - timedelta(days=1)


def terakhir_selesai(jenis: str, hari: date) -> tuple[int, int]:
    """(tahun, ke) of the last period of this kind that ended before `hari` (what beat compiles)."""
    bagian = BAGIAN[JenisPeriodeLaporan(jenis)]
    bulan = 12 // bagian
    ke = (hari.month - 1) // bulan + 1  # the running period
    if ke == 1:
        return hari.year - 1, bagian
    return hari.year, ke - 1


def label(jenis: str, tahun: int, ke: int) -> str:
    if jenis == JenisPeriodeLaporan.BULAN:
        return f"{_(BULAN[ke - 1])} {tahun}"
    if jenis == JenisPeriodeLaporan.TRIWULAN:
        return _("Triwulan %(ke)s %(tahun)s") % {"ke": ROMAWI[ke], "tahun": tahun}
    if jenis == JenisPeriodeLaporan.SEMESTER:
        return _("Semester %(ke)s %(tahun)s") % {"ke": ROMAWI[ke], "tahun": tahun}
    return _("Tahun %(tahun)s") % {"tahun": tahun}
