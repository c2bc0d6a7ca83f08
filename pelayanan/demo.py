"""Demo data of the core app: a believable kabupaten with its units, services and staff.

Idempotent: every row is found by a natural key and updated, never duplicated. Other
apps add their own `demo.py` with a `load(out)` function; the `demo_data` command runs
them in order.
"""

from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pelayanan.choices import JenisInstansi, KanalPengaduan, Peran
from pelayanan.hari_kerja import import_cuti_bersama
from pelayanan.models import Instansi, KanalPengaduanUnit, Layanan, Pengguna, PenugasanPeran, Unit

DEMO_PASSWORD = "demo-portal-2026"
DOMAIN = "sukamajukab.example"

INSTANSI = [
    {
        "slug": "kabupaten-sukamaju",
        "nama": "Pemerintah Kabupaten Sukamaju",
        "jenis": JenisInstansi.KABUPATEN,
        "alamat": "Jl. Veteran No. 1, Sukamaju",
        "situs_web": "https://sukamajukab.example",
    },
    {
        "slug": "kota-mekarsari",
        "nama": "Pemerintah Kota Mekarsari",
        "jenis": JenisInstansi.KOTA,
        "alamat": "Jl. Merdeka No. 10, Mekarsari",
        "situs_web": "https://mekarsarikota.example",
    },
]

UNITS = [
    {
        "instansi": "kabupaten-sukamaju",
        "slug": "disdukcapil-sukamaju",
        "nama": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju",
        "singkatan": "Disdukcapil",
        "uraian": "Pelayanan dokumen kependudukan dan pencatatan sipil.",
        "penanggung_jawab_nama": "Drs. Hendra Wijaya, M.Si.",
        "penanggung_jawab_jabatan": "Kepala Dinas",
        "pengelola_pengaduan_nama": "Sri Lestari, S.Sos.",
        "alamat": "Jl. Pahlawan No. 12, Sukamaju",
        "telepon": "0271 555 101",
        "email": f"dukcapil@{DOMAIN}",
        "alamat_pengaduan": "Loket Pengaduan, Lantai 1, Jl. Pahlawan No. 12, Sukamaju",
        "jam_layanan": "Senin–Kamis 08.00–15.00 WIB\nJumat 08.00–11.00 WIB",
        "kanal": [
            (KanalPengaduan.TELEPON, "0271 555 109"),
            (KanalPengaduan.WHATSAPP, "0812 3456 7001"),
            (KanalPengaduan.EMAIL, f"pengaduan.dukcapil@{DOMAIN}"),
            (KanalPengaduan.LAPOR, "https://www.lapor.go.id"),
            (KanalPengaduan.KOTAK_SARAN, "Ruang tunggu lantai 1"),
        ],
        "layanan": [
            ("Penerbitan Akta Kelahiran", "Akta kelahiran bagi penduduk yang lahir di Kabupaten Sukamaju."),
            ("Penerbitan KTP Elektronik", "Perekaman dan pencetakan KTP-el baru, hilang, atau rusak."),
            ("Penerbitan Kartu Keluarga", "Kartu Keluarga baru, perubahan data, atau penggantian."),
            ("Surat Keterangan Pindah", "Surat keterangan pindah antar kabupaten/kota atau provinsi."),
        ],
    },
    {
        "instansi": "kabupaten-sukamaju",
        "slug": "dpmptsp-sukamaju",
        "nama": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Sukamaju",
        "singkatan": "DPMPTSP",
        "uraian": "Perizinan dan nonperizinan dalam satu pintu.",
        "penanggung_jawab_nama": "Ir. Ratna Sari Dewi, M.T.",
        "penanggung_jawab_jabatan": "Kepala Dinas",
        "pengelola_pengaduan_nama": "Agus Prasetyo, S.H.",
        "alamat": "Jl. Sudirman No. 45, Sukamaju",
        "telepon": "0271 555 202",
        "email": f"dpmptsp@{DOMAIN}",
        "alamat_pengaduan": "Meja Pengaduan, Mal Pelayanan Publik, Jl. Sudirman No. 45",
        "jam_layanan": "Senin–Jumat 08.00–16.00 WIB",
        "kanal": [
            (KanalPengaduan.TELEPON, "0271 555 209"),
            (KanalPengaduan.WEBSITE, f"https://dpmptsp.{DOMAIN}/pengaduan"),
            (KanalPengaduan.LAPOR, "https://www.lapor.go.id"),
            (KanalPengaduan.LOKET, "Loket 7, Mal Pelayanan Publik"),
        ],
        "layanan": [
            ("Persetujuan Bangunan Gedung", "PBG untuk bangunan rumah tinggal dan usaha."),
            ("Izin Praktik Tenaga Kesehatan", "Surat izin praktik dokter, bidan, dan perawat."),
            ("Izin Penyelenggaraan Reklame", "Izin reklame permanen dan insidental."),
        ],
    },
    {
        "instansi": "kabupaten-sukamaju",
        "slug": "rsud-sukamaju",
        "nama": "Rumah Sakit Umum Daerah Sukamaju",
        "singkatan": "RSUD",
        "uraian": "Rumah sakit rujukan milik Pemerintah Kabupaten Sukamaju.",
        "penanggung_jawab_nama": "dr. Bambang Setiawan, Sp.PD., M.Kes.",
        "penanggung_jawab_jabatan": "Direktur",
        "pengelola_pengaduan_nama": "Ns. Dewi Anggraini, S.Kep.",
        "alamat": "Jl. Dr. Sutomo No. 3, Sukamaju",
        "telepon": "0271 555 303",
        "email": f"rsud@{DOMAIN}",
        "alamat_pengaduan": "Unit Pengaduan Pasien, Gedung Administrasi, Jl. Dr. Sutomo No. 3",
        "jam_layanan": "Rawat jalan: Senin–Sabtu 07.30–14.00 WIB\nIGD: 24 jam",
        "kanal": [
            (KanalPengaduan.TELEPON, "0271 555 399"),
            (KanalPengaduan.WHATSAPP, "0812 3456 7003"),
            (KanalPengaduan.KOTAK_SARAN, "Setiap lantai rawat inap"),
        ],
        "layanan": [
            ("Pelayanan Rawat Jalan", "Poliklinik umum dan spesialis."),
            ("Pelayanan Instalasi Gawat Darurat", "Pelayanan kegawatdaruratan 24 jam."),
            ("Pelayanan Rawat Inap", "Perawatan pasien di ruang rawat inap."),
            ("Pelayanan Laboratorium Klinik", "Pemeriksaan laboratorium atas rujukan dokter."),
        ],
    },
    {
        "instansi": "kabupaten-sukamaju",
        "slug": "kecamatan-sukamaju-utara",
        "nama": "Kecamatan Sukamaju Utara",
        "singkatan": "Kec. Sukamaju Utara",
        "uraian": "Pelayanan administrasi terpadu kecamatan (PATEN).",
        "penanggung_jawab_nama": "Yusuf Hidayat, S.STP., M.Si.",
        "penanggung_jawab_jabatan": "Camat",
        "pengelola_pengaduan_nama": "Rina Marlina",
        "alamat": "Jl. Raya Utara No. 8, Sukamaju",
        "telepon": "0271 555 404",
        "email": f"kec.sukamajuutara@{DOMAIN}",
        "alamat_pengaduan": "Meja PATEN, Kantor Kecamatan Sukamaju Utara",
        "jam_layanan": "Senin–Jumat 08.00–15.00 WIB",
        "kanal": [
            (KanalPengaduan.TELEPON, "0271 555 409"),
            (KanalPengaduan.LOKET, "Meja PATEN"),
        ],
        "layanan": [
            ("Legalisasi Surat Keterangan Ahli Waris", "Pengesahan surat keterangan ahli waris oleh camat."),
            ("Rekomendasi Izin Keramaian", "Rekomendasi camat untuk izin keramaian."),
            ("Surat Keterangan Domisili Usaha", "Keterangan domisili bagi usaha mikro."),
        ],
    },
    {
        "instansi": "kota-mekarsari",
        "slug": "disdukcapil-mekarsari",
        "nama": "Dinas Kependudukan dan Pencatatan Sipil Kota Mekarsari",
        "singkatan": "Disdukcapil",
        "uraian": "Pelayanan dokumen kependudukan Kota Mekarsari.",
        "penanggung_jawab_nama": "Dra. Maria Ulfa",
        "penanggung_jawab_jabatan": "Kepala Dinas",
        "pengelola_pengaduan_nama": "Tono Sugiarto",
        "alamat": "Jl. Merdeka No. 22, Mekarsari",
        "telepon": "0272 777 100",
        "email": "dukcapil@mekarsarikota.example",
        "alamat_pengaduan": "Loket Pengaduan, Jl. Merdeka No. 22",
        "jam_layanan": "Senin–Jumat 08.00–15.00 WIB",
        "kanal": [(KanalPengaduan.TELEPON, "0272 777 109")],
        "layanan": [("Penerbitan Akta Kelahiran", "Akta kelahiran penduduk Kota Mekarsari.")],
    },
]

# (e-mail, name, role, unit slug or None, instansi slug or None)
STAFF = [
    (f"admin.dukcapil@{DOMAIN}", "Andi Saputra", Peran.ADMIN_UNIT, "disdukcapil-sukamaju", None),
    (
        f"kepala.dukcapil@{DOMAIN}",
        "Drs. Hendra Wijaya, M.Si.",
        Peran.KEPALA_UNIT,
        "disdukcapil-sukamaju",
        None,
    ),
    (f"pengaduan.dukcapil@{DOMAIN}", "Sri Lestari", Peran.PENGELOLA_PENGADUAN, "disdukcapil-sukamaju", None),
    (f"admin.dpmptsp@{DOMAIN}", "Budi Santoso", Peran.ADMIN_UNIT, "dpmptsp-sukamaju", None),
    (f"pengaduan@{DOMAIN}", "Wahyu Nugroho", Peran.PENGELOLA_PENGADUAN, None, "kabupaten-sukamaju"),
    (f"sekda@{DOMAIN}", "Dr. Ir. Slamet Riyadi, M.M.", Peran.PENANGGUNG_JAWAB, None, "kabupaten-sukamaju"),
    (f"bupati@{DOMAIN}", "H. Ahmad Fauzi, S.E.", Peran.PEMBINA, None, "kabupaten-sukamaju"),
    (f"evaluator@{DOMAIN}", "Lina Kusumawati, S.IP.", Peran.EVALUATOR, None, "kabupaten-sukamaju"),
    ("moderator@portal.example", "Dimas Pratama", Peran.MODERATOR, None, None),
    ("walikota@mekarsarikota.example", "Ir. Joko Susilo", Peran.PEMBINA, None, "kota-mekarsari"),
]
WARGA = [("warga@contoh.example", "Siti Rahmawati")]
SUPERUSER = ("superadmin@portal.example", "Operator Portal")


def _user(email: str, nama: str, **flags) -> Pengguna:
    user, _ = Pengguna.objects.update_or_create(email=email, defaults={"nama_lengkap": nama, **flags})
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(out=None) -> list[tuple[str, str]]:
    """Create or update the core demo rows; returns the (e-mail, role) accounts."""
    instansi = {}
    for data in INSTANSI:
        slug = data["slug"]
        instansi[slug], _ = Instansi.objects.update_or_create(
            slug=slug, defaults={k: v for k, v in data.items() if k != "slug"}
        )
    units = {}
    for data in UNITS:
        data = dict(data)
        kanal, layanan = data.pop("kanal"), data.pop("layanan")
        slug = data.pop("slug")
        data["instansi"] = instansi[data["instansi"]]
        unit, _ = Unit.objects.update_or_create(slug=slug, defaults=data)
        units[slug] = unit
        for urutan, (jenis, nilai) in enumerate(kanal, start=1):
            KanalPengaduanUnit.objects.update_or_create(
                unit=unit, urutan=urutan, defaults={"jenis": jenis, "nilai": nilai}
            )
        KanalPengaduanUnit.objects.filter(unit=unit, urutan__gt=len(kanal)).delete()
        for nama, uraian in layanan:
            Layanan.objects.update_or_create(
                unit=unit, slug=slugify(nama), defaults={"nama": nama, "uraian": uraian, "aktif": True}
            )

    accounts = []
    for email, nama, peran, unit_slug, instansi_slug in STAFF:
        user = _user(email, nama, email_dikonfirmasi_pada=_confirmed(), is_staff=False)
        PenugasanPeran.objects.get_or_create(
            pengguna=user,
            peran=peran,
            unit=units.get(unit_slug),
            instansi=instansi.get(instansi_slug),
        )
        accounts.append((email, f"{peran.label} — {unit_slug or instansi_slug or 'seluruh portal'}"))
    for email, nama in WARGA:
        _user(email, nama, email_dikonfirmasi_pada=_confirmed())
        accounts.append((email, "Warga"))
    email, nama = SUPERUSER
    _user(email, nama, is_staff=True, is_superuser=True, email_dikonfirmasi_pada=_confirmed())
    accounts.append((email, "Superuser (Django admin)"))

    year = timezone.localdate().year
    import_cuti_bersama(year)
    import_cuti_bersama(year + 1)
    return accounts


def _confirmed() -> datetime:
    """A fixed confirmation time, so that loading twice leaves identical rows."""
    return datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
