"""The review schedule of published standards (PP 96/2012 Pasal 32–33), in one place.

- Yearly evaluation (evaluasi penerapan, Pasal 32): due one year after the later of the day
  the version took effect (`berlaku_sejak`) and its latest recorded evaluation
  (standar.models.EvaluasiPenerapan); recording an evaluation moves the next due date.
- Review (peninjauan ulang, Pasal 33): due three years after the version took effect; only
  a new version (which goes through consultation again) restarts it.

A date is overdue on the day after its due date (on the due date itself it is still on
time). "In force at D" is reconstructed from timestamps, so the schedule can be asked about
any past day: a version is in force at D when it was published on or before D and neither
superseded nor revoked by D (`q_berlaku`).

The staff pages (standar.views.staf), the compliance index (evaluasi.kepatuhan) and the
compiled reports and dashboard (`terlambat_per_unit`) all read the dates from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Count,
    DateField,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

# PP 96/2012 Pasal 32–33: evaluation every year, review every three years.
EVALUASI_SETIAP = relativedelta(years=1)
PENINJAUAN_SETIAP = relativedelta(years=3)


# --- the arithmetic -----------------------------------------------------------------------


def evaluasi_jatuh_tempo(berlaku_sejak: date, evaluasi_terakhir: date | None = None) -> date:
    """When the next yearly evaluation is due: a year after the later of the version taking
    effect and its latest evaluation."""
    dasar = max(berlaku_sejak, evaluasi_terakhir) if evaluasi_terakhir else berlaku_sejak
    return dasar + EVALUASI_SETIAP


def peninjauan_jatuh_tempo(berlaku_sejak: date) -> date:
    """When the three-yearly review is due."""
    return berlaku_sejak + PENINJAUAN_SETIAP


def terlambat(jatuh_tempo: date | None, hari: date) -> bool:
    """Overdue on `hari`: the due date has passed (the due date itself is still on time)."""
    return jatuh_tempo is not None and jatuh_tempo < hari


def batas_dasar(hari: date, setiap: relativedelta) -> date:
    """The earliest start date whose due date (start + `setiap`) is not before `hari`.

    A schedule is overdue on `hari` exactly when its start is before this date, which lets
    the database compare plain dates. Computed with the same relativedelta as the due dates
    (29 February included), not by subtracting a year from `hari`."""
    x = hari - setiap
    while (x - timedelta(days=1)) + setiap >= hari:
        x -= timedelta(days=1)
    while x + setiap < hari:
        x += timedelta(days=1)
    return x


@dataclass(frozen=True)
class Jadwal:
    """The schedule of one published version."""

    berlaku_sejak: date
    evaluasi_terakhir: date | None
    evaluasi: date  # next yearly evaluation due
    peninjauan: date  # three-yearly review due

    @classmethod
    def dari(cls, berlaku_sejak: date, evaluasi_terakhir: date | None = None) -> Jadwal:
        return cls(
            berlaku_sejak,
            evaluasi_terakhir,
            evaluasi_jatuh_tempo(berlaku_sejak, evaluasi_terakhir),
            peninjauan_jatuh_tempo(berlaku_sejak),
        )

    def evaluasi_terlambat(self, hari: date) -> bool:
        return terlambat(self.evaluasi, hari)

    def peninjauan_terlambat(self, hari: date) -> bool:
        return terlambat(self.peninjauan, hari)


# --- queries --------------------------------------------------------------------------------


def q_berlaku(hari: date, awalan: str = "") -> Q:
    """Versions in force at the end of day `hari`: published on or before it, not superseded
    and not revoked by then (`awalan` prefixes the lookups, e.g. "versi_set__")."""
    p = awalan
    return (
        Q(**{f"{p}diterbitkan_pada__isnull": False, f"{p}diterbitkan_pada__date__lte": hari})
        & (Q(**{f"{p}digantikan_pada__isnull": True}) | Q(**{f"{p}digantikan_pada__date__gt": hari}))
        & (Q(**{f"{p}dicabut_pada__isnull": True}) | Q(**{f"{p}dicabut_pada__date__gt": hari}))
    )


def berlaku_sejak_expr():
    """`VersiStandar.berlaku_sejak` as a database expression."""
    return Coalesce(F("berlaku_mulai"), TruncDate("diterbitkan_pada"), output_field=DateField())


def dengan_evaluasi_terakhir(qs: QuerySet, hari: date | None = None) -> QuerySet:
    """Annotate versions with `evaluasi_terakhir`: the date of their latest evaluation
    (on or before `hari` when given), None when there is none. One subquery, no join."""
    from standar.models import EvaluasiPenerapan

    evaluasi = EvaluasiPenerapan.objects.filter(versi_id=OuterRef("pk"))
    if hari is not None:
        evaluasi = evaluasi.filter(tanggal__lte=hari)
    terakhir = evaluasi.order_by().values("versi_id").annotate(m=Max("tanggal")).values("m")[:1]
    return qs.annotate(evaluasi_terakhir=Subquery(terakhir, output_field=DateField()))


def jadwal_versi(versi) -> Jadwal | None:
    """The schedule of a version that has taken effect (None for drafts). Uses the
    `evaluasi_terakhir` annotation when present, otherwise asks the database once."""
    mulai = versi.berlaku_sejak
    if mulai is None:
        return None
    if hasattr(versi, "evaluasi_terakhir"):
        terakhir = versi.evaluasi_terakhir
    else:
        terakhir = versi.evaluasi_set.aggregate(m=Max("tanggal"))["m"]
    return Jadwal.dari(mulai, terakhir)


def versi_berlaku(unit_ids: Iterable[int], hari: date) -> QuerySet:
    """Versions in force at `hari` of the active services of these units."""
    from standar.models import VersiStandar

    return VersiStandar.objects.filter(
        q_berlaku(hari),
        standar__layanan__unit_id__in=list(unit_ids),
        standar__layanan__aktif=True,
    )


def hitung_per_unit(unit_ids: Iterable[int], hari: date | None = None) -> dict[int, dict[str, int]]:
    """{unit_id: {"berlaku": n, "evaluasi": n, "peninjauan": n}}: the versions in force at
    `hari` (default today) of the units' active services, and how many of them are overdue
    for their yearly evaluation and for their three-yearly review. One grouped query; every
    unit asked about is in the answer (zeros when it has nothing in force)."""
    hari = hari or timezone.localdate()
    ids = list(unit_ids)
    hasil = {uid: {"berlaku": 0, "evaluasi": 0, "peninjauan": 0} for uid in ids}
    if not ids:
        return hasil
    batas_evaluasi = batas_dasar(hari, EVALUASI_SETIAP)
    batas_peninjauan = batas_dasar(hari, PENINJAUAN_SETIAP)
    qs = dengan_evaluasi_terakhir(versi_berlaku(ids, hari), hari).annotate(_mulai=berlaku_sejak_expr())
    qs = qs.annotate(
        _dasar_evaluasi=Greatest(
            F("_mulai"), Coalesce(F("evaluasi_terakhir"), F("_mulai")), output_field=DateField()
        )
    )
    rows = (
        qs.order_by()
        .values(unit_id=F("standar__layanan__unit_id"))
        .annotate(
            berlaku=Count("pk"),
            evaluasi=Count("pk", filter=Q(_dasar_evaluasi__lt=Value(batas_evaluasi))),
            peninjauan=Count("pk", filter=Q(_mulai__lt=Value(batas_peninjauan))),
        )
    )
    for r in rows:
        hasil[r["unit_id"]] = {k: r[k] for k in ("berlaku", "evaluasi", "peninjauan")}
    return hasil


def terlambat_per_unit(unit_ids: Iterable[int], hari: date | None = None) -> dict[int, dict[str, int]]:
    """{unit_id: {"evaluasi": n, "peninjauan": n}}: how many standards in force at `hari` are
    overdue for their yearly evaluation and for their review (one grouped query)."""
    return {
        uid: {"evaluasi": r["evaluasi"], "peninjauan": r["peninjauan"]}
        for uid, r in hitung_per_unit(unit_ids, hari).items()
    }
