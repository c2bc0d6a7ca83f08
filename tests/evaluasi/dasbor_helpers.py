"""Helpers for the dashboard tests: RingkasanUnit rows written directly (as a compilation
would), an instansi with its monitors, and recommendations through the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from evaluasi import periode as periode_mod
from evaluasi import rekomendasi
from evaluasi.models import RingkasanUnit, ZonaKepatuhan
from pelayanan.choices import Peran
from tests.factories import InstansiFactory, UnitFactory, grant, user_factory

RINCIAN = [
    {
        "kode": "standar_terbit",
        "nama": "Setiap layanan aktif memiliki standar pelayanan yang terbit",
        "bobot": "15",
        "persen": "75.00",
        "lulus": False,
        "berlaku": True,
        "bukti": "3 dari 4 layanan aktif memiliki standar terbit",
        "tautan": "/standar/unit/contoh/",
    },
    {
        "kode": "pengaduan_tepat_waktu",
        "nama": "Pengaduan ditanggapi dan diputuskan tepat waktu",
        "bobot": "10",
        "persen": "100.00",
        "lulus": True,
        "berlaku": False,
        "bukti": "Tidak ada pengaduan pada periode ini",
        "tautan": "",
    },
    {
        "kode": "kanal_pengaduan",
        "nama": "Sarana pengaduan dan penanggung jawab pengelolanya dipublikasikan",
        "bobot": "5",
        "persen": "100.00",
        "lulus": True,
        "berlaku": True,
        "bukti": "2 kanal pengaduan dipublikasikan",
        "tautan": "javascript:alert(1)",
    },
    {
        "kode": "skm_sampel",
        "nama": "SKM dilaksanakan pada periode dengan sampel memadai",
        "bobot": "10",
        "persen": "0",
        "lulus": False,
        "berlaku": True,
        "bukti": "Tidak ada periode SKM",
        "tautan": "",
    },
]


def zona_untuk(skor) -> str:
    skor = Decimal(str(skor))
    for z in ZonaKepatuhan.objects.order_by("-batas_bawah"):
        if skor >= z.batas_bawah:
            return z.kode
    return "merah"


def ringkasan(unit, skor, *, jenis="triwulan", tahun=2025, ke=4, ikm=None, **extra) -> RingkasanUnit:
    mulai, selesai = periode_mod.rentang(jenis, tahun, ke)
    data = {
        "mulai": mulai,
        "selesai": selesai,
        "skor_kepatuhan": Decimal(str(skor)),
        "zona": zona_untuk(skor),
        "rincian_kepatuhan": RINCIAN,
        "ikm": Decimal(str(ikm)) if ikm is not None else None,
        "mutu": "B" if ikm is not None else "",
        "dihitung_pada": timezone.now(),
    }
    data.update(extra)
    return RingkasanUnit.objects.create(unit=unit, jenis=jenis, tahun=tahun, ke=ke, **data)


@dataclass
class Dunia:
    instansi: object
    lain: object
    units: list
    unit_lain: object
    pembina: object
    pj: object
    evaluator: object
    pembina_lain: object
    admin: object
    kepala: object
    pengelola: object


def dunia(n_unit: int = 3) -> Dunia:
    """An instansi with `n_unit` units (named "Unit 01".. so the name order is known), its
    Pembina, penanggung jawab and evaluator, the first unit's admin, head and complaint officer;
    another instansi with one unit and its own Pembina."""
    instansi = InstansiFactory(nama="Kabupaten Dasbor")
    lain = InstansiFactory(nama="Kota Lain")
    units = [
        UnitFactory(instansi=instansi, nama=f"Unit {i:02d}", singkatan=f"U{i:02d}")
        for i in range(1, n_unit + 1)
    ]
    unit_lain = UnitFactory(instansi=lain, nama="Unit Kota Lain")

    def orang(email, peran, **scope):
        u = user_factory(email=email, nama_lengkap=email.split("@")[0].title())
        grant(u, peran, **scope)
        return u

    return Dunia(
        instansi=instansi,
        lain=lain,
        units=units,
        unit_lain=unit_lain,
        pembina=orang("bupati@dasbor.example", Peran.PEMBINA, instansi=instansi),
        pj=orang("sekda@dasbor.example", Peran.PENANGGUNG_JAWAB, instansi=instansi),
        evaluator=orang("evaluator@dasbor.example", Peran.EVALUATOR, instansi=instansi),
        pembina_lain=orang("walikota@lain.example", Peran.PEMBINA, instansi=lain),
        admin=orang("admin@dasbor.example", Peran.ADMIN_UNIT, unit=units[0]),
        kepala=orang("kepala@dasbor.example", Peran.KEPALA_UNIT, unit=units[0]),
        pengelola=orang("pengaduan@dasbor.example", Peran.PENGELOLA_PENGADUAN, unit=units[0]),
    )


def laporan_selesai(instansi, *, unit=None, jenis="triwulan", tahun=2025, ke=4, ikm, mutu, tepat):
    """A finished report with the part of the snapshot the dashboard reads (its totals)."""
    from evaluasi.choices import StatusLaporan, SumberLaporan
    from evaluasi.models import LaporanEvaluasi

    mulai, selesai = periode_mod.rentang(jenis, tahun, ke)
    return LaporanEvaluasi.objects.create(
        instansi=instansi,
        unit=unit,
        jenis=jenis,
        tahun=tahun,
        ke=ke,
        mulai=mulai,
        selesai=selesai,
        sumber=SumberLaporan.TOMBOL,
        status=StatusLaporan.SELESAI,
        progres=100,
        selesai_pada=timezone.now(),
        snapshot={"total": {"ikm": ikm, "mutu": mutu, "pengaduan_tepat_persen": tepat}},
    )


def rekomendasi_baru(unit, oleh, teks="Percepat penanganan pengaduan.", hari=30):
    return rekomendasi.rekomendasi_create(
        unit=unit, teks=teks, batas_waktu=timezone.localdate() + timedelta(days=hari), oleh=oleh
    )
