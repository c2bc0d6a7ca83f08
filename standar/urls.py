"""URLs of the standar app: public pages, staff authoring, maklumat."""

from django.urls import path

from standar.views import maklumat, publik, staf

app_name = "standar"

urlpatterns = [
    # Public
    path("layanan/", publik.katalog, name="katalog"),
    path("layanan/<slug:unit>/<slug:layanan>/", publik.layanan_detail, name="layanan_detail"),
    path("layanan/<slug:unit>/<slug:layanan>/versi/<int:nomor>/", publik.versi_detail, name="versi_detail"),
    path(
        "layanan/<slug:unit>/<slug:layanan>/perubahan/<int:dari>-<int:ke>/",
        publik.versi_diff,
        name="versi_diff",
    ),
    # Staff: authoring and workflow
    path("ruang-kerja/unit/<slug:unit>/standar/", staf.unit_standar, name="staf_unit_standar"),
    path("ruang-kerja/layanan/<int:pk>/draf-baru/", staf.draf_baru, name="staf_draf_baru"),
    path("ruang-kerja/layanan/<int:pk>/salin/", staf.salin, name="staf_salin"),
    path("ruang-kerja/versi/<int:pk>/", staf.versi, name="staf_versi"),
    path("ruang-kerja/versi/<int:pk>/semua/", staf.versi_ubah_semua, name="staf_versi_ubah_semua"),
    path("ruang-kerja/versi/<int:pk>/komponen/<str:kunci>/", staf.komponen_ubah, name="staf_komponen_ubah"),
    path("ruang-kerja/versi/<int:pk>/langkah/<str:transisi>/", staf.transisi, name="staf_transisi"),
    # Staff: maklumat
    path("ruang-kerja/unit/<slug:unit>/maklumat/", maklumat.daftar, name="maklumat_daftar"),
    path("ruang-kerja/unit/<slug:unit>/maklumat/baru/", maklumat.baru, name="maklumat_baru"),
    path("ruang-kerja/maklumat/<int:pk>/", maklumat.ubah, name="maklumat_ubah"),
    path("ruang-kerja/maklumat/<int:pk>/langkah/<str:langkah>/", maklumat.langkah, name="maklumat_langkah"),
]
