"""Public complaint statistics in the API, read from the complaints app's statistics service
(pengaduan.statistik.hitung): counts and durations only, never a complaint's text, its
complainant or anything of a rahasia complaint beyond being counted (UU 25/2009 Pasal 37(i)).

Mounted by api.urls only when pengaduan.statistik exists.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.caching import CacheMixin
from api.filters import ID_MAKS
from api.schema import GALAT, GALAT_SARINGAN
from api.serializers import RujukanSerializer, absolute, rujukan
from pelayanan.models import Instansi, Unit
from pengaduan import statistik

ID = {"type": "integer", "minimum": 1, "maximum": ID_MAKS}


class ParameterSerializer(serializers.Serializer):
    unit = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS)
    instansi = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS)
    diterima_dari = serializers.DateField(required=False)
    diterima_sampai = serializers.DateField(required=False)


class JumlahSerializer(serializers.Serializer):
    kunci = serializers.CharField()
    label = serializers.CharField()
    jumlah = serializers.IntegerField()


class JumlahUnitSerializer(serializers.Serializer):
    unit = RujukanSerializer()
    jumlah_pengaduan = serializers.IntegerField()
    jumlah_diputuskan = serializers.IntegerField()
    jumlah_terlambat = serializers.IntegerField()


class LingkupSerializer(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=["portal", "instansi", "unit"])
    unit = RujukanSerializer(allow_null=True)
    instansi = RujukanSerializer(allow_null=True)
    diterima_dari = serializers.DateField(allow_null=True)
    diterima_sampai = serializers.DateField(allow_null=True)


class StatistikPengaduanSerializer(serializers.Serializer):
    lingkup = LingkupSerializer()
    url_halaman = serializers.CharField(allow_null=True, help_text="Halaman statistik publik.")
    jumlah = serializers.IntegerField(help_text="Pengaduan yang diterima dalam periode.")
    terbuka = serializers.IntegerField(help_text="Belum selesai (bukan batal atau diberitahukan).")
    terlambat_sekarang = serializers.IntegerField(help_text="Melewati tenggat saat ini.")
    terlambat_diajukan = serializers.IntegerField()
    dibuka_kembali = serializers.IntegerField()
    per_bagian = JumlahSerializer(
        many=True, help_text="Per komponen standar (atau bagian lain) yang dilanggar."
    )
    per_status = JumlahSerializer(many=True)
    per_mode_privasi = JumlahSerializer(many=True, help_text="Biasa, anonim, rahasia: hanya jumlahnya.")
    median_hari_tanggapan = serializers.FloatField(allow_null=True)
    median_hari_keputusan = serializers.FloatField(allow_null=True)
    tanggapan_tepat_waktu = serializers.IntegerField()
    tanggapan_dinilai = serializers.IntegerField()
    persen_tanggapan_tepat_waktu = serializers.FloatField(allow_null=True)
    keputusan_tepat_waktu = serializers.IntegerField()
    keputusan_dinilai = serializers.IntegerField()
    persen_keputusan_tepat_waktu = serializers.FloatField(allow_null=True)
    penilaian_jumlah = serializers.IntegerField()
    penilaian_rata = serializers.FloatField(allow_null=True)
    terselesaikan = JumlahSerializer(
        many=True, help_text="Penilaian pengadu: apakah masalahnya terselesaikan."
    )
    per_unit = JumlahUnitSerializer(many=True, help_text="Per unit (hanya untuk lingkup instansi).")


def _jumlah(rows) -> list[dict]:
    return [{"kunci": str(k), "label": str(label), "jumlah": n} for k, label, n in rows]


def _halaman(request, unit, instansi) -> str | None:
    try:
        if unit is not None:
            return absolute(request, reverse("pengaduan:statistik_unit", kwargs={"slug": unit.slug}))
        if instansi is not None:
            return absolute(request, reverse("pengaduan:statistik_instansi", kwargs={"slug": instansi.slug}))
    except NoReverseMatch:
        return None
    return None


class StatistikPengaduanView(CacheMixin, APIView):
    @extend_schema(
        summary="Statistik pengaduan (publik)",
        description="Statistik pengaduan seluruh portal, satu instansi, atau satu unit, untuk pengaduan yang "
        "diterima dalam periode (bila diberikan). Hanya angka: isi pengaduan dan identitas pengadu tidak "
        "pernah tampil. 404 bila unit atau instansi tidak ada.",
        parameters=[
            OpenApiParameter("unit", ID, description="Id unit (aktif)."),
            OpenApiParameter(
                "instansi", ID, description="Id instansi (bersama `unit`: unit itu di instansi itu)."
            ),
            OpenApiParameter(
                "diterima_dari", OpenApiTypes.DATE, description="Diterima pada/sesudah tanggal ini."
            ),
            OpenApiParameter(
                "diterima_sampai", OpenApiTypes.DATE, description="Diterima pada/sebelum tanggal ini."
            ),
        ],
        responses={
            200: StatistikPengaduanSerializer,
            400: OpenApiResponse(GALAT_SARINGAN, description="Parameter tidak sah."),
            404: OpenApiResponse(GALAT, description="Unit atau instansi tidak ada."),
        },
    )
    def get(self, request):
        translation.activate("id")
        # An empty parameter means "not given", as for the lists' filters.
        params = ParameterSerializer(data={k: v for k, v in request.query_params.items() if v != ""})
        params.is_valid(raise_exception=True)
        p = params.validated_data
        unit = instansi = None
        if p.get("unit"):
            units = Unit.objects.select_related("instansi").filter(pk=p["unit"], aktif=True)
            if p.get("instansi"):
                units = units.filter(instansi_id=p["instansi"])  # both: the unit, within that instansi
            unit = units.first()
            if unit is None:
                raise exceptions.NotFound
        elif p.get("instansi"):
            instansi = Instansi.objects.filter(pk=p["instansi"]).first()
            if instansi is None:
                raise exceptions.NotFound
        mulai, sampai = p.get("diterima_dari"), p.get("diterima_sampai")
        s = statistik.hitung(statistik.lingkup(unit=unit, instansi=instansi), mulai=mulai, sampai=sampai)
        per_unit = statistik.per_unit(instansi, mulai=mulai, sampai=sampai) if instansi is not None else []
        data = {
            "lingkup": {
                "jenis": "unit" if unit else "instansi" if instansi else "portal",
                "unit": rujukan(request, "unit", unit) if unit else None,
                "instansi": rujukan(request, "instansi", unit.instansi if unit else instansi)
                if (unit or instansi)
                else None,
                "diterima_dari": mulai,
                "diterima_sampai": sampai,
            },
            "url_halaman": _halaman(request, unit, instansi),
            "jumlah": s.jumlah,
            "terbuka": s.terbuka,
            "terlambat_sekarang": s.terlambat_sekarang,
            "terlambat_diajukan": s.terlambat_diajukan,
            "dibuka_kembali": s.dibuka_kembali,
            "per_bagian": _jumlah(s.per_bagian),
            "per_status": _jumlah(s.per_status),
            "per_mode_privasi": _jumlah(s.per_mode),
            "median_hari_tanggapan": s.median_tanggapan,
            "median_hari_keputusan": s.median_keputusan,
            "tanggapan_tepat_waktu": s.tanggapan_tepat,
            "tanggapan_dinilai": s.tanggapan_dinilai,
            "persen_tanggapan_tepat_waktu": s.persen_tanggapan_tepat,
            "keputusan_tepat_waktu": s.keputusan_tepat,
            "keputusan_dinilai": s.keputusan_dinilai,
            "persen_keputusan_tepat_waktu": s.persen_keputusan_tepat,
            "penilaian_jumlah": s.penilaian_jumlah,
            "penilaian_rata": s.penilaian_rata,
            "terselesaikan": _jumlah(s.terselesaikan),
            "per_unit": [
                {
                    "unit": rujukan(request, "unit", u),
                    "jumlah_pengaduan": u.jumlah_pengaduan,
                    "jumlah_diputuskan": u.jumlah_diputuskan,
                    "jumlah_terlambat": u.jumlah_terlambat,
                }
                for u in per_unit
            ],
        }
        return Response(StatistikPengaduanSerializer(data).data)

    def get_view_name(self):
        return "Statistik pengaduan"
