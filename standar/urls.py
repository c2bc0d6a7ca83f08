"""URLs of the standar app: public pages, staff authoring, maklumat."""

from django.urls import path

from standar.views import (
    dokumen,
    ekspor_impor,
    evaluasi,
    konsultasi_publik,
    konsultasi_staf,
    maklumat,
    publik,
    staf,
)

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
    path("ruang-kerja/versi/<int:pk>/evaluasi/", evaluasi.evaluasi_baru, name="staf_evaluasi"),
    # Public consultation: public pages
    path("konsultasi/", konsultasi_publik.daftar, name="konsultasi_daftar"),
    path("konsultasi/<int:pk>/", konsultasi_publik.putaran_detail, name="putaran_detail"),
    path("konsultasi/<int:pk>/berita-acara/", konsultasi_publik.berita_acara, name="berita_acara"),
    path("konsultasi/komentar/<int:pk>/setuju/", konsultasi_publik.komentar_setuju, name="komentar_setuju"),
    path(
        "konsultasi/komentar/<int:pk>/laporkan/",
        konsultasi_publik.komentar_laporkan,
        name="komentar_laporkan",
    ),
    path("akun/komentar/", konsultasi_publik.komentar_saya, name="komentar_saya"),
    # Public consultation: staff
    path("ruang-kerja/versi/<int:pk>/konsultasi/buka/", konsultasi_staf.putaran_buka, name="putaran_buka"),
    path("ruang-kerja/konsultasi/<int:pk>/", konsultasi_staf.putaran_kelola, name="putaran_kelola"),
    path(
        "ruang-kerja/konsultasi/<int:pk>/perpanjang/",
        konsultasi_staf.putaran_perpanjang,
        name="putaran_perpanjang",
    ),
    path("ruang-kerja/konsultasi/<int:pk>/fkp/baru/", konsultasi_staf.fkp_baru, name="fkp_baru"),
    path("ruang-kerja/fkp/<int:pk>/", konsultasi_staf.fkp_detail, name="fkp_detail"),
    path("ruang-kerja/komentar/<int:pk>/jawab/", konsultasi_staf.komentar_jawab, name="komentar_jawab"),
    path("moderasi/", konsultasi_staf.moderasi, name="moderasi"),
    path(
        "moderasi/komentar/<int:pk>/sembunyikan/",
        konsultasi_staf.komentar_sembunyikan,
        name="komentar_sembunyikan",
    ),
    # Staff: maklumat
    path("ruang-kerja/unit/<slug:unit>/maklumat/", maklumat.daftar, name="maklumat_daftar"),
    path("ruang-kerja/unit/<slug:unit>/maklumat/baru/", maklumat.baru, name="maklumat_baru"),
    path("ruang-kerja/maklumat/<int:pk>/", maklumat.ubah, name="maklumat_ubah"),
    path("ruang-kerja/maklumat/<int:pk>/langkah/<str:langkah>/", maklumat.langkah, name="maklumat_langkah"),
    # Official PDFs (public; the download never renders) and their verification
    path("layanan/<slug:unit>/<slug:layanan>/versi/<int:nomor>/pdf/", dokumen.versi_pdf, name="versi_pdf"),
    path("layanan/<slug:unit>/<slug:layanan>/poster/<str:ukuran>/", dokumen.poster_pdf, name="poster_pdf"),
    path("konsultasi/<int:pk>/berita-acara/pdf/", dokumen.berita_acara_pdf, name="berita_acara_pdf"),
    path("verifikasi/", dokumen.verifikasi_cari, name="verifikasi_cari"),
    path("verifikasi/<str:kode>/", dokumen.verifikasi, name="verifikasi"),
    # Exports (public) and the Excel import of existing standards (admin unit)
    path("unduh/katalog.<str:fmt>", ekspor_impor.unduh_katalog, name="unduh_katalog"),
    path(
        "unduh/unit/<slug:unit>/standar.<str:fmt>", ekspor_impor.unduh_unit_standar, name="unduh_unit_standar"
    ),
    path("unduh/unit/<slug:unit>/sippn.<str:fmt>", ekspor_impor.unduh_unit_sippn, name="unduh_unit_sippn"),
    path("ruang-kerja/unit/<slug:unit>/impor/", ekspor_impor.impor_view, name="impor"),
    path("ruang-kerja/unit/<slug:unit>/impor/templat.xlsx", ekspor_impor.impor_templat, name="impor_templat"),
    path(
        "ruang-kerja/unit/<slug:unit>/impor/konfirmasi/",
        ekspor_impor.impor_konfirmasi,
        name="impor_konfirmasi",
    ),
]
