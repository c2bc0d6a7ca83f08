"""Read-only viewsets of the open-data API.

Each queryset is the public slice of its model, built here once and used for both the list
and the detail (so an id that is not public answers 404, like an unknown one):
- instansi: all; units and services: active ones (as on the public pages);
- standards: those with at least one published version; versions: terbit, digantikan and
  dicabut only (never draf, konsultasi, perbaikan or ditetapkan);
- maklumat: terbit, digantikan, dicabut (never draf or ditetapkan);
- consultation rounds: closed ones only;
- SKM periods: published ones of active units (evaluasi.selectors, as the public results
  pages), never a response, a respondent's profile or a suggestion.
Labels are given in Indonesian whatever the visitor's language cookie, so that a response
depends on the URL alone (and its ETag and caches stay valid).
"""

from __future__ import annotations

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.http import Http404, JsonResponse
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.response import Response

from api import filters, serializers
from api.caching import CacheMixin
from evaluasi import ikm
from evaluasi import selectors as selectors_skm
from evaluasi.models import PeriodeSKM
from pelayanan.models import Instansi, KanalPengaduanUnit, Layanan, Unit
from standar import komponen
from standar.choices import StatusVersi
from standar.models import Maklumat, PutaranKonsultasi, StandarPelayanan, VersiStandar
from standar.selectors import STATUS_PUBLIK, dengan_status_standar
from standar.selectors_konsultasi import dengan_jumlah_komentar


class _PublicViewSet(CacheMixin, viewsets.ReadOnlyModelViewSet):
    # Read-only, anonymous, Indonesian labels, ETag and Cache-Control (no docstring: the
    # schema takes its descriptions from extend_schema, in Indonesian).

    judul = ""  # the resource's name in the browsable API

    def initial(self, request, *args, **kwargs):
        translation.activate("id")
        super().initial(request, *args, **kwargs)

    def get_view_name(self):
        # Also called on bare instances for the browsable API's breadcrumbs (no action yet).
        if getattr(self, "action", None) == "list" or getattr(self, "suffix", None) == "List":
            return f"Daftar {self.judul}"
        return self.judul[:1].upper() + self.judul[1:]

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound from None  # one message, without the model's name


def _versi_publik_qs():
    return VersiStandar.objects.filter(status__in=STATUS_PUBLIK)


def _unit_aktif() -> Q:
    return Q(aktif=True)


def _dokumentasi(nama: str, daftar: str, satu: str, ket_daftar: str = "", ket_satu: str = ""):
    """The list and detail operations of a resource, documented in Indonesian."""
    id_param = OpenApiParameter(
        "id",
        int,
        OpenApiParameter.PATH,
        description=f"Id tetap {nama}: tidak berubah dan tidak dipakai ulang.",
    )
    return extend_schema_view(
        list=extend_schema(
            summary=daftar,
            description=(ket_daftar + " " if ket_daftar else "")
            + "Berhalaman (`page`, `page_size`); setiap parameter saringan bersifat DAN.",
        ),
        retrieve=extend_schema(
            summary=satu,
            description=ket_satu or f"{satu} menurut id-nya; 404 bila tidak ada atau tidak publik.",
            parameters=[id_param],
        ),
    )


# --- registry -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Daftar 14 komponen standar pelayanan",
        description="Registri komponen (UU 25/2009 Pasal 21) dalam urutan PermenPANRB 15/2014, dengan "
        "bentuk isi JSON setiap jenis. Tidak berhalaman.",
    ),
    retrieve=extend_schema(
        summary="Satu komponen (menurut kuncinya)",
        description="Satu komponen registri menurut kuncinya, misalnya `jangka_waktu`.",
    ),
)
class KomponenViewSet(CacheMixin, viewsets.ViewSet):
    serializer_class = serializers.DefinisiKomponenSerializer
    lookup_field = "kunci"
    lookup_value_regex = "[a-z_]+"
    pagination_class = None
    filter_backends: list = []

    def initial(self, request, *args, **kwargs):
        translation.activate("id")
        super().initial(request, *args, **kwargs)

    def get_view_name(self):
        if getattr(self, "action", None) == "list" or getattr(self, "suffix", None) == "List":
            return "Daftar komponen standar"
        return "Komponen standar"

    # `format` comes from the router's suffix patterns (/komponen.json, /komponen/biaya.json).
    def list(self, request, format=None):
        return Response([serializers.definisi_komponen(k) for k in komponen.KOMPONEN])

    @extend_schema(parameters=[OpenApiParameter("kunci", str, OpenApiParameter.PATH, enum=[*komponen.KUNCI])])
    def retrieve(self, request, kunci=None, format=None):
        try:
            k = komponen.get(kunci)
        except KeyError:
            raise exceptions.NotFound from None
        return Response(serializers.definisi_komponen(k))


# --- organisation -------------------------------------------------------------------------


@_dokumentasi("instansi", "Daftar instansi", "Satu instansi", "Kementerian, lembaga, dan pemerintah daerah.")
class InstansiViewSet(_PublicViewSet):
    judul = "instansi"
    serializer_class = serializers.InstansiSerializer
    filterset_class = filters.InstansiFilter

    def get_queryset(self):
        return Instansi.objects.annotate(
            jumlah_unit=Count("unit_set", filter=Q(unit_set__aktif=True), distinct=True)
        ).order_by("nama", "pk")


@_dokumentasi(
    "unit",
    "Daftar unit penyelenggara dengan profilnya",
    "Satu unit penyelenggara",
    "Unit aktif dengan profil menurut UU 25/2009 Pasal 23(4) dan kanal pengaduannya (Pasal 36(4)).",
)
class UnitViewSet(_PublicViewSet):
    judul = "unit penyelenggara"
    serializer_class = serializers.UnitSerializer
    filterset_class = filters.UnitFilter

    def get_queryset(self):
        return (
            Unit.objects.filter(aktif=True)
            .select_related("instansi")
            .prefetch_related(
                Prefetch("kanal_pengaduan", queryset=KanalPengaduanUnit.objects.order_by("urutan", "id"))
            )
            .annotate(jumlah_layanan=Count("layanan_set", filter=Q(layanan_set__aktif=True), distinct=True))
            .order_by("instansi__nama", "nama", "pk")
        )


@_dokumentasi(
    "layanan",
    "Daftar layanan dengan status standarnya",
    "Satu layanan",
    "Layanan aktif unit aktif, seperti katalog layanan di portal.",
)
class LayananViewSet(_PublicViewSet):
    judul = "layanan"
    serializer_class = serializers.LayananSerializer
    filterset_class = filters.LayananFilter

    def get_queryset(self):
        terbit = VersiStandar.objects.filter(standar__layanan=OuterRef("pk"), status=StatusVersi.TERBIT)
        publik = StandarPelayanan.objects.filter(
            layanan=OuterRef("pk"), versi_set__status__in=STATUS_PUBLIK
        ).values("pk")[:1]
        qs = Layanan.objects.filter(aktif=True, unit__aktif=True).select_related("unit__instansi")
        return (
            dengan_status_standar(qs)
            .annotate(terbit_id=Subquery(terbit.values("pk")[:1]), standar_publik_id=Subquery(publik))
            .order_by("unit__instansi__nama", "unit__nama", "nama", "pk")
        )


# --- standards ----------------------------------------------------------------------------


def _versi_lengkap_qs():
    return (
        _versi_publik_qs()
        .select_related("standar__layanan__unit__instansi", "digantikan_oleh", "revisi_dari")
        .prefetch_related("komponen_set")
    )


@_dokumentasi(
    "standar",
    "Daftar standar pelayanan yang terbit",
    "Satu standar pelayanan",
    "Setiap standar dengan versi yang berlaku (14 komponen bertipe) dan semua versi yang pernah terbit "
    "(terbit, digantikan, dicabut). Rancangan tidak pernah tampil.",
)
class StandarViewSet(_PublicViewSet):
    judul = "standar pelayanan"
    serializer_class = serializers.StandarSerializer
    filterset_class = filters.StandarFilter

    def get_queryset(self):
        publik = _versi_publik_qs().filter(standar=OuterRef("pk"))
        terakhir = publik.order_by("-diterbitkan_pada").values("diterbitkan_pada")[:1]
        return (
            StandarPelayanan.objects.filter(Exists(publik), layanan__aktif=True, layanan__unit__aktif=True)
            .select_related("layanan__unit__instansi")
            .annotate(
                ada_terbit=Exists(publik.filter(status=StatusVersi.TERBIT)),
                terakhir_diterbitkan=Subquery(terakhir),
                terakhir_diperbarui=Max(
                    "versi_set__diterbitkan_pada", filter=Q(versi_set__status__in=STATUS_PUBLIK)
                ),
            )
            .prefetch_related(
                Prefetch(
                    "versi_set",
                    queryset=_versi_lengkap_qs().order_by("-nomor"),
                    to_attr="versi_publik",
                )
            )
            .order_by("layanan__unit__instansi__nama", "layanan__unit__nama", "layanan__nama", "pk")
        )


@_dokumentasi(
    "versi",
    "Daftar semua versi standar yang terbit",
    "Satu versi standar (tautan permanen)",
    "Versi berstatus terbit, digantikan, atau dicabut, masing-masing dengan nomor dan tanggal SK, tanggal "
    "berlaku, versi penggantinya, alasan pencabutan, dan 14 komponennya.",
)
class VersiViewSet(_PublicViewSet):
    judul = "versi standar"
    serializer_class = serializers.VersiSerializer
    filterset_class = filters.VersiFilter

    def get_queryset(self):
        return (
            _versi_lengkap_qs()
            .filter(standar__layanan__aktif=True, standar__layanan__unit__aktif=True)
            .order_by("standar__layanan__unit__nama", "standar__layanan__nama", "-nomor", "pk")
        )


# --- maklumat and consultation ------------------------------------------------------------


@_dokumentasi(
    "maklumat",
    "Daftar maklumat pelayanan",
    "Satu maklumat pelayanan",
    "Maklumat berstatus terbit, digantikan, atau dicabut (UU 25/2009 Pasal 22); rancangan tidak tampil.",
)
class MaklumatViewSet(_PublicViewSet):
    judul = "maklumat pelayanan"
    serializer_class = serializers.MaklumatSerializer
    filterset_class = filters.MaklumatFilter

    def get_queryset(self):
        return (
            Maklumat.objects.filter(status__in=filters.STATUS_MAKLUMAT_PUBLIK, unit__aktif=True)
            .select_related("unit__instansi")
            .order_by("unit__instansi__nama", "unit__nama", "-nomor", "pk")
        )


@_dokumentasi(
    "putaran konsultasi",
    "Daftar putaran konsultasi publik yang sudah ditutup",
    "Satu putaran yang sudah ditutup, dengan partisipasi dan matriks tanggapan",
    "Putaran yang masih terbuka atau dijadwalkan tidak tampil di API (lihat halaman konsultasi publik).",
    "Penulis komentar tidak pernah disebut namanya: “Warga” atau “Peserta FKP” dengan kategori "
    "pemangkunya. Komentar yang disembunyikan moderator hanya dihitung. 404 bila putaran belum ditutup.",
)
class PutaranViewSet(_PublicViewSet):
    judul = "putaran konsultasi"
    filterset_class = filters.PutaranFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PutaranDetailSerializer
        return serializers.PutaranSerializer

    def get_queryset(self):
        qs = PutaranKonsultasi.objects.filter(
            ditutup_pada__isnull=False,
            versi__standar__layanan__aktif=True,
            versi__standar__layanan__unit__aktif=True,
        ).select_related("versi__standar__layanan__unit__instansi")
        return dengan_jumlah_komentar(qs).order_by("-ditutup_pada", "-pk")


# --- SKM results ----------------------------------------------------------------------------


@_dokumentasi(
    "periode SKM",
    "Daftar hasil Survei Kepuasan Masyarakat yang diterbitkan",
    "Hasil satu periode SKM: IKM, NRR per unsur, per layanan, dan rencana tindak lanjut",
    "Periode SKM yang hasilnya sudah diterbitkan (PermenPANRB 14/2017), terbaru dahulu, dengan IKM dan mutu "
    "unit yang dihitung dari seluruh jawaban unit. Periode yang belum diterbitkan tidak tampil.",
    "Hasil periode yang diterbitkan, dihitung tepat dari ringkasan yang ditulis saat penerbitan: IKM dan "
    "mutu unit, NRR setiap unsur, hasil setiap layanan, dan rencana tindak lanjut. Jawaban responden, "
    "profil responden, dan saran tidak pernah tampil. 404 bila periode tidak ada atau belum diterbitkan.",
)
class PeriodeSkmViewSet(_PublicViewSet):
    judul = "hasil SKM"
    filterset_class = filters.PeriodeSkmFilter

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PeriodeSkmDetailSerializer
        return serializers.PeriodeSkmSerializer

    def get_queryset(self):
        # The public list's selection and order, with the count and nine sums of the summary.
        return selectors_skm.periode_terbit_list().annotate(**ikm.kolom_agregat_ringkasan("ringkasan_set__"))

    def get_object(self):
        # The public results page's selector (summary rows and follow-ups prefetched).
        try:
            periode = selectors_skm.periode_terbit_get(int(self.kwargs[self.lookup_field]))
        except (ValueError, TypeError, PeriodeSKM.DoesNotExist):
            raise exceptions.NotFound from None
        self.check_object_permissions(self.request, periode)
        return periode


def tidak_ditemukan(request, *args, **kwargs):
    """Any other path under /api/v1/: a JSON 404, like the resources' own."""
    with translation.override("id"):
        response = JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    response["Content-Language"] = "id"
    return response
