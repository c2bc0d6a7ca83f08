"""The Indeks Kepuasan Masyarakat, computed exactly (PermenPANRB 14/2017; docs/ikm.md).

    NRR_i = (sum of the answers to unsur i) / (number of questionnaires)        1..4
    IKM   = (sum over i of NRR_i × bobot) × 25                                  25..100

with bobot = 1/9 exactly (setting SKM_BOBOT = "1/9", the default) or 0.111 as in the
Permen's worked text (SKM_BOBOT = "0.111", for comparison with paper reports; all-4
answers then give 99.90). All arithmetic is on fractions of integers; the only rounding is
at the very end, half up (ROUND_HALF_UP), to two decimals. The mutu (A/B/C/D) is read
from the rounded IKM with the interval table of the Permen.

The database does the counting: one query returns the count and the nine sums (per
service, per unit or per period with values() + annotate); Python then works on nine
integers, never on the rows. A unit's IKM is POOLED over all its responses (its nine
sums are the sums of its services' sums), not an average of the services' indices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from evaluasi import unsur

BOBOT_TEPAT = "1/9"
BOBOT_0111 = "0.111"
BOBOT = {BOBOT_TEPAT: Fraction(1, unsur.JUMLAH), BOBOT_0111: Fraction("0.111")}
KONVERSI = 25  # nilai persepsi 1..4 -> nilai konversi 25..100


def bobot_aktif() -> str:
    """The weight variant chosen by settings.SKM_BOBOT ("1/9" unless set)."""
    nama = str(getattr(settings, "SKM_BOBOT", BOBOT_TEPAT))
    if nama not in BOBOT:
        raise ImproperlyConfigured(f"SKM_BOBOT must be one of {sorted(BOBOT)}, not {nama!r}")
    return nama


def bulatkan(nilai: Fraction | int, tempat: int = 2) -> Decimal:
    """Round an exact value half up (away from zero at .5) to `tempat` decimals, exactly:
    integer arithmetic, no intermediate binary or decimal approximation."""
    x = Fraction(nilai) * 10**tempat
    tanda = -1 if x < 0 else 1
    q, r = divmod(abs(x.numerator), x.denominator)
    if 2 * r >= x.denominator:
        q += 1
    return Decimal(tanda * q).scaleb(-tempat)


# --- mutu pelayanan (interval table, law.md §3.5) ----------------------------------------


@dataclass(frozen=True)
class Mutu:
    huruf: str
    kinerja: Promise
    bawah: Decimal  # lowest IKM (konversi) of this grade, inclusive
    atas: Decimal  # highest, inclusive (both with two decimals)
    persepsi_bawah: Decimal  # the same bounds as nilai interval 1..4 (for the table)
    persepsi_atas: Decimal

    def __str__(self) -> str:
        return f"{self.huruf} ({self.kinerja})"


INTERVAL: tuple[Mutu, ...] = (
    Mutu("D", _("Tidak baik"), Decimal("25.00"), Decimal("64.99"), Decimal("1.00"), Decimal("2.5996")),
    Mutu("C", _("Kurang baik"), Decimal("65.00"), Decimal("76.60"), Decimal("2.60"), Decimal("3.064")),
    Mutu("B", _("Baik"), Decimal("76.61"), Decimal("88.30"), Decimal("3.0644"), Decimal("3.532")),
    Mutu("A", _("Sangat baik"), Decimal("88.31"), Decimal("100.00"), Decimal("3.5324"), Decimal("4.00")),
)


def mutu(nilai: Decimal | Fraction | int) -> Mutu:
    """The grade of an IKM (konversi, 25..100). The value is first rounded half up to two
    decimals, so the gaps of the table (64.99 | 65.00) cannot be fallen into."""
    v = bulatkan(Fraction(nilai), 2)
    if v > INTERVAL[-1].atas:
        raise ValueError(f"IKM {v} is above 100")
    for m in reversed(INTERVAL):
        if v >= m.bawah:
            return m
    return INTERVAL[0]  # the 0.111 variant can go down to 24.98


# --- aggregation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Agregat:
    """The number of questionnaires and the nine sums of their answers (U1..U9)."""

    jumlah: int = 0
    total: tuple[int, ...] = (0,) * unsur.JUMLAH

    def __add__(self, other: Agregat) -> Agregat:
        return Agregat(
            self.jumlah + other.jumlah, tuple(a + b for a, b in zip(self.total, other.total, strict=True))
        )

    @classmethod
    def dari_baris(cls, baris: Mapping) -> Agregat:
        """From a row with keys `jumlah` and `s1`..`s9` (an aggregate or a RingkasanSKM)."""
        get = baris.get if isinstance(baris, Mapping) else lambda k: getattr(baris, k)
        return cls(int(get("jumlah") or 0), tuple(int(get(f"s{u.nomor}") or 0) for u in unsur.UNSUR))

    @classmethod
    def dari_jawaban(cls, jawaban: Iterable[Iterable[int]]) -> Agregat:
        """From answer tuples in Python (tests, previews); the database does it otherwise."""
        jumlah, total = 0, [0] * unsur.JUMLAH
        for baris in jawaban:
            jumlah += 1
            for i, v in enumerate(baris):
                total[i] += int(v)
        return cls(jumlah, tuple(total))


def kolom_agregat(prefix: str = "") -> dict:
    """The aggregate expressions: `jumlah` = Count, `s1`..`s9` = Sum of u1..u9."""
    return {"jumlah": Count(f"{prefix}pk"), **{f"s{u.nomor}": Sum(f"{prefix}{u.kolom}") for u in unsur.UNSUR}}


def kolom_agregat_ringkasan(prefix: str = "") -> dict:
    """The same over RingkasanSKM rows (sums of sums: still pooled)."""
    return {
        "jumlah": Sum(f"{prefix}jumlah"),
        **{f"s{u.nomor}": Sum(f"{prefix}s{u.nomor}") for u in unsur.UNSUR},
    }


def agregat(qs: QuerySet) -> Agregat:
    """Count and sums of a queryset of JawabanSKM, in one query."""
    return Agregat.dari_baris(qs.order_by().aggregate(**kolom_agregat()))


def agregat_per(qs: QuerySet, kunci: str, *, ringkasan: bool = False) -> dict:
    """{value of `kunci`: Agregat} for a queryset of JawabanSKM (or of RingkasanSKM with
    ringkasan=True), grouped in the database: one query."""
    kolom = kolom_agregat_ringkasan() if ringkasan else kolom_agregat()
    rows = qs.order_by().values(kunci).annotate(**kolom)
    return {row[kunci]: Agregat.dari_baris(row) for row in rows}


# --- the result ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NilaiUnsur:
    unsur: unsur.Unsur
    total: int
    nrr: Fraction  # exact mean of the answers, 1..4

    @property
    def nrr_tampil(self) -> Decimal:
        """NRR for display, rounded half up to two decimals (the IKM uses the exact value)."""
        return bulatkan(self.nrr, 2)

    @property
    def konversi(self) -> Decimal:
        """NRR × 25 (25..100), rounded to two decimals: the length of a bar."""
        return bulatkan(self.nrr * KONVERSI, 2)

    @property
    def mutu(self) -> Mutu:
        return mutu(self.nrr * KONVERSI)


@dataclass(frozen=True)
class HasilIKM:
    agregat: Agregat
    bobot: str
    unsur: tuple[NilaiUnsur, ...] = field(default=())
    persepsi_tepat: Fraction | None = None  # Σ NRR_i × bobot, exact (1..4)

    @property
    def jumlah(self) -> int:
        return self.agregat.jumlah

    @property
    def ada(self) -> bool:
        return self.agregat.jumlah > 0

    @property
    def ikm_tepat(self) -> Fraction | None:
        return None if self.persepsi_tepat is None else self.persepsi_tepat * KONVERSI

    @property
    def ikm(self) -> Decimal | None:
        """The IKM (konversi 25..100), rounded once, half up, to two decimals."""
        return None if self.ikm_tepat is None else bulatkan(self.ikm_tepat, 2)

    @property
    def nilai_persepsi(self) -> Decimal | None:
        """The IKM as nilai interval 1..4, rounded half up to four decimals (for the table)."""
        return None if self.persepsi_tepat is None else bulatkan(self.persepsi_tepat, 4)

    @property
    def mutu(self) -> Mutu | None:
        return None if self.ikm is None else mutu(self.ikm)

    def terlemah(self) -> list[NilaiUnsur]:
        """The unsur from the lowest NRR up (ties in U-order)."""
        return sorted(self.unsur, key=lambda n: (n.nrr, n.unsur.nomor))

    def nilai(self, kode: str) -> NilaiUnsur:
        return next(n for n in self.unsur if n.unsur.kode == kode)


def hitung(agg: Agregat, *, bobot: str | None = None) -> HasilIKM:
    """NRR per unsur and the IKM of an aggregate, exactly."""
    bobot = bobot or bobot_aktif()
    if bobot not in BOBOT:
        raise ValueError(f"unknown weight variant {bobot!r}")
    if agg.jumlah <= 0:
        return HasilIKM(agg, bobot)
    nilai = tuple(
        NilaiUnsur(u, t, Fraction(t, agg.jumlah)) for u, t in zip(unsur.UNSUR, agg.total, strict=True)
    )
    for n in nilai:
        if not unsur.NILAI_MIN <= n.nrr <= unsur.NILAI_MAKS:
            raise ValueError(f"{n.unsur.kode}: mean {n.nrr} outside 1..4")
    w = BOBOT[bobot]
    persepsi = sum((n.nrr * w for n in nilai), Fraction(0))
    return HasilIKM(agg, bobot, nilai, persepsi)


# --- per service, per unit (pooled), per period, per instansi -----------------------------


@dataclass(frozen=True)
class HasilPeriode:
    """A period's results: the unit pooled over every response, and each service."""

    periode: object
    unit: HasilIKM
    per_layanan: dict[int, HasilIKM]  # layanan_id -> result (services with responses)


def _jawaban(periode):
    from evaluasi.models import JawabanSKM

    return JawabanSKM.objects.filter(periode=periode)


def agregat_layanan_periode(periode) -> dict[int, Agregat]:
    """{layanan_id: Agregat} of a period: from the summary once published (it never changes
    afterwards), otherwise from the responses. One query."""
    if periode.diterbitkan:
        return {r.layanan_id: Agregat.dari_baris(r) for r in periode.ringkasan_set.all()}
    return agregat_per(_jawaban(periode), "layanan_id")


def hasil_periode(periode, *, bobot: str | None = None) -> HasilPeriode:
    """Per service and the unit's pooled figure for one period (one query)."""
    per = agregat_layanan_periode(periode)
    pooled = sum(per.values(), Agregat())
    return HasilPeriode(
        periode,
        hitung(pooled, bobot=bobot),
        {lid: hitung(a, bobot=bobot) for lid, a in per.items()},
    )


def hasil_per_periode(periode_ids: Iterable[int], *, bobot: str | None = None) -> dict[int, HasilIKM]:
    """{periode_id: pooled unit result} for many published periods, from their summaries in
    one grouped query (public lists)."""
    from evaluasi.models import RingkasanSKM

    ids = list(periode_ids)
    if not ids:
        return {}
    per = agregat_per(RingkasanSKM.objects.filter(periode_id__in=ids), "periode_id", ringkasan=True)
    return {pid: hitung(per.get(pid, Agregat()), bobot=bobot) for pid in ids}


def hasil_unit_per_instansi(instansi, *, tahun: int, bobot: str | None = None) -> tuple[HasilIKM, dict]:
    """Each unit of an instansi pooled over all its responses of periods in `tahun`, and the
    instansi pooled over all of them. Two queries: the instansi's periods, then the
    responses grouped per period (no join over the responses); units are summed in Python
    from the per-period sums, which is still pooling."""
    from evaluasi.models import JawabanSKM, PeriodeSKM

    unit_of = dict(
        PeriodeSKM.objects.filter(unit__instansi=instansi, tahun=tahun).values_list("pk", "unit_id")
    )
    per_periode = agregat_per(JawabanSKM.objects.filter(periode_id__in=list(unit_of)), "periode_id")
    per_unit: dict[int, Agregat] = {}
    for pid, a in per_periode.items():
        uid = unit_of[pid]
        per_unit[uid] = per_unit.get(uid, Agregat()) + a
    total = sum(per_unit.values(), Agregat())
    return hitung(total, bobot=bobot), {uid: hitung(a, bobot=bobot) for uid, a in per_unit.items()}
