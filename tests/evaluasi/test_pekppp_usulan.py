"""The portal's PEKPPP proposals (evaluasi.pekppp_usulan): each indicator's rubric level from
the portal's evidence, and the words that say what the portal cannot know."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from evaluasi import pekppp_usulan
from evaluasi import services as skm_services
from evaluasi.choices import JenisPeriode, StatusTindakLanjut
from evaluasi.models import IndikatorPEKPPP, PeriodeSKM, RencanaTindakLanjut
from standar import maklumat as maklumat_services
from standar import services
from standar.models import EvaluasiPenerapan, Maklumat, VersiStandar
from tests.evaluasi.helpers import admin_of, isi
from tests.evaluasi.helpers_kepatuhan import pada, standar_dengan_fkp
from tests.factories import LayananFactory, UnitFactory
from tests.standar.helpers import isi_lengkap, sampai, staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

TAHUN = 2026


def usul(unit, kunci, **kwargs) -> pekppp_usulan.Usulan:
    return pekppp_usulan.usulan(unit, TAHUN, **kwargs)[kunci]


def test_keys_are_those_of_the_indicators_and_scores_are_0_to_5():
    unit = LayananFactory().unit
    hasil = pekppp_usulan.usulan(unit, TAHUN)
    kunci = set(IndikatorPEKPPP.objects.exclude(usulan="").values_list("usulan", flat=True))
    assert set(hasil) == kunci == set(pekppp_usulan.USULAN)
    for u in hasil.values():
        assert isinstance(u.skor, int)
        assert 0 <= u.skor <= 5
        assert u.dasar
    with pytest.raises(FrozenInstanceError):
        hasil["sp_tersedia"].skor = 5


def test_constant_queries(django_assert_num_queries):
    versi, _a, _k = standar_terbit()
    unit = versi.standar.layanan.unit
    _periode(unit, admin_of(unit), terbit=True)
    # Unit; services, versions, components, rounds, categories; maklumat drafts, first
    # decrees, deadlines' holidays, maklumat published; survey periods; their follow-ups.
    with django_assert_num_queries(12):
        pekppp_usulan.usulan(unit, TAHUN)
    for _i in range(3):
        LayananFactory(unit=unit)
        _a2, _k2, _x = standar_terbit(LayananFactory(unit=unit))
    with django_assert_num_queries(12):
        pekppp_usulan.usulan(unit, TAHUN)


# --- 1. sp_tersedia -----------------------------------------------------------------------------


def test_sp_tersedia_levels():
    layanan = LayananFactory()
    unit = layanan.unit
    assert usul(UnitFactory(), "sp_tersedia").skor == 0  # no service at all
    assert usul(unit, "sp_tersedia").skor == 0  # a service without a standard
    admin, kepala = staf_unit(unit)
    draf = services.versi_draft_create(layanan=layanan, oleh=admin)
    assert usul(unit, "sp_tersedia").skor == 1
    isi_lengkap(draf, admin)
    assert usul(unit, "sp_tersedia").skor == 2
    versi = sampai(draf, "terbit", admin, kepala)  # a round nobody took part in
    assert usul(unit, "sp_tersedia").skor == 3
    EvaluasiPenerapan.objects.create(
        versi=versi, tanggal=date(2026, 6, 1), kesimpulan="sesuai", ringkasan="Sesuai.", dicatat_oleh=admin
    )
    assert usul(unit, "sp_tersedia").skor == 3  # evaluated, but the public was not involved

    lain, _a, _k = standar_dengan_fkp(LayananFactory())
    unit2 = lain.standar.layanan.unit
    assert usul(unit2, "sp_tersedia").skor == 4
    EvaluasiPenerapan.objects.create(
        versi=lain, tanggal=date(2026, 6, 1), kesimpulan="sesuai", ringkasan="Sesuai.", dicatat_oleh=_a
    )
    u = usul(unit2, "sp_tersedia")
    assert u.skor == 5
    assert "1 juga sudah dievaluasi" in u.dasar
    LayananFactory(unit=unit2)  # the weakest service sets the score
    assert usul(unit2, "sp_tersedia").skor == 0


# --- 2. sp_partisipasi --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kategori", "skor"),
    [
        (("masyarakat", "ahli", "oms"), 3),
        (("masyarakat", "tokoh", "usaha"), 1),  # all "masyarakat" in PEKPPP's five elements
        (("masyarakat", "ahli", "instansi", "oms"), 4),
        (("masyarakat", "ahli", "instansi", "oms", "media"), 5),
    ],
)
def test_sp_partisipasi(kategori, skor):
    versi, _a, _k = standar_dengan_fkp(LayananFactory(), kategori=kategori)
    u = usul(versi.standar.layanan.unit, "sp_partisipasi")
    assert u.skor == skor
    assert "berita acara" in u.dasar


def test_sp_partisipasi_without_a_standard_or_participants():
    assert usul(LayananFactory().unit, "sp_partisipasi").skor == 0
    versi, _a, _k = standar_terbit()
    assert usul(versi.standar.layanan.unit, "sp_partisipasi").skor == 0


# --- 3. sd_publikasi ----------------------------------------------------------------------------


def test_sd_publikasi_counts_the_portal_as_one_medium():
    u = usul(LayananFactory().unit, "sd_publikasi")
    assert u.skor == 0
    versi, _a, _k = standar_terbit()
    u = usul(versi.standar.layanan.unit, "sd_publikasi")
    assert u.skor == 1
    assert "SIPP Nasional" in u.dasar
    assert "satu media publikasi" in u.dasar


# --- 4. sp_peninjauan ---------------------------------------------------------------------------


def _berlaku(versi, tanggal: date):
    VersiStandar.objects.filter(pk=versi.pk).update(berlaku_mulai=tanggal, diterbitkan_pada=pada(tanggal))


def test_sp_peninjauan_levels():
    a, admin, _k = standar_terbit()
    unit = a.standar.layanan.unit
    b, _admin_b, _k = standar_terbit(LayananFactory(unit=unit))
    _berlaku(a, date(2022, 1, 10))
    _berlaku(b, date(2022, 1, 10))
    hari = timezone.localdate()

    def evaluasi(versi, tanggal):
        EvaluasiPenerapan.objects.create(
            versi=versi, tanggal=tanggal, kesimpulan="sesuai", ringkasan="Sesuai.", dicatat_oleh=admin
        )

    assert usul(unit, "sp_peninjauan").skor == 0  # never evaluated or reviewed
    evaluasi(a, hari - relativedelta(years=2, months=6))
    evaluasi(b, hari - relativedelta(years=2, months=6))
    assert usul(unit, "sp_peninjauan").skor == 1  # within 3 years, both
    evaluasi(a, hari - relativedelta(months=18))
    assert usul(unit, "sp_peninjauan").skor == 2  # every 2 years for some
    evaluasi(b, hari - relativedelta(months=18))
    assert usul(unit, "sp_peninjauan").skor == 3  # every 2 years for all
    evaluasi(a, hari - relativedelta(months=2))
    assert usul(unit, "sp_peninjauan").skor == 4  # yearly for some
    evaluasi(b, hari - relativedelta(months=2))
    u = usul(unit, "sp_peninjauan")
    assert u.skor == 5
    assert "1 tahun terakhir: 2" in u.dasar


def test_sp_peninjauan_counts_a_new_version_as_a_review():
    layanan = LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    v1 = sampai(
        isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin), "terbit", admin, kepala
    )
    assert usul(layanan.unit, "sp_peninjauan").skor == 0
    v2 = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    assert v2.revisi_dari == v1
    sampai(v2, "terbit", admin, kepala, sk_nomor="100/2/2026")
    assert usul(layanan.unit, "sp_peninjauan").skor == 5


# --- 5. maklumat_siklus -------------------------------------------------------------------------


def _maklumat(unit, admin, teks=None):
    return maklumat_services.maklumat_draft_create(
        unit=unit,
        data={
            "teks": teks or str(maklumat_services.TEKS_BAKU),
            "tempat": "Sukamaju",
            "tanggal": date(2026, 3, 1),
            "penandatangan_nama": "Kepala",
            "penandatangan_jabatan": "Kepala Dinas",
            "penandatangan_nip": "",
        },
        oleh=admin,
    )


def test_maklumat_siklus_levels():
    versi, admin, kepala = standar_terbit()
    unit = versi.standar.layanan.unit
    assert usul(unit, "maklumat_siklus").skor == 0
    m = _maklumat(unit, admin, teks="Kami siap melayani dengan sepenuh hati.")
    assert usul(unit, "maklumat_siklus").skor == 1
    maklumat_services.maklumat_decree(maklumat=m, oleh=kepala)
    u = usul(unit, "maklumat_siklus")
    assert u.skor == 2
    assert "ketiga pernyataan wajib" in u.dasar
    Maklumat.objects.filter(pk=m.pk).update(teks=str(maklumat_services.TEKS_BAKU))
    u = usul(unit, "maklumat_siklus")
    assert u.skor == 3
    assert "belum terbit" in u.dasar
    maklumat_services.maklumat_publish(maklumat=m, oleh=kepala)
    u = usul(unit, "maklumat_siklus")
    assert u.skor == 3
    assert "non-elektronik" in u.dasar


def test_isi_maklumat_sesuai():
    assert pekppp_usulan.isi_maklumat_sesuai(str(maklumat_services.TEKS_BAKU))
    assert not pekppp_usulan.isi_maklumat_sesuai("Kami sanggup melayani dan siap menerima sanksi.")


# --- 6-9. the satisfaction survey ---------------------------------------------------------------


def _periode(unit, admin, *, ke=2, populasi=10, jawaban=10, akhiri=True, terbit=False) -> PeriodeSKM:
    layanan = unit.layanan_set.first() or LayananFactory(unit=unit)
    p = skm_services.periode_create(
        unit=unit, jenis=JenisPeriode.TRIWULAN, tahun=TAHUN, ke=ke, populasi=populasi, oleh=admin
    )
    p = skm_services.periode_transisi(periode=p, langkah="mulai", oleh=admin)
    isi(p, layanan, [(3,) * 9] * jawaban)
    if akhiri:
        p = skm_services.periode_transisi(periode=p, langkah="akhiri", oleh=admin)
    if terbit:
        p = skm_services.periode_publish(periode=p, oleh=admin)
    return p


def test_skm_sesuai_and_publikasi():
    unit = LayananFactory().unit
    admin = admin_of(unit)
    assert usul(unit, "skm_sesuai").skor == 0
    assert usul(unit, "skm_publikasi").skor == 0
    _periode(unit, admin, ke=1, jawaban=9)  # finished, short of the sample of 10
    assert usul(unit, "skm_sesuai").skor == 1
    p = _periode(unit, admin, ke=2, jawaban=10)
    u = usul(unit, "skm_sesuai")
    assert u.skor == 2
    assert "belum terbit" in u.dasar
    skm_services.periode_publish(periode=p, oleh=admin)
    u = usul(unit, "skm_sesuai")
    assert u.skor == 2
    assert "terbit di portal" in u.dasar
    u = usul(unit, "skm_publikasi")
    assert u.skor == 1
    assert "Triwulan II 2026" in u.dasar
    # Another year's periods do not count.
    assert pekppp_usulan.usulan(unit, 2025)["skm_publikasi"].skor == 0


def _rtl(periode, admin, status, selesai_pada=None):
    return RencanaTindakLanjut.objects.create(
        periode=periode,
        unsur="U3",
        tindakan="Menambah loket.",
        penanggung_jawab="Kabid",
        batas_waktu=date(2026, 12, 31),
        status=status,
        selesai_pada=selesai_pada,
        dibuat_oleh=admin,
    )


@pytest.mark.parametrize(
    ("selesai", "total", "skor"),
    [(0, 0, 0), (0, 3, 1), (1, 4, 2), (1, 2, 3), (5, 6, 4), (3, 3, 5)],
)
def test_skm_rtl_persen(selesai, total, skor):
    unit = LayananFactory().unit
    admin = admin_of(unit)
    p = _periode(unit, admin, terbit=True)
    hari = timezone.localdate()
    for i in range(total):
        if i < selesai:
            _rtl(p, admin, StatusTindakLanjut.SELESAI, hari)
        else:
            _rtl(p, admin, StatusTindakLanjut.DIKERJAKAN)
    assert usul(unit, "skm_rtl_persen").skor == skor


@pytest.mark.parametrize(
    ("bulan", "hari_tambah", "skor"),
    [(1, 0, 5), (1, 1, 4), (3, 0, 4), (6, 0, 3), (9, 0, 2), (12, 0, 1), (12, 1, 0)],
)
def test_skm_rtl_cepat(bulan, hari_tambah, skor):
    unit = LayananFactory().unit
    admin = admin_of(unit)
    p = _periode(unit, admin, terbit=True)
    terbit = date(2025, 10, 15)
    PeriodeSKM.objects.filter(pk=p.pk).update(diterbitkan_pada=pada(terbit))
    tuntas = terbit + relativedelta(months=bulan) + timedelta(days=hari_tambah)
    _rtl(p, admin, StatusTindakLanjut.SELESAI, terbit + timedelta(days=3))
    _rtl(p, admin, StatusTindakLanjut.SELESAI, tuntas)
    assert usul(unit, "skm_rtl_cepat").skor == skor


def test_skm_rtl_cepat_not_all_done_or_nothing_to_judge():
    unit = LayananFactory().unit
    admin = admin_of(unit)
    assert usul(unit, "skm_rtl_cepat").skor == 0
    p = _periode(unit, admin, terbit=True)
    _rtl(p, admin, StatusTindakLanjut.SELESAI, timezone.localdate())
    assert usul(unit, "skm_rtl_cepat").skor == 5
    _rtl(p, admin, StatusTindakLanjut.DIKERJAKAN)
    u = usul(unit, "skm_rtl_cepat")
    assert u.skor == 0
    assert "belum seluruhnya" in u.dasar


def test_proposals_as_of_a_day():
    versi, _a, _k = standar_terbit()
    unit = versi.standar.layanan.unit
    VersiStandar.objects.filter(pk=versi.pk).update(diterbitkan_pada=pada(date(2026, 6, 1)))
    assert pekppp_usulan.usulan(unit, TAHUN, hari=date(2026, 5, 1))["sd_publikasi"].skor == 0
    assert pekppp_usulan.usulan(unit, TAHUN, hari=date(2026, 7, 1))["sd_publikasi"].skor == 1
