"""Demo data of the standar app, built through the real services (so it obeys the rules):

- Disdukcapil "Penerbitan Akta Kelahiran": version 1 published in 2025, version 2 (shorter
  completion time, one more requirement) published in 2026 and superseding it;
- DPMPTSP "Persetujuan Bangunan Gedung" and RSUD "Pelayanan Rawat Jalan": published, with fees;
- Disdukcapil "Penerbitan Kartu Keluarga": a draft in an open comment round;
- every published version went through a closed comment round; version 2 of the akta
  kelahiran has citizens' comments, an FKP meeting with offline input, and every answer;
- Disdukcapil "Penerbitan KTP Elektronik": an incomplete draft;
- the maklumat pelayanan of Disdukcapil, published;
- Disdukcapil Kota Mekarsari, the model unit of the compliance index (zona hijau): its one
  service's standard went through an FKP with four stakeholder categories, its maklumat was
  published two working days after the decree, and its yearly evaluation is recorded.
  Disdukcapil Sukamaju lands in zona kuning (services without a standard yet, a late
  maklumat) and Kecamatan Sukamaju Utara in zona merah (no standard at all). These dates are
  relative to the day the demo is loaded, so the schedule is current whenever it is.

Idempotent: a service that already has a standard is left as it is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from pelayanan.hari_kerja import add_working_days
from pelayanan.models import Layanan, Pengguna
from standar import konsultasi, services
from standar import maklumat as maklumat_services
from standar.choices import KesimpulanEvaluasi
from standar.contoh import isi_contoh
from standar.models import Komentar, Maklumat, PertemuanFKP, PutaranKonsultasi, StandarPelayanan, VersiStandar

ADMIN = "admin.dukcapil@sukamajukab.example"
KEPALA = "kepala.dukcapil@sukamajukab.example"
SUPERUSER = "superadmin@portal.example"
WARGA = "warga@contoh.example"


def _at(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(9, 0)))


def _fill(versi, oleh, isi: dict) -> None:
    rows = {r.kunci: r for r in versi.komponen_set.all()}
    for kunci, content in isi.items():
        services.komponen_update(
            versi=versi, kunci=kunci, isi=content, revisi_dasar=rows[kunci].revisi, oleh=oleh
        )


def _consult(versi, admin, *, pada: date, komentar=(), fkp=None) -> None:
    """A closed comment round on `versi`, dated two weeks before `pada`, with citizens'
    comments (kunci, item_id, isi, keputusan, alasan) and optionally an FKP meeting."""
    warga = Pengguna.objects.get(email=WARGA)
    putaran = konsultasi.putaran_open(
        versi=versi,
        penjelasan="Rancangan standar pelayanan ini kami buka untuk tanggapan masyarakat "
        "selama 7 hari kerja.",
        kategori_diundang=["masyarakat", "ahli", "oms", "tokoh"],
        oleh=admin,
    )
    for kunci, item_id, isi, keputusan, alasan in komentar:
        k = konsultasi.komentar_create(
            putaran=putaran, penulis=warga, kunci=kunci, item_id=item_id, isi=isi, kategori="masyarakat"
        )
        konsultasi.komentar_answer(
            komentar=k, keputusan=keputusan, alasan=alasan, oleh=admin, versi_perubahan=versi
        )
    if fkp:
        pertemuan = konsultasi.pertemuan_record(
            putaran=putaran,
            tanggal=timezone.localdate(),
            tempat=fkp["tempat"],
            ringkasan=fkp["ringkasan"],
            peserta=fkp["peserta"],
            oleh=admin,
        )
        for nama, kunci, isi, keputusan, alasan in fkp["masukan"]:
            peserta = pertemuan.peserta_set.get(nama=nama)
            k = konsultasi.komentar_offline_create(
                pertemuan=pertemuan, peserta=peserta, kunci=kunci, isi=isi, oleh=admin
            )
            konsultasi.komentar_answer(
                komentar=k, keputusan=keputusan, alasan=alasan, oleh=admin, versi_perubahan=versi
            )
        PertemuanFKP.objects.filter(pk=pertemuan.pk).update(tanggal=pada - timedelta(days=20))
    konsultasi.putaran_close(putaran=putaran)
    Komentar.objects.filter(putaran=putaran).update(dibuat_pada=_at(pada - timedelta(days=12)))
    mulai = _at(pada - timedelta(days=16))
    PutaranKonsultasi.objects.filter(pk=putaran.pk).update(
        mulai=mulai,
        dibuka_pada=mulai,
        selesai=_at(pada - timedelta(days=5)),
        ditutup_pada=_at(pada - timedelta(days=5)),
    )


def _publish(
    versi, admin, kepala, sk_nomor: str, sk_tanggal: date, berlaku: date, **round_kwargs
) -> VersiStandar:
    """Consult, decree and publish a complete draft, dated as if it happened around sk_tanggal."""
    _consult(versi, admin, pada=sk_tanggal, **round_kwargs)
    versi = services.versi_decree(
        versi=versi, sk_nomor=sk_nomor, sk_tanggal=sk_tanggal, berlaku_mulai=berlaku, oleh=kepala
    )
    versi = services.versi_publish(versi=versi, oleh=kepala)
    # Demo history: give the steps the dates of the decree rather than today.
    VersiStandar.objects.filter(pk=versi.pk).update(
        ditetapkan_pada=_at(sk_tanggal), diterbitkan_pada=_at(berlaku)
    )
    VersiStandar.objects.filter(digantikan_oleh=versi).update(digantikan_pada=_at(berlaku))
    return versi


MEKARSARI_FKP = {
    "tempat": "Ruang Rapat Disdukcapil Kota Mekarsari",
    "ringkasan": "Forum Konsultasi Publik rancangan standar pelayanan akta kelahiran Kota Mekarsari.",
    "peserta": [
        {"nama": "Ibu Wulan", "lembaga": "Warga Kelurahan Merdeka", "kategori": "masyarakat"},
        {"nama": "Dr. Arif Hidayat", "lembaga": "Universitas Mekarsari", "kategori": "ahli"},
        {"nama": "Yayasan Peduli Anak", "lembaga": "LSM", "kategori": "oms"},
        {"nama": "Rudi Hartono", "lembaga": "Harian Mekarsari Pos", "kategori": "media"},
    ],
    "masukan": [],
}


def _mekarsari(superuser) -> None:
    """The model unit of the compliance index: standard with an FKP, maklumat on time, yearly
    evaluation recorded (dates relative to today)."""
    layanan = _layanan("disdukcapil-mekarsari", "Penerbitan Akta Kelahiran")
    today = timezone.localdate()
    sk_tanggal = today - timedelta(days=200)
    while sk_tanggal.weekday() >= 5:  # a decree on a working day
        sk_tanggal -= timedelta(days=1)
    versi = services.versi_draft_create(layanan=layanan, oleh=superuser)
    isi = isi_contoh()
    isi["jangka_waktu"] = {"jumlah": 2, "satuan": "hari_kerja"}
    _fill(versi, superuser, isi)
    versi = _publish(
        versi,
        superuser,
        superuser,
        "474.1/015/Disdukcapil/" + str(sk_tanggal.year),
        sk_tanggal,
        sk_tanggal + timedelta(days=7),
        fkp=MEKARSARI_FKP,
    )
    unit = layanan.unit
    if not Maklumat.objects.filter(unit=unit).exists():
        terbit = add_working_days(sk_tanggal, 2, unit.instansi_id)
        m = maklumat_services.maklumat_draft_create(
            unit=unit,
            data={
                "teks": str(maklumat_services.TEKS_BAKU),
                "tempat": "Mekarsari",
                "tanggal": terbit,
                "penandatangan_nama": "Dra. Maria Ulfa",
                "penandatangan_jabatan": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
                "penandatangan_nip": "",
            },
            oleh=superuser,
        )
        maklumat_services.maklumat_decree(maklumat=m, oleh=superuser)
        maklumat_services.maklumat_publish(maklumat=m, oleh=superuser)
        Maklumat.objects.filter(pk=m.pk).update(ditetapkan_pada=_at(terbit), diterbitkan_pada=_at(terbit))
    services.evaluasi_penerapan_record(
        versi=versi,
        tanggal=today - timedelta(days=30),
        kesimpulan=KesimpulanEvaluasi.SESUAI,
        ringkasan="Standar diterapkan sesuai janji: rata-rata penyelesaian akta 1,6 hari kerja, "
        "tidak ada pungutan, loket prioritas berfungsi. Papan informasi di loket 2 perlu diganti.",
        oleh=superuser,
    )


def _layanan(unit_slug: str, nama: str) -> Layanan:
    return Layanan.objects.get(unit__slug=unit_slug, nama=nama)


# Citizens' comments on version 2 of the akta kelahiran: (kunci, item id, comment, answer, reason).
AKTA_V2_KOMENTAR = [
    (
        "jangka_waktu",
        "",
        "Empat belas hari kerja terlalu lama untuk akta kelahiran; di kabupaten tetangga cukup 3 hari.",
        "diterima",
        "Jangka waktu dipersingkat menjadi 3 hari kerja berkat tanda tangan elektronik.",
    ),
    (
        "persyaratan",
        "a0000002",
        "Apakah Kartu Keluarga harus asli? Banyak warga menyimpan KK asli di rumah orang tua.",
        "sebagian",
        "KK asli tetap diperlihatkan, tetapi tidak ditahan; petugas memindainya di loket.",
    ),
    (
        "biaya",
        "",
        "Mohon ditegaskan bahwa tidak ada pungutan apa pun, termasuk untuk map.",
        "luar_lingkup",
        "Pengadaan map bukan bagian dari layanan; layanan tetap gratis dan tanpa pungutan.",
    ),
]
AKTA_V2_FKP = {
    "tempat": "Aula Disdukcapil Sukamaju",
    "ringkasan": "Forum Konsultasi Publik rancangan perubahan standar pelayanan akta kelahiran.",
    "peserta": [
        {"nama": "Dr. Rina Kartika", "lembaga": "Universitas Sukamaju", "kategori": "ahli"},
        {"nama": "Bidan Sari", "lembaga": "Ikatan Bidan Indonesia Cab. Sukamaju", "kategori": "oms"},
        {"nama": "H. Mulyadi", "lembaga": "Tokoh masyarakat Kec. Sukamaju Utara", "kategori": "tokoh"},
    ],
    "masukan": [
        (
            "Bidan Sari",
            "persyaratan",
            "Surat keterangan lahir dari bidan praktik mandiri harus diterima seperti dari rumah sakit.",
            "diterima",
            "Persyaratan menyebut rumah sakit/bidan tanpa membedakan.",
        ),
        (
            "Dr. Rina Kartika",
            "sarana",
            "Tambahkan loket prioritas bagi ibu hamil dan penyandang disabilitas.",
            "diterima",
            "Loket prioritas dan kursi roda ditambahkan pada sarana.",
        ),
    ],
}


def _akta_kelahiran(admin, kepala) -> None:
    layanan = _layanan("disdukcapil-sukamaju", "Penerbitan Akta Kelahiran")
    v1 = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi = isi_contoh()
    isi["jangka_waktu"] = {"jumlah": 14, "satuan": "hari_kerja"}
    isi["persyaratan"]["items"] = isi["persyaratan"]["items"][:3]
    isi["sarana"]["items"] = [i for i in isi["sarana"]["items"] if not i["kelompok_rentan"]]
    _fill(v1, admin, isi)
    _publish(v1, admin, kepala, "470/012/Disdukcapil/2025", date(2025, 2, 3), date(2025, 2, 10))

    v2 = services.versi_draft_create(layanan=layanan, oleh=admin)
    contoh = isi_contoh()
    _fill(v2, admin, {k: contoh[k] for k in ["jangka_waktu", "persyaratan", "sarana"]})
    _publish(
        v2,
        admin,
        kepala,
        "470/031/Disdukcapil/2026",
        date(2026, 6, 1),
        date(2026, 6, 8),
        komentar=AKTA_V2_KOMENTAR,
        fkp=AKTA_V2_FKP,
    )


def _dengan_biaya(unit_slug, nama, oleh, biaya, jangka, produk, sk, tanggal) -> None:
    layanan = _layanan(unit_slug, nama)
    versi = services.versi_draft_create(layanan=layanan, oleh=oleh)
    isi = isi_contoh()
    isi.update(biaya=biaya, jangka_waktu=jangka, produk={"items": [{"uraian": produk}]})
    _fill(versi, oleh, isi)
    _publish(versi, oleh, oleh, sk, tanggal, tanggal)


@transaction.atomic
def load(out=None) -> list:
    admin = Pengguna.objects.get(email=ADMIN)
    kepala = Pengguna.objects.get(email=KEPALA)
    superuser = Pengguna.objects.get(email=SUPERUSER)

    if not StandarPelayanan.objects.filter(
        layanan__unit__slug="disdukcapil-sukamaju", layanan__slug="penerbitan-akta-kelahiran"
    ).exists():
        _akta_kelahiran(admin, kepala)
    if not StandarPelayanan.objects.filter(layanan__slug="persetujuan-bangunan-gedung").exists():
        _dengan_biaya(
            "dpmptsp-sukamaju",
            "Persetujuan Bangunan Gedung",
            superuser,
            {
                "gratis": False,
                "items": [
                    {
                        "uraian": "Retribusi PBG rumah tinggal (per m²)",
                        "jumlah": 10000,
                        "dasar_hukum": "Perda Kab. Sukamaju No. 1 Tahun 2024",
                    },
                    {
                        "uraian": "Retribusi PBG bangunan usaha (per m²)",
                        "jumlah": 25000,
                        "dasar_hukum": "Perda Kab. Sukamaju No. 1 Tahun 2024",
                    },
                ],
            },
            {"jumlah": 28, "satuan": "hari_kerja"},
            "Persetujuan Bangunan Gedung (PBG)",
            "503/045/DPMPTSP/2026",
            date(2026, 3, 2),
        )
    if not StandarPelayanan.objects.filter(layanan__slug="pelayanan-rawat-jalan").exists():
        _dengan_biaya(
            "rsud-sukamaju",
            "Pelayanan Rawat Jalan",
            superuser,
            {
                "gratis": False,
                "items": [
                    {
                        "uraian": "Karcis poliklinik umum (pasien umum)",
                        "jumlah": 35000,
                        "dasar_hukum": "Perbup Sukamaju No. 18 Tahun 2023",
                    },
                    {
                        "uraian": "Karcis poliklinik spesialis (pasien umum)",
                        "jumlah": 75000,
                        "dasar_hukum": "Perbup Sukamaju No. 18 Tahun 2023",
                    },
                ],
            },
            {"jumlah": 120, "satuan": "menit"},
            "Pemeriksaan, diagnosis, dan resep",
            "445/102/RSUD/2026",
            date(2026, 4, 6),
        )
    kk = _layanan("disdukcapil-sukamaju", "Penerbitan Kartu Keluarga")
    if not StandarPelayanan.objects.filter(layanan=kk).exists():
        versi = services.versi_draft_create(layanan=kk, oleh=admin)
        isi = isi_contoh()
        isi["produk"] = {"items": [{"uraian": "Kartu Keluarga"}]}
        isi["jangka_waktu"] = {"jumlah": 1, "satuan": "hari_kerja"}
        _fill(versi, admin, isi)
        putaran = konsultasi.putaran_open(
            versi=versi,
            penjelasan="Kami meminta tanggapan atas rancangan standar pelayanan Kartu Keluarga, "
            "terutama jangka waktu 1 hari kerja dan persyaratannya.",
            kategori_diundang=["masyarakat", "oms", "tokoh", "instansi"],
            oleh=admin,
        )
        konsultasi.komentar_create(
            putaran=putaran,
            penulis=Pengguna.objects.get(email=WARGA),
            kunci="prosedur",
            item_id="b0000003",
            isi="Apakah KK bisa dicetak sendiri di rumah (tanda tangan elektronik) "
            "agar tidak perlu kembali ke loket?",
            kategori="masyarakat",
        )
    ktp = _layanan("disdukcapil-sukamaju", "Penerbitan KTP Elektronik")
    if not StandarPelayanan.objects.filter(layanan=ktp).exists():
        versi = services.versi_draft_create(layanan=ktp, oleh=admin)
        isi = isi_contoh()
        _fill(versi, admin, {k: isi[k] for k in ["persyaratan", "prosedur", "jangka_waktu", "biaya"]})

    if not StandarPelayanan.objects.filter(
        layanan__unit__slug="disdukcapil-mekarsari", layanan__slug="penerbitan-akta-kelahiran"
    ).exists():
        _mekarsari(superuser)

    unit = kk.unit
    if not Maklumat.objects.filter(unit=unit).exists():
        m = maklumat_services.maklumat_draft_create(
            unit=unit,
            data={
                "teks": str(maklumat_services.TEKS_BAKU),
                "tempat": "Sukamaju",
                "tanggal": date(2026, 6, 2),
                "penandatangan_nama": "Drs. Hendra Wijaya, M.Si.",
                "penandatangan_jabatan": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
                "penandatangan_nip": "197003151995031002",
            },
            oleh=admin,
        )
        maklumat_services.maklumat_decree(maklumat=m, oleh=kepala)
        maklumat_services.maklumat_publish(maklumat=m, oleh=kepala)
        Maklumat.objects.filter(pk=m.pk).update(
            ditetapkan_pada=_at(date(2026, 6, 2)), diterbitkan_pada=_at(date(2026, 6, 3))
        )
    return []
