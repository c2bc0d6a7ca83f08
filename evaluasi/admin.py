"""Admin of the SKM. Periods change state only through evaluasi.services (the staff pages);
responses and summaries are read-only here, so published results cannot be edited."""

from django.contrib import admin

from evaluasi.models import JawabanSKM, PeriodeSKM, RencanaTindakLanjut, RingkasanSKM, TautanSKM


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
