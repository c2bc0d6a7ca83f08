"""The statutory clock of a complaint (UU 25/2009 Pasal 42, 44 and 50).

The law counts calendar days ("paling lambat 14 hari sejak pengaduan diterima"): the deadline
of "n hari sejak d" is d + n, whatever weekday or holiday it falls on. A unit may promise
shorter times (PengaturanPengaduanUnit), counted in working days with the holiday calendar
(pelayanan.hari_kerja); the earlier of the two applies. Deadlines are computed when their
clock starts (by the services) and stored on the complaint, so lists and statistics can
filter and aggregate them in the database; this module computes them and reads them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pelayanan.hari_kerja import add_working_days
from pengaduan.choices import JenisTenggat, StatusPengaduan

# UU 25/2009, calendar days [P].
BATAS_PENGAJUAN_HARI = 30  # Pasal 42(2): filing after the service was received
TANGGAPAN_HARI = 14  # Pasal 44(3): first response (complete or incomplete)
KELENGKAPAN_HARI = 30  # Pasal 44(4)-(5): complainant completes, else the complaint lapses
KEPUTUSAN_HARI = 60  # Pasal 50(1): decision after the file is complete
PEMBERITAHUAN_HARI = 14  # Pasal 50(2): notifying the decision

DASAR = {
    JenisTenggat.TANGGAPAN: _("UU 25/2009 Pasal 44 ayat (3)"),
    JenisTenggat.KELENGKAPAN: _("UU 25/2009 Pasal 44 ayat (4)–(5)"),
    JenisTenggat.KEPUTUSAN: _("UU 25/2009 Pasal 50 ayat (1)"),
    JenisTenggat.PEMBERITAHUAN: _("UU 25/2009 Pasal 50 ayat (2)"),
}
HARI_UU = {
    JenisTenggat.TANGGAPAN: TANGGAPAN_HARI,
    JenisTenggat.KELENGKAPAN: KELENGKAPAN_HARI,
    JenisTenggat.KEPUTUSAN: KEPUTUSAN_HARI,
    JenisTenggat.PEMBERITAHUAN: PEMBERITAHUAN_HARI,
}

# The unit's deadlines: (statuses in which the clock runs, field holding the deadline).
# The completion deadline is the complainant's, not the unit's: it is never escalated.
TENGGAT_UNIT: dict[str, tuple[tuple[str, ...], str]] = {
    JenisTenggat.TANGGAPAN: ((StatusPengaduan.DITERIMA,), "batas_tanggapan"),
    JenisTenggat.KEPUTUSAN: (
        (StatusPengaduan.LENGKAP, StatusPengaduan.DITINDAKLANJUTI),
        "batas_keputusan",
    ),
    JenisTenggat.PEMBERITAHUAN: ((StatusPengaduan.DIPUTUSKAN,), "batas_pemberitahuan"),
}

SUMBER_UU, SUMBER_JANJI = "uu", "janji"


def hari_ini() -> date:
    return timezone.localdate()


def tanggal(waktu: datetime | date | None) -> date | None:
    """The local calendar date of a moment (dates pass through)."""
    if waktu is None or not isinstance(waktu, datetime):
        return waktu
    return timezone.localdate(waktu)


def hampir_hari() -> int:
    """A deadline this many days away or closer counts as due soon."""
    return getattr(settings, "PENGADUAN_HAMPIR_JATUH_TEMPO_HARI", 3)


# --- computing deadlines ------------------------------------------------------------------


def batas_kalender(mulai: date, hari: int) -> date:
    """ "paling lambat `hari` hari sejak `mulai`": calendar days, no shifting."""
    return mulai + timedelta(days=hari)


def batas(mulai: date, jenis: str, janji_hari_kerja: int | None = None, instansi=None) -> tuple[date, str]:
    """The deadline of `jenis` whose clock starts on `mulai`, and where it comes from: the
    statutory calendar-day deadline, or the unit's promise in working days when earlier."""
    uu = batas_kalender(mulai, HARI_UU[jenis])
    if janji_hari_kerja:
        janji = add_working_days(mulai, janji_hari_kerja, instansi)
        if janji < uu:
            return janji, SUMBER_JANJI
    return uu, SUMBER_UU


def terlambat_diajukan(tanggal_layanan: date, diterima: date) -> bool:
    """Filed more than 30 days after the service (Pasal 42(2)): accepted, but flagged so the
    unit can decline it."""
    return (diterima - tanggal_layanan).days > BATAS_PENGAJUAN_HARI


def batas_buka_kembali(p) -> date | None:
    """Last day on which the complainant may reopen a decided complaint (portal rule)."""
    mulai = max(filter(None, [tanggal(p.diputuskan_pada), tanggal(p.diberitahukan_pada)]), default=None)
    if mulai is None:
        return None
    return mulai + timedelta(days=settings.PENGADUAN_BUKA_KEMBALI_HARI)


# --- reading them back --------------------------------------------------------------------


@dataclass(frozen=True)
class Tenggat:
    jenis: str
    mulai: date
    batas: date
    dipenuhi: date | None
    hari_ini: date
    sumber: str = SUMBER_UU

    @property
    def label(self) -> str:
        return str(JenisTenggat(self.jenis).label)

    @property
    def dasar(self) -> str:
        return str(DASAR[self.jenis])

    @property
    def hari_uu(self) -> int:
        return HARI_UU[self.jenis]

    @property
    def milik_pengadu(self) -> bool:
        return self.jenis == JenisTenggat.KELENGKAPAN

    @property
    def sisa_hari(self) -> int:
        """Calendar days left (0: due today; negative: days overdue)."""
        return (self.batas - self.hari_ini).days

    @property
    def terlambat_hari(self) -> int:
        akhir = self.dipenuhi or self.hari_ini
        return max(0, (akhir - self.batas).days)

    @property
    def keadaan(self) -> str:
        """berjalan | hampir | terlambat | terpenuhi | terpenuhi_terlambat."""
        if self.dipenuhi is not None:
            return "terpenuhi" if self.dipenuhi <= self.batas else "terpenuhi_terlambat"
        if self.sisa_hari < 0:
            return "terlambat"
        return "hampir" if self.sisa_hari <= hampir_hari() else "berjalan"


def daftar(p, hari: date | None = None) -> list[Tenggat]:
    """The deadlines whose clock has started for complaint `p`, in the order they arise."""
    hari = hari or hari_ini()
    hasil = []

    def tambah(jenis, mulai, batas_, dipenuhi):
        if mulai is None or batas_ is None:
            return
        sumber = SUMBER_UU if batas_ >= batas_kalender(mulai, HARI_UU[jenis]) else SUMBER_JANJI
        hasil.append(Tenggat(jenis, mulai, batas_, dipenuhi, hari, sumber))

    tambah(
        JenisTenggat.TANGGAPAN,
        tanggal(p.diterima_pada),
        p.batas_tanggapan,
        tanggal(p.ditanggapi_pada),
    )
    if p.tidak_lengkap_pada:
        tambah(
            JenisTenggat.KELENGKAPAN,
            tanggal(p.tidak_lengkap_pada),
            p.batas_kelengkapan,
            tanggal(p.dilengkapi_pada),
        )
    mulai_keputusan = tanggal(p.keputusan_mulai_pada)
    if mulai_keputusan:
        tambah(JenisTenggat.KEPUTUSAN, mulai_keputusan, p.batas_keputusan, tanggal(p.diputuskan_pada))
    if p.diputuskan_pada:
        tambah(
            JenisTenggat.PEMBERITAHUAN,
            tanggal(p.diputuskan_pada),
            p.batas_pemberitahuan,
            tanggal(p.diberitahukan_pada),
        )
    return hasil


def q_terlambat(hari: date | None = None, jenis: str | None = None) -> Q:
    """Complaints past one of the unit's deadlines (all of them, or of one `jenis`)."""
    hari = hari or hari_ini()
    q = Q(pk__in=[])
    for j, (statuses, field) in TENGGAT_UNIT.items():
        if jenis is None or j == jenis:
            q |= Q(status__in=statuses, **{f"{field}__lt": hari})
    return q


def tenggat_berjalan(p) -> tuple[str, date] | None:
    """The unit's deadline running now (jenis, date), if any."""
    for jenis, (statuses, field) in TENGGAT_UNIT.items():
        if p.status in statuses and getattr(p, field):
            return jenis, getattr(p, field)
    return None
