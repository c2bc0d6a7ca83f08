"""Initial data: the compliance rules with their weights and zones (law.md §5.2), and the
PEKPPP aspects, indicators and IPP categories (law.md §4.1–4.2). All editable in the admin."""

from decimal import Decimal as D

from django.db import migrations

ATURAN = [
    # kode, nama, bobot
    ("standar_terbit", "Setiap layanan aktif memiliki standar pelayanan yang terbit", "15"),
    ("komponen_lengkap", "Ke-14 komponen standar pelayanan lengkap", "10"),
    (
        "konsultasi_pemangku",
        "Konsultasi publik dengan sedikitnya tiga kategori pemangku sebelum penetapan",
        "10",
    ),
    ("service_delivery_terbit", "Komponen service delivery dipublikasikan", "10"),
    ("maklumat_tepat_waktu", "Maklumat ditetapkan dan dipublikasikan paling lama 7 hari kerja", "10"),
    ("evaluasi_tahunan", "Evaluasi penerapan standar tiap tahun tidak terlambat", "5"),
    ("peninjauan_tiga_tahun", "Peninjauan ulang standar tiap 3 tahun tidak terlambat", "5"),
    ("skm_sampel", "SKM dilaksanakan pada periode dengan sampel memadai", "10"),
    ("skm_terbit_rtl", "Hasil SKM dipublikasikan dan rencana tindak lanjut diselesaikan", "10"),
    ("pengaduan_tepat_waktu", "Pengaduan ditanggapi dan diputuskan tepat waktu", "10"),
    ("kanal_pengaduan", "Sarana pengaduan dan penanggung jawab pengelolanya dipublikasikan", "5"),
]

ZONA = [
    ("hijau", "Zona hijau", "Kepatuhan tinggi", "81.00"),
    ("kuning", "Zona kuning", "Kepatuhan sedang", "51.00"),
    ("merah", "Zona merah", "Kepatuhan rendah", "0.00"),
]

ASPEK = [
    ("I", "Kebijakan Pelayanan", "24"),
    ("II", "Profesionalisme SDM", "25"),
    ("III", "Sarana Prasarana", "18"),
    ("IV", "Sistem Informasi Pelayanan Publik", "11"),
    ("V", "Konsultasi dan Pengaduan", "10"),
    ("VI", "Inovasi", "12"),
    ("T", "Informasi tambahan", "0"),
]

INDIKATOR = [
    # aspek, nomor, kode, teks, bobot, usulan
    ("I", 1, "a.Ak", "Tersedia standar pelayanan sesuai ketentuan", "17", "sp_tersedia"),
    (
        "I",
        2,
        "a.P",
        "Penyusunan/perubahan standar pelayanan melibatkan unsur masyarakat",
        "14",
        "sp_partisipasi",
    ),
    ("I", 3, "a.T", "Jumlah media publikasi komponen service delivery", "7", "sd_publikasi"),
    ("I", 4, "a.K", "Peninjauan ulang berkala standar pelayanan dan tindak lanjutnya", "14", "sp_peninjauan"),
    ("I", 5, "a.K", "Siklus maklumat pelayanan: ketersediaan, penetapan, publikasi", "10", "maklumat_siklus"),
    ("I", 6, "a.B", "SKM sesuai PermenPANRB", "17", "skm_sesuai"),
    ("I", 7, "a.T", "Jumlah media publikasi hasil SKM", "7", "skm_publikasi"),
    ("I", 8, "a.Ak", "Persentase tindak lanjut hasil SKM", "7", "skm_rtl_persen"),
    ("I", 9, "a.Ak", "Kecepatan tindak lanjut hasil SKM", "7", "skm_rtl_cepat"),
    ("II", 10, "", "Waktu pelayanan yang memudahkan", "10", ""),
    ("II", 11, "", "Kode etik dan kode perilaku / budaya pelayanan", "20", ""),
    ("II", 12, "", "Mekanisme motivasi kerja", "20", ""),
    ("II", 13, "", "Kriteria penghargaan pegawai berprestasi", "20", ""),
    ("II", 14, "", "Pelaksana menerapkan budaya pelayanan", "30", ""),
    ("III", 15, "", "Tempat parkir", "15", ""),
    ("III", 16, "", "Ruang tunggu: fasilitas wajib dan pelengkap", "23", ""),
    ("III", 17, "", "Toilet layak", "20", ""),
    ("III", 18, "", "Sarana prasarana bagi kelompok rentan", "20", ""),
    ("III", 19, "", "Sarana prasarana penunjang", "11", ""),
    ("III", 20, "", "Front office informasi", "11", ""),
    ("IV", 21, "", "SIPP untuk informasi publik (SIPPN)", "30", ""),
    ("IV", 22, "", "SIPP pendukung operasional", "20", ""),
    ("IV", 23, "", "Kualitas SIPP elektronik (laman/aplikasi)", "20", ""),
    ("IV", 24, "", "Pemutakhiran data dan informasi kanal digital", "30", ""),
    ("V", 25, "", "Sarana konsultasi dan pengaduan tatap muka yang berkualitas", "20", ""),
    (
        "V",
        26,
        "",
        "Sarana/media konsultasi dan pengaduan bagi semua lapisan masyarakat, termasuk SP4N-LAPOR!",
        "25",
        "",
    ),
    ("V", 27, "", "Akuntabilitas hasil konsultasi dan pengaduan", "25", ""),
    ("V", 28, "", "Tindak lanjut atas konsultasi dan pengaduan", "30", ""),
    ("VI", 29, "", "Penciptaan inovasi", "50", ""),
    ("VI", 30, "", "Sumber daya keberlanjutan inovasi", "50", ""),
    ("T", 31, "", "Sistem antrean (tidak dinilai)", "0", ""),
]

KATEGORI = [
    ("A", "Pelayanan Prima", "4.51"),
    ("A-", "Sangat Baik", "4.01"),
    ("B", "Baik", "3.51"),
    ("B-", "Baik (Dengan Catatan)", "3.01"),
    ("C", "Cukup", "2.51"),
    ("C-", "Cukup (Dengan Catatan)", "2.01"),
    ("D", "Buruk", "1.51"),
    ("E", "Sangat Buruk", "1.01"),
    ("F", "Gagal", "0.00"),
]


def isi(apps, schema_editor):
    Aturan = apps.get_model("evaluasi", "AturanKepatuhan")
    Zona = apps.get_model("evaluasi", "ZonaKepatuhan")
    Aspek = apps.get_model("evaluasi", "AspekPEKPPP")
    Indikator = apps.get_model("evaluasi", "IndikatorPEKPPP")
    Kategori = apps.get_model("evaluasi", "KategoriIPP")
    for i, (kode, nama, bobot) in enumerate(ATURAN, start=1):
        Aturan.objects.update_or_create(kode=kode, defaults={"nama": nama, "bobot": D(bobot), "urutan": i})
    for kode, nama, predikat, batas in ZONA:
        Zona.objects.update_or_create(
            kode=kode, defaults={"nama": nama, "predikat": predikat, "batas_bawah": D(batas)}
        )
    aspek = {}
    for i, (kode, nama, bobot) in enumerate(ASPEK, start=1):
        aspek[kode], _ = Aspek.objects.update_or_create(
            kode=kode, defaults={"nama": nama, "bobot": D(bobot), "urutan": i}
        )
    for a, nomor, kode, teks, bobot, usulan in INDIKATOR:
        Indikator.objects.update_or_create(
            nomor=nomor,
            defaults={
                "aspek": aspek[a],
                "kode": kode,
                "teks": teks,
                "bobot": D(bobot),
                "usulan": usulan,
                "dinilai": a != "T",
            },
        )
    for kode, predikat, batas in KATEGORI:
        Kategori.objects.update_or_create(kode=kode, defaults={"predikat": predikat, "batas_bawah": D(batas)})


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0002_kepatuhan_pekppp_laporan")]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
