"""Admin views of complaints: for looking, not editing.

Every change to a complaint goes through the services (workflow, clock, audit, e-mails), so
the admin changes nothing. The complainant's identity is not shown here at all: staff read it
on the complaint page, where the privacy rules apply and each viewing is audited.
"""

from django.contrib import admin

from pengaduan.models import Eskalasi, Lampiran, Pengaduan, PengaturanPengaduanUnit, Riwayat


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _Inline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RiwayatInline(_Inline):
    model = Riwayat
    fields = ["pada", "jenis", "aksi", "dari_status", "ke_status", "pelaku", "oleh", "publik"]
    readonly_fields = fields


class LampiranInline(_Inline):
    model = Lampiran
    fields = ["nama", "jenis", "ukuran", "sha256", "diunggah_pada"]
    readonly_fields = fields


class EskalasiInline(_Inline):
    model = Eskalasi
    fields = ["jenis", "batas", "tingkat", "dibuat_pada"]
    readonly_fields = fields


@admin.register(Pengaduan)
class PengaduanAdmin(ReadOnlyAdmin):
    list_display = [
        "nomor",
        "unit",
        "bagian",
        "status",
        "mode_privasi",
        "diterima_pada",
        "terlambat_diajukan",
    ]
    list_filter = ["status", "mode_privasi", "terlambat_diajukan"]
    list_select_related = ["unit"]
    search_fields = ["unit__nama"]
    # Content fields only; no identity, no tracking code (it is the complainant's key).
    exclude = ["kode"]
    inlines = [RiwayatInline, LampiranInline, EskalasiInline]


@admin.register(PengaturanPengaduanUnit)
class PengaturanPengaduanUnitAdmin(ReadOnlyAdmin):
    list_display = ["unit", "janji_tanggapan_hari_kerja", "janji_keputusan_hari_kerja", "diubah_pada"]
