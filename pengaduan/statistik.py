"""Public complaint statistics per unit and per instansi (UU 25/2009 Pasal 37 huruf i).

Counts only: by the part of the standard breached, by status, by privacy mode; median days
from receipt to the first response and to the decision; the share of first responses and
decisions made within their deadline; ratings. Nothing of a complaint's text ever enters
these numbers, so a rahasia or anonim complaint contributes exactly one to some counts.

Aggregated in the database in a fixed number of queries: on PostgreSQL the medians are
PERCENTILE_CONT aggregates in the main query; elsewhere (SQLite) each median is read as the
middle one or two rows of an ordered query (one query each, two rows at most).
The evaluation app reads `hitung()` for a scope and a period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Sum,
)

from pelayanan.models import Instansi, Unit
from pengaduan import tenggat
from pengaduan.choices import ModePrivasi, StatusPengaduan, Terselesaikan
from pengaduan.models import Pengaduan, Penilaian, pilihan_bagian

DETIK_SEHARI = 86400.0


class Median(Aggregate):
    """PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) — PostgreSQL."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()
    allow_distinct = False


def hari_antara(awal: str, akhir: str):
    """Days (fractional) from field `awal` to field `akhir`, as a database expression."""
    if connection.vendor == "postgresql":
        return ExpressionWrapper(
            Func(
                F(akhir) - F(awal),
                function="EXTRACT",
                template="EXTRACT(EPOCH FROM %(expressions)s)",
                output_field=FloatField(),
            )
            / DETIK_SEHARI,
            output_field=FloatField(),
        )
    return ExpressionWrapper(
        Func(F(akhir), function="julianday", output_field=FloatField())
        - Func(F(awal), function="julianday", output_field=FloatField()),
        output_field=FloatField(),
    )


# The two durations: name -> (start field, end field).
DURASI = {
    "tanggapan": ("diterima_pada", "ditanggapi_pada"),
    "keputusan": ("diterima_pada", "diputuskan_pada"),
}


def _median_urut(qs: QuerySet, awal: str, akhir: str, n: int) -> float | None:
    """The median of n values read as the middle row(s) of an ordered query."""
    if n == 0:
        return None
    nilai = list(
        qs.filter(**{f"{akhir}__isnull": False})
        .annotate(_d=hari_antara(awal, akhir))
        .order_by("_d")
        .values_list("_d", flat=True)[(n - 1) // 2 : n // 2 + 1]
    )
    return sum(nilai) / len(nilai)


def persen(bagian: int, dari: int) -> float | None:
    return None if not dari else round(100.0 * bagian / dari, 1)


@dataclass
class Statistik:
    jumlah: int = 0
    terbuka: int = 0
    terlambat_sekarang: int = 0
    terlambat_diajukan: int = 0
    dibuka_kembali: int = 0
    per_bagian: list[tuple[str, str, int]] = field(default_factory=list)
    per_status: list[tuple[str, str, int]] = field(default_factory=list)
    per_mode: list[tuple[str, str, int]] = field(default_factory=list)
    median_tanggapan: float | None = None
    median_keputusan: float | None = None
    tanggapan_tepat: int = 0
    tanggapan_dinilai: int = 0
    keputusan_tepat: int = 0
    keputusan_dinilai: int = 0
    penilaian_jumlah: int = 0
    penilaian_rata: float | None = None
    terselesaikan: list[tuple[str, str, int]] = field(default_factory=list)
    per_unit: list = field(default_factory=list)

    @property
    def persen_tanggapan_tepat(self) -> float | None:
        return persen(self.tanggapan_tepat, self.tanggapan_dinilai)

    @property
    def persen_keputusan_tepat(self) -> float | None:
        return persen(self.keputusan_tepat, self.keputusan_dinilai)

    @property
    def maks_bagian(self) -> int:
        return max((n for _k, _l, n in self.per_bagian), default=0)


def agregat_tepat_waktu(hari: date) -> dict[str, Count]:
    """The four counts behind the on-time shares, as aggregates over complaints: first
    responses and decisions judged (done, or their deadline passed before `hari`) and done by
    their deadline. The one definition, used by `hitung` and `tepat_waktu_per_unit`."""
    ada_tanggapan = Q(ditanggapi_pada__isnull=False)
    ada_keputusan = Q(diputuskan_pada__isnull=False, batas_keputusan__isnull=False)
    dinilai_tanggapan = ada_tanggapan | Q(batas_tanggapan__lt=hari)
    dinilai_keputusan = Q(batas_keputusan__isnull=False) & (
        Q(diputuskan_pada__isnull=False) | Q(batas_keputusan__lt=hari)
    )
    return {
        "tanggapan_dinilai": Count("id", filter=dinilai_tanggapan),
        "tanggapan_tepat": Count(
            "id", filter=ada_tanggapan & Q(ditanggapi_pada__date__lte=F("batas_tanggapan"))
        ),
        "keputusan_dinilai": Count("id", filter=dinilai_keputusan),
        "keputusan_tepat": Count(
            "id", filter=ada_keputusan & Q(diputuskan_pada__date__lte=F("batas_keputusan"))
        ),
    }


TEPAT_WAKTU_KOSONG = {
    "tanggapan_tepat": 0,
    "tanggapan_dinilai": 0,
    "keputusan_tepat": 0,
    "keputusan_dinilai": 0,
}


def tepat_waktu_per_unit(
    unit_ids, *, mulai: date | None = None, sampai: date | None = None, hari: date | None = None
) -> dict[int, dict[str, int]]:
    """{unit_id: {"tanggapan_tepat", "tanggapan_dinilai", "keputusan_tepat",
    "keputusan_dinilai"}} for the complaints received from `mulai` to `sampai` (inclusive),
    with exactly the definitions of `hitung`, in one grouped query. Every unit asked about
    is in the answer (zeros when it received nothing)."""
    hari = hari or tenggat.hari_ini()
    ids = list(unit_ids)
    hasil = {uid: dict(TEPAT_WAKTU_KOSONG) for uid in ids}
    qs = Pengaduan.objects.filter(unit_id__in=ids)
    if mulai:
        qs = qs.filter(diterima_pada__date__gte=mulai)
    if sampai:
        qs = qs.filter(diterima_pada__date__lte=sampai)
    for row in qs.order_by().values("unit_id").annotate(**agregat_tepat_waktu(hari)):
        hasil[row.pop("unit_id")] = row
    return hasil


def lingkup(*, unit: Unit | None = None, instansi: Instansi | None = None) -> Q:
    if unit is not None:
        return Q(unit=unit)
    if instansi is not None:
        return Q(unit__instansi=instansi)
    return Q()


def hitung(
    q_lingkup: Q, *, mulai: date | None = None, sampai: date | None = None, hari: date | None = None
) -> Statistik:
    """Statistics of the complaints in scope received from `mulai` to `sampai` (inclusive)."""
    hari = hari or tenggat.hari_ini()
    qs = Pengaduan.objects.filter(q_lingkup)
    if mulai:
        qs = qs.filter(diterima_pada__date__gte=mulai)
    if sampai:
        qs = qs.filter(diterima_pada__date__lte=sampai)

    agregat = {
        "jumlah": Count("id"),
        "terbuka": Count("id", filter=~Q(status__in=[StatusPengaduan.BATAL, StatusPengaduan.DIBERITAHUKAN])),
        "terlambat_sekarang": Count("id", filter=tenggat.q_terlambat(hari)),
        "terlambat_diajukan": Count("id", filter=Q(terlambat_diajukan=True)),
        "dibuka_kembali": Sum("jumlah_dibuka_kembali"),
        "n_tanggapan": Count("id", filter=Q(ditanggapi_pada__isnull=False)),
        "n_keputusan": Count("id", filter=Q(diputuskan_pada__isnull=False)),
        **agregat_tepat_waktu(hari),
    }
    for mode in ModePrivasi.values:
        agregat[f"mode_{mode}"] = Count("id", filter=Q(mode_privasi=mode))
    pg = connection.vendor == "postgresql"
    if pg:
        for nama, (awal, akhir) in DURASI.items():
            agregat[f"median_{nama}"] = Median(
                hari_antara(awal, akhir), filter=Q(**{f"{akhir}__isnull": False})
            )
    a = qs.aggregate(**agregat)

    s = Statistik(
        jumlah=a["jumlah"],
        terbuka=a["terbuka"],
        terlambat_sekarang=a["terlambat_sekarang"],
        terlambat_diajukan=a["terlambat_diajukan"],
        dibuka_kembali=a["dibuka_kembali"] or 0,
        tanggapan_tepat=a["tanggapan_tepat"],
        tanggapan_dinilai=a["tanggapan_dinilai"],
        keputusan_tepat=a["keputusan_tepat"],
        keputusan_dinilai=a["keputusan_dinilai"],
        per_mode=[(m.value, m.label, a[f"mode_{m.value}"]) for m in ModePrivasi],
    )
    if pg:
        s.median_tanggapan = a["median_tanggapan"]
        s.median_keputusan = a["median_keputusan"]
    elif s.jumlah:
        s.median_tanggapan = _median_urut(qs, *DURASI["tanggapan"], a["n_tanggapan"])
        s.median_keputusan = _median_urut(qs, *DURASI["keputusan"], a["n_keputusan"])

    if s.jumlah:
        bagian = dict(qs.order_by().values_list("bagian").annotate(n=Count("id")))
        s.per_bagian = [(k, label, bagian.get(k, 0)) for k, label in pilihan_bagian()]
        status = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
        s.per_status = [(st.value, st.label, status.get(st.value, 0)) for st in StatusPengaduan]
        n = Penilaian.objects.filter(pengaduan__in=qs).aggregate(
            jumlah=Count("id"),
            rata=Avg("skor"),
            **{f"t_{t}": Count("id", filter=Q(terselesaikan=t)) for t in Terselesaikan.values},
        )
        s.penilaian_jumlah = n["jumlah"]
        s.penilaian_rata = round(n["rata"], 2) if n["rata"] is not None else None
        s.terselesaikan = [(t.value, t.label, n[f"t_{t.value}"]) for t in Terselesaikan]
    return s


def per_unit(
    instansi: Instansi, *, mulai: date | None = None, sampai: date | None = None, hari: date | None = None
) -> list[Unit]:
    """The instansi's active units with their counts for the period (one query)."""
    hari = hari or tenggat.hari_ini()
    periode = Q()
    if mulai:
        periode &= Q(pengaduan_set__diterima_pada__date__gte=mulai)
    if sampai:
        periode &= Q(pengaduan_set__diterima_pada__date__lte=sampai)
    terlambat = _awali(tenggat.q_terlambat(hari), "pengaduan_set__")
    return list(
        Unit.objects.filter(instansi=instansi, aktif=True)
        .annotate(
            jumlah_pengaduan=Count("pengaduan_set", filter=periode),
            jumlah_diputuskan=Count(
                "pengaduan_set", filter=periode & Q(pengaduan_set__diputuskan_pada__isnull=False)
            ),
            jumlah_terlambat=Count("pengaduan_set", filter=periode & terlambat),
        )
        .order_by("nama")
    )


def _awali(q: Q, awalan: str) -> Q:
    """The same condition on a related model (every lookup prefixed with `awalan`)."""
    hasil = Q()
    hasil.connector, hasil.negated = q.connector, q.negated
    for anak in q.children:
        if isinstance(anak, Q):
            hasil.children.append(_awali(anak, awalan))
        else:
            kunci, nilai = anak
            hasil.children.append((awalan + kunci, nilai))
    return hasil
