"""Read-side queries of the core app, shaped for the pages that use them."""

from django.db.models import Count, Prefetch, Q, QuerySet

from pelayanan.models import Instansi, Layanan, Unit

SEARCH_LIMIT = 50


def _terms(q: str) -> list[str]:
    return [t for t in q.split() if t][:8]


def layanan_search(q: str) -> QuerySet[Layanan]:
    """Active services whose name, unit or instansi matches every word of `q`."""
    qs = Layanan.objects.filter(aktif=True, unit__aktif=True).select_related("unit__instansi")
    for term in _terms(q):
        qs = qs.filter(
            Q(nama__icontains=term)
            | Q(uraian__icontains=term)
            | Q(unit__nama__icontains=term)
            | Q(unit__singkatan__icontains=term)
            | Q(unit__instansi__nama__icontains=term)
        )
    return qs.order_by("nama", "pk")[:SEARCH_LIMIT]


def unit_search(q: str) -> QuerySet[Unit]:
    qs = Unit.objects.filter(aktif=True).select_related("instansi")
    for term in _terms(q):
        qs = qs.filter(
            Q(nama__icontains=term) | Q(singkatan__icontains=term) | Q(instansi__nama__icontains=term)
        )
    return qs.order_by("nama", "pk")[:SEARCH_LIMIT]


def instansi_list() -> QuerySet[Instansi]:
    return Instansi.objects.annotate(
        jumlah_unit=Count("unit_set", filter=Q(unit_set__aktif=True), distinct=True)
    ).order_by("nama")


def instansi_units(instansi: Instansi) -> QuerySet[Unit]:
    return (
        instansi.unit_set.filter(aktif=True)
        .annotate(jumlah_layanan=Count("layanan_set", filter=Q(layanan_set__aktif=True)))
        .order_by("nama")
    )


def unit_profile(slug: str) -> Unit:
    """A unit with everything its public profile shows, in a fixed number of queries:
    its complaint channels, its active services with the status of their standard, and
    its published maklumat pelayanan (`maklumat_terbit_list`, zero or one)."""
    # The standar app builds on this core app; import its read helpers only when used.
    from standar import selectors as standar_selectors

    layanan = standar_selectors.dengan_status_standar(Layanan.objects.filter(aktif=True)).order_by("nama")
    return (
        Unit.objects.filter(aktif=True)
        .select_related("instansi")
        .prefetch_related(
            "kanal_pengaduan",
            Prefetch("layanan_set", queryset=layanan),
            standar_selectors.prefetch_maklumat_terbit(),
        )
        .get(slug=slug)
    )


def units_featured(limit: int = 8) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(aktif=True)
        .select_related("instansi")
        .annotate(jumlah_layanan=Count("layanan_set", filter=Q(layanan_set__aktif=True)))
        .order_by("instansi__nama", "nama")[:limit]
    )
