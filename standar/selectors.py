"""Read-side queries of the public standard pages, each in a fixed number of queries.

Only published versions (terbit, digantikan, dicabut) ever leave these functions: drafts
and versions in preparation are not public, whoever asks.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects

from pelayanan.models import Instansi, Layanan, Unit
from standar import komponen
from standar.choices import StatusMaklumat, StatusVersi
from standar.diff import isi_by_kunci
from standar.models import Maklumat, VersiStandar

# Versions the public may see: published, superseded or revoked (never drafts).
STATUS_PUBLIK = (StatusVersi.TERBIT, StatusVersi.DIGANTIKAN, StatusVersi.DICABUT)

KATALOG_PER_HALAMAN = 25
QUERY_MAX = 100
TERMS_MAX = 8


def _terms(q: str) -> list[str]:
    return [t for t in (q or "")[:QUERY_MAX].split() if t][:TERMS_MAX]


def _versi_terbit(field: str) -> Subquery:
    return Subquery(
        VersiStandar.objects.filter(standar__layanan=OuterRef("pk"), status=StatusVersi.TERBIT).values(field)[
            :1
        ]
    )


def dengan_status_standar(qs: QuerySet[Layanan]) -> QuerySet[Layanan]:
    """Annotate services with their published version, in the same query.

    terbit_nomor / terbit_berlaku_mulai / terbit_diterbitkan_pada: the version in force
    (None when there is none); ada_versi_publik: whether any version was ever published
    (true with no version in force means the standard was revoked).
    """
    return qs.annotate(
        terbit_nomor=_versi_terbit("nomor"),
        terbit_berlaku_mulai=_versi_terbit("berlaku_mulai"),
        terbit_diterbitkan_pada=_versi_terbit("diterbitkan_pada"),
        ada_versi_publik=Exists(
            VersiStandar.objects.filter(standar__layanan=OuterRef("pk"), status__in=STATUS_PUBLIK)
        ),
    )


# --- catalogue ----------------------------------------------------------------------------


def katalog(q: str = "", instansi: str = "", unit: str = "") -> QuerySet[Layanan]:
    """Active services of active units, matching every word of `q` in the service, unit or
    instansi, optionally of one instansi / one unit (by slug), with their standard status."""
    qs = Layanan.objects.filter(aktif=True, unit__aktif=True).select_related("unit__instansi")
    if instansi:
        qs = qs.filter(unit__instansi__slug=instansi)
    if unit:
        qs = qs.filter(unit__slug=unit)
    for term in _terms(q):
        qs = qs.filter(
            Q(nama__icontains=term)
            | Q(uraian__icontains=term)
            | Q(unit__nama__icontains=term)
            | Q(unit__singkatan__icontains=term)
            | Q(unit__instansi__nama__icontains=term)
        )
    return dengan_status_standar(qs).order_by("unit__instansi__nama", "unit__nama", "nama", "pk")


def katalog_pilihan_instansi() -> QuerySet[Instansi]:
    """Instansi that have at least one active unit (the catalogue's filter)."""
    return Instansi.objects.filter(Exists(Unit.objects.filter(instansi=OuterRef("pk"), aktif=True))).order_by(
        "nama"
    )


def katalog_pilihan_unit(instansi: str = "") -> QuerySet[Unit]:
    """Active units (of one instansi when given), for the catalogue's filter."""
    qs = Unit.objects.filter(aktif=True).select_related("instansi")
    if instansi:
        qs = qs.filter(instansi__slug=instansi)
    return qs.order_by("instansi__nama", "nama")


# --- one service --------------------------------------------------------------------------


def layanan_publik(unit: str, layanan: str, *, dengan_kanal: bool = False) -> Layanan:
    """An active service of an active unit by slugs (Layanan.DoesNotExist otherwise)."""
    qs = Layanan.objects.filter(aktif=True, unit__aktif=True).select_related("unit__instansi")
    if dengan_kanal:
        qs = qs.prefetch_related("unit__kanal_pengaduan")
    return qs.get(unit__slug=unit, slug=layanan)


def versi_publik(layanan: Layanan) -> list[VersiStandar]:
    """Every published version of the service, newest first, in one query.

    Each version gets `pengganti_nomor` (number of the version that superseded it) and
    `sebelumnya` (the previous published version, for the diff link; None for the first).
    """
    versi = list(
        VersiStandar.objects.filter(standar__layanan=layanan, status__in=STATUS_PUBLIK)
        .annotate(pengganti_nomor=F("digantikan_oleh__nomor"))
        .order_by("-nomor")
    )
    for i, v in enumerate(versi):
        v.sebelumnya = versi[i + 1] if i + 1 < len(versi) else None
    return versi


def versi_berlaku(versi_list: list[VersiStandar]) -> VersiStandar | None:
    """The version in force among published versions (at most one is terbit)."""
    return next((v for v in versi_list if v.status == StatusVersi.TERBIT), None)


def muat_komponen(*versi: VersiStandar) -> None:
    """Load the component rows of these versions in one query."""
    prefetch_related_objects([v for v in versi if v is not None], "komponen_set")


def isi_per_kelompok(versi: VersiStandar) -> dict[str, list[tuple[komponen.Komponen, dict]]]:
    """The version's content as (component, content) pairs, service delivery and manufacturing,
    in registry order (uses the prefetched rows: call muat_komponen first)."""
    isi = isi_by_kunci(versi)

    def pasang(daftar):
        return [(k, isi.get(k.kunci) or k.jenis.empty()) for k in daftar]

    return {
        "komponen_sd": pasang(komponen.service_delivery()),
        "komponen_mf": pasang(komponen.manufacturing()),
    }


def maklumat_terbit(unit: Unit) -> Maklumat | None:
    """The unit's published maklumat pelayanan, if any."""
    return Maklumat.objects.filter(unit=unit, status=StatusMaklumat.TERBIT).first()


def prefetch_maklumat_terbit(lookup: str = "maklumat_set") -> Prefetch:
    """Prefetch a unit's published maklumat into `maklumat_terbit_list` (zero or one row)."""
    return Prefetch(
        lookup,
        queryset=Maklumat.objects.filter(status=StatusMaklumat.TERBIT),
        to_attr="maklumat_terbit_list",
    )


def putaran_publik(layanan: Layanan) -> list:
    """Comment rounds of the service that have started, newest first (one query)."""
    from django.utils import timezone

    from standar.models import PutaranKonsultasi

    return list(
        PutaranKonsultasi.objects.filter(versi__standar__layanan=layanan, mulai__lte=timezone.now())
        .select_related("versi")
        .order_by("-mulai")
    )
