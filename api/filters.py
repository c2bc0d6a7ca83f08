"""Filters of the API lists (django-filter): by instansi, unit, service and by date.

Ids are whole numbers; dates are YYYY-MM-DD and compare local dates (Asia/Jakarta). Every
`..._dari` filter is inclusive from that day, every `..._sampai` inclusive up to that day.
An invalid value answers 400 with the reason per parameter.
"""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from evaluasi.choices import JenisPeriode
from evaluasi.models import PeriodeSKM, RingkasanSKM
from pelayanan.choices import JenisInstansi
from pelayanan.models import Instansi, Layanan, Unit
from standar.choices import StatusMaklumat
from standar.models import Maklumat, PutaranKonsultasi, StandarPelayanan, VersiStandar
from standar.selectors import STATUS_PUBLIK

ID_MAKS = 2**63 - 1
Q_MAKS = 100
KATA_MAKS = 8
SLUG_MAKS = 120
TAHUN_MIN, TAHUN_MAKS = 2017, 2100  # the years a SKM period may have (evaluasi.models)
STATUS_MAKLUMAT_PUBLIK = (StatusMaklumat.TERBIT, StatusMaklumat.DIGANTIKAN, StatusMaklumat.DICABUT)


TANPA_NUL = r"^[^\x00]*$"  # Django refuses the NUL character in any text parameter (400)


def _skema(filter_obj, schema: dict) -> None:
    """Document a filter by its exact JSON schema (with its help text as description)."""
    help_text = filter_obj.extra.get("help_text")
    extend_schema_field({**schema, **({"description": str(help_text)} if help_text else {})})(filter_obj)


class IdFilter(filters.NumberFilter):
    """A whole-number id (1 .. 2^63-1)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAKS)
        super().__init__(*args, **kwargs)
        _skema(self, {"type": "integer", "minimum": 1, "maximum": ID_MAKS})


class TahunFilter(filters.NumberFilter):
    """A year of a survey period (2017 .. 2100)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", TAHUN_MIN)
        kwargs.setdefault("max_value", TAHUN_MAKS)
        super().__init__(*args, **kwargs)
        _skema(self, {"type": "integer", "minimum": TAHUN_MIN, "maximum": TAHUN_MAKS})


class SlugFilter(filters.CharFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _skema(
            self, {"type": "string", "maxLength": kwargs.get("max_length", SLUG_MAKS), "pattern": TANPA_NUL}
        )


CariFilter = SlugFilter


def _slug(field_name: str, help_text: str) -> filters.CharFilter:
    return SlugFilter(field_name=field_name, max_length=SLUG_MAKS, help_text=help_text)


def _dari(field_name: str, help_text: str) -> filters.DateFilter:
    return filters.DateFilter(field_name=field_name, lookup_expr="gte", help_text=help_text)


def _sampai(field_name: str, help_text: str) -> filters.DateFilter:
    return filters.DateFilter(field_name=field_name, lookup_expr="lte", help_text=help_text)


def _cari(queryset, fields: list[str], value: str):
    for term in (value or "")[:Q_MAKS].split()[:KATA_MAKS]:
        q = Q()
        for f in fields:
            q |= Q(**{f"{f}__icontains": term})
        queryset = queryset.filter(q)
    return queryset


class _CariMixin(filters.FilterSet):
    cari_fields: list[str] = []

    q = CariFilter(
        method="filter_q", max_length=Q_MAKS, help_text="Cari: setiap kata harus ada (nama, unit, instansi)."
    )

    def filter_q(self, queryset, name, value):
        return _cari(queryset, self.cari_fields, value)


class InstansiFilter(_CariMixin):
    cari_fields = ["nama"]
    jenis = filters.ChoiceFilter(choices=JenisInstansi.choices, help_text="Jenis instansi.")

    class Meta:
        model = Instansi
        fields = ["jenis"]


class UnitFilter(_CariMixin):
    cari_fields = ["nama", "singkatan", "instansi__nama"]
    instansi = IdFilter(field_name="instansi_id", help_text="Id instansi.")
    instansi_slug = _slug("instansi__slug", "Slug instansi.")

    class Meta:
        model = Unit
        fields = ["instansi"]


class LayananFilter(_CariMixin):
    cari_fields = ["nama", "uraian", "unit__nama", "unit__singkatan", "unit__instansi__nama"]
    instansi = IdFilter(field_name="unit__instansi_id", help_text="Id instansi.")
    instansi_slug = _slug("unit__instansi__slug", "Slug instansi.")
    unit = IdFilter(field_name="unit_id", help_text="Id unit.")
    unit_slug = _slug("unit__slug", "Slug unit.")
    status_standar = filters.ChoiceFilter(
        method="filter_status",
        choices=[("terbit", "terbit"), ("dicabut", "dicabut"), ("belum_terbit", "belum_terbit")],
        help_text="Status standar layanan.",
    )

    class Meta:
        model = Layanan
        fields = ["unit"]

    def filter_status(self, queryset, name, value):
        if value == "terbit":
            return queryset.filter(terbit_nomor__isnull=False)
        if value == "dicabut":
            return queryset.filter(terbit_nomor__isnull=True, ada_versi_publik=True)
        return queryset.filter(ada_versi_publik=False)


class StandarFilter(filters.FilterSet):
    instansi = IdFilter(field_name="layanan__unit__instansi_id", help_text="Id instansi.")
    instansi_slug = _slug("layanan__unit__instansi__slug", "Slug instansi.")
    unit = IdFilter(field_name="layanan__unit_id", help_text="Id unit.")
    unit_slug = _slug("layanan__unit__slug", "Slug unit.")
    layanan = IdFilter(field_name="layanan_id", help_text="Id layanan.")
    status = filters.ChoiceFilter(
        method="filter_status",
        choices=[("terbit", "terbit"), ("dicabut", "dicabut")],
        help_text="terbit: ada versi yang berlaku; dicabut: tidak ada lagi yang berlaku.",
    )
    diterbitkan_dari = _dari("terakhir_diterbitkan__date", "Versi terakhir terbit pada/sesudah tanggal ini.")
    diterbitkan_sampai = _sampai(
        "terakhir_diterbitkan__date", "Versi terakhir terbit pada/sebelum tanggal ini."
    )
    diperbarui_dari = _dari(
        "terakhir_diperbarui__date",
        "Ada versi yang terbit, digantikan, atau dicabut pada/sesudah tanggal ini (untuk panen berkala).",
    )

    class Meta:
        model = StandarPelayanan
        fields = ["layanan"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(ada_terbit=(value == "terbit"))


class VersiFilter(filters.FilterSet):
    instansi = IdFilter(field_name="standar__layanan__unit__instansi_id", help_text="Id instansi.")
    unit = IdFilter(field_name="standar__layanan__unit_id", help_text="Id unit.")
    unit_slug = _slug("standar__layanan__unit__slug", "Slug unit.")
    layanan = IdFilter(field_name="standar__layanan_id", help_text="Id layanan.")
    standar = IdFilter(field_name="standar_id", help_text="Id standar.")
    status = filters.ChoiceFilter(
        choices=[(s.value, s.value) for s in STATUS_PUBLIK], help_text="terbit, digantikan, atau dicabut."
    )
    diterbitkan_dari = _dari("diterbitkan_pada__date", "Terbit pada/sesudah tanggal ini.")
    diterbitkan_sampai = _sampai("diterbitkan_pada__date", "Terbit pada/sebelum tanggal ini.")
    berlaku_dari = _dari("berlaku_mulai", "Mulai berlaku pada/sesudah tanggal ini.")
    berlaku_sampai = _sampai("berlaku_mulai", "Mulai berlaku pada/sebelum tanggal ini.")
    sk_tanggal_dari = _dari("sk_tanggal", "Tanggal SK pada/sesudah tanggal ini.")
    sk_tanggal_sampai = _sampai("sk_tanggal", "Tanggal SK pada/sebelum tanggal ini.")

    class Meta:
        model = VersiStandar
        fields = ["status"]


class MaklumatFilter(filters.FilterSet):
    instansi = IdFilter(field_name="unit__instansi_id", help_text="Id instansi.")
    unit = IdFilter(field_name="unit_id", help_text="Id unit.")
    unit_slug = _slug("unit__slug", "Slug unit.")
    status = filters.ChoiceFilter(
        choices=[(s.value, s.value) for s in STATUS_MAKLUMAT_PUBLIK],
        help_text="terbit, digantikan, atau dicabut.",
    )
    tanggal_dari = _dari("tanggal", "Tanggal maklumat pada/sesudah tanggal ini.")
    tanggal_sampai = _sampai("tanggal", "Tanggal maklumat pada/sebelum tanggal ini.")
    diterbitkan_dari = _dari("diterbitkan_pada__date", "Terbit pada/sesudah tanggal ini.")
    diterbitkan_sampai = _sampai("diterbitkan_pada__date", "Terbit pada/sebelum tanggal ini.")

    class Meta:
        model = Maklumat
        fields = ["status"]


class PutaranFilter(filters.FilterSet):
    instansi = IdFilter(field_name="versi__standar__layanan__unit__instansi_id", help_text="Id instansi.")
    unit = IdFilter(field_name="versi__standar__layanan__unit_id", help_text="Id unit.")
    unit_slug = _slug("versi__standar__layanan__unit__slug", "Slug unit.")
    layanan = IdFilter(field_name="versi__standar__layanan_id", help_text="Id layanan.")
    mulai_dari = _dari("mulai__date", "Dibuka pada/sesudah tanggal ini.")
    mulai_sampai = _sampai("mulai__date", "Dibuka pada/sebelum tanggal ini.")
    ditutup_dari = _dari("ditutup_pada__date", "Ditutup pada/sesudah tanggal ini.")
    ditutup_sampai = _sampai("ditutup_pada__date", "Ditutup pada/sebelum tanggal ini.")

    class Meta:
        model = PutaranKonsultasi
        fields = ["layanan"]


class PeriodeSkmFilter(filters.FilterSet):
    instansi = IdFilter(field_name="unit__instansi_id", help_text="Id instansi.")
    instansi_slug = _slug("unit__instansi__slug", "Slug instansi.")
    unit = IdFilter(field_name="unit_id", help_text="Id unit.")
    unit_slug = _slug("unit__slug", "Slug unit.")
    layanan = IdFilter(
        method="filter_layanan", help_text="Id layanan: periode yang memuat hasil layanan ini."
    )
    jenis = filters.ChoiceFilter(choices=JenisPeriode.choices, help_text="triwulan, semester, atau tahun.")
    tahun = TahunFilter(field_name="tahun", help_text="Tahun periode survei.")
    mulai_dari = _dari("mulai", "Periode mulai pada/sesudah tanggal ini.")
    mulai_sampai = _sampai("mulai", "Periode mulai pada/sebelum tanggal ini.")
    selesai_dari = _dari("selesai", "Periode berakhir pada/sesudah tanggal ini.")
    selesai_sampai = _sampai("selesai", "Periode berakhir pada/sebelum tanggal ini.")
    diterbitkan_dari = _dari("diterbitkan_pada__date", "Hasil terbit pada/sesudah tanggal ini.")
    diterbitkan_sampai = _sampai("diterbitkan_pada__date", "Hasil terbit pada/sebelum tanggal ini.")

    class Meta:
        model = PeriodeSKM
        fields = ["jenis"]

    def filter_layanan(self, queryset, name, value):
        return queryset.filter(
            Exists(RingkasanSKM.objects.filter(periode_id=OuterRef("pk"), layanan_id=value))
        )
