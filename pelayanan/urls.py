"""Root URL configuration: the core pages, accounts, the apps, admin, language switch."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from pelayanan.views import akun, data_saya, publik, staf

core_patterns = [
    path("", publik.beranda, name="beranda"),
    path("cari/", publik.cari, name="cari"),
    path("instansi/", publik.instansi_list, name="instansi_list"),
    path("instansi/<slug:slug>/", publik.instansi_detail, name="instansi_detail"),
    path("unit/<slug:slug>/", publik.unit_profil, name="unit_profil"),
    # Accounts
    path("akun/masuk/", akun.LoginView.as_view(), name="login"),
    path("akun/keluar/", akun.auth_views.LogoutView.as_view(), name="logout"),
    path("akun/daftar/", akun.daftar, name="daftar"),
    path("akun/konfirmasi/<str:token>/", akun.konfirmasi_email, name="konfirmasi_email"),
    path("akun/konfirmasi-ulang/", akun.kirim_ulang_konfirmasi, name="kirim_ulang_konfirmasi"),
    path("akun/", akun.akun_saya, name="akun_saya"),
    path("akun/notifikasi/", akun.notifikasi, name="notifikasi"),
    path("akun/data-saya/unduh/", data_saya.unduh_data, name="unduh_data"),
    path("akun/hapus/", data_saya.hapus_akun, name="hapus_akun"),
    path("akun/dua-langkah/", akun.dua_langkah_verifikasi, name="dua_langkah"),
    path("akun/dua-langkah/daftar/", akun.dua_langkah_daftar, name="dua_langkah_daftar"),
    path("akun/dua-langkah/matikan/", akun.dua_langkah_nonaktifkan, name="dua_langkah_nonaktifkan"),
    path("akun/kata-sandi/", akun.PasswordChangeView.as_view(), name="password_change"),
    path("akun/reset/", akun.PasswordResetView.as_view(), name="password_reset"),
    path("akun/reset/terkirim/", akun.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/reset/<uidb64>/<token>/",
        akun.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("akun/reset/selesai/", akun.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Staff workspace
    path("ruang-kerja/", staf.ruang_kerja, name="ruang_kerja"),
    path("ruang-kerja/unit/<slug:slug>/profil/", staf.UnitUbahView.as_view(), name="unit_ubah"),
    path(
        "ruang-kerja/unit/<slug:slug>/layanan/baru/", staf.LayananKelolaView.as_view(), name="layanan_tambah"
    ),
    path(
        "ruang-kerja/unit/<slug:slug>/layanan/<int:pk>/",
        staf.LayananKelolaView.as_view(),
        name="layanan_ubah",
    ),
]

urlpatterns = [
    path("", include((core_patterns, "pelayanan"))),
    path("", include("standar.urls")),
    path("", include("pengaduan.urls")),
    path("", include("evaluasi.urls")),
    path("api/v1/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:  # bench/web.py's floor: the cheapest page of the same stack
    from pelayanan.views.lantai import lantai

    urlpatterns.insert(0, path("bench/lantai/", lantai, name="bench_lantai"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
