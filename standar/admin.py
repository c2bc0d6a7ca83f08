"""Admin views of standards and maklumat: for looking, not editing.

Every change to a version or a maklumat goes through the services (workflow, audit,
stale-save checks), so the admin never changes them; published versions are thus
immutable here as everywhere else.
"""

from django.contrib import admin

from standar.choices import StatusVersi
from standar.models import KomponenStandar, Maklumat, StandarPelayanan, VersiStandar


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class KomponenInline(admin.TabularInline):
    model = KomponenStandar
    fields = ["kunci", "isi", "revisi", "diubah_oleh", "diubah_pada"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersiInline(admin.TabularInline):
    model = VersiStandar
    fk_name = "standar"
    fields = ["nomor", "status", "sk_nomor", "diterbitkan_pada"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StandarPelayanan)
class StandarPelayananAdmin(ReadOnlyAdmin):
    list_display = ["layanan", "dibuat_pada"]
    search_fields = ["layanan__nama", "layanan__unit__nama"]
    list_select_related = ["layanan__unit"]
    inlines = [VersiInline]


@admin.register(VersiStandar)
class VersiStandarAdmin(ReadOnlyAdmin):
    list_display = ["standar", "nomor", "status", "sk_nomor", "diterbitkan_pada"]
    list_filter = ["status"]
    search_fields = ["standar__layanan__nama", "sk_nomor"]
    list_select_related = ["standar__layanan"]
    inlines = [KomponenInline]

    def has_delete_permission(self, request, obj=None):
        # Only a draft that never left the unit may be thrown away.
        return (
            obj is not None and obj.status == StatusVersi.DRAF and super().has_delete_permission(request, obj)
        )


@admin.register(Maklumat)
class MaklumatAdmin(ReadOnlyAdmin):
    list_display = ["unit", "nomor", "status", "tanggal", "diterbitkan_pada"]
    list_filter = ["status"]
    search_fields = ["unit__nama"]

    def has_delete_permission(self, request, obj=None):
        return False
