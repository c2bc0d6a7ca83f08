"""The compliance index (evaluasi.kepatuhan): every rule with a unit that passes and one that
fails, the cases where a rule does not apply, the arithmetic of the index (weights from the
database, inactive rules, rounding), the zones at their boundaries, the "as of" day, the
constant number of queries, and the unit's compliance page."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluasi import kepatuhan
from evaluasi import services as skm_services
from evaluasi.choices import JenisPeriode, StatusPenilaianPEKPPP, StatusTindakLanjut
from evaluasi.models import AturanKepatuhan, PenilaianPEKPPP, RencanaTindakLanjut, ZonaKepatuhan
from pelayanan.choices import JenisHariLibur, Peran
from pelayanan.hari_kerja import add_working_days, add_working_days_many
from pelayanan.models import HariLibur, Layanan
from pengaduan import services as pengaduan_services
from pengaduan import statistik
from standar import konsultasi, services
from standar.models import (
    EvaluasiPenerapan,
    KomponenStandar,
    Maklumat,
    PutaranKonsultasi,
    VersiStandar,
)
from tests.evaluasi.helpers import admin_of, isi
from tests.evaluasi.helpers_kepatuhan import (
    lanjut_terbit,
    maklumat_terbit,
    pada,
    pdf_siap,
    standar_dengan_fkp,
    unit_baru,
)
from tests.factories import InstansiFactory, LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import isi_lengkap, sampai, staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

MULAI, SELESAI = date(2026, 1, 1), date(2026, 12, 31)
# hitung(): units, rules, zones; services, versions alive, their components, closed rounds,
# the rounds' categories; the review schedule; first decrees, the deadlines' holidays,
# maklumat; survey periods, the latest finished period; complaints.
HITUNG_QUERIES = 15


def nilai(kode: str, unit, *, mulai=MULAI, selesai=SELESAI, hari=None) -> kepatuhan.NilaiAturan:
    ctx = kepatuhan.Konteks.buat([unit.pk], mulai, selesai, kepatuhan.hari_penilaian(selesai, hari))
    return kepatuhan.ATURAN[kode](ctx)[unit.pk]


def hanya(*kode: str) -> None:
    """Keep only these rules active."""
    AturanKepatuhan.objects.exclude(kode__in=kode).update(aktif=False)


def terbit_pada(versi, berlaku: date) -> VersiStandar:
    VersiStandar.objects.filter(pk=versi.pk).update(
        berlaku_mulai=berlaku,
        sk_tanggal=berlaku,
        ditetapkan_pada=pada(berlaku),
        diterbitkan_pada=pada(berlaku),
    )
    versi.refresh_from_db()
    return versi


# --- registry ---------------------------------------------------------------------------------


def test_every_seeded_rule_has_a_function():
    assert set(AturanKepatuhan.objects.values_list("kode", flat=True)) == set(kepatuhan.ATURAN)


# --- 1. standar_terbit --------------------------------------------------------------------


def test_standar_terbit():
    versi, _a, _k = standar_terbit()
    lulus = versi.standar.layanan.unit
    n = nilai("standar_terbit", lulus)
    assert (n.skor, n.lulus, n.berlaku) == (1, True, True)
    assert n.tautan == lulus.get_absolute_url()
    assert "1 dari 1 layanan aktif" in n.bukti

    LayananFactory(unit=lulus)  # a second service without a standard
    LayananFactory(unit=lulus, aktif=False)  # inactive services do not count
    n = nilai("standar_terbit", lulus)
    assert n.skor == Fraction(1, 2)
    assert not n.lulus

    gagal = LayananFactory().unit
    assert nilai("standar_terbit", gagal).skor == 0
    tanpa_layanan = UnitFactory()
    assert not nilai("standar_terbit", tanpa_layanan).berlaku


def test_standar_terbit_as_of_the_day():
    versi, _a, _k = standar_terbit()
    unit = versi.standar.layanan.unit
    terbit_pada(versi, date(2026, 6, 1))
    # A half-year period judged at its end: published after it, not yet in force then.
    assert nilai("standar_terbit", unit, mulai=date(2026, 1, 1), selesai=date(2026, 5, 31)).skor == 0
    assert nilai("standar_terbit", unit, mulai=date(2026, 1, 1), selesai=date(2026, 6, 30)).skor == 1
    # Revoked before the day: no longer in force.
    VersiStandar.objects.filter(pk=versi.pk).update(dicabut_pada=pada(date(2026, 6, 20)))
    assert nilai("standar_terbit", unit, mulai=date(2026, 1, 1), selesai=date(2026, 6, 30)).skor == 0
    assert nilai("standar_terbit", unit, mulai=date(2026, 1, 1), selesai=date(2026, 6, 19)).skor == 1


# --- 2. komponen_lengkap ------------------------------------------------------------------


def test_komponen_lengkap_reads_the_newest_version():
    layanan = LayananFactory()
    admin, _kepala = staf_unit(layanan.unit)
    draf = services.versi_draft_create(layanan=layanan, oleh=admin)
    assert nilai("komponen_lengkap", layanan.unit).skor == 0  # an empty draft
    isi_lengkap(draf, admin)
    n = nilai("komponen_lengkap", layanan.unit)
    assert n.lulus
    assert "ke-14 komponen lengkap" in n.bukti

    versi, admin2, _k = standar_terbit()
    unit = versi.standar.layanan.unit
    assert nilai("komponen_lengkap", unit).lulus
    # A new draft revising it is the newest version; emptied, the service fails.
    baru = services.versi_draft_create(layanan=versi.standar.layanan, oleh=admin2)
    KomponenStandar.objects.filter(versi=baru, kunci="biaya").update(isi={})
    assert nilai("komponen_lengkap", unit).skor == 0
    assert not nilai("komponen_lengkap", UnitFactory()).berlaku


# --- 3. konsultasi_pemangku ---------------------------------------------------------------


def test_konsultasi_pemangku(settings):
    lulus, _a, _k = standar_dengan_fkp(LayananFactory())
    n = nilai("konsultasi_pemangku", lulus.standar.layanan.unit)
    assert n.lulus
    assert "sedikitnya 3 kategori" in n.bukti

    settings.KEPATUHAN_MIN_KATEGORI = 4
    assert nilai("konsultasi_pemangku", lulus.standar.layanan.unit).skor == 0
    settings.KEPATUHAN_MIN_KATEGORI = 3

    gagal, _a, _k = standar_terbit()  # a round without any participant
    assert nilai("konsultasi_pemangku", gagal.standar.layanan.unit).skor == 0
    assert not nilai("konsultasi_pemangku", UnitFactory()).berlaku


def test_konsultasi_pemangku_counts_comments_and_only_a_round_closed_before_the_decree():
    layanan = LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    versi = sampai(versi, "konsultasi", admin, kepala)
    putaran = versi.putaran_set.get()
    for i, kategori in enumerate(["masyarakat", "media", "usaha", "tokoh"]):
        warga = user_factory(email_dikonfirmasi_pada=timezone.now())
        k = konsultasi.komentar_create(
            putaran=putaran, penulis=warga, kunci="biaya", isi=f"Komentar {i}", kategori=kategori
        )
        if kategori == "tokoh":
            moderator = user_factory()
            grant(moderator, Peran.MODERATOR)
            konsultasi.komentar_hide(komentar=k, alasan="Tidak pantas", oleh=moderator)
        else:
            konsultasi.komentar_answer(komentar=k, keputusan="diterima", alasan="Terima kasih.", oleh=admin)
    versi = lanjut_terbit(versi, kepala)
    unit = layanan.unit
    assert nilai("konsultasi_pemangku", unit).lulus  # three visible categories; the hidden one not
    # The same round, closed after the decree: it does not count.
    PutaranKonsultasi.objects.filter(pk=putaran.pk).update(
        ditutup_pada=versi.ditetapkan_pada + timedelta(hours=1)
    )
    assert nilai("konsultasi_pemangku", unit).skor == 0


def test_kategori_per_putaran_is_the_participation_figure():
    versi, _a, _k = standar_dengan_fkp(LayananFactory(), kategori=("ahli", "ahli", "instansi"))
    putaran = versi.putaran_set.get()
    angka = konsultasi.kategori_per_putaran([putaran.pk])
    assert angka == {putaran.pk: {"komentar": {}, "peserta": {"ahli": 2, "instansi": 1}}}
    assert konsultasi.partisipasi(putaran)["jumlah_kategori"] == 2
    assert konsultasi.partisipasi(putaran)["peserta_luring"] == 3
    assert konsultasi.kategori_per_putaran([]) == {}


# --- 4. service_delivery_terbit -----------------------------------------------------------


def test_service_delivery_terbit_needs_the_components_and_the_pdf():
    versi, _a, _k = standar_terbit()
    unit = versi.standar.layanan.unit
    assert nilai("service_delivery_terbit", unit).skor == 0  # the PDF has not been rendered
    pdf_siap(versi)
    n = nilai("service_delivery_terbit", unit)
    assert n.lulus
    assert "6 komponen service delivery" in n.bukti
    # A service-delivery component emptied behind the services' back: no longer complete.
    KomponenStandar.objects.filter(versi=versi, kunci="biaya").update(isi={})
    assert nilai("service_delivery_terbit", unit).skor == 0
    # A manufacturing component does not matter here.
    KomponenStandar.objects.filter(versi=versi, kunci="biaya").update(isi={"gratis": True})
    KomponenStandar.objects.filter(versi=versi, kunci="pengawasan").update(isi={})
    assert nilai("service_delivery_terbit", unit).lulus
    assert not nilai("service_delivery_terbit", UnitFactory()).berlaku


# --- 5. maklumat_tepat_waktu --------------------------------------------------------------


def test_maklumat_tepat_waktu():
    versi, admin, kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    penetapan = date(2026, 2, 2)
    terbit_pada(versi, penetapan)
    batas = add_working_days(penetapan, 7, unit.instansi_id)
    n = nilai("maklumat_tepat_waktu", unit)
    assert (n.skor, n.berlaku) == (0, True)
    assert n.tautan == reverse("standar:maklumat_daftar", kwargs={"unit": unit.slug})

    m = maklumat_terbit(unit, admin, kepala, batas)
    assert nilai("maklumat_tepat_waktu", unit).lulus  # on the last day
    Maklumat.objects.filter(pk=m.pk).update(diterbitkan_pada=pada(batas + timedelta(days=1)))
    n = nilai("maklumat_tepat_waktu", unit)
    assert n.skor == Fraction(1, 2)
    assert "melewati batas" in n.bukti
    Maklumat.objects.filter(pk=m.pk).update(diterbitkan_pada=pada(penetapan - timedelta(days=30)))
    assert nilai("maklumat_tepat_waktu", unit).lulus  # before the decree also counts
    Maklumat.objects.filter(pk=m.pk).update(dicabut_pada=pada(date(2026, 5, 1)))
    assert nilai("maklumat_tepat_waktu", unit).skor == 0  # revoked: none in force
    assert nilai("maklumat_tepat_waktu", unit, selesai=date(2026, 4, 30)).lulus  # it was, then

    tanpa_penetapan = LayananFactory().unit
    assert not nilai("maklumat_tepat_waktu", tanpa_penetapan).berlaku


def test_maklumat_deadline_counts_the_instansi_holidays():
    versi, admin, kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    penetapan = date(2026, 2, 2)
    terbit_pada(versi, penetapan)
    batas = add_working_days(penetapan, 7, unit.instansi_id)
    maklumat_terbit(unit, admin, kepala, batas + timedelta(days=1))
    assert nilai("maklumat_tepat_waktu", unit).skor == Fraction(1, 2)
    HariLibur.objects.create(
        tanggal=penetapan + timedelta(days=1),
        nama="Libur daerah",
        jenis=JenisHariLibur.DAERAH,
        instansi=unit.instansi,
    )
    assert add_working_days(penetapan, 7, unit.instansi_id) > batas
    assert nilai("maklumat_tepat_waktu", unit).lulus


def test_add_working_days_many_equals_one_by_one(django_assert_num_queries):
    a, b = InstansiFactory(), InstansiFactory()
    HariLibur.objects.create(
        tanggal=date(2026, 12, 28), nama="Daerah", jenis=JenisHariLibur.DAERAH, instansi=a
    )
    items = [(date(2026, 12, 22), 7, a.pk), (date(2026, 12, 22), 7, b.pk), (date(2026, 3, 16), 7, None)]
    with django_assert_num_queries(1):
        banyak = add_working_days_many(items)
    assert banyak == [add_working_days(s, n, i) for s, n, i in items]
    assert banyak[0] > banyak[1]
    assert add_working_days_many([]) == []


# --- 6-7. evaluasi_tahunan, peninjauan_tiga_tahun ----------------------------------------------


def test_evaluasi_tahunan_and_peninjauan():
    versi, admin, _k = standar_terbit()
    unit = versi.standar.layanan.unit
    terbit_pada(versi, date(2023, 3, 1))
    hari = date(2026, 2, 1)
    n = nilai("evaluasi_tahunan", unit, hari=hari)
    assert n.skor == 0
    assert "1 melewati batas" in n.bukti
    assert nilai("peninjauan_tiga_tahun", unit, hari=hari).lulus  # due 2026-03-01
    assert nilai("peninjauan_tiga_tahun", unit, hari=date(2026, 3, 2)).skor == 0
    EvaluasiPenerapan.objects.create(
        versi=versi, tanggal=date(2025, 5, 1), kesimpulan="sesuai", ringkasan="Sesuai.", dicatat_oleh=admin
    )
    assert nilai("evaluasi_tahunan", unit, hari=hari).lulus
    assert not nilai("evaluasi_tahunan", UnitFactory()).berlaku
    assert not nilai("peninjauan_tiga_tahun", UnitFactory()).berlaku


# --- 8-9. the satisfaction survey ---------------------------------------------------------------


def periode_skm(unit, admin, *, jenis=JenisPeriode.TRIWULAN, tahun=2026, ke=3, populasi=10, jawaban=10):
    layanan = Layanan.objects.filter(unit=unit).first() or LayananFactory(unit=unit)
    p = skm_services.periode_create(unit=unit, jenis=jenis, tahun=tahun, ke=ke, populasi=populasi, oleh=admin)
    p = skm_services.periode_transisi(periode=p, langkah="mulai", oleh=admin)
    isi(p, layanan, [(3,) * 9] * jawaban)
    return p


def test_skm_sampel():
    unit = LayananFactory().unit
    admin = admin_of(unit)
    n = nilai("skm_sampel", unit)
    assert n.skor == 0
    assert n.tautan == reverse("evaluasi:unit", kwargs={"unit": unit.slug})
    p = periode_skm(unit, admin, populasi=10, jawaban=10)
    assert nilai("skm_sampel", unit).skor == 0  # still running
    skm_services.periode_transisi(periode=p, langkah="akhiri", oleh=admin)
    n = nilai("skm_sampel", unit)
    assert n.lulus
    assert n.tautan == reverse("evaluasi:periode", kwargs={"pk": p.pk})
    assert "10 responden (sampel minimal 10)" in n.bukti
    # Outside the period asked about: not counted.
    assert nilai("skm_sampel", unit, mulai=date(2026, 10, 1), selesai=date(2026, 12, 31)).skor == 0

    kurang = LayananFactory().unit
    admin2 = admin_of(kurang)
    p2 = periode_skm(kurang, admin2, populasi=10, jawaban=9)
    skm_services.periode_transisi(periode=p2, langkah="akhiri", oleh=admin2)
    n = nilai("skm_sampel", kurang)
    assert n.skor == Fraction(1, 2)
    assert "kurang dari sampel minimal 10" in n.bukti


def test_skm_terbit_rtl():
    unit = LayananFactory().unit
    admin = admin_of(unit)
    assert nilai("skm_terbit_rtl", unit).skor == 0  # no finished period
    p = periode_skm(unit, admin)
    p = skm_services.periode_transisi(periode=p, langkah="akhiri", oleh=admin)
    assert nilai("skm_terbit_rtl", unit).skor == Fraction(1, 2)  # not published, nothing due
    p = skm_services.periode_publish(periode=p, oleh=admin)
    assert nilai("skm_terbit_rtl", unit).lulus
    hari = timezone.localdate()
    for i, (status, selesai) in enumerate(
        [(StatusTindakLanjut.SELESAI, hari), (StatusTindakLanjut.DIKERJAKAN, None), ("direncanakan", None)]
    ):
        RencanaTindakLanjut.objects.create(
            periode=p,
            unsur="U3",
            tindakan=f"Tindakan {i}",
            penanggung_jawab="Kabid",
            batas_waktu=hari - timedelta(days=1) if i < 2 else hari + timedelta(days=30),
            status=status,
            selesai_pada=selesai,
            dibuat_oleh=admin,
        )
    n = nilai("skm_terbit_rtl", unit)
    assert n.skor == Fraction(3, 4)  # published, 1 of the 2 due done
    assert "1 dari 2 rencana tindak lanjut" in n.bukti
    # The survey's latest finished period counts, not an older one.
    lama = periode_skm(unit, admin, ke=1)
    skm_services.periode_transisi(periode=lama, langkah="akhiri", oleh=admin)
    assert nilai("skm_terbit_rtl", unit).skor == Fraction(3, 4)


# --- 10-11. complaints -------------------------------------------------------------------------


def _lalu(hari: int) -> datetime:
    return timezone.now() - timedelta(days=hari)


def test_pengaduan_tepat_waktu_uses_the_statistics_definitions():
    from tests.pengaduan.helpers import ajukan

    unit = unit_baru()
    petugas = user_factory()
    grant(petugas, Peran.PENGELOLA_PENGADUAN, unit=unit)

    def jalan(p, lengkap, putus=None):
        p = pengaduan_services.pengaduan_transisi(
            pengaduan=p, nama="lengkap", oleh=petugas, pada=_lalu(lengkap)
        )
        p = pengaduan_services.pengaduan_transisi(
            pengaduan=p, nama="tindak_lanjuti", oleh=petugas, pada=_lalu(lengkap)
        )
        if putus is not None:
            p = pengaduan_services.pengaduan_transisi(
                pengaduan=p,
                nama="putuskan",
                oleh=petugas,
                hasil="selesai",
                teks="Diputuskan.",
                pada=_lalu(putus),
            )
        return p

    jalan(ajukan(unit, pada=_lalu(20)), 18, 10)  # on time, on time
    jalan(ajukan(unit, pada=_lalu(100)), 80, 5)  # late, late
    ajukan(unit, pada=_lalu(3))  # not yet due: not judged
    s = statistik.hitung(statistik.lingkup(unit=unit), mulai=MULAI, sampai=SELESAI)
    per_unit = statistik.tepat_waktu_per_unit([unit.pk], mulai=MULAI, sampai=SELESAI)[unit.pk]
    assert per_unit == {
        "tanggapan_tepat": s.tanggapan_tepat,
        "tanggapan_dinilai": s.tanggapan_dinilai,
        "keputusan_tepat": s.keputusan_tepat,
        "keputusan_dinilai": s.keputusan_dinilai,
    }
    assert (s.tanggapan_tepat, s.tanggapan_dinilai, s.keputusan_tepat, s.keputusan_dinilai) == (1, 2, 1, 2)
    n = nilai("pengaduan_tepat_waktu", unit)
    assert n.skor == Fraction(1, 2)
    assert not n.lulus
    assert n.tautan == reverse("pengaduan:statistik_unit", kwargs={"slug": unit.slug})

    baik = unit_baru()
    grant(petugas, Peran.PENGELOLA_PENGADUAN, unit=baik)
    petugas.__dict__.pop("_policy_grants", None)
    jalan(ajukan(baik, pada=_lalu(20)), 18, 10)
    assert nilai("pengaduan_tepat_waktu", baik).lulus
    # Nothing to judge: the rule does not apply.
    sepi = unit_baru()
    ajukan(sepi, pada=_lalu(2))
    assert not nilai("pengaduan_tepat_waktu", sepi).berlaku
    assert statistik.tepat_waktu_per_unit([UnitFactory().pk]) != {}


def test_kanal_pengaduan():
    lulus = unit_baru()
    n = nilai("kanal_pengaduan", lulus)
    assert n.lulus
    assert "Sri Lestari" in n.bukti
    tanpa_kanal = UnitFactory(pengelola_pengaduan_nama="Sri Lestari")
    assert nilai("kanal_pengaduan", tanpa_kanal).skor == 0
    tanpa_nama = unit_baru(pengelola_pengaduan_nama="")
    n = nilai("kanal_pengaduan", tanpa_nama)
    assert n.skor == 0
    assert "nama pengelola pengaduan" in n.bukti
    tanpa_alamat = unit_baru(alamat_pengaduan=" ")
    assert nilai("kanal_pengaduan", tanpa_alamat).skor == 0


# --- the index ----------------------------------------------------------------------------------


def test_index_is_the_weighted_share_of_the_rules_that_apply():
    unit = unit_baru()  # passes kanal_pengaduan, fails skm_sampel, nothing else applies
    hasil = kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk]
    # All eleven rules reported in their order; those that apply: standar? no service ->
    # n/a; kanal 5 (pass), skm_sampel 10 (fail), skm_terbit_rtl 10 (fail).
    assert [r["kode"] for r in hasil.rincian] == list(
        AturanKepatuhan.objects.order_by("urutan").values_list("kode", flat=True)
    )
    assert hasil.skor == Decimal("20.00")  # 5 / (5 + 10 + 10)
    assert hasil.zona == "merah"
    baris = {r["kode"]: r for r in hasil.rincian}
    assert baris["kanal_pengaduan"] == {
        "kode": "kanal_pengaduan",
        "nama": AturanKepatuhan.objects.get(kode="kanal_pengaduan").nama,
        "bobot": "5.00",
        "persen": "100.00",
        "lulus": True,
        "berlaku": True,
        "bukti": baris["kanal_pengaduan"]["bukti"],
        "tautan": unit.get_absolute_url(),
    }
    assert baris["standar_terbit"]["berlaku"] is False
    assert baris["standar_terbit"]["lulus"] is False
    json.dumps(hasil.rincian)


def test_weights_edited_in_the_database_change_the_index():
    unit = unit_baru()
    hanya("kanal_pengaduan", "skm_sampel")
    assert kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk].skor == Decimal("33.33")  # 5/15
    AturanKepatuhan.objects.filter(kode="kanal_pengaduan").update(bobot=Decimal("30"))
    assert kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk].skor == Decimal("75.00")  # 30/40
    # Rounded half up at the end: 1/32 = 3.125 %.
    AturanKepatuhan.objects.filter(kode="kanal_pengaduan").update(bobot=Decimal("1"))
    AturanKepatuhan.objects.filter(kode="skm_sampel").update(bobot=Decimal("31"))
    assert kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk].skor == Decimal("3.13")


def test_an_inactive_rule_is_ignored():
    unit = unit_baru()
    hanya("kanal_pengaduan", "skm_sampel")
    AturanKepatuhan.objects.filter(kode="skm_sampel").update(aktif=False)
    hasil = kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk]
    assert hasil.skor == Decimal("100.00")
    assert hasil.zona == "hijau"
    assert [r["kode"] for r in hasil.rincian] == ["kanal_pengaduan"]


def test_a_unit_where_nothing_applies_scores_zero():
    unit = unit_baru()
    hanya("pengaduan_tepat_waktu", "standar_terbit")
    hasil = kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk]
    assert (hasil.skor, hasil.zona) == (Decimal("0.00"), "merah")
    assert [r["berlaku"] for r in hasil.rincian] == [False, False]


def test_an_unknown_active_rule_is_skipped():
    unit = unit_baru()
    hanya("kanal_pengaduan")
    AturanKepatuhan.objects.create(kode="belum_ada", nama="Belum ada", bobot=Decimal("50"))
    assert kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk].skor == Decimal("100.00")


@pytest.mark.parametrize(
    ("lulus", "gagal", "skor", "zona"),
    [
        ("50.99", "49.01", "50.99", "merah"),
        ("51.00", "49.00", "51.00", "kuning"),
        ("80.99", "19.01", "80.99", "kuning"),
        ("81.00", "19.00", "81.00", "hijau"),
    ],
)
def test_zone_boundaries(lulus, gagal, skor, zona):
    unit = unit_baru()
    hanya("kanal_pengaduan", "skm_sampel")
    AturanKepatuhan.objects.filter(kode="kanal_pengaduan").update(bobot=Decimal(lulus))
    AturanKepatuhan.objects.filter(kode="skm_sampel").update(bobot=Decimal(gagal))
    hasil = kepatuhan.hitung([unit.pk], MULAI, SELESAI)[unit.pk]
    assert (hasil.skor, hasil.zona) == (Decimal(skor), zona)


def test_zona_dari():
    rows = list(ZonaKepatuhan.objects.all())
    assert kepatuhan.zona_dari(Decimal("100.00"), rows).kode == "hijau"
    assert kepatuhan.zona_dari(Decimal("0.00"), rows).kode == "merah"
    ZonaKepatuhan.objects.filter(kode="kuning").update(batas_bawah=Decimal("60.00"))
    rows = list(ZonaKepatuhan.objects.all())
    assert kepatuhan.zona_dari(Decimal("59.99"), rows).kode == "merah"
    assert kepatuhan.zona_dari(Decimal("60.00"), rows).kode == "kuning"
    assert kepatuhan.zona_dari(Decimal("5"), [z for z in rows if z.kode != "merah"]).kode == "kuning"
    assert kepatuhan.zona_dari(Decimal("5"), []) is None


def test_the_day_is_never_after_the_period():
    assert kepatuhan.hari_penilaian(date(2025, 12, 31)) == date(2025, 12, 31)
    assert kepatuhan.hari_penilaian(date(2099, 12, 31), date(2026, 3, 1)) == date(2026, 3, 1)
    assert kepatuhan.hari_penilaian(date(2099, 12, 31)) == timezone.localdate()


def _dunia_unit():
    """A unit with evidence for every rule: a published standard (with its round), a
    maklumat, a finished survey period and a complaint."""
    from tests.pengaduan.helpers import ajukan

    versi, admin, kepala = standar_terbit(LayananFactory(unit=unit_baru()))
    unit = versi.standar.layanan.unit
    maklumat_terbit(unit, admin, kepala, timezone.localdate())
    p = periode_skm(unit, admin)
    skm_services.periode_transisi(periode=p, langkah="akhiri", oleh=admin)
    ajukan(unit, pada=_lalu(30))
    return unit


def test_query_count_does_not_grow_with_the_units(django_assert_num_queries):
    units = [_dunia_unit().pk for _i in range(2)]
    with django_assert_num_queries(HITUNG_QUERIES):
        dua = kepatuhan.hitung(units, MULAI, SELESAI)
    units += [_dunia_unit().pk for _i in range(10)]
    with django_assert_num_queries(HITUNG_QUERIES):
        dua_belas = kepatuhan.hitung(units, MULAI, SELESAI)
    assert len(dua_belas) == 12
    assert dua_belas[units[0]].skor == dua[units[0]].skor


def test_hitung_of_no_units():
    assert kepatuhan.hitung([], MULAI, SELESAI) == {}


# --- the unit's compliance page -----------------------------------------------------------------


def teks(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url_unit(unit, **params) -> str:
    url = reverse("evaluasi:kepatuhan_unit", kwargs={"unit": unit.slug})
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


# The request's savepoint pair, session, user, the user's grants, the unit, the unit's PEKPPP
# assessments; hitung (15).
HALAMAN_QUERIES = 7 + HITUNG_QUERIES


def test_page_shows_the_index_zone_and_rules(client):
    unit = unit_baru()
    admin = admin_of(unit)
    client.force_login(admin)
    response = client.get(url_unit(unit))
    assert response.status_code == 200
    page = teks(response)
    assert "20,00" in page or "20.00" in page
    assert "Zona merah" in page
    assert "Kepatuhan rendah" in page
    assert "Tidak berlaku" in page
    assert "Sarana pengaduan dan penanggung jawab pengelolanya dipublikasikan" in page
    assert f"Tahun {timezone.localdate().year}" in page
    html = response.content.decode()
    assert unit.get_absolute_url() in html
    konten = html.split('id="konten"')[1].split("</main>")[0]
    assert "style=" not in konten
    assert "<script" not in konten


def test_page_periods(client):
    unit = unit_baru()
    client.force_login(admin_of(unit))
    page = teks(client.get(url_unit(unit, jenis="triwulan", tahun=2026, ke=2)))
    assert "Triwulan II 2026" in page
    assert "1 April 2026" in page
    assert "30 Juni 2026" in page
    assert client.get(url_unit(unit, jenis="triwulan", tahun=2026, ke=9)).status_code == 400
    assert client.get(url_unit(unit, jenis="abad", tahun=2026)).status_code == 400
    assert client.get(url_unit(unit, tahun="dua-ribu")).status_code == 400


def test_page_permissions(client):
    unit = unit_baru()
    assert client.get(url_unit(unit)).status_code == 302  # to the login page
    warga = user_factory()
    client.force_login(warga)
    assert client.get(url_unit(unit)).status_code == 403
    lain = user_factory()
    grant(lain, Peran.ADMIN_UNIT, unit=UnitFactory())
    client.force_login(lain)
    assert client.get(url_unit(unit)).status_code == 403
    for peran, lingkup in [
        (Peran.PEMBINA, {"instansi": unit.instansi}),
        (Peran.EVALUATOR, {"instansi": unit.instansi}),
        (Peran.KEPALA_UNIT, {"unit": unit}),
    ]:
        user = user_factory()
        grant(user, peran, **lingkup)
        client.force_login(user)
        assert client.get(url_unit(unit)).status_code == 200


def test_page_query_count(client, django_assert_num_queries):
    unit = _dunia_unit()
    user = user_factory()
    grant(user, Peran.PEMBINA, instansi=unit.instansi)
    client.force_login(user)
    with django_assert_num_queries(HALAMAN_QUERIES):
        assert client.get(url_unit(unit)).status_code == 200


def test_page_lists_the_units_pekppp_assessments(client):
    unit = unit_baru()
    client.force_login(admin_of(unit))
    assert "Unit ini belum pernah dinilai dengan PEKPPP." in teks(client.get(url_unit(unit)))
    evaluator = user_factory()
    final = PenilaianPEKPPP.objects.create(
        unit=unit,
        tahun=2025,
        evaluator=evaluator,
        status=StatusPenilaianPEKPPP.FINAL,
        ipp=Decimal("3.87"),
        ipp_persen=Decimal("77.40"),
        kategori="B",
        difinalkan_pada=timezone.now(),
    )
    draf = PenilaianPEKPPP.objects.create(unit=unit, tahun=2026, evaluator=evaluator)
    PenilaianPEKPPP.objects.create(unit=UnitFactory(), tahun=2026, evaluator=evaluator)
    response = client.get(url_unit(unit))
    html = response.content.decode()
    page = teks(response)
    assert html.index(reverse("evaluasi:pekppp", args=[draf.pk])) < html.index(
        reverse("evaluasi:pekppp", args=[final.pk])
    )
    assert html.count('href="/ruang-kerja/pekppp/') == 2
    assert "3,87" in page or "3.87" in page
    assert " B " in page
    assert "PEKPPP 2025" in page  # a year, not "2.025"
    assert "PEKPPP 2026" in page
    assert client.get(reverse("evaluasi:pekppp", args=[final.pk])).status_code == 200


def test_workspace_links_to_the_page(client):
    unit = unit_baru()
    client.force_login(admin_of(unit))
    html = client.get(reverse("pelayanan:ruang_kerja")).content.decode()
    assert url_unit(unit) in html
