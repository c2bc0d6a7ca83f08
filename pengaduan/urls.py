"""URLs of the complaints app: public filing, tracking and statistics; staff pages."""

from django.urls import path

from pengaduan.views import publik, staf

app_name = "pengaduan"

urlpatterns = [
    # Public
    path("pengaduan/", publik.beranda, name="beranda"),
    path("pengaduan/ajukan/", publik.ajukan, name="ajukan"),
    path("pengaduan/lacak/", publik.lacak, name="lacak"),
    path("pengaduan/lacak/<str:kode>/", publik.lacak_detail, name="lacak_detail"),
    path("pengaduan/lacak/<str:kode>/lengkapi/", publik.lacak_lengkapi, name="lacak_lengkapi"),
    path("pengaduan/lacak/<str:kode>/nilai/", publik.lacak_nilai, name="lacak_nilai"),
    path("pengaduan/lacak/<str:kode>/buka-kembali/", publik.lacak_buka_kembali, name="lacak_buka_kembali"),
    path("pengaduan/lacak/<str:kode>/lampiran/<int:pk>/", publik.lacak_lampiran, name="lacak_lampiran"),
    path("pengaduan/lacak/<str:kode>/tanda-terima/", publik.tanda_terima, name="tanda_terima"),
    path("pengaduan/lacak/<str:kode>/tanda-terima.pdf", publik.tanda_terima_pdf, name="tanda_terima_pdf"),
    path("pengaduan/unit/<slug:slug>/", publik.daftar_publik, name="daftar_publik"),
    path("pengaduan/statistik/unit/<slug:slug>/", publik.statistik_unit, name="statistik_unit"),
    path("pengaduan/statistik/instansi/<slug:slug>/", publik.statistik_instansi, name="statistik_instansi"),
    # Staff
    path("ruang-kerja/pengaduan/", staf.kotak_masuk, name="staf_kotak"),
    path("ruang-kerja/pengaduan/terlambat/", staf.terlambat, name="staf_terlambat"),
    path("ruang-kerja/pengaduan/<int:pk>/", staf.detail, name="staf_detail"),
    path("ruang-kerja/pengaduan/<int:pk>/identitas/", staf.identitas, name="staf_identitas"),
    path("ruang-kerja/pengaduan/<int:pk>/langkah/<str:nama>/", staf.langkah, name="staf_langkah"),
    path("ruang-kerja/pengaduan/<int:pk>/tugaskan/", staf.tugaskan, name="staf_tugaskan"),
    path("ruang-kerja/pengaduan/<int:pk>/tanggapan/", staf.tanggapan, name="staf_tanggapan"),
    path("ruang-kerja/pengaduan/<int:pk>/catatan/", staf.catatan, name="staf_catatan"),
    path("ruang-kerja/pengaduan/<int:pk>/lampiran/<int:lampiran_pk>/", staf.lampiran, name="staf_lampiran"),
    path("ruang-kerja/unit/<slug:slug>/pengaduan/pengaturan/", staf.pengaturan, name="staf_pengaturan"),
]
