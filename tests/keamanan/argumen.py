"""Each URL's arguments, filled with an object of unit A (or of its instansi) from the world.

A URL whose pattern has arguments and no entry here fails the matrix with a message naming it.
Admin URLs take the primary key of any row of their model (the admin is one group).
"""

from __future__ import annotations


def _unit(o):
    return {"unit": o["unit_a"].slug}


def _slug(o):
    return {"slug": o["unit_a"].slug}


def _instansi(o):
    return {"instansi": o["instansi"].slug}


def _versi_publik(o):
    v = o["versi_terbit"]
    return {"unit": o["unit_a"].slug, "layanan": o["layanan_terbit"].slug, "nomor": v.nomor}


ARGUMEN = {
    "pelayanan:instansi_detail": lambda o: {"slug": o["instansi"].slug},
    "pelayanan:unit_profil": _slug,
    "pelayanan:konfirmasi_email": lambda o: {"token": "bukan-token-yang-sah"},
    "pelayanan:password_reset_confirm": lambda o: {"uidb64": "MQ", "token": "bukan-token"},
    "pelayanan:unit_ubah": _slug,
    "pelayanan:layanan_tambah": _slug,
    "pelayanan:layanan_ubah": lambda o: {"slug": o["unit_a"].slug, "pk": o["layanan_draf"].pk},
    # standar
    "standar:layanan_detail": lambda o: {"unit": o["unit_a"].slug, "layanan": o["layanan_terbit"].slug},
    "standar:versi_detail": _versi_publik,
    "standar:versi_diff": lambda o: {
        "unit": o["unit_a"].slug,
        "layanan": o["layanan_terbit"].slug,
        "dari": o["versi_terbit"].nomor - 1,
        "ke": o["versi_terbit"].nomor,
    },
    "standar:staf_unit_standar": _unit,
    "standar:staf_draf_baru": lambda o: {"pk": o["layanan_terbit"].pk},
    "standar:staf_salin": lambda o: {"pk": o["layanan_draf"].pk},
    "standar:staf_versi": lambda o: {"pk": o["versi_draf"].pk},
    "standar:staf_versi_ubah_semua": lambda o: {"pk": o["versi_draf"].pk},
    "standar:staf_komponen_ubah": lambda o: {"pk": o["versi_draf"].pk, "kunci": "persyaratan"},
    "standar:staf_transisi": lambda o: {"pk": o["versi_draf"].pk, "transisi": "ajukan_konsultasi"},
    "standar:staf_evaluasi": lambda o: {"pk": o["versi_terbit"].pk},
    "standar:putaran_detail": lambda o: {"pk": o["putaran_tutup"].pk},
    "standar:berita_acara": lambda o: {"pk": o["putaran_tutup"].pk},
    "standar:komentar_setuju": lambda o: {"pk": o["komentar"].pk},
    "standar:komentar_laporkan": lambda o: {"pk": o["komentar"].pk},
    "standar:putaran_buka": lambda o: {"pk": o["versi_draf"].pk},
    "standar:putaran_kelola": lambda o: {"pk": o["putaran_buka"].pk},
    "standar:putaran_perpanjang": lambda o: {"pk": o["putaran_buka"].pk},
    "standar:fkp_baru": lambda o: {"pk": o["putaran_buka"].pk},
    "standar:fkp_detail": lambda o: {"pk": o["fkp"].pk},
    "standar:komentar_jawab": lambda o: {"pk": o["komentar"].pk},
    "standar:komentar_sembunyikan": lambda o: {"pk": o["komentar"].pk},
    "standar:maklumat_daftar": _unit,
    "standar:maklumat_baru": _unit,
    "standar:maklumat_ubah": lambda o: {"pk": o["maklumat"].pk},
    "standar:maklumat_langkah": lambda o: {"pk": o["maklumat"].pk, "langkah": "tetapkan"},
    "standar:versi_pdf": _versi_publik,
    "standar:poster_pdf": lambda o: {
        "unit": o["unit_a"].slug,
        "layanan": o["layanan_terbit"].slug,
        "ukuran": "a4",
    },
    "standar:berita_acara_pdf": lambda o: {"pk": o["putaran_tutup"].pk},
    "standar:verifikasi": lambda o: {"kode": o["dokumen"].kode},
    "standar:unduh_katalog": lambda o: {"fmt": "csv"},
    "standar:unduh_unit_standar": lambda o: {"unit": o["unit_a"].slug, "fmt": "csv"},
    "standar:unduh_unit_sippn": lambda o: {"unit": o["unit_a"].slug, "fmt": "csv"},
    "standar:impor": _unit,
    "standar:impor_templat": _unit,
    "standar:impor_konfirmasi": _unit,
    # pengaduan: the public pages take the tracking code of an ordinary complaint (the code is
    # the complainant's key); the staff pages the "rahasia" complaint with its attachment.
    "pengaduan:lacak_detail": lambda o: {"kode": o["pengaduan_publik"].kode},
    "pengaduan:lacak_lengkapi": lambda o: {"kode": o["pengaduan_publik"].kode},
    "pengaduan:lacak_nilai": lambda o: {"kode": o["pengaduan_publik"].kode},
    "pengaduan:lacak_buka_kembali": lambda o: {"kode": o["pengaduan_publik"].kode},
    "pengaduan:lacak_lampiran": lambda o: {"kode": o["pengaduan"].kode, "pk": o["lampiran"].pk},
    "pengaduan:tanda_terima": lambda o: {"kode": o["pengaduan_publik"].kode},
    "pengaduan:tanda_terima_pdf": lambda o: {"kode": o["pengaduan_publik"].kode},
    "pengaduan:daftar_publik": _slug,
    "pengaduan:statistik_unit": _slug,
    "pengaduan:statistik_instansi": lambda o: {"slug": o["instansi"].slug},
    "pengaduan:staf_detail": lambda o: {"pk": o["pengaduan"].pk},
    "pengaduan:staf_identitas": lambda o: {"pk": o["pengaduan"].pk},
    "pengaduan:staf_langkah": lambda o: {"pk": o["pengaduan"].pk, "nama": "lengkap"},
    "pengaduan:staf_tugaskan": lambda o: {"pk": o["pengaduan"].pk},
    "pengaduan:staf_tanggapan": lambda o: {"pk": o["pengaduan"].pk},
    "pengaduan:staf_catatan": lambda o: {"pk": o["pengaduan"].pk},
    "pengaduan:staf_lampiran": lambda o: {"pk": o["pengaduan"].pk, "lampiran_pk": o["lampiran"].pk},
    "pengaduan:staf_pengaturan": _slug,
    # evaluasi
    "evaluasi:kuesioner": lambda o: {"kode": o["tautan"].kode},
    "evaluasi:terima_kasih": lambda o: {"kode": o["tautan"].kode},
    "evaluasi:hasil": lambda o: {"pk": o["periode"].pk},
    "evaluasi:unit": _unit,
    "evaluasi:periode_baru": _unit,
    "evaluasi:qr": _unit,
    "evaluasi:periode": lambda o: {"pk": o["periode"].pk},
    "evaluasi:periode_ubah": lambda o: {"pk": o["periode"].pk},
    "evaluasi:periode_langkah": lambda o: {"pk": o["periode"].pk, "langkah": "buka_lagi"},
    "evaluasi:kertas": lambda o: {"pk": o["periode"].pk},
    "evaluasi:impor": lambda o: {"pk": o["periode"].pk},
    "evaluasi:impor_contoh": lambda o: {"pk": o["periode"].pk},
    "evaluasi:tindak_lanjut": lambda o: {"pk": o["periode"].pk},
    "evaluasi:rtl_ubah": lambda o: {"pk": o["rtl"].pk},
    "evaluasi:pekppp_list": _instansi,
    "evaluasi:pekppp_mulai": _instansi,
    "evaluasi:pekppp": lambda o: {"pk": o["pekppp"].pk},
    "evaluasi:pekppp_final": lambda o: {"pk": o["pekppp"].pk},
    "evaluasi:pekppp_bukti": lambda o: {"pk": o["bukti"].pk},
    "evaluasi:dasbor": _instansi,
    "evaluasi:dasbor_unit": lambda o: {"instansi": o["instansi"].slug, "unit": o["unit_a"].slug},
    "evaluasi:dasbor_ekspor": lambda o: {"instansi": o["instansi"].slug, "tabel": "unit", "format": "csv"},
    "evaluasi:rekomendasi_unit": _unit,
    "evaluasi:kepatuhan_unit": _unit,
    "evaluasi:rekomendasi_ubah": lambda o: {"pk": o["rekomendasi"].pk},
    "evaluasi:laporan_list": _instansi,
    "evaluasi:laporan": lambda o: {"pk": o["laporan"].pk},
    "evaluasi:laporan_status": lambda o: {"pk": o["laporan"].pk},
    "evaluasi:laporan_ulang": lambda o: {"pk": o["laporan"].pk},
    "evaluasi:laporan_unduh": lambda o: {"pk": o["laporan"].pk, "format": "pdf"},
    "evaluasi:laporan_ajukan": lambda o: {"pk": o["laporan"].pk},
    "evaluasi:laporan_tinjau": lambda o: {"pk": o["laporan"].pk},
    # api
    "api:komponen-detail": lambda o: {"kunci": "persyaratan"},
    "api:instansi-detail": lambda o: {"pk": o["instansi"].pk},
    "api:unit-detail": lambda o: {"pk": o["unit_a"].pk},
    "api:layanan-detail": lambda o: {"pk": o["layanan_terbit"].pk},
    "api:standar-detail": lambda o: {"pk": o["versi_terbit"].standar_id},
    "api:versi-detail": lambda o: {"pk": o["versi_terbit"].pk},
    "api:maklumat-detail": lambda o: {"pk": o["maklumat"].pk},
    "api:konsultasi-detail": lambda o: {"pk": o["putaran_tutup"].pk},
    "api:skm-detail": lambda o: {"pk": o["periode"].pk},
}
