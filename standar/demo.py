"""Demo data of the standar app, built through the real services (so it obeys the rules):

- Disdukcapil "Penerbitan Akta Kelahiran": version 1 published in 2025, version 2 (shorter
  completion time, one more requirement) published in 2026 and superseding it;
- DPMPTSP "Persetujuan Bangunan Gedung" and RSUD "Pelayanan Rawat Jalan": published, with fees;
- Disdukcapil "Penerbitan Kartu Keluarga": a draft under public consultation;
- Disdukcapil "Penerbitan KTP Elektronik": an incomplete draft;
- the maklumat pelayanan of Disdukcapil, published.

Idempotent: a service that already has a standard is left as it is.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from pelayanan.models import Layanan, Pengguna
from standar import maklumat as maklumat_services
from standar import services
from standar.contoh import isi_contoh
from standar.models import Maklumat, StandarPelayanan, VersiStandar

ADMIN = "admin.dukcapil@sukamajukab.example"
KEPALA = "kepala.dukcapil@sukamajukab.example"
SUPERUSER = "superadmin@portal.example"


def _at(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(9, 0)))


def _fill(versi, oleh, isi: dict) -> None:
    rows = {r.kunci: r for r in versi.komponen_set.all()}
    for kunci, content in isi.items():
        services.komponen_update(
            versi=versi, kunci=kunci, isi=content, revisi_dasar=rows[kunci].revisi, oleh=oleh
        )


def _publish(versi, admin, kepala, sk_nomor: str, sk_tanggal: date, berlaku: date) -> VersiStandar:
    """Walk a complete draft to published, dated as if it happened on sk_tanggal."""
    versi = services.versi_submit_consultation(versi=versi, oleh=admin)
    versi = services.versi_finish_consultation(versi=versi, oleh=admin)
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


def _layanan(unit_slug: str, nama: str) -> Layanan:
    return Layanan.objects.get(unit__slug=unit_slug, nama=nama)


def _akta_kelahiran(admin, kepala) -> None:
    layanan = _layanan("disdukcapil-sukamaju", "Penerbitan Akta Kelahiran")
    v1 = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi = isi_contoh()
    isi["jangka_waktu"] = {"jumlah": 14, "satuan": "hari_kerja"}
    isi["persyaratan"]["items"] = isi["persyaratan"]["items"][:3]
    _fill(v1, admin, isi)
    _publish(v1, admin, kepala, "470/012/Disdukcapil/2025", date(2025, 2, 3), date(2025, 2, 10))

    v2 = services.versi_draft_create(layanan=layanan, oleh=admin)
    _fill(
        v2,
        admin,
        {"jangka_waktu": {"jumlah": 3, "satuan": "hari_kerja"}, "persyaratan": isi_contoh()["persyaratan"]},
    )
    _publish(v2, admin, kepala, "470/031/Disdukcapil/2026", date(2026, 6, 1), date(2026, 6, 8))


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
        services.versi_submit_consultation(versi=versi, oleh=admin)
    ktp = _layanan("disdukcapil-sukamaju", "Penerbitan KTP Elektronik")
    if not StandarPelayanan.objects.filter(layanan=ktp).exists():
        versi = services.versi_draft_create(layanan=ktp, oleh=admin)
        isi = isi_contoh()
        _fill(versi, admin, {k: isi[k] for k in ["persyaratan", "prosedur", "jangka_waktu", "biaya"]})

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
