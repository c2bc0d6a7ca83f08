"""Demo data of the complaints app, built through the real services (so it obeys the rules),
dated in the past with each service's `pada` so that the clock tells a coherent story:

- a complaint in every state across the Sukamaju units: diterima, lengkap, tidak lengkap,
  batal (lapsed after 30 days), ditindaklanjuti, diputuskan (selesai and ditolak — the latter
  filed more than 30 days after the service), diberitahukan, and one reopened by the citizen;
- an anonymous complaint with a photo of a receipt about a fee above the tariff of RSUD's
  "Pelayanan Rawat Jalan" (published tariff Rp 35.000; the photo's EXIF GPS is stripped on
  upload like any other);
- a rahasia complaint about an officer asking for money;
- one complaint past its first-response deadline, escalated to the kepala unit and then to
  the Pembina (the bupati), and one past its decision deadline, escalated to the unit only;
- ratings, among them an honest "selesai, tetapi tidak terselesaikan";
- Disdukcapil, DPMPTSP and RSUD promise a first response in 5 working days (as their
  standards' pengaduan component says), earlier than the law's 14 days.

Idempotent: each story is keyed by its fixed tracking code and skipped when it exists.
E-mails of the stories are not sent (a dummy backend while loading).
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from pelayanan.models import Layanan, Pengguna, Unit
from pengaduan import eskalasi, kode, lampiran, penilaian, services
from pengaduan.models import Pengaduan, PengaturanPengaduanUnit
from pengaduan.workflow import PENGADU, SISTEM

PETUGAS_DUKCAPIL = "pengaduan.dukcapil@sukamajukab.example"
PETUGAS_INSTANSI = "pengaduan@sukamajukab.example"
ADMIN_DPMPTSP = "admin.dpmptsp@sukamajukab.example"
KEPALA_DUKCAPIL = "kepala.dukcapil@sukamajukab.example"

# Tracking codes of the demo stories (fixed, so that loading twice finds them).
KODE = {
    "diterima": "DEMKTP2345",
    "lengkap": "DEMPBG2345",
    "tidak_lengkap": "DEMKEC2345",
    "batal": "DEMKEC6789",
    "rahasia": "DEMAKT2345",
    "selesai": "DEMPND2345",
    "ditolak": "DEMRKM2345",
    "diberitahukan": "DEMXAB2345",
    "dibuka_kembali": "DEMKTP6789",
    "anonim": "DEMRSD2345",
    "terlambat_pembina": "DEMAKT6789",
    "terlambat_unit": "DEMPRK2345",
    "mekarsari": "DEMMKS2345",
}
if not all(kode.normalisasi(k) == k for k in KODE.values()):
    raise ValueError("demo tracking codes must use the tracking-code alphabet")


def foto_kuitansi() -> SimpleUploadedFile:
    """A photo of a receipt, with the phone's EXIF (camera and GPS position) still in it."""
    from PIL import ExifTags, Image, ImageDraw

    image = Image.new("RGB", (960, 640), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 920, 600), outline=(60, 60, 60), width=4)
    baris = [
        "KUITANSI",
        "RSUD Sukamaju - Poliklinik Umum",
        "Karcis poliklinik umum",
        "Jumlah: Rp 75.000",
        "Tanpa nomor, tanpa stempel",
    ]
    for i, teks in enumerate(baris):
        draw.text((80, 80 + i * 90), teks, fill=(20, 20, 20), font_size=44 if i == 0 else 36)
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"
    exif[0x0110] = "DemoPhone 12"
    exif[ExifTags.IFD.GPSInfo] = {1: "S", 2: (7.0, 33.0, 12.0), 3: "E", 4: (110.0, 49.0, 30.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, exif=exif)
    return SimpleUploadedFile("IMG_20261118_kuitansi.jpg", out.getvalue(), content_type="image/jpeg")


def _layanan(unit_slug: str, nama: str) -> Layanan:
    return Layanan.objects.get(unit__slug=unit_slug, nama=nama)


class _Cerita:
    """Helpers that date each step `n` days ago (at office hours)."""

    def __init__(self):
        self.sekarang = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)

    def lalu(self, hari: int, jam: int = 0):
        return self.sekarang - timedelta(days=hari) + timedelta(hours=jam)

    def ajukan(self, kunci, *, unit, layanan=None, hari, layanan_hari=None, lampiran_list=None, **data):
        unit = Unit.objects.get(slug=unit)
        pada = self.lalu(hari)
        p = services.pengaduan_ajukan(
            unit=unit,
            layanan=_layanan(unit.slug, layanan) if layanan else None,
            tanggal_layanan=(pada - timedelta(days=layanan_hari if layanan_hari is not None else 2)).date(),
            lampiran=lampiran_list,
            pada=pada,
            kode=KODE[kunci],
            **data,
        )
        return p

    def langkah(self, p, nama, hari, oleh=None, jam=2, **kwargs):
        pelaku = kwargs.pop("pelaku", None) or ("petugas" if oleh else PENGADU)
        return services.pengaduan_transisi(
            pengaduan=p, nama=nama, pelaku=pelaku, oleh=oleh, pada=self.lalu(hari, jam), **kwargs
        )


def _warga(nama, alamat, email="", telepon=""):
    return {"nama": nama, "alamat": alamat, "email": email, "telepon": telepon, "nik": ""}


def _cerita(c: _Cerita) -> None:
    dukcapil = Pengguna.objects.get(email=PETUGAS_DUKCAPIL)
    instansi = Pengguna.objects.get(email=PETUGAS_INSTANSI)
    dpmptsp = Pengguna.objects.get(email=ADMIN_DPMPTSP)
    kepala = Pengguna.objects.get(email=KEPALA_DUKCAPIL)
    ada = set(Pengaduan.objects.filter(kode__in=KODE.values()).values_list("kode", flat=True))

    def baru(kunci):
        return KODE[kunci] not in ada

    if baru("diterima"):
        c.ajukan(
            "diterima",
            unit="disdukcapil-sukamaju",
            layanan="Penerbitan KTP Elektronik",
            hari=2,
            bagian="jangka_waktu",
            uraian="Saya merekam KTP-el lima minggu lalu dan sampai hari ini belum dicetak. Setiap datang "
            "ke loket saya diminta kembali minggu depan karena blangko habis.",
            permintaan="Mohon KTP-el saya dicetak atau diberi surat keterangan pengganti yang sah.",
            identitas=_warga(
                "Bambang Susilo", "Jl. Melati No. 4, Sukamaju", email="bambang.s@contoh.example"
            ),
        )
    if baru("lengkap"):
        p = c.ajukan(
            "lengkap",
            unit="dpmptsp-sukamaju",
            layanan="Persetujuan Bangunan Gedung",
            hari=6,
            bagian="persyaratan",
            uraian="Petugas meminta surat rekomendasi RT dan RW untuk PBG rumah tinggal, padahal surat itu "
            "tidak tercantum dalam persyaratan standar pelayanan.",
            permintaan="Berkas saya diproses tanpa surat rekomendasi RT/RW sesuai standar.",
            identitas=_warga(
                "Yuliana Pertiwi", "Perum Griya Asri Blok C-7, Sukamaju", telepon="0812 5550 1212"
            ),
        )
        c.langkah(p, "lengkap", 3, dpmptsp, teks="Berkas lengkap. Kami memeriksa permintaan petugas loket.")
    if baru("tidak_lengkap"):
        p = c.ajukan(
            "tidak_lengkap",
            unit="kecamatan-sukamaju-utara",
            layanan="Surat Keterangan Domisili Usaha",
            hari=8,
            bagian="produk",
            uraian="Surat keterangan domisili usaha yang saya terima salah mencantumkan alamat usaha.",
            permintaan="Surat diterbitkan ulang dengan alamat yang benar.",
            identitas=_warga(
                "Dedi Kurniawan", "Jl. Raya Utara No. 17, Sukamaju", email="dedi.k@contoh.example"
            ),
        )
        c.langkah(
            p,
            "tidak_lengkap",
            5,
            instansi,
            teks="Mohon lampirkan foto surat keterangan yang Anda terima dan sebutkan alamat usaha "
            "yang benar.",
        )
    if baru("batal"):
        p = c.ajukan(
            "batal",
            unit="kecamatan-sukamaju-utara",
            layanan="Rekomendasi Izin Keramaian",
            hari=50,
            bagian="lainnya",
            uraian="Permohonan rekomendasi keramaian untuk hajatan tidak jelas nasibnya.",
            permintaan="Kejelasan status permohonan.",
            identitas=_warga("Sutarmi", "Dusun Krajan RT 02/RW 01, Sukamaju Utara", telepon="0813 2000 4545"),
        )
        c.langkah(
            p,
            "tidak_lengkap",
            45,
            instansi,
            teks="Mohon sebutkan tanggal permohonan dan nomor tanda terimanya.",
        )
        c.langkah(p, "batal", 14, pelaku=SISTEM)
    if baru("rahasia"):
        p = c.ajukan(
            "rahasia",
            unit="disdukcapil-sukamaju",
            layanan="Penerbitan Akta Kelahiran",
            hari=10,
            bagian="perilaku_petugas",
            mode_privasi="rahasia",
            uraian="Seorang petugas di loket 3 menawarkan akta kelahiran anak saya selesai hari itu juga "
            "bila saya membayar Rp 150.000 tanpa kuitansi.",
            kerugian="Tidak ada uang yang saya bayarkan; saya menolak tawaran itu.",
            permintaan="Petugas tersebut diperiksa dan praktik ini dihentikan.",
            identitas=_warga("Rina Handayani", "Jl. Kenanga No. 9, Sukamaju", email="rina.h@contoh.example"),
        )
        c.langkah(p, "lengkap", 8, dukcapil, teks="Terima kasih. Berkas Anda lengkap.")
        c.langkah(
            p,
            "tindak_lanjuti",
            7,
            dukcapil,
            teks="Kami meneruskan laporan ini kepada atasan langsung petugas.",
        )
        services.catatan_tulis(
            pengaduan=p,
            teks="Sudah dikoordinasikan dengan Kabid Pelayanan; pemeriksaan petugas loket 3 dijadwalkan.",
            oleh=kepala,
            pada=c.lalu(6),
        )
    if baru("selesai"):
        p = c.ajukan(
            "selesai",
            unit="disdukcapil-sukamaju",
            layanan="Surat Keterangan Pindah",
            hari=40,
            bagian="lainnya",
            uraian="Surat keterangan pindah saya baru terbit setelah tiga minggu, padahal dijanjikan "
            "satu hari.",
            permintaan="Penjelasan dan perbaikan layanan.",
            identitas=_warga(
                "Agus Salim", "Jl. Flamboyan No. 2, Sukamaju", email="agus.salim@contoh.example"
            ),
        )
        c.langkah(p, "lengkap", 35, dukcapil)
        c.langkah(p, "tindak_lanjuti", 34, dukcapil)
        c.langkah(
            p,
            "putuskan",
            5,
            dukcapil,
            hasil="selesai",
            teks="Keterlambatan disebabkan gangguan jaringan SIAK selama dua minggu. Jaringan cadangan sudah "
            "dipasang dan petugas diminta mengabarkan pemohon bila terjadi gangguan.",
        )
        penilaian.penilaian_beri(
            pengaduan=p,
            skor=2,
            terselesaikan="tidak",
            komentar="Penjelasannya jelas, tetapi saya tetap kehilangan hari kerja dan tidak ada pemulihan.",
            pada=c.lalu(4),
        )
    if baru("ditolak"):
        p = c.ajukan(
            "ditolak",
            unit="dpmptsp-sukamaju",
            layanan="Izin Penyelenggaraan Reklame",
            hari=9,
            layanan_hari=62,
            bagian="biaya",
            uraian="Retribusi reklame yang ditagihkan lebih tinggi dari perhitungan saya.",
            permintaan="Perhitungan ulang retribusi.",
            identitas=_warga(
                "CV Maju Jaya (Hendro)", "Jl. Pasar Baru No. 21, Sukamaju", email="majujaya@contoh.example"
            ),
        )
        c.langkah(
            p,
            "tolak_terlambat",
            4,
            dpmptsp,
            teks="Pengaduan diajukan 62 hari setelah pelayanan diterima, melewati batas 30 hari UU 25/2009 "
            "Pasal 42 ayat (2). Anda tetap dapat meminta perhitungan ulang melalui loket retribusi.",
        )
    if baru("diberitahukan"):
        p = c.ajukan(
            "diberitahukan",
            unit="rsud-sukamaju",
            layanan="Pelayanan Laboratorium Klinik",
            hari=70,
            bagian="sarana",
            uraian="Ruang tunggu laboratorium tidak memiliki kursi prioritas; ibu saya yang memakai tongkat "
            "harus berdiri lebih dari satu jam.",
            permintaan="Disediakan kursi prioritas dan nomor antrean prioritas.",
            identitas=_warga("Siti Rahmawati", "Jl. Anggrek No. 11, Sukamaju", email="warga@contoh.example"),
        )
        c.langkah(p, "lengkap", 65, instansi)
        c.langkah(p, "tindak_lanjuti", 64, instansi)
        c.langkah(
            p,
            "putuskan",
            30,
            instansi,
            hasil="selesai",
            teks="Sepuluh kursi prioritas dan nomor antrean prioritas sudah disediakan di laboratorium.",
        )
        c.langkah(
            p, "beritahukan", 28, instansi, teks="Surat Nomor 445/210/RSUD/2026 dikirim melalui e-mail."
        )
        penilaian.penilaian_beri(pengaduan=p, skor=5, terselesaikan="ya", pada=c.lalu(27))
    if baru("dibuka_kembali"):
        p = c.ajukan(
            "dibuka_kembali",
            unit="disdukcapil-sukamaju",
            layanan="Penerbitan KTP Elektronik",
            hari=60,
            bagian="biaya",
            uraian="Saya diminta membayar Rp 25.000 untuk penggantian KTP-el yang rusak, padahal "
            "layanan gratis.",
            kerugian="Rp 25.000",
            permintaan="Uang saya dikembalikan dan pungutan dihentikan.",
            identitas=_warga("Wulan Sari", "Jl. Cempaka No. 30, Sukamaju", telepon="0857 1111 2222"),
        )
        c.langkah(p, "lengkap", 55, dukcapil)
        c.langkah(p, "tindak_lanjuti", 54, dukcapil)
        c.langkah(
            p,
            "putuskan",
            20,
            dukcapil,
            hasil="selesai",
            teks="Petugas yang memungut sudah diberi teguran tertulis.",
        )
        penilaian.penilaian_beri(pengaduan=p, skor=2, terselesaikan="sebagian", pada=c.lalu(18))
        c.langkah(
            p,
            "buka_kembali",
            10,
            teks="Teguran sudah diberikan, tetapi uang Rp 25.000 saya belum dikembalikan.",
        )
    if baru("anonim"):
        p = c.ajukan(
            "anonim",
            unit="rsud-sukamaju",
            layanan="Pelayanan Rawat Jalan",
            hari=4,
            layanan_hari=1,
            bagian="biaya",
            mode_privasi="anonim",
            uraian="Di kasir poliklinik umum saya diminta membayar Rp 75.000 untuk karcis poliklinik umum "
            "sebagai pasien umum. Kuitansinya tanpa nomor dan stempel (foto terlampir).",
            kerugian="Rp 40.000 di atas tarif Rp 35.000.",
            permintaan="Kelebihan bayar dikembalikan dan kasir menagih sesuai tarif yang berlaku.",
            identitas=_warga("Hartono", "Jl. Mawar No. 5, Sukamaju", email="hartono@contoh.example"),
            lampiran_list=lampiran.siapkan_semua([foto_kuitansi()]),
        )
        c.langkah(p, "lengkap", 3, instansi, teks="Berkas lengkap. Terima kasih atas foto kuitansinya.")
        c.langkah(p, "tindak_lanjuti", 2, instansi)
        services.tanggapan_tulis(
            pengaduan=p,
            teks="Kami sedang memeriksa kasir poliklinik umum dan pembukuan hari itu. Kelebihan bayar akan "
            "dikembalikan bila terbukti.",
            oleh=instansi,
            pada=c.lalu(2, 4),
        )
    if baru("terlambat_pembina"):
        c.ajukan(
            "terlambat_pembina",
            unit="disdukcapil-sukamaju",
            layanan="Penerbitan Akta Kelahiran",
            hari=30,
            bagian="jangka_waktu",
            uraian="Akta kelahiran anak saya belum terbit setelah 15 hari kerja, padahal standar menjanjikan "
            "3 hari kerja.",
            permintaan="Akta segera diterbitkan.",
            identitas=_warga("Fajar Nugroho", "Jl. Teratai No. 8, Sukamaju", email="fajar.n@contoh.example"),
        )
    if baru("terlambat_unit"):
        p = c.ajukan(
            "terlambat_unit",
            unit="dpmptsp-sukamaju",
            layanan="Izin Praktik Tenaga Kesehatan",
            hari=70,
            bagian="jangka_waktu",
            uraian="Surat izin praktik bidan yang saya ajukan belum terbit setelah dua bulan.",
            permintaan="Kepastian waktu terbit.",
            identitas=_warga(
                "Bidan Lestari", "Jl. Kartini No. 3, Sukamaju", email="lestari.bidan@contoh.example"
            ),
        )
        c.langkah(p, "lengkap", 66, dpmptsp)
        c.langkah(p, "tindak_lanjuti", 65, dpmptsp)
    if baru("mekarsari"):
        c.ajukan(
            "mekarsari",
            unit="disdukcapil-mekarsari",
            layanan="Penerbitan Akta Kelahiran",
            hari=1,
            bagian="persyaratan",
            uraian="Diminta fotokopi KK yang dilegalisasi, padahal tidak ada dalam persyaratan.",
            permintaan="Persyaratan sesuai standar.",
            identitas=_warga("Irawan", "Jl. Merdeka No. 50, Mekarsari", email="irawan@contoh.example"),
        )


def _eskalasi(c: _Cerita) -> None:
    """Run the daily escalation job on each of the last 40 days, as beat would have."""
    for n in range(40, -1, -1):
        eskalasi.eskalasi_jalankan(c.lalu(n).date(), pada=c.lalu(n).replace(hour=1, minute=30))


def load(out=None) -> list:
    for slug in ("disdukcapil-sukamaju", "dpmptsp-sukamaju", "rsud-sukamaju"):
        PengaturanPengaduanUnit.objects.get_or_create(
            unit=Unit.objects.get(slug=slug), defaults={"janji_tanggapan_hari_kerja": 5}
        )
    c = _Cerita()
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        _cerita(c)
        _eskalasi(c)
        _akun_pengaju()
    return []


def _akun_pengaju() -> None:
    """Siti (the demo citizen account) filed the notified complaint while signed in: her
    "Unduh data saya" shows it (idempotent)."""
    warga = Pengguna.objects.filter(email="warga@contoh.example").first()
    if warga is not None:
        Pengaduan.objects.filter(kode=KODE["diberitahukan"], pengaju__isnull=True).update(pengaju=warga)
