"""Admin of the SKM. Periods change state only through evaluasi.services (the staff pages);
responses and summaries are read-only here, so published results cannot be edited."""

from django.contrib import admin

from evaluasi.models import (
    AspekPEKPPP,
    IndikatorPEKPPP,
    JawabanSKM,
    KategoriIPP,
    PenilaianPEKPPP,
    PeriodeSKM,
    RencanaTindakLanjut,
    RingkasanSKM,
    SkorIndikator,
    TautanSKM,
)


class _HanyaBaca(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PeriodeSKM)
class PeriodeSKMAdmin(_HanyaBaca):
    list_display = ["__str__", "jenis", "mulai", "selesai", "populasi", "status", "diterbitkan"]
    list_filter = ["status", "diterbitkan", "jenis", "tahun", "unit__instansi"]
    search_fields = ["unit__nama"]
    list_select_related = ["unit"]


@admin.register(JawabanSKM)
class JawabanSKMAdmin(_HanyaBaca):
    list_display = ["pk", "periode", "layanan", "kanal", "dibuat_pada"]
    list_filter = ["kanal", "periode__tahun"]
    list_select_related = ["periode__unit", "layanan"]
    raw_id_fields = ["periode", "layanan", "dimasukkan_oleh"]
    show_full_result_count = False


@admin.register(RingkasanSKM)
class RingkasanSKMAdmin(_HanyaBaca):
    list_display = ["periode", "layanan", "jumlah"]
    list_select_related = ["periode__unit", "layanan"]


@admin.register(RencanaTindakLanjut)
class RencanaTindakLanjutAdmin(_HanyaBaca):
    list_display = ["periode", "unsur", "penanggung_jawab", "batas_waktu", "status", "selesai_pada"]
    list_filter = ["status", "unsur"]
    list_select_related = ["periode__unit"]


@admin.register(TautanSKM)
class TautanSKMAdmin(_HanyaBaca):
    list_display = ["kode", "layanan"]
    search_fields = ["kode", "layanan__nama"]
    list_select_related = ["layanan"]


# --- PEKPPP: the instrument is data (editable); assessments change only through evaluasi.pekppp ---


class _PeriksaBobot:
    """Warn on the changelist when the weights no longer add up (finalising is refused then)."""

    def changelist_view(self, request, extra_context=None):
        from django.contrib import messages

        from evaluasi.pekppp import periksa_bobot

        for masalah in periksa_bobot():
            messages.warning(request, masalah)
        return super().changelist_view(request, extra_context)


@admin.register(AspekPEKPPP)
class AspekPEKPPPAdmin(_PeriksaBobot, admin.ModelAdmin):
    list_display = ["kode", "nama", "bobot", "urutan"]
    list_editable = ["bobot", "urutan"]
    ordering = ["urutan"]


@admin.register(IndikatorPEKPPP)
class IndikatorPEKPPPAdmin(_PeriksaBobot, admin.ModelAdmin):
    list_display = ["nomor", "aspek", "kode", "teks", "bobot", "usulan", "dinilai"]
    list_editable = ["bobot", "dinilai"]
    list_filter = ["aspek", "dinilai"]
    list_select_related = ["aspek"]
    search_fields = ["teks"]
    ordering = ["nomor"]


@admin.register(KategoriIPP)
class KategoriIPPAdmin(admin.ModelAdmin):
    list_display = ["kode", "predikat", "batas_bawah"]
    ordering = ["-batas_bawah"]


class SkorIndikatorInline(admin.TabularInline):
    model = SkorIndikator
    fields = ["indikator", "skor", "usulan_skor", "alasan_beda", "catatan", "diubah_pada"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["indikator__nomor"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PenilaianPEKPPP)
class PenilaianPEKPPPAdmin(admin.ModelAdmin):
    """Scores, status and results change only through the services (audit); a draft may be
    handed to another evaluator or deleted, a final assessment is read-only."""

    list_display = ["unit", "tahun", "status", "ipp", "kategori", "evaluator", "difinalkan_pada"]
    list_filter = ["status", "tahun", "kategori", "unit__instansi"]
    list_select_related = ["unit", "evaluator"]
    search_fields = ["unit__nama"]
    raw_id_fields = ["evaluator"]
    readonly_fields = [
        "unit",
        "tahun",
        "status",
        "ipp",
        "ipp_persen",
        "kategori",
        "dibuat_pada",
        "difinalkan_pada",
    ]
    inlines = [SkorIndikatorInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _final(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _final(obj)


def _final(obj) -> bool:
    from evaluasi.choices import StatusPenilaianPEKPPP

    return obj is not None and obj.status == StatusPenilaianPEKPPP.FINAL
