"""Reads of the SKM, shaped for the pages that use them (fixed numbers of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from evaluasi import ikm, sampel
from evaluasi.choices import StatusPeriode
from evaluasi.models import JawabanSKM, PeriodeSKM, RencanaTindakLanjut, RingkasanSKM, TautanSKM
from pelayanan.models import Instansi, Layanan, Unit


def periode_aktif(layanan: Layanan, hari: date | None = None) -> PeriodeSKM | None:
    """The running period of the service's unit that covers the service today, if any."""
    hari = hari or timezone.localdate()
    dicakup = PeriodeSKM.layanan.through.objects.filter(periodeskm_id=OuterRef("pk"))
    return (
        PeriodeSKM.objects.filter(
            unit_id=layanan.unit_id, status=StatusPeriode.BERJALAN, mulai__lte=hari, selesai__gte=hari
        )
        .filter(~Exists(dicakup) | Exists(dicakup.filter(layanan_id=layanan.pk)))
        .prefetch_related("layanan")
        .first()
    )


def tautan_get(kode: str) -> TautanSKM:
    return TautanSKM.objects.select_related("layanan__unit__instansi").get(
        kode=kode.lower(), layanan__aktif=True, layanan__unit__aktif=True
    )


# --- public results -------------------------------------------------------------------------


def periode_terbit_list(instansi: str = "") -> QuerySet[PeriodeSKM]:
    qs = PeriodeSKM.objects.filter(diterbitkan=True, unit__aktif=True).select_related("unit__instansi")
    if instansi:
        qs = qs.filter(unit__instansi__slug=instansi)
    return qs.order_by("-selesai", "unit__nama", "pk")


def instansi_dengan_hasil() -> QuerySet[Instansi]:
    return Instansi.objects.filter(
        Exists(PeriodeSKM.objects.filter(unit__instansi=OuterRef("pk"), diterbitkan=True))
    ).order_by("nama")


def periode_terbit_get(pk: int) -> PeriodeSKM:
    """A published period with its summary rows (and their services) and follow-ups."""
    return (
        PeriodeSKM.objects.filter(diterbitkan=True, unit__aktif=True)
        .select_related("unit__instansi")
        .prefetch_related(
            Prefetch(
                "ringkasan_set",
                queryset=RingkasanSKM.objects.select_related("layanan").order_by("layanan__nama"),
            ),
            Prefetch("rtl_set", queryset=RencanaTindakLanjut.objects.order_by("batas_waktu", "pk")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class SkmUnit:
    """What a unit's public profile shows about its survey."""

    terbit: PeriodeSKM | None
    hasil: ikm.HasilIKM | None
    berjalan: PeriodeSKM | None
    tautan: list[TautanSKM]


def skm_unit(unit: Unit) -> SkmUnit:
    """The latest published results of a unit and, while a period runs, the links to its
    questionnaires: always exactly two queries (the unit's profile counts them)."""
    hari = timezone.localdate()
    berjalan_q = Q(status=StatusPeriode.BERJALAN, mulai__lte=hari, selesai__gte=hari)
    periode = list(
        PeriodeSKM.objects.filter(Q(diterbitkan=True) | berjalan_q, unit=unit)
        .annotate(**ikm.kolom_agregat_ringkasan("ringkasan_set__"))
        .order_by("-selesai", "-pk")
    )
    terbit = next((p for p in periode if p.diterbitkan), None)
    berjalan = next((p for p in periode if p.status == StatusPeriode.BERJALAN), None)
    hasil = ikm.hitung(ikm.Agregat.dari_baris(terbit)) if terbit else None
    # Links of the services the running period covers (its selection, or every service).
    running = PeriodeSKM.objects.filter(berjalan_q, unit=unit)
    dicakup = PeriodeSKM.layanan.through.objects.filter(periodeskm_id=OuterRef("periode_pk"))
    tautan = list(
        TautanSKM.objects.filter(layanan__unit=unit, layanan__aktif=True)
        .annotate(periode_pk=running.values("pk")[:1])
        .filter(periode_pk__isnull=False)
        .filter(~Exists(dicakup) | Exists(dicakup.filter(layanan_id=OuterRef("layanan_id"))))
        .select_related("layanan")
        .order_by("layanan__nama", "pk")
    )
    return SkmUnit(terbit, hasil, berjalan, tautan)


# --- staff ---------------------------------------------------------------------------------


def unit_periode_list(unit: Unit) -> QuerySet[PeriodeSKM]:
    return (
        PeriodeSKM.objects.filter(unit=unit)
        .annotate(jumlah_jawaban=Count("jawaban_set"))
        .order_by("-mulai", "jenis", "pk")
    )


def periode_staf_get(pk: int) -> PeriodeSKM:
    return (
        PeriodeSKM.objects.select_related("unit__instansi", "dibuat_oleh")
        .prefetch_related("layanan", "ringkasan_set")
        .get(pk=pk)
    )


def layanan_periode(periode: PeriodeSKM) -> list[Layanan]:
    """The services a period covers (its selection, or every active service of the unit),
    with their short links."""
    ids = [lay.pk for lay in periode.layanan.all()]
    qs = (
        Layanan.objects.filter(pk__in=ids)
        if ids
        else Layanan.objects.filter(unit_id=periode.unit_id, aktif=True)
    )
    return list(qs.select_related("tautan_skm").order_by("nama", "pk"))


def layanan_dengan_tautan(unit: Unit) -> QuerySet[Layanan]:
    return Layanan.objects.filter(unit=unit, aktif=True).select_related("tautan_skm").order_by("nama", "pk")


def kecukupan(periode: PeriodeSKM, jumlah: int) -> sampel.Kecukupan:
    return sampel.kecukupan(periode.populasi, jumlah)


def rtl_list(periode: PeriodeSKM) -> QuerySet[RencanaTindakLanjut]:
    return periode.rtl_set.select_related("dibuat_oleh").order_by("batas_waktu", "pk")


def saran_terbaru(periode: PeriodeSKM, limit: int = 20) -> QuerySet[JawabanSKM]:
    """The latest written suggestions (staff only: free text may hold personal data)."""
    return (
        JawabanSKM.objects.filter(periode=periode)
        .exclude(saran="")
        .select_related("layanan")
        .order_by("-dibuat_pada", "-pk")[:limit]
    )


def rtl_ringkas(periode_ids) -> dict[int, dict]:
    """{periode_id: {"total": n, "selesai": m}} for lists."""
    rows = (
        RencanaTindakLanjut.objects.filter(periode_id__in=list(periode_ids))
        .values("periode_id")
        .annotate(total=Count("pk"), selesai=Count("pk", filter=Q(status="selesai")))
    )
    return {r["periode_id"]: r for r in rows}
