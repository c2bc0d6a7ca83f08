"""Django admin for every core model. Role grants are audited; the audit log is read-only."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from pelayanan.audit import audit_record
from pelayanan.models import (
    HariLibur,
    Instansi,
    JejakAudit,
    KanalPengaduanUnit,
    Layanan,
    Pengguna,
    PenugasanPeran,
    Unit,
)


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis"]
    list_filter = ["jenis"]
    search_fields = ["nama"]
    prepopulated_fields = {"slug": ["nama"]}


class KanalPengaduanInline(admin.TabularInline):
    model = KanalPengaduanUnit
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "instansi", "aktif"]
    list_filter = ["instansi", "aktif"]
    search_fields = ["nama", "singkatan"]
    prepopulated_fields = {"slug": ["nama"]}
    inlines = [KanalPengaduanInline]


@admin.register(Layanan)
class LayananAdmin(admin.ModelAdmin):
    list_display = ["nama", "unit", "aktif"]
    list_filter = ["aktif", "unit__instansi"]
    search_fields = ["nama", "unit__nama"]
    list_select_related = ["unit"]
    prepopulated_fields = {"slug": ["nama"]}


class PenugasanInline(admin.TabularInline):
    model = PenugasanPeran
    extra = 0
    autocomplete_fields = ["unit", "instansi"]


class PenggunaCreationForm(AdminUserCreationForm):
    class Meta:
        model = Pengguna
        fields = ["email", "nama_lengkap"]


class PenggunaChangeForm(UserChangeForm):
    class Meta:
        model = Pengguna
        fields = "__all__"


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    """Staff accounts are created here by administrators, with their role grants inline."""

    form = PenggunaChangeForm
    add_form = PenggunaCreationForm
    ordering = ["email"]
    list_display = ["email", "nama_lengkap", "is_staff", "is_active", "email_dikonfirmasi_pada"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "nama_lengkap"]
    inlines = [PenugasanInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Data diri"), {"fields": ["nama_lengkap", "telepon", "email_dikonfirmasi_pada"]}),
        (_("Hak akses"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Waktu penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "nama_lengkap", "password1", "password2"]}),
    ]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is PenugasanPeran:
            for grant in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
                audit_record(
                    aktor=request.user, aksi="peran.beri", objek=form.instance, data={"penugasan": str(grant)}
                )
            for grant in formset.deleted_objects:
                audit_record(
                    aktor=request.user,
                    aksi="peran.cabut",
                    objek=form.instance,
                    data={"penugasan": str(grant)},
                )


class PenugasanForm(forms.ModelForm):
    class Meta:
        model = PenugasanPeran
        fields = ["pengguna", "peran", "unit", "instansi"]


@admin.register(PenugasanPeran)
class PenugasanPeranAdmin(admin.ModelAdmin):
    form = PenugasanForm
    list_display = ["pengguna", "peran", "unit", "instansi", "dibuat_pada"]
    list_filter = ["peran", "instansi"]
    search_fields = ["pengguna__email", "pengguna__nama_lengkap"]
    autocomplete_fields = ["pengguna", "unit", "instansi"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(aktor=request.user, aksi="peran.beri", objek=obj.pengguna, data={"penugasan": str(obj)})

    def delete_model(self, request, obj):
        audit_record(aktor=request.user, aksi="peran.cabut", objek=obj.pengguna, data={"penugasan": str(obj)})
        super().delete_model(request, obj)


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama", "jenis", "instansi", "aktif"]
    list_filter = ["jenis", "aktif", "instansi"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


@admin.register(JejakAudit)
class JejakAuditAdmin(admin.ModelAdmin):
    list_display = ["waktu", "aktor", "aksi", "objek_repr"]
    list_filter = ["aksi"]
    search_fields = ["aksi", "objek_repr", "aktor__email"]
    date_hierarchy = "waktu"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
