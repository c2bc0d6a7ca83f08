"""SKM services: periods and their steps, publication, responses (online, paper, CSV),
follow-ups, and the review flags on standard components."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluasi import ikm, services, tinjauan, unsur
from evaluasi.choices import JenisPeriode, Kanal, StatusPeriode, StatusTindakLanjut
from evaluasi.models import JawabanSKM, PeriodeSKM, RingkasanSKM
from pelayanan.models import JejakAudit
from pelayanan.ratelimit import RateLimited
from standar import komponen
from tests.evaluasi.helpers import admin_of, isi, periode_berjalan
from tests.factories import LayananFactory, UnitFactory

pytestmark = pytest.mark.django_db

JAWABAN = dict(zip(unsur.KOLOM, (4, 3, 3, 4, 3, 4, 4, 3, 3), strict=True))


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def admin(unit):
    return admin_of(unit)


@pytest.fixture
def layanan(unit):
    return LayananFactory(unit=unit, nama="Akta Kelahiran")


@pytest.fixture
def periode(unit, admin, layanan):
    return periode_berjalan(unit, admin)


# --- periods ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jenis", "ke", "mulai", "selesai"),
    [
        (JenisPeriode.TRIWULAN, 1, date(2026, 1, 1), date(2026, 3, 31)),
        (JenisPeriode.TRIWULAN, 4, date(2026, 10, 1), date(2026, 12, 31)),
        (JenisPeriode.SEMESTER, 2, date(2026, 7, 1), date(2026, 12, 31)),
        (JenisPeriode.TAHUN, 1, date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_period_dates_follow_its_kind(unit, admin, jenis, ke, mulai, selesai):
    p = services.periode_create(unit=unit, jenis=jenis, tahun=2026, ke=ke, populasi=300, oleh=admin)
    assert (p.mulai, p.selesai, p.status) == (mulai, selesai, StatusPeriode.DRAF)
    assert JejakAudit.objects.filter(aksi="skm.periode_dibuat").exists()


def test_period_rules(unit, admin, layanan):
    with pytest.raises(ValidationError):
        services.periode_create(
            unit=unit, jenis=JenisPeriode.SEMESTER, tahun=2026, ke=3, populasi=10, oleh=admin
        )
    services.periode_create(unit=unit, jenis=JenisPeriode.SEMESTER, tahun=2026, ke=1, populasi=10, oleh=admin)
    with pytest.raises(ValidationError, match="sudah ada"):
        services.periode_create(
            unit=unit, jenis=JenisPeriode.SEMESTER, tahun=2026, ke=1, populasi=10, oleh=admin
        )
    foreign = LayananFactory()
    with pytest.raises(ValidationError):
        services.periode_create(
            unit=unit, jenis=JenisPeriode.TAHUN, tahun=2026, ke=1, populasi=10, layanan=[foreign], oleh=admin
        )
    # Creating a period gives each covered service its short link.
    assert layanan.__class__.objects.get(pk=layanan.pk).tautan_skm.kode


def test_another_units_admin_cannot_manage_this_units_periods(unit, admin, periode, layanan):
    other_admin = admin_of(UnitFactory(instansi=unit.instansi))
    with pytest.raises(PermissionDenied):
        services.periode_create(
            unit=unit, jenis=JenisPeriode.TAHUN, tahun=2025, ke=1, populasi=5, oleh=other_admin
        )
    with pytest.raises(PermissionDenied):
        services.periode_transisi(periode=periode, langkah="akhiri", oleh=other_admin)
    with pytest.raises(PermissionDenied):
        services.jawaban_kertas_batch(periode=periode, layanan=layanan, baris=[JAWABAN], oleh=other_admin)
    with pytest.raises(PermissionDenied):
        services.periode_update(periode=periode, populasi=5, layanan=[], teknik_sampling="", oleh=other_admin)


def test_one_running_period_per_unit(unit, admin, periode):
    other = services.periode_create(
        unit=unit, jenis=JenisPeriode.TRIWULAN, tahun=2025, ke=1, populasi=9, oleh=admin
    )
    with pytest.raises(ValidationError, match="masih berjalan"):
        services.periode_transisi(periode=other, langkah="mulai", oleh=admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        PeriodeSKM.objects.filter(pk=other.pk).update(status=StatusPeriode.BERJALAN)


def test_transitions_and_publication(unit, admin, periode, layanan):
    with pytest.raises(ValidationError):
        services.periode_transisi(periode=periode, langkah="mulai", oleh=admin)  # already running
    with pytest.raises(ValidationError, match="Akhiri"):
        services.periode_publish(periode=periode, oleh=admin)
    isi(periode, layanan, [(4,) * 9, (3,) * 9])
    live = ikm.hasil_periode(periode).unit
    periode = services.periode_transisi(periode=periode, langkah="akhiri", oleh=admin)
    periode = services.periode_transisi(periode=periode, langkah="buka_lagi", oleh=admin)
    periode = services.periode_transisi(periode=periode, langkah="akhiri", oleh=admin)
    periode = services.periode_publish(periode=periode, oleh=admin)
    assert periode.diterbitkan
    assert periode.diterbitkan_pada
    ringkasan = RingkasanSKM.objects.get(periode=periode)
    assert (ringkasan.jumlah, ringkasan.s1, ringkasan.s9) == (2, 7, 7)
    assert ikm.hasil_periode(periode).unit.ikm == live.ikm == Decimal("87.50")
    # Published means final.
    with pytest.raises(ValidationError):
        services.periode_publish(periode=periode, oleh=admin)
    with pytest.raises(ValidationError):
        services.periode_transisi(periode=periode, langkah="buka_lagi", oleh=admin)
    with pytest.raises(ValidationError):
        services.periode_update(periode=periode, populasi=5, layanan=[], teknik_sampling="", oleh=admin)
    with pytest.raises(ValidationError):
        services.jawaban_kertas_batch(periode=periode, layanan=layanan, baris=[JAWABAN], oleh=admin)


def test_a_period_without_answers_cannot_be_published(periode, admin):
    periode = services.periode_transisi(periode=periode, langkah="akhiri", oleh=admin)
    with pytest.raises(ValidationError, match="Belum ada jawaban"):
        services.periode_publish(periode=periode, oleh=admin)


def test_a_service_with_answers_stays_in_the_period(unit, admin, periode, layanan):
    other = LayananFactory(unit=unit)
    isi(periode, layanan, [(3,) * 9])
    with pytest.raises(ValidationError):
        services.periode_update(periode=periode, populasi=50, layanan=[other], teknik_sampling="", oleh=admin)
    services.periode_update(
        periode=periode, populasi=50, layanan=[layanan, other], teknik_sampling="", oleh=admin
    )
    periode.refresh_from_db()
    assert periode.populasi == 50


# --- online responses -------------------------------------------------------------------------


def test_online_response(periode, layanan):
    j = services.jawaban_online_create(
        periode=periode,
        layanan=layanan,
        data={**JAWABAN, "usia": "30-39"},
        ip="10.0.0.1",
        sudah_mengisi=False,
    )
    assert j.kanal == Kanal.ONLINE
    assert j.dimasukkan_oleh is None
    assert j.nilai == (4, 3, 3, 4, 3, 4, 4, 3, 3)


def test_one_response_per_visit(periode, layanan):
    with pytest.raises(ValidationError) as exc:
        services.jawaban_online_create(
            periode=periode, layanan=layanan, data=JAWABAN, ip="10.0.0.1", sudah_mengisi=True
        )
    assert exc.value.code == "sudah_mengisi"
    assert not JawabanSKM.objects.exists()


def test_responses_are_rate_limited_per_address(settings, periode, layanan):
    settings.SKM_BATAS_PER_ALAMAT = (3, 3600)
    for _ in range(3):
        services.jawaban_online_create(
            periode=periode, layanan=layanan, data=JAWABAN, ip="10.0.0.9", sudah_mengisi=False
        )
    with pytest.raises(RateLimited):
        services.jawaban_online_create(
            periode=periode, layanan=layanan, data=JAWABAN, ip="10.0.0.9", sudah_mengisi=False
        )
    services.jawaban_online_create(
        periode=periode, layanan=layanan, data=JAWABAN, ip="10.0.0.10", sudah_mengisi=False
    )
    assert JawabanSKM.objects.count() == 4


def test_closed_or_uncovered_periods_refuse_online_answers(unit, admin, periode, layanan):
    not_covered = LayananFactory(unit=unit)
    services.periode_update(periode=periode, populasi=10, layanan=[layanan], teknik_sampling="", oleh=admin)
    periode.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.jawaban_online_create(
            periode=periode, layanan=not_covered, data=JAWABAN, ip="1", sudah_mengisi=False
        )
    assert exc.value.code == "tutup"
    periode = services.periode_transisi(periode=periode, langkah="akhiri", oleh=admin)
    with pytest.raises(ValidationError):
        services.jawaban_online_create(
            periode=periode, layanan=layanan, data=JAWABAN, ip="1", sudah_mengisi=False
        )


def test_answers_outside_1_to_4_are_refused(periode, layanan):
    with pytest.raises(ValidationError):
        services.jawaban_online_create(
            periode=periode, layanan=layanan, data={**JAWABAN, "u5": 5}, ip="1", sudah_mengisi=False
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        JawabanSKM.objects.create(periode=periode, layanan=layanan, **{**JAWABAN, "u1": 0})


# --- paper batch and CSV ----------------------------------------------------------------------


def test_paper_batch_saves_every_row(periode, layanan, admin):
    rows = [
        JAWABAN,
        {**JAWABAN, "u3": 1, "jenis_kelamin": "P", "saran": "Lebih cepat", "nomor_lembar": "K-2"},
    ]
    assert services.jawaban_kertas_batch(periode=periode, layanan=layanan, baris=rows, oleh=admin) == 2
    saved = list(JawabanSKM.objects.order_by("pk"))
    assert [j.kanal for j in saved] == [Kanal.KERTAS, Kanal.KERTAS]
    assert all(j.dimasukkan_oleh == admin for j in saved)
    assert saved[1].u3 == 1
    assert saved[1].saran == "Lebih cepat"
    assert JejakAudit.objects.filter(aksi="skm.jawaban_kertas", data__jumlah=2).exists()


def test_paper_batch_is_all_or_nothing(periode, layanan, admin):
    rows = [JAWABAN, {**JAWABAN, "u2": 7}, JAWABAN]
    with pytest.raises(services.ImporGagal) as exc:
        services.jawaban_kertas_batch(periode=periode, layanan=layanan, baris=rows, oleh=admin)
    assert [(g.baris, g.kolom) for g in exc.value.galat] == [(2, "u2")]
    assert not JawabanSKM.objects.exists()


def test_paper_entry_needs_a_started_period(unit, admin, layanan):
    draf = services.periode_create(
        unit=unit, jenis=JenisPeriode.TAHUN, tahun=2025, ke=1, populasi=5, oleh=admin
    )
    with pytest.raises(ValidationError, match="Mulai"):
        services.jawaban_kertas_batch(periode=draf, layanan=layanan, baris=[JAWABAN], oleh=admin)


CSV_OK = (
    "layanan;u1;u2;u3;u4;u5;u6;u7;u8;u9;usia;jenis_kelamin;pendidikan;pekerjaan;saran;nomor_lembar\n"
    "Akta Kelahiran;4;3;3;4;3;4;4;3;3;30-39;P;SMA/sederajat;wirausaha;Antrean lama;K-1\n"
    "akta-kelahiran;3;3;2;4;3;3;4;3;2;;;;;;K-2\n"
    ";;;;;;;;;;;;;;;\n"
)


def test_csv_import(periode, layanan, admin):
    layanan.slug = "akta-kelahiran"
    layanan.save()
    assert services.jawaban_impor_csv(periode=periode, berkas=CSV_OK.encode(), oleh=admin) == 2
    first = JawabanSKM.objects.order_by("pk").first()
    assert (first.pendidikan, first.jenis_kelamin, first.nomor_lembar) == ("sma", "P", "K-1")
    assert first.kanal == Kanal.KERTAS


def test_csv_import_reports_each_row_and_saves_nothing(periode, layanan, admin):
    berkas = (
        b"layanan,u1,u2,u3,u4,u5,u6,u7,u8,u9,usia\n"
        b"Akta Kelahiran,4,3,3,4,3,4,4,3,3,30-39\n"
        b"Akta Kelahiran,4,3,5,4,3,4,4,3,,\n"
        b"Layanan Lain,4,3,3,4,3,4,4,3,3,tua\n"
        b"Akta Kelahiran,4,3,3,4,3,4,4,3,3\n"
    )
    with pytest.raises(services.ImporGagal) as exc:
        services.jawaban_impor_csv(periode=periode, berkas=berkas, oleh=admin)
    assert [(g.baris, g.kolom) for g in exc.value.galat] == [
        (3, "u3"),
        (3, "u9"),
        (4, "layanan"),
        (4, "usia"),
    ]
    assert not JawabanSKM.objects.exists()


def test_csv_import_checks_the_header(periode, admin):
    with pytest.raises(services.ImporGagal) as exc:
        services.jawaban_impor_csv(periode=periode, berkas=b"layanan,u1,u2,u10\nx,1,2,3\n", oleh=admin)
    kolom = [g.kolom for g in exc.value.galat]
    assert kolom[0] == "u10"
    assert "u3" in kolom[1]


def test_csv_default_service_and_the_example_file(periode, layanan, admin):
    contoh = services.contoh_csv(periode)
    assert contoh.splitlines()[0] == ",".join(services.KOLOM_CSV)
    assert services.jawaban_impor_csv(periode=periode, berkas=contoh.encode("utf-8-sig"), oleh=admin) == 2
    tanpa_layanan = b"u1,u2,u3,u4,u5,u6,u7,u8,u9\n4,4,4,4,4,4,4,4,4\n"
    with pytest.raises(services.ImporGagal):
        services.jawaban_impor_csv(periode=periode, berkas=tanpa_layanan, oleh=admin)
    assert (
        services.jawaban_impor_csv(periode=periode, berkas=tanpa_layanan, oleh=admin, layanan_default=layanan)
        == 1
    )


# --- follow-ups -------------------------------------------------------------------------------


def test_follow_ups_address_the_weakest_unsur(periode, layanan, admin):
    # U3 is weakest (NRR 2), U8 is below "Baik" too (NRR 3 -> 75.00 < 76.61), the rest are 4.
    isi(periode, layanan, [(4, 4, 2, 4, 4, 4, 4, 3, 4)] * 6)
    hasil = ikm.hasil_periode(periode).unit
    perlu = services.unsur_perlu_tindak_lanjut(hasil)
    assert [n.unsur.kode for n in perlu] == ["U3", "U8"]
    rtl = services.rtl_create(
        periode=periode,
        unsur_kode="U3",
        tindakan="Tambah loket",
        penanggung_jawab="Kepala Bidang",
        batas_waktu=timezone.localdate() + timedelta(days=30),
        oleh=admin,
    )
    assert rtl.status == StatusTindakLanjut.DIRENCANAKAN
    assert not rtl.terlambat
    rtl = services.rtl_update(rtl=rtl, status=StatusTindakLanjut.DIKERJAKAN, oleh=admin)
    rtl = services.rtl_update(
        rtl=rtl, status=StatusTindakLanjut.SELESAI, catatan="Loket 5 dibuka", oleh=admin
    )
    assert rtl.selesai_pada == timezone.localdate()
    with pytest.raises(ValidationError):
        services.rtl_update(rtl=rtl, status=StatusTindakLanjut.DIKERJAKAN, oleh=admin)
    other = admin_of(UnitFactory())
    with pytest.raises(PermissionDenied):
        services.rtl_update(rtl=rtl, status=StatusTindakLanjut.SELESAI, oleh=other)


def test_follow_up_needs_results_and_a_real_date(periode, layanan, admin):
    with pytest.raises(ValidationError, match="Belum ada hasil"):
        services.rtl_create(
            periode=periode,
            unsur_kode="U1",
            tindakan="x",
            penanggung_jawab="y",
            batas_waktu=date(2027, 1, 1),
            oleh=admin,
        )
    isi(periode, layanan, [(3,) * 9])
    with pytest.raises(ValidationError):
        services.rtl_create(
            periode=periode,
            unsur_kode="U10",
            tindakan="x",
            penanggung_jawab="y",
            batas_waktu=date(2027, 1, 1),
            oleh=admin,
        )
    rtl = services.rtl_create(
        periode=periode,
        unsur_kode="U1",
        tindakan="x",
        penanggung_jawab="y",
        batas_waktu=date(2027, 1, 1),
        oleh=admin,
    )
    with pytest.raises(ValidationError):
        services.rtl_update(
            rtl=rtl,
            status=StatusTindakLanjut.SELESAI,
            selesai_pada=timezone.localdate() + timedelta(days=1),
            oleh=admin,
        )


# --- review flags on standard components ---------------------------------------------------------


def _mapped(kode):
    """The registry's components measured by an unsur (read from the registry)."""
    return [k.kunci for k in komponen.KOMPONEN if k.unsur_skm == kode]


def test_an_unsur_below_expectation_flags_its_components(periode, layanan):
    # U3 low (NRR 2 -> 50.00); everything else 4.
    isi(periode, layanan, [(4, 4, 2, 4, 4, 4, 4, 4, 4)] * 5)
    hasil = ikm.hasil_periode(periode)
    tanda = tinjauan.tanda_periode(hasil, [layanan])
    assert len(tanda) == 1
    assert tanda[0].layanan == layanan
    assert [t.komponen.kunci for t in tanda[0].tanda] == _mapped("U3")
    assert tanda[0].tanda[0].nilai.konversi == Decimal("50.00")
    assert tanda[0].versi is None  # the service has no published standard yet


def test_every_mapped_unsur_can_flag_its_component(periode, layanan):
    # All answers 1: every component that the registry maps to an unsur is flagged, and
    # only those (the others have no unsur to be measured by).
    isi(periode, layanan, [(1,) * 9] * 5)
    tanda = tinjauan.komponen_di_bawah_harapan(ikm.hasil_periode(periode).per_layanan[layanan.pk])
    assert [t.komponen.kunci for t in tanda] == [k.kunci for k in komponen.KOMPONEN if k.unsur_skm]


def test_component_expectations_are_settings(settings, periode, layanan):
    # NRR 3.5 everywhere -> 87.50: above the default expectation (76.61) ...
    isi(periode, layanan, [(4,) * 9, (3,) * 9] * 3)
    hasil = ikm.hasil_periode(periode).per_layanan[layanan.pk]
    assert tinjauan.komponen_di_bawah_harapan(hasil) == []
    # ... but below an expectation of 88.31 set for the fees.
    settings.SKM_HARAPAN_KOMPONEN = {"biaya": "88.31"}
    assert [t.komponen.kunci for t in tinjauan.komponen_di_bawah_harapan(hasil)] == ["biaya"]
    # Too few respondents flag nothing.
    settings.SKM_TANDAI_MIN_RESPONDEN = 7
    assert tinjauan.komponen_di_bawah_harapan(hasil) == []


def test_flag_links_the_published_standard(unit, admin):
    from tests.standar.helpers import standar_terbit

    layanan = LayananFactory(unit=unit)
    versi, _a, _k = standar_terbit(layanan)
    periode = periode_berjalan(unit, admin)
    isi(periode, layanan, [(4, 4, 4, 1, 4, 4, 4, 4, 4)] * 5)
    tanda = tinjauan.tanda_periode(ikm.hasil_periode(periode), [layanan])
    assert tanda[0].versi == versi
    assert [t.komponen.kunci for t in tanda[0].tanda] == _mapped("U4")
