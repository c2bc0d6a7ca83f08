"""Test data for the API: public rows and, beside them, private ones carrying distinctive
marker strings that must never appear in any API response."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from evaluasi import services as skm
from evaluasi import unsur
from evaluasi.choices import JenisPeriode, Kanal, StatusTindakLanjut
from evaluasi.models import JawabanSKM, PeriodeSKM
from pelayanan.choices import Peran
from standar import konsultasi, services
from standar import maklumat as maklumat_services
from standar.models import Maklumat, PutaranKonsultasi, VersiStandar
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import buka_putaran, isi_lengkap, sampai, standar_terbit, tutup_putaran

# Every one of these is private: a draft's text, a hidden comment and its reason, names and
# e-mail addresses of citizens, staff and FKP participants, an open round's comment, a draft
# maklumat, an unpublished SKM period, a respondent's suggestion and paper sheet number, the
# internal note of a follow-up. The walk of the schema asserts that none of them appears.
RAHASIA = {
    "draf": "RAHASIA-DRAF-7f3a9c",
    "perbaikan": "RAHASIA-PERBAIKAN-2b6e1d",
    "tersembunyi": "KOMENTAR-TERSEMBUNYI-91c2aa",
    "alasan": "ALASAN-SEMBUNYI-4e7b0f",
    "email_warga": "warga.rahasia.5b8e@contoh.example",
    "nama_warga": "Nama Warga Rahasia 5b8e",
    "email_staf": "admin.rahasia.c41d@uji.example",
    "nama_staf": "Nama Staf Rahasia c41d",
    "peserta": "Peserta FKP Rahasia 4d2c",
    "lembaga": "Lembaga Rahasia 4d2c",
    "terbuka": "KOMENTAR-PUTARAN-TERBUKA-0e5f",
    "maklumat": "MAKLUMAT-DRAF-RAHASIA-8a1b",
    "balasan": "BALASAN-TERSEMBUNYI-77d0",
    "skm_belum_terbit": "SKM-BELUM-TERBIT-3c9d51",
    "saran": "SARAN-RESPONDEN-RAHASIA-6a2f",
    "saran_belum_terbit": "SARAN-PERIODE-DRAF-b81e",
    "lembar": "LEMBAR-KERTAS-RHS-0d4c",
    "rtl_belum_terbit": "RTL-PERIODE-DRAF-5e17",
    "catatan_rtl": "CATATAN-RTL-INTERNAL-92ab",
}

# The hand-built SKM data of the published period (U1..U9 of each questionnaire).
SKM_AKTA = [(4,) * 9, (3,) * 9]
SKM_KARTU = [(2, 3, 4, 1, 2, 3, 4, 1, 2), (4, 4, 3, 4, 4, 3, 4, 4, 3)]
SKM_POPULASI = 30  # Krejcie–Morgan: 28


def _isi_dengan(teks: str) -> dict:
    return {"pengawasan": {"teks": f"Pengawasan internal {teks} oleh kepala bidang."}}


@dataclass
class DataApi:
    unit: object
    unit_lain: object
    terbit: VersiStandar  # version 2 in force of `layanan`, superseding version 1
    lama: VersiStandar
    dicabut: VersiStandar
    draf: VersiStandar  # version 3 of `layanan`, a draft with a marker
    perbaikan: VersiStandar  # a draft after a closed round (perbaikan) with a marker
    putaran: PutaranKonsultasi  # closed round with visible, hidden and FKP comments
    putaran_terbuka: PutaranKonsultasi
    maklumat_terbit: Maklumat
    maklumat_draf: Maklumat
    skm_terbit: PeriodeSKM  # published: 2 services, 4 responses, 2 follow-ups
    skm_belum_terbit: PeriodeSKM  # ended, not published, with markers
    privat: dict = field(default_factory=dict)  # API list name -> ids that must answer 404


def buat_data() -> DataApi:
    unit = UnitFactory(nama="Dinas Uji Data Terbuka", slug="dinas-uji-data-terbuka")
    unit_lain = UnitFactory(nama="Dinas Uji Lain", slug="dinas-uji-lain", instansi=UnitFactory().instansi)
    admin = user_factory(email=RAHASIA["email_staf"], nama_lengkap=RAHASIA["nama_staf"])
    grant(admin, Peran.ADMIN_UNIT, unit=unit)
    kepala = user_factory(nama_lengkap="Kepala Data Terbuka")
    grant(kepala, Peran.KEPALA_UNIT, unit=unit)
    moderator = user_factory(nama_lengkap="Moderator Uji")
    grant(moderator, Peran.MODERATOR)
    warga = user_factory(
        email=RAHASIA["email_warga"],
        nama_lengkap=RAHASIA["nama_warga"],
        email_dikonfirmasi_pada=timezone.now(),
    )

    # A service with v1 (superseded), v2 (in force) and v3 (a draft with a marker).
    layanan = LayananFactory(unit=unit, nama="Penerbitan Akta Uji", slug="penerbitan-akta-uji")
    v1 = sampai(
        isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin), "terbit", admin, kepala
    )
    v2 = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi_lengkap(v2, admin, {"jangka_waktu": {"jumlah": 2, "satuan": "hari_kerja"}})
    v2 = sampai(v2, "terbit", admin, kepala, sk_nomor="100/2/2026")
    v3 = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi_lengkap(v3, admin, _isi_dengan(RAHASIA["draf"]))
    v1.refresh_from_db()

    # A revoked standard.
    dicabut, _a, _k = standar_terbit(LayananFactory(unit=unit_lain, nama="Izin Dicabut Uji"))
    admin_lain = _a
    kepala_lain = _k
    dicabut = services.versi_revoke(
        versi=dicabut, alasan="Layanan dihapus oleh peraturan daerah baru.", oleh=kepala_lain
    )

    # A draft after a closed round with comments: visible, hidden, reply hidden, FKP input.
    layanan2 = LayananFactory(unit=unit, nama="Penerbitan Kartu Uji", slug="penerbitan-kartu-uji")
    perbaikan = isi_lengkap(
        services.versi_draft_create(layanan=layanan2, oleh=admin), admin, _isi_dengan(RAHASIA["perbaikan"])
    )
    putaran = buka_putaran(perbaikan, admin)
    terlihat = konsultasi.komentar_create(
        putaran=putaran,
        penulis=warga,
        kunci="jangka_waktu",
        isi="Mohon jangka waktunya dipersingkat.",
        kategori="masyarakat",
    )
    konsultasi.komentar_create(
        putaran=putaran,
        penulis=warga,
        kunci="biaya",
        isi=f"Isi kasar {RAHASIA['tersembunyi']}",
        kategori="masyarakat",
    )
    tersembunyi = putaran.komentar_set.get(isi__contains=RAHASIA["tersembunyi"])
    konsultasi.komentar_hide(komentar=tersembunyi, alasan=RAHASIA["alasan"], oleh=moderator)
    balasan = konsultasi.komentar_create(
        putaran=putaran,
        penulis=user_factory(nama_lengkap="Warga Kedua", email_dikonfirmasi_pada=timezone.now()),
        kunci="jangka_waktu",
        isi=f"Setuju {RAHASIA['balasan']}",
        kategori="usaha",
        induk=terlihat,
    )
    konsultasi.komentar_hide(komentar=balasan, alasan="Promosi", oleh=moderator)
    pertemuan = konsultasi.pertemuan_record(
        putaran=putaran,
        tanggal=timezone.localdate(),
        tempat="Aula Uji",
        ringkasan="Forum konsultasi publik rancangan standar kartu.",
        peserta=[{"nama": RAHASIA["peserta"], "lembaga": RAHASIA["lembaga"], "kategori": "ahli"}],
        oleh=admin,
    )
    konsultasi.komentar_offline_create(
        pertemuan=pertemuan,
        peserta=pertemuan.peserta_set.get(),
        kunci="sarana",
        isi="Tambahkan kursi roda.",
        oleh=admin,
    )
    konsultasi.komentar_answer(
        komentar=terlihat, keputusan="diterima", alasan="Dipersingkat menjadi 2 hari.", oleh=admin
    )
    tutup_putaran(perbaikan)

    # An open round (not in the API) with a comment carrying a marker.
    layanan3 = LayananFactory(unit=unit, nama="Layanan Konsultasi Terbuka Uji")
    v_terbuka = isi_lengkap(services.versi_draft_create(layanan=layanan3, oleh=admin), admin)
    putaran_terbuka = buka_putaran(v_terbuka, admin)
    konsultasi.komentar_create(
        putaran=putaran_terbuka,
        penulis=warga,
        kunci="produk",
        isi=f"Komentar {RAHASIA['terbuka']}",
        kategori="masyarakat",
    )

    # Maklumat: one published, one draft with a marker.
    data_maklumat = {
        "teks": str(maklumat_services.TEKS_BAKU),
        "tempat": "Sukamaju",
        "tanggal": date(2026, 1, 5),
        "penandatangan_nama": "Kepala Dinas Uji",
        "penandatangan_jabatan": "Kepala Dinas",
        "penandatangan_nip": "",
    }
    m1 = maklumat_services.maklumat_draft_create(unit=unit, data=data_maklumat, oleh=admin)
    maklumat_services.maklumat_decree(maklumat=m1, oleh=kepala)
    m1 = maklumat_services.maklumat_publish(maklumat=m1, oleh=kepala)
    m2 = maklumat_services.maklumat_draft_create(
        unit=unit,
        data={**data_maklumat, "teks": f"{data_maklumat['teks']} {RAHASIA['maklumat']}"},
        oleh=admin,
    )
    skm_terbit, skm_belum_terbit = _skm(unit, admin, layanan, layanan2)
    _ = admin_lain
    return DataApi(
        unit=unit,
        unit_lain=unit_lain,
        terbit=v2,
        lama=v1,
        dicabut=dicabut,
        draf=v3,
        perbaikan=perbaikan,
        putaran=putaran,
        putaran_terbuka=putaran_terbuka,
        maklumat_terbit=m1,
        maklumat_draf=m2,
        skm_terbit=skm_terbit,
        skm_belum_terbit=skm_belum_terbit,
        privat={
            "skm": [skm_belum_terbit.pk],
            "versi": [v3.pk, perbaikan.pk, v_terbuka.pk],
            "standar": [perbaikan.standar_id, v_terbuka.standar_id],
            "konsultasi": [putaran_terbuka.pk],
            "maklumat": [m2.pk],
        },
    )


def _jawaban(periode, layanan, baris, **extra) -> JawabanSKM:
    return JawabanSKM.objects.create(
        periode=periode, layanan=layanan, **dict(zip(unsur.KOLOM, baris, strict=True)), **extra
    )


def _skm(unit, admin, akta, kartu) -> tuple[PeriodeSKM, PeriodeSKM]:
    """A published SKM period (Triwulan IV 2025) with a respondent's suggestion, a paper sheet
    number and a follow-up's internal note (all private), and an ended period that is not
    published, with markers in its sampling text, a suggestion and a follow-up."""
    terbit = skm.periode_create(
        unit=unit, jenis=JenisPeriode.TRIWULAN, tahun=2025, ke=4, populasi=SKM_POPULASI, oleh=admin
    )
    skm.periode_transisi(periode=terbit, langkah="mulai", oleh=admin)
    for baris in SKM_AKTA:
        _jawaban(terbit, akta, baris, usia="30-39", jenis_kelamin="P", pendidikan="s1", pekerjaan="swasta")
    _jawaban(terbit, kartu, SKM_KARTU[0], saran=f"Tolong {RAHASIA['saran']}", usia="20-29")
    _jawaban(
        terbit, kartu, SKM_KARTU[1], kanal=Kanal.KERTAS, dimasukkan_oleh=admin, nomor_lembar=RAHASIA["lembar"]
    )
    skm.periode_transisi(periode=terbit, langkah="akhiri", oleh=admin)
    terbit = skm.periode_publish(periode=terbit, oleh=admin)
    skm.rtl_create(
        periode=terbit,
        unsur_kode="U4",
        tindakan="Menempelkan daftar tarif resmi di loket uji.",
        penanggung_jawab="Kepala Seksi Pelayanan",
        batas_waktu=date(2026, 3, 31),
        oleh=admin,
    )
    rtl = skm.rtl_create(
        periode=terbit,
        unsur_kode="U8",
        tindakan="Membuka kanal pengaduan daring uji.",
        penanggung_jawab="Sekretaris Dinas",
        batas_waktu=date(2026, 2, 28),
        oleh=admin,
    )
    skm.rtl_update(
        rtl=rtl,
        status=StatusTindakLanjut.SELESAI,
        catatan=RAHASIA["catatan_rtl"],
        selesai_pada=date(2026, 2, 20),
        oleh=admin,
    )

    belum = skm.periode_create(
        unit=unit,
        jenis=JenisPeriode.TRIWULAN,
        tahun=2026,
        ke=1,
        populasi=50,
        teknik_sampling=f"Accidental {RAHASIA['skm_belum_terbit']}",
        oleh=admin,
    )
    skm.periode_transisi(periode=belum, langkah="mulai", oleh=admin)
    _jawaban(belum, akta, (1,) * 9, saran=RAHASIA["saran_belum_terbit"])
    skm.periode_transisi(periode=belum, langkah="akhiri", oleh=admin)
    skm.rtl_create(
        periode=belum,
        unsur_kode="U1",
        tindakan=RAHASIA["rtl_belum_terbit"],
        penanggung_jawab="Kepala Seksi",
        batas_waktu=date(2026, 6, 30),
        oleh=admin,
    )
    return terbit, belum
