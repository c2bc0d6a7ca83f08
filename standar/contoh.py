"""Complete example content for every component, used by the demo data and the tests.

A believable standard for a civil-registry service (akta kelahiran); `isi_contoh()`
returns a fresh dict {kunci: isi} that passes every kind's validation.
"""

from __future__ import annotations

import copy

from standar import komponen

_CONTOH = {
    "persyaratan": {
        "items": [
            {
                "id": "a0000001",
                "uraian": "Surat keterangan kelahiran dari rumah sakit/bidan",
                "jenis": "administratif",
            },
            {"id": "a0000002", "uraian": "Kartu Keluarga asli", "jenis": "administratif"},
            {"id": "a0000003", "uraian": "KTP-el kedua orang tua", "jenis": "administratif"},
            {"id": "a0000004", "uraian": "Buku nikah/akta perkawinan orang tua", "jenis": "administratif"},
        ]
    },
    "prosedur": {
        "items": [
            {
                "id": "b0000001",
                "pelaksana": "Pemohon",
                "uraian": "Mengambil nomor antrean dan menyerahkan berkas di loket",
                "durasi_jumlah": 10,
                "durasi_satuan": "menit",
            },
            {
                "id": "b0000002",
                "pelaksana": "Petugas loket",
                "uraian": "Memeriksa kelengkapan berkas dan memberikan tanda terima",
                "durasi_jumlah": 15,
                "durasi_satuan": "menit",
            },
            {
                "id": "b0000003",
                "pelaksana": "Operator",
                "uraian": "Memasukkan data ke SIAK dan mencetak akta",
                "durasi_jumlah": 1,
                "durasi_satuan": "hari_kerja",
            },
            {
                "id": "b0000004",
                "pelaksana": "Kepala Dinas",
                "uraian": "Menandatangani akta secara elektronik",
                "durasi_jumlah": 1,
                "durasi_satuan": "hari_kerja",
            },
            {
                "id": "b0000005",
                "pelaksana": "Petugas loket",
                "uraian": "Menyerahkan akta kelahiran kepada pemohon",
                "durasi_jumlah": None,
                "durasi_satuan": "",
            },
        ]
    },
    "jangka_waktu": {"jumlah": 3, "satuan": "hari_kerja"},
    "biaya": {"gratis": True, "items": []},
    "produk": {"items": [{"id": "c0000001", "uraian": "Kutipan akta kelahiran"}]},
    "pengaduan": {
        "items": [
            {"id": "d0000001", "jenis": "telepon", "nilai": "0271 555 109"},
            {"id": "d0000002", "jenis": "whatsapp", "nilai": "0812 3456 7001"},
            {"id": "d0000003", "jenis": "lapor", "nilai": "https://www.lapor.go.id"},
        ],
        "catatan": "Pengaduan dijawab paling lambat 5 hari kerja sejak diterima.",
    },
    "dasar_hukum": {
        "items": [
            {
                "id": "e0000001",
                "jenis": "uu",
                "nomor": "25",
                "tahun": 2009,
                "tentang": "Pelayanan Publik",
            },
            {
                "id": "e0000002",
                "jenis": "uu",
                "nomor": "24",
                "tahun": 2013,
                "tentang": (
                    "Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"
                ),
            },
            {
                "id": "e0000003",
                "jenis": "perpres",
                "nomor": "96",
                "tahun": 2018,
                "tentang": "Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil",
            },
        ]
    },
    "sarana": {
        "items": [
            {"id": "f0000001", "uraian": "Ruang tunggu dengan 40 kursi", "kelompok_rentan": False},
            {"id": "f0000002", "uraian": "Loket prioritas dan kursi roda", "kelompok_rentan": True},
            {"id": "f0000003", "uraian": "Komputer, printer, dan jaringan SIAK", "kelompok_rentan": False},
        ]
    },
    "kompetensi": {
        "items": [
            {"id": "ca000001", "uraian": "Memahami peraturan administrasi kependudukan"},
            {"id": "ca000002", "uraian": "Mampu mengoperasikan SIAK"},
        ]
    },
    "pengawasan": {
        "teks": "Pengawasan dilakukan oleh Kepala Bidang Pelayanan Pencatatan Sipil secara berkala."
    },
    "jumlah_pelaksana": {
        "jumlah": 6,
        "rincian": [
            {"id": "cb000001", "peran": "Petugas loket", "jumlah": 3},
            {"id": "cb000002", "peran": "Operator SIAK", "jumlah": 2},
            {"id": "cb000003", "peran": "Verifikator", "jumlah": 1},
        ],
    },
    "jaminan_pelayanan": {
        "teks": "Pelayanan diberikan sesuai standar; akta terbit paling lambat 3 hari kerja."
    },
    "jaminan_keamanan": {
        "teks": "Data pemohon dijaga kerahasiaannya dan berkas disimpan di ruang arsip terkunci."
    },
    "evaluasi_kinerja": {
        "teks": "Evaluasi kinerja pelaksana melalui survei kepuasan masyarakat dan rapat evaluasi.",
        "periode_bulan": 6,
    },
}

if set(_CONTOH) != set(komponen.KUNCI):
    raise ImportError("standar.contoh must cover every component of the registry")


def isi_contoh() -> dict[str, dict]:
    return copy.deepcopy(_CONTOH)
