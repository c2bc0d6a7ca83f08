"""The Pembina dashboard's selectors: what an instansi's units look like in one period, and
one unit in detail (UU 25/2009 Pasal 6–7: the Pembina and the penanggung jawab evaluate every
unit of the instansi).

Everything comes from RingkasanUnit (the per-unit, per-period figures a compilation writes,
evaluasi.kompilasi) and Rekomendasi, read with a constant number of grouped queries however
many units the instansi has:

dasbor_instansi: the periods with figures; the zones; the active units; the period's rows
(ranked in SQL); the totals and zone counts (one aggregate); the IKM of the last TREN periods
of the same kind (one query); the open recommendations per unit (one grouped query); the
instansi's finished report of the period (for the pooled IKM and the on-time share, which
cannot be summed from the rows); the latest reports. Nine queries.

dasbor_unit: the unit's periods; the zones; the period's row; the IKM trend; the unit's
recommendations. Five queries.

dasbor_instansi_tersimpan: the same figures kept in the cache for the page (no query on a
hit), renewed by every change of what they are read from.

A unit without a row for the period is "belum dihitung" (not computed): it has no rank and
counts in no zone. Ranking: index descending, ties by unit name; rank numbers are 1..n in
that order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from evaluasi import periode as periode_mod
from evaluasi.choices import JenisPeriodeLaporan, StatusLaporan, StatusRekomendasi
from evaluasi.models import LaporanEvaluasi, Rekomendasi, RingkasanUnit, ZonaKepatuhan
from pelayanan import tembolok
from pelayanan.models import Instansi, Unit
from standar.ekspor import Tabel

TREN = 4  # periods in an IKM trend (the selected one and the ones before it, same kind)
LAPORAN_TERBARU = 5

# Fields of RingkasanUnit shown on the dashboard (the compliance details stay in the database
# until a unit is opened).
_KOLOM = (
    "pk",
    "unit_id",
    "jenis",
    "tahun",
    "ke",
    "mulai",
    "selesai",
    "skor_kepatuhan",
    "zona",
    "ikm",
    "mutu",
    "responden",
    "pengaduan",
    "pengaduan_tepat_persen",
    "pengaduan_terlambat",
    "standar_terlambat",
    "layanan_aktif",
    "dihitung_pada",
)


@dataclass(frozen=True)
class Periode:
    jenis: str
    tahun: int
    ke: int

    @property
    def kode(self) -> str:
        """The value of the `periode` query parameter, e.g. "triwulan-2026-1"."""
        return f"{self.jenis}-{self.tahun}-{self.ke}"

    @property
    def label(self) -> str:
        return periode_mod.label(self.jenis, self.tahun, self.ke)

    @property
    def label_pendek(self) -> str:
        """A short label for chart axes: "Tw I 2026", "Jan 2026", "Sm II 2026", "2026"."""
        if self.jenis == JenisPeriodeLaporan.TAHUN:
            return str(self.tahun)
        if self.jenis == JenisPeriodeLaporan.BULAN:
            return f"{periode_mod.BULAN[self.ke - 1][:3]} {self.tahun}"
        awal = "Tw" if self.jenis == JenisPeriodeLaporan.TRIWULAN else "Sm"
        return f"{awal} {periode_mod.ROMAWI[self.ke]} {self.tahun}"

    @property
    def rentang(self) -> tuple[date, date]:
        return periode_mod.rentang(self.jenis, self.tahun, self.ke)

    def sebelumnya(self) -> Periode:
        if self.ke > 1:
            return Periode(self.jenis, self.tahun, self.ke - 1)
        return Periode(self.jenis, self.tahun - 1, periode_mod.BAGIAN[JenisPeriodeLaporan(self.jenis)])

    def tren(self, n: int = TREN) -> list[Periode]:
        """This period and the n-1 before it, oldest first."""
        hasil = [self]
        while len(hasil) < n:
            hasil.append(hasil[-1].sebelumnya())
        return hasil[::-1]


def periode_dari_kode(kode: str) -> Periode | None:
    """Parse "jenis-tahun-ke"; None when it is not a valid period."""
    try:
        jenis, tahun, ke = (kode or "").split("-")
        p = Periode(JenisPeriodeLaporan(jenis).value, int(tahun), int(ke))
        if not 2000 <= p.tahun <= 2100:
            return None
        p.rentang  # noqa: B018 - validates ke against the kind
    except (ValueError, ValidationError):
        return None
    return p


def periode_pilihan(jenis=None, tahun=None, ke=None) -> Periode | None:
    """The period asked for by its three parts, or None when incomplete or invalid."""
    if not (jenis and tahun and ke):
        return None
    return periode_dari_kode(f"{jenis}-{tahun}-{ke}")


@dataclass
class Tren:
    """A series of IKM values over `periode` (oldest first; None where there is no figure)."""

    periode: list[Periode]
    nilai: list[Decimal | None]

    @property
    def titik(self) -> list[tuple[Periode, Decimal | None]]:
        return list(zip(self.periode, self.nilai, strict=True))

    @property
    def sebelumnya(self) -> Decimal | None:
        """The last figure before the selected period (the one compared against)."""
        return next((v for v in reversed(self.nilai[:-1]) if v is not None), None)

    @property
    def selisih(self) -> Decimal | None:
        """The change from the previous figure to the selected period's, or None."""
        if not self.nilai:
            return None
        kini, lalu = self.nilai[-1], self.sebelumnya
        if kini is None or lalu is None:
            return None
        return kini - lalu

    @property
    def ada(self) -> bool:
        return any(v is not None for v in self.nilai)


@dataclass
class BarisUnit:
    unit: Unit
    ringkasan: RingkasanUnit | None  # None: belum dihitung
    zona: ZonaKepatuhan | None
    peringkat: int | None
    tren: Tren
    rekomendasi_terbuka: int = 0
    rekomendasi_lewat: int = 0  # open and past their due date

    @property
    def dihitung(self) -> bool:
        return self.ringkasan is not None


@dataclass
class JumlahZona:
    zona: ZonaKepatuhan
    jumlah: int


@dataclass
class Total:
    unit: int = 0
    dihitung: int = 0
    responden: int = 0
    pengaduan: int = 0
    # Instansi-wide figures that cannot be summed from the units' rows (the pooled IKM, the
    # on-time share over the complaints judged): from the instansi's finished report of the
    # period (its snapshot), None without one.
    ikm: Decimal | None = None
    mutu: str = ""
    pengaduan_tepat_persen: Decimal | None = None
    laporan_id: int | None = None
    pengaduan_terlambat: int = 0
    standar_terlambat: int = 0
    layanan_aktif: int = 0
    rekomendasi_terbuka: int = 0
    rekomendasi_lewat: int = 0

    @property
    def belum_dihitung(self) -> int:
        return self.unit - self.dihitung


@dataclass
class DasborInstansi:
    instansi: Instansi
    periode: Periode | None  # None: no figures yet for any period
    periode_list: list[Periode]
    zona_list: list[ZonaKepatuhan]
    baris: list[BarisUnit]  # ranked units first (by rank), then the others by name
    jumlah_zona: list[JumlahZona]
    total: Total
    periode_tren: list[Periode]
    laporan_terbaru: list[LaporanEvaluasi] = field(default_factory=list)

    @property
    def peringkat(self) -> list[BarisUnit]:
        return [b for b in self.baris if b.peringkat is not None]

    @cached_property
    def sidik(self) -> str:
        """A fingerprint of everything the unit tables and the chart show (the instansi, the
        period and its trend periods, the zones, and per unit its name, abbreviation, slug,
        rank, period row, zone, trend figures and recommendation counts): the page caches
        their rendering under it. Equal figures give the same fingerprint; any change of
        what they show (a compilation, a recommendation, a renamed unit, the due date passing
        a recommendation) gives another, so a cached rendering is never stale."""
        h = hashlib.sha256()
        zona = [(z.kode, z.nama, z.predikat, z.batas_bawah) for z in self.zona_list]
        h.update(repr((self.instansi.pk, self.periode, self.periode_tren, zona)).encode())
        for b in self.baris:
            r = b.ringkasan
            h.update(
                repr(
                    (
                        b.unit.pk,
                        b.unit.nama,
                        b.unit.singkatan,
                        b.unit.slug,
                        b.peringkat,
                        None if r is None else tuple(getattr(r, k) for k in _KOLOM),
                        b.zona.kode if b.zona else None,
                        b.tren.nilai,
                        b.rekomendasi_terbuka,
                        b.rekomendasi_lewat,
                    )
                ).encode()
            )
        return h.hexdigest()


@dataclass
class DasborUnit:
    instansi: Instansi
    unit: Unit
    periode: Periode | None
    periode_list: list[Periode]
    ringkasan: RingkasanUnit | None
    zona: ZonaKepatuhan | None
    rincian: list[dict]
    tren: Tren
    rekomendasi: list[Rekomendasi]


# --- shared pieces ----------------------------------------------------------------------------


def _periode_list(qs) -> list[Periode]:
    """Distinct periods of these rows, newest first: the latest end date first and, among
    periods ending the same day, the longest (a year before its last quarter and month)."""
    rows = qs.order_by("-selesai", "mulai").values_list("jenis", "tahun", "ke", "selesai", "mulai").distinct()
    return [Periode(j, t, k) for j, t, k, _s, _m in rows]


def _pilih(periode_list: list[Periode], diminta: Periode | None) -> Periode | None:
    return diminta or (periode_list[0] if periode_list else None)


def _zona() -> tuple[list[ZonaKepatuhan], dict[str, ZonaKepatuhan]]:
    zona_list = list(ZonaKepatuhan.objects.order_by("-batas_bawah"))
    return zona_list, {z.kode: z for z in zona_list}


def _filter_periode(p: Periode) -> dict:
    return {"jenis": p.jenis, "tahun": p.tahun, "ke": p.ke}


def _filter_tren(periode_tren: list[Periode]) -> Q:
    q = Q()
    for p in periode_tren:
        q |= Q(tahun=p.tahun, ke=p.ke)
    return Q(jenis=periode_tren[-1].jenis) & q


def _putusan(r: dict) -> tuple[str, str]:
    """A rule's verdict in words (never colour alone)."""
    if r.get("berlaku") is False:
        return "na", _("Tidak berlaku (tidak dihitung)")
    if r.get("lulus"):
        return "lulus", _("Memenuhi")
    try:
        persen = Decimal(str(r.get("persen") or 0))
    except ArithmeticError:
        persen = Decimal(0)
    if persen > 0:
        return "sebagian", _("Sebagian")
    return "tidak", _("Belum memenuhi")


def _desimal(nilai) -> Decimal | None:
    try:
        return Decimal(str(nilai)) if nilai not in (None, "") else None
    except ArithmeticError:
        return None


def _rincian_aman(rincian) -> list[dict]:
    """The compliance details as the template shows them; links only to this site or http(s)."""
    hasil = []
    for r in rincian or []:
        if not isinstance(r, dict):
            continue
        r = dict(r)
        tautan = str(r.get("tautan") or "")
        if not (tautan.startswith("/") and not tautan.startswith("//")) and not tautan.startswith(
            ("https://", "http://")
        ):
            tautan = ""
        r["tautan"] = tautan
        r["putusan_kode"], r["putusan"] = _putusan(r)
        hasil.append(r)
    return hasil


# --- the instansi -------------------------------------------------------------------------------


def dasbor_instansi(instansi: Instansi, jenis=None, tahun=None, ke=None) -> DasborInstansi:
    """Every active unit of `instansi` in one period (default: the newest with figures)."""
    ringkasan_instansi = RingkasanUnit.objects.filter(unit__instansi=instansi, unit__aktif=True)
    periode_list = _periode_list(ringkasan_instansi)  # 1
    periode = _pilih(periode_list, periode_pilihan(jenis, tahun, ke))
    zona_list, zona_per_kode = _zona()  # 2
    units = list(Unit.objects.filter(instansi=instansi, aktif=True).order_by("nama", "pk"))  # 3
    periode_tren = periode.tren() if periode else []

    rows: list[RingkasanUnit] = []
    total = Total(unit=len(units))
    ikm_tren: dict[int, dict[tuple[int, int], Decimal | None]] = {}
    jumlah_per_zona: dict[str, int] = {}
    if periode is not None:
        di_periode = ringkasan_instansi.filter(**_filter_periode(periode))
        rows = list(di_periode.only(*_KOLOM).order_by("-skor_kepatuhan", "unit__nama", "unit_id"))  # 4
        per_zona = {
            f"zona_{i}": Count("pk", filter=Q(zona=z.kode)) for i, z in enumerate(zona_list)
        }  # the codes are data: aliases by position
        jumlah = ("responden", "pengaduan", "pengaduan_terlambat", "standar_terlambat", "layanan_aktif")
        agg = di_periode.aggregate(  # 5
            dihitung=Count("pk"),
            **{f"jml_{nama}": Sum(nama) for nama in jumlah},
            **per_zona,
        )
        jumlah_per_zona = {z.kode: agg[f"zona_{i}"] for i, z in enumerate(zona_list)}
        total.dihitung = agg["dihitung"]
        for nama in jumlah:
            setattr(total, nama, agg[f"jml_{nama}"] or 0)
        laporan = (
            LaporanEvaluasi.objects.filter(
                instansi=instansi, unit=None, status=StatusLaporan.SELESAI, **_filter_periode(periode)
            )
            .values("pk", "snapshot__total")
            .first()
        )  # 6
        if laporan is not None:
            t = laporan["snapshot__total"] if isinstance(laporan["snapshot__total"], dict) else {}
            total.laporan_id = laporan["pk"]
            total.ikm = _desimal(t.get("ikm"))
            total.mutu = str(t.get("mutu") or "")
            total.pengaduan_tepat_persen = _desimal(t.get("pengaduan_tepat_persen"))
        for unit_id, tahun_, ke_, ikm in ringkasan_instansi.filter(_filter_tren(periode_tren)).values_list(
            "unit_id", "tahun", "ke", "ikm"
        ):  # 7
            ikm_tren.setdefault(unit_id, {})[(tahun_, ke_)] = ikm

    hari = timezone.localdate()
    terbuka = {
        r["unit_id"]: r
        for r in Rekomendasi.objects.filter(unit__instansi=instansi, unit__aktif=True)  # 8
        .exclude(status=StatusRekomendasi.SELESAI)
        .values("unit_id")
        .annotate(n=Count("pk"), lewat=Count("pk", filter=Q(batas_waktu__lt=hari)))
        .order_by()
    }
    laporan_terbaru = list(  # 9
        LaporanEvaluasi.objects.filter(instansi=instansi)
        .select_related("unit")
        .defer("snapshot")  # megabytes of JSON for a large instansi; the list shows none of it
        .order_by("-dibuat_pada", "-pk")[:LAPORAN_TERBARU]
    )

    unit_per_id = {u.pk: u for u in units}
    baris: list[BarisUnit] = []

    def _baris(unit: Unit, row: RingkasanUnit | None, peringkat: int | None) -> BarisUnit:
        nilai = ikm_tren.get(unit.pk, {})
        rek = terbuka.get(unit.pk, {})
        return BarisUnit(
            unit=unit,
            ringkasan=row,
            zona=zona_per_kode.get(row.zona) if row else None,
            peringkat=peringkat,
            tren=Tren(periode_tren, [nilai.get((p.tahun, p.ke)) for p in periode_tren]),
            rekomendasi_terbuka=rek.get("n", 0),
            rekomendasi_lewat=rek.get("lewat", 0),
        )

    for i, row in enumerate(rows, start=1):
        row.unit = unit_per_id[row.unit_id]
        baris.append(_baris(row.unit, row, i))
    dihitung = {row.unit_id for row in rows}
    baris += [_baris(u, None, None) for u in units if u.pk not in dihitung]
    total.rekomendasi_terbuka = sum(r["n"] for r in terbuka.values())
    total.rekomendasi_lewat = sum(r["lewat"] for r in terbuka.values())
    return DasborInstansi(
        instansi=instansi,
        periode=periode,
        periode_list=periode_list,
        zona_list=zona_list,
        baris=baris,
        jumlah_zona=[JumlahZona(z, jumlah_per_zona.get(z.kode, 0)) for z in zona_list],
        total=total,
        periode_tren=periode_tren,
        laporan_terbaru=laporan_terbaru,
    )


# --- the instansi, from the cache ---------------------------------------------------------------

# An entry's longest life: what no signal announces (a row changed by QuerySet.update outside
# the report job, the clock passing a period's end) shows within it.
TTL_TERSIMPAN = 60

# What dasbor_instansi reads; their post_save/post_delete bump the `dasbor` generation after
# the commit. The report job's updates and upsert bump it themselves (evaluasi.kompilasi).
MODEL_DASBOR = (
    "evaluasi.RingkasanUnit",
    "evaluasi.Rekomendasi",
    "evaluasi.LaporanEvaluasi",
    "evaluasi.ZonaKepatuhan",
    "pelayanan.Unit",
    "pelayanan.Instansi",
)


def dasbor_instansi_tersimpan(instansi: Instansi, jenis=None, tahun=None, ke=None) -> DasborInstansi:
    """dasbor_instansi for the page, kept in the cache (Redis: shared by every worker) under
    the instansi, the period asked and today's date (the overdue recommendations change with
    it), valid while the `dasbor` generation is the one it was computed under
    (pelayanan.tembolok). A hit costs one cache round trip and no query; any change of the
    figures bumps the generation, so a kept entry is never read after it. Off (every call
    reads the database) without TEMBOLOK_DASBOR: a per-process cache could not share the
    invalidation between workers."""
    if not settings.TEMBOLOK_DASBOR:
        return dasbor_instansi(instansi, jenis, tahun, ke)
    hari = timezone.localdate().isoformat()
    kunci = f"dasbor:instansi:{instansi.pk}:{jenis}:{tahun}:{ke}:{hari}"
    data, gens = tembolok.ambil(kunci, [tembolok.DASBOR])
    if data is None:
        data = dasbor_instansi(instansi, jenis, tahun, ke)
        data.sidik  # noqa: B018 (computed once and kept with the figures)
        tembolok.simpan(kunci, gens, data, TTL_TERSIMPAN)
    return data


def berubah(*_args, **_kwargs) -> None:
    """What the dashboards show has changed: renew their kept figures once the transaction
    commits. A signal receiver, and called by the report job, whose QuerySet.update and
    upsert send no signal (evaluasi.kompilasi)."""
    if settings.TEMBOLOK_DASBOR:
        tembolok.naikkan(tembolok.DASBOR)


def hubungkan() -> None:
    """Connect the invalidation signals (called once from the evaluasi AppConfig.ready)."""
    from django.apps import apps

    for nama in MODEL_DASBOR:
        model = apps.get_model(nama)
        post_save.connect(berubah, sender=model, dispatch_uid=f"dasbor-save-{nama}")
        post_delete.connect(berubah, sender=model, dispatch_uid=f"dasbor-delete-{nama}")


# --- one unit -----------------------------------------------------------------------------------


def dasbor_unit(instansi: Instansi, unit: Unit, jenis=None, tahun=None, ke=None) -> DasborUnit:
    """One unit of `instansi` in one period: the compliance rules with their evidence, the IKM
    trend, the complaint figures, its recommendations. `unit` must belong to `instansi`."""
    if unit.instansi_id != instansi.pk:
        raise ValueError("unit di luar instansi")
    ringkasan_unit = RingkasanUnit.objects.filter(unit=unit)
    periode_list = _periode_list(ringkasan_unit)  # 1
    periode = _pilih(periode_list, periode_pilihan(jenis, tahun, ke))
    _zona_list, zona_per_kode = _zona()  # 2
    ringkasan, tren = None, Tren([], [])
    if periode is not None:
        ringkasan = ringkasan_unit.filter(**_filter_periode(periode)).first()  # 3
        periode_tren = periode.tren()
        deret = ringkasan_unit.filter(_filter_tren(periode_tren)).values_list("tahun", "ke", "ikm")
        nilai = {(t, k): ikm for t, k, ikm in deret}  # 4
        tren = Tren(periode_tren, [nilai.get((p.tahun, p.ke)) for p in periode_tren])
    rekomendasi = list(  # 5
        Rekomendasi.objects.filter(unit=unit)
        .select_related("dibuat_oleh", "laporan")
        .order_by("status", "batas_waktu", "pk")
    )
    if ringkasan is not None:
        ringkasan.unit = unit
    return DasborUnit(
        instansi=instansi,
        unit=unit,
        periode=periode,
        periode_list=periode_list,
        ringkasan=ringkasan,
        zona=zona_per_kode.get(ringkasan.zona) if ringkasan else None,
        rincian=_rincian_aman(ringkasan.rincian_kepatuhan) if ringkasan else [],
        tren=tren,
        rekomendasi=rekomendasi,
    )


# --- recommendations ------------------------------------------------------------------------------


def rekomendasi_unit(unit: Unit) -> list[Rekomendasi]:
    """A unit's recommendations: open ones first (by due date), then the finished ones."""
    return list(
        Rekomendasi.objects.filter(unit=unit)
        .select_related("dibuat_oleh", "laporan")
        .order_by("status", "batas_waktu", "pk")
    )


# --- exports (standar.ekspor.Tabel: the same figures as the dashboard's tables) ---------------------


def _nama_zona(b: BarisUnit) -> str:
    if b.ringkasan is None:
        return _("Belum dihitung")
    return b.zona.nama if b.zona else b.ringkasan.zona


def tabel_unit(data: DasborInstansi) -> Tabel:
    """Every unit with its figures for the period, in the dashboard table's order."""
    with translation.override("id"):
        kepala = [
            _("Peringkat"),
            _("Unit"),
            _("Zona"),
            _("Indeks kepatuhan"),
            _("IKM"),
            _("Mutu"),
            _("Responden SKM"),
            _("Pengaduan"),
            _("Pengaduan tepat waktu (%)"),
            _("Pengaduan terlambat"),
            _("Standar terlambat dievaluasi/ditinjau"),
            _("Rekomendasi terbuka"),
        ]
        baris = []
        for b in data.baris:
            r = b.ringkasan
            baris.append(
                [
                    b.peringkat,
                    b.unit.nama,
                    _nama_zona(b),
                    r.skor_kepatuhan if r else None,
                    r.ikm if r else None,
                    (r.mutu or None) if r else None,
                    r.responden if r else None,
                    r.pengaduan if r else None,
                    r.pengaduan_tepat_persen if r else None,
                    r.pengaduan_terlambat if r else None,
                    r.standar_terlambat if r else None,
                    b.rekomendasi_terbuka,
                ]
            )
        judul = data.periode.label if data.periode else "Unit"
    return Tabel(judul, [str(h) for h in kepala], baris, [10, 40, 16, 12, 8, 6, 10, 10, 12, 12, 14, 12])


def tabel_peringkat(data: DasborInstansi) -> Tabel:
    """The ranked units (units without figures are not ranked)."""
    with translation.override("id"):
        kepala = [_("Peringkat"), _("Unit"), _("Indeks kepatuhan"), _("Zona"), _("Predikat")]
        baris = [
            [
                b.peringkat,
                b.unit.nama,
                b.ringkasan.skor_kepatuhan,
                _nama_zona(b),
                b.zona.predikat if b.zona else "",
            ]
            for b in data.peringkat
        ]
        judul = _("Peringkat") if data.periode is None else f"{_('Peringkat')} {data.periode.label}"
    return Tabel(judul, [str(h) for h in kepala], baris, [10, 40, 14, 16, 20])


def tabel_rekomendasi(instansi: Instansi) -> Tabel:
    """Every recommendation to the instansi's units, whatever the period."""
    qs = (
        Rekomendasi.objects.filter(unit__instansi=instansi)
        .select_related("unit", "dibuat_oleh")
        .order_by("unit__nama", "status", "batas_waktu", "pk")
    )
    with translation.override("id"):
        kepala = [
            _("Unit"),
            _("Rekomendasi"),
            _("Batas waktu"),
            _("Status"),
            _("Tindak lanjut"),
            _("Ditulis oleh"),
            _("Ditulis pada"),
            _("Selesai pada"),
        ]
        status = dict(StatusRekomendasi.choices)
        baris = [
            [
                r.unit.nama,
                r.teks,
                r.batas_waktu.isoformat(),
                str(status.get(r.status, r.status)),
                r.tindak_lanjut,
                r.dibuat_oleh.get_full_name(),
                timezone.localtime(r.dibuat_pada).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(r.selesai_pada).strftime("%Y-%m-%d %H:%M") if r.selesai_pada else "",
            ]
            for r in qs
        ]
    return Tabel("Rekomendasi", [str(h) for h in kepala], baris, [40, 60, 12, 20, 60, 30, 16, 16])
