"""URLs of the evaluasi app (SKM and IKM)."""

from django.urls import path

from evaluasi.views import dasbor, pekppp, publik, staf
from evaluasi.views import kepatuhan as kepatuhan_views
from evaluasi.views import laporan as laporan_views

app_name = "evaluasi"

urlpatterns = [
    # Public: the questionnaire by short link, and the published results
    path("skm/<str:kode>/", publik.kuesioner, name="kuesioner"),
    path("skm/<str:kode>/terima-kasih/", publik.terima_kasih, name="terima_kasih"),
    path("survei-kepuasan/", publik.hasil_list, name="hasil_list"),
    path("survei-kepuasan/<int:pk>/", publik.hasil, name="hasil"),
    # Staff
    path("ruang-kerja/unit/<slug:unit>/skm/", staf.unit_skm, name="unit"),
    path("ruang-kerja/unit/<slug:unit>/skm/baru/", staf.periode_baru, name="periode_baru"),
    path("ruang-kerja/unit/<slug:unit>/skm/kode-qr/", staf.qr, name="qr"),
    path("ruang-kerja/skm/<int:pk>/", staf.periode, name="periode"),
    path("ruang-kerja/skm/<int:pk>/ubah/", staf.periode_ubah, name="periode_ubah"),
    path("ruang-kerja/skm/<int:pk>/langkah/<str:langkah>/", staf.periode_langkah, name="periode_langkah"),
    path("ruang-kerja/skm/<int:pk>/kertas/", staf.kertas, name="kertas"),
    path("ruang-kerja/skm/<int:pk>/impor/", staf.impor, name="impor"),
    path("ruang-kerja/skm/<int:pk>/impor/contoh.csv", staf.impor_contoh, name="impor_contoh"),
    path("ruang-kerja/skm/<int:pk>/tindak-lanjut/", staf.tindak_lanjut, name="tindak_lanjut"),
    path("ruang-kerja/tindak-lanjut/<int:pk>/", staf.rtl_ubah, name="rtl_ubah"),
    # PEKPPP
    path("ruang-kerja/pekppp/", pekppp.pekppp_beranda, name="pekppp_beranda"),
    path("ruang-kerja/instansi/<slug:instansi>/pekppp/", pekppp.pekppp_list, name="pekppp_list"),
    path("ruang-kerja/instansi/<slug:instansi>/pekppp/mulai/", pekppp.pekppp_mulai, name="pekppp_mulai"),
    path("ruang-kerja/pekppp/<int:pk>/", pekppp.pekppp_detail, name="pekppp"),
    path("ruang-kerja/pekppp/<int:pk>/final/", pekppp.pekppp_final, name="pekppp_final"),
    path("ruang-kerja/pekppp/bukti/<int:pk>/", pekppp.pekppp_bukti, name="pekppp_bukti"),
    # Dasbor
    path("ruang-kerja/dasbor/", dasbor.dasbor_saya, name="dasbor_saya"),
    path("ruang-kerja/instansi/<slug:instansi>/dasbor/", dasbor.dasbor_instansi, name="dasbor"),
    path(
        "ruang-kerja/instansi/<slug:instansi>/dasbor/unit/<slug:unit>/",
        dasbor.dasbor_unit,
        name="dasbor_unit",
    ),
    path(
        "ruang-kerja/instansi/<slug:instansi>/dasbor/ekspor/<str:tabel>.<str:format>",
        dasbor.dasbor_ekspor,
        name="dasbor_ekspor",
    ),
    path("ruang-kerja/rekomendasi/", dasbor.rekomendasi_saya, name="rekomendasi_saya"),
    path("ruang-kerja/unit/<slug:unit>/rekomendasi/", dasbor.rekomendasi_unit, name="rekomendasi_unit"),
    path("ruang-kerja/unit/<slug:unit>/kepatuhan/", kepatuhan_views.kepatuhan_unit, name="kepatuhan_unit"),
    path("ruang-kerja/rekomendasi/<int:pk>/", dasbor.rekomendasi_ubah, name="rekomendasi_ubah"),
    # Laporan
    path("ruang-kerja/instansi/<slug:instansi>/laporan/", laporan_views.laporan_list, name="laporan_list"),
    path("ruang-kerja/laporan/<int:pk>/", laporan_views.laporan, name="laporan"),
    path("ruang-kerja/laporan/<int:pk>/status.json", laporan_views.laporan_status, name="laporan_status"),
    path("ruang-kerja/laporan/<int:pk>/ulang/", laporan_views.laporan_ulang, name="laporan_ulang"),
    path(
        "ruang-kerja/laporan/<int:pk>/unduh/<str:format>/", laporan_views.laporan_unduh, name="laporan_unduh"
    ),
    path("ruang-kerja/laporan/<int:pk>/ajukan/", laporan_views.laporan_ajukan, name="laporan_ajukan"),
    path("ruang-kerja/laporan/<int:pk>/tinjau/", laporan_views.laporan_tinjau, name="laporan_tinjau"),
]
