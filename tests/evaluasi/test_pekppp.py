"""PEKPPP rules (evaluasi.pekppp): the IPP on hand-computed cases, categories and their
boundaries, the services (proposals, overrides with reasons, evidence, finalisation,
immutability) and who may do what."""

from __future__ import annotations

from collections import namedtuple
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from evaluasi import pekppp
from evaluasi.choices import StatusPenilaianPEKPPP
from evaluasi.models import AspekPEKPPP, IndikatorPEKPPP, KategoriIPP, PenilaianPEKPPP, SkorIndikator
from pelayanan.choices import Peran
from pelayanan.models import JejakAudit, Notifikasi
from tests.factories import UnitFactory, grant, user_factory

pytestmark = pytest.mark.django_db

Usulan = namedtuple("Usulan", "skor dasar")  # the shape of evaluasi.pekppp_usulan.Usulan
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, format="PNG")
    return out.getvalue()


# The hand-computed case (seed weights, law.md §4.2). Scores by indicator number:
HAND = {
    **dict.fromkeys(range(1, 10), 4),  # I: every indicator 4
    **dict(zip(range(10, 15), (5, 3, 4, 2, 5), strict=True)),  # II
    **dict(zip(range(15, 21), (3, 4, 5, 1, 0, 2), strict=True)),  # III
    **dict(zip(range(21, 25), (5, 5, 3, 4), strict=True)),  # IV
    **dict(zip(range(25, 29), (2, 3, 4, 5), strict=True)),  # V
    29: 1,  # VI
    30: 2,
}
# I   = 4/5 × (17+14+7+14+10+17+7+7+7)=4/5 × 100                                  = 80
# II  = 5/5×10 + 3/5×20 + 4/5×20 + 2/5×20 + 5/5×30 = 10 + 12 + 16 + 8 + 30          = 76
# III = 3/5×15 + 4/5×23 + 5/5×20 + 1/5×20 + 0/5×11 + 2/5×11 = 9+18.4+20+4+0+4.4     = 55.8
# IV  = 5/5×30 + 5/5×20 + 3/5×20 + 4/5×30 = 30 + 20 + 12 + 24                       = 86
# V   = 2/5×20 + 3/5×25 + 4/5×25 + 5/5×30 = 8 + 15 + 20 + 30                        = 73
# VI  = 1/5×50 + 2/5×50 = 10 + 20                                                   = 30
# IPP% = 80×24% + 76×25% + 55.8×18% + 86×11% + 73×10% + 30×12%
#      = 19.2 + 19 + 10.044 + 9.46 + 7.3 + 3.6 = 68.604          -> 68.60
# IPP  = 68.604 × 5 / 100 = 3.4302                                -> 3.43, category B- (3.01–3.50)
HAND_ASPEK = {
    "I": ("80.00", "19.20"),
    "II": ("76.00", "19.00"),
    "III": ("55.80", "10.04"),
    "IV": ("86.00", "9.46"),
    "V": ("73.00", "7.30"),
    "VI": ("30.00", "3.60"),
}


def ids(by_nomor: dict[int, int | None]) -> dict[int, int | None]:
    """{indicator number: score} -> {indicator id: score}."""
    pk = dict(IndikatorPEKPPP.objects.values_list("nomor", "pk"))
    return {pk[n]: s for n, s in by_nomor.items()}


def semua(skor: int) -> dict[int, int]:
    return dict.fromkeys(range(1, 31), skor)


@pytest.fixture
def unit():
    return UnitFactory(nama="Dinas Penanaman Modal Uji")


@pytest.fixture
def evaluator(unit):
    user = user_factory(email="evaluator@uji.example", nama_lengkap="Evaluator Uji")
    grant(user, Peran.EVALUATOR, instansi=unit.instansi)
    return user


@pytest.fixture
def usulan(monkeypatch):
    """Replace the portal's proposals with fixed ones (indicators 1, 2 and 6 only)."""
    data = {
        "sp_tersedia": Usulan(5, "Semua 3 layanan aktif memiliki standar pelayanan terbit."),
        "sp_partisipasi": Usulan(3, "Konsultasi publik dengan 2 kategori pemangku."),
        "skm_sesuai": Usulan(4, "SKM triwulan I dengan sampel memadai."),
        "kunci_tak_dikenal": Usulan(2, "diabaikan"),
    }
    calls = []

    def fake(unit, tahun):
        calls.append((unit.pk, tahun))
        return data

    monkeypatch.setattr(pekppp, "_usulan", fake)
    return calls


@pytest.fixture
def penilaian(unit, evaluator, usulan):
    return pekppp.penilaian_buat(unit=unit, tahun=timezone.localdate().year, oleh=evaluator)


def row(penilaian, nomor: int) -> SkorIndikator:
    return SkorIndikator.objects.select_related("indikator").get(penilaian=penilaian, indikator__nomor=nomor)


def isi_semua(penilaian, oleh, skor: dict[int, int]) -> None:
    """Score every indicator (a reason wherever the score overrides a proposal)."""
    rows = SkorIndikator.objects.filter(penilaian=penilaian).select_related("indikator")
    pekppp.skor_simpan_banyak(
        isian=[
            pekppp.IsianSkor(skor_row=r, skor=skor[r.indikator.nomor], alasan_beda="dicek di lapangan")
            for r in rows
        ],
        oleh=oleh,
    )


# --- the IPP ------------------------------------------------------------------------------------


def test_hand_computed_case():
    hasil = pekppp.hitung_ipp(ids(HAND))
    assert hasil.ipp_persen_tepat == Fraction("68.604")
    assert hasil.ipp_persen == Decimal("68.60")
    assert hasil.ipp_tepat == Fraction("3.4302")
    assert hasil.ipp == Decimal("3.43")
    assert hasil.kategori.kode == "B-"
    assert hasil.kategori.predikat == "Baik (Dengan Catatan)"
    assert hasil.lengkap
    assert {a.kode: (str(a.persen), str(a.kontribusi)) for a in hasil.aspek} == HAND_ASPEK


def test_all_five_is_5_and_category_a_all_zero_is_f():
    top = pekppp.hitung_ipp(ids(semua(5)))
    assert (top.ipp, top.ipp_persen, top.kategori.kode) == (Decimal("5.00"), Decimal("100.00"), "A")
    assert top.kategori.predikat == "Pelayanan Prima"
    bottom = pekppp.hitung_ipp(ids(semua(0)))
    assert (bottom.ipp, bottom.ipp_persen, bottom.kategori.kode) == (Decimal("0.00"), Decimal("0.00"), "F")


def test_rounding_is_half_up_and_only_at_the_end():
    # Found by search: exactly 3.005. Half up gives 3.01 (B-); banker's rounding would give
    # 3.00 (C). The category follows the rounded value.
    skor = {
        **dict(zip(range(1, 10), (4, 4, 3, 4, 3, 5, 2, 4, 1), strict=True)),
        **dict(zip(range(10, 15), (4, 5, 3, 3, 0), strict=True)),
        **dict(zip(range(15, 21), (3, 4, 5, 4, 5, 3), strict=True)),
        **dict(zip(range(21, 25), (1, 4, 4, 2), strict=True)),
        **dict(zip(range(25, 29), (0, 5, 2, 2), strict=True)),
        29: 3,
        30: 1,
    }
    hasil = pekppp.hitung_ipp(ids(skor))
    assert hasil.ipp_tepat == Fraction("3.005")
    assert hasil.ipp == Decimal("3.01")
    assert hasil.kategori.kode == "B-"
    # Exactly 4.505 -> 4.51, category A (not A-).
    skor = {
        **dict(zip(range(1, 10), (5, 4, 4, 4, 5, 4, 5, 4, 4), strict=True)),
        **dict(zip(range(10, 15), (5, 5, 4, 4, 5), strict=True)),
        **dict(zip(range(15, 21), (4, 5, 5, 5, 4, 4), strict=True)),
        **dict(zip(range(21, 25), (4, 5, 4, 5), strict=True)),
        **dict(zip(range(25, 29), (5, 5, 4, 4), strict=True)),
        29: 5,
        30: 4,
    }
    hasil = pekppp.hitung_ipp(ids(skor))
    assert hasil.ipp_tepat == Fraction("4.505")
    assert (hasil.ipp, hasil.kategori.kode) == (Decimal("4.51"), "A")


@pytest.mark.parametrize(
    ("ipp", "kode"),
    [
        ("5.00", "A"),
        ("4.51", "A"),
        ("4.50", "A-"),
        ("4.01", "A-"),
        ("4.00", "B"),
        ("3.51", "B"),
        ("3.50", "B-"),
        ("3.01", "B-"),
        ("3.00", "C"),
        ("2.51", "C"),
        ("2.50", "C-"),
        ("2.01", "C-"),
        ("2.00", "D"),
        ("1.51", "D"),
        ("1.50", "E"),
        ("1.01", "E"),
        ("1.00", "F"),
        ("0.00", "F"),
    ],
)
def test_category_boundaries(ipp, kode):
    assert pekppp.kategori_ipp(Decimal(ipp)).kode == kode
    assert pekppp.kategori_untuk(Decimal(ipp), list(KategoriIPP.objects.all())).kode == kode


def test_categories_are_data():
    # All 5 except indicator 1 (I, 17%) at 4: I = 100 - 17/5 = 96.6; IPP% = 96.6 × 24% + 100 × 76%
    # = 99.184; IPP = 4.9592 -> 4.96: A with the seed table, A- once A starts above 4.96.
    assert pekppp.hitung_ipp(ids({**semua(5), 1: 4})).ipp == Decimal("4.96")
    assert pekppp.hitung_ipp(ids({**semua(5), 1: 4})).kategori.kode == "A"
    KategoriIPP.objects.filter(kode="A").update(batas_bawah=Decimal("4.97"))
    assert pekppp.hitung_ipp(ids({**semua(5), 1: 4})).kategori.kode == "A-"
    KategoriIPP.objects.filter(kode="A").update(batas_bawah=Decimal("4.96"))
    assert pekppp.hitung_ipp(ids({**semua(5), 1: 4})).kategori.kode == "A"


def test_unscored_indicator_31_is_ignored():
    nomor_31 = IndikatorPEKPPP.objects.get(nomor=31)
    assert not nomor_31.dinilai
    base = pekppp.hitung_ipp(ids(HAND))
    for s in (0, 5):
        hasil = pekppp.hitung_ipp(ids({**HAND, 31: s}))
        assert (hasil.ipp_persen_tepat, hasil.lengkap) == (base.ipp_persen_tepat, True)
    assert "T" not in {a.kode for a in base.aspek}  # the 0% "informasi tambahan" is not shown


def test_missing_scores_count_zero_and_mark_incomplete():
    skor = dict(HAND)
    del skor[14]
    hasil = pekppp.hitung_ipp(ids(skor))
    assert not hasil.lengkap
    assert hasil.kurang == [14]
    # II loses 5/5 × 30 = 30 points: 76 -> 46; IPP% drops by 30 × 25% = 7.5 -> 61.104
    assert hasil.ipp_persen_tepat == Fraction("61.104")


def test_scores_out_of_range_are_an_error():
    with pytest.raises(ValueError, match="0–5"):
        pekppp.hitung_ipp(ids({**HAND, 3: 6}))


def test_weights_are_read_from_the_database():
    AspekPEKPPP.objects.filter(kode="I").update(bobot=Decimal("30"))
    AspekPEKPPP.objects.filter(kode="II").update(bobot=Decimal("19"))
    # I now 30%, II 19%: 80×30% + 76×19% instead of 80×24% + 76×25%: +4.8 - 4.56 = +0.24
    assert pekppp.hitung_ipp(ids(HAND)).ipp_persen_tepat == Fraction("68.844")


def test_weight_check():
    assert pekppp.periksa_bobot() == []
    AspekPEKPPP.objects.filter(kode="I").update(bobot=Decimal("25"))
    IndikatorPEKPPP.objects.filter(nomor=30).update(bobot=Decimal("40"))
    masalah = pekppp.periksa_bobot()
    assert len(masalah) == 2
    assert "101%" in masalah[0]
    assert "VI. Inovasi" in masalah[1]
    assert "90%" in masalah[1]


# --- starting an assessment ----------------------------------------------------------------------


def test_start_stores_the_portals_proposals(penilaian, usulan, unit):
    assert usulan == [(unit.pk, timezone.localdate().year)]
    assert penilaian.status == StatusPenilaianPEKPPP.DRAF
    rows = {r.indikator.nomor: r for r in penilaian.skor_set.select_related("indikator")}
    assert sorted(rows) == list(range(1, 31))  # every scored indicator, not 31
    assert (rows[1].usulan_skor, rows[1].usulan_dasar) == (
        5,
        "Semua 3 layanan aktif memiliki standar pelayanan terbit.",
    )
    assert rows[2].usulan_skor == 3
    assert rows[6].usulan_skor == 4
    assert rows[3].usulan_skor is None  # no proposal for it
    assert rows[10].usulan_skor is None  # aspect II has no proposals at all
    assert all(r.skor is None for r in rows.values())
    entry = JejakAudit.objects.get(aksi="pekppp.buat")
    assert entry.data["usulan"] == {"1": 5, "2": 3, "6": 4}


def test_start_uses_the_real_proposal_module(unit, evaluator):
    """evaluasi.pekppp_usulan (helper A) answers for every key it knows; its proposals land in
    the rows of the indicators that name them."""
    pekppp_usulan = pytest.importorskip("evaluasi.pekppp_usulan")
    from tests.factories import LayananFactory
    from tests.standar.helpers import standar_terbit

    standar_terbit(LayananFactory(unit=unit))  # a published standard: evidence for indicator 1
    tahun = timezone.localdate().year
    expected = pekppp_usulan.usulan(unit, tahun)
    penilaian = pekppp.penilaian_buat(unit=unit, tahun=tahun, oleh=evaluator)
    for r in penilaian.skor_set.select_related("indikator"):
        u = expected.get(r.indikator.usulan) if r.indikator.usulan else None
        assert r.usulan_skor == (u.skor if u else None)
        assert r.usulan_dasar == (u.dasar if u else "")
    sp_tersedia = row(penilaian, 1)
    assert sp_tersedia.usulan_skor >= 2  # every active service has all 14 components (rubric: 2+)
    assert sp_tersedia.usulan_dasar


def test_one_assessment_per_unit_and_year(penilaian, unit, evaluator):
    with pytest.raises(ValidationError, match="sudah ada"):
        pekppp.penilaian_buat(unit=unit, tahun=penilaian.tahun, oleh=evaluator)
    pekppp.penilaian_buat(unit=unit, tahun=penilaian.tahun - 1, oleh=evaluator)
    assert PenilaianPEKPPP.objects.filter(unit=unit).count() == 2


@pytest.mark.parametrize("geser", [1, -100])
def test_start_refuses_years_outside_the_range(unit, evaluator, usulan, geser):
    with pytest.raises(ValidationError):
        pekppp.penilaian_buat(unit=unit, tahun=timezone.localdate().year + geser, oleh=evaluator)
    assert not PenilaianPEKPPP.objects.exists()


# --- scores -----------------------------------------------------------------------------------------


def test_override_without_reason_is_refused(penilaian, evaluator):
    r = row(penilaian, 1)  # proposal 5
    with pytest.raises(ValidationError, match="berbeda dari usulan portal"):
        pekppp.skor_simpan(skor_row=r, skor=3, catatan="", bukti=None, alasan_beda="  ", oleh=evaluator)
    r.refresh_from_db()
    assert r.skor is None
    assert not JejakAudit.objects.filter(aksi="pekppp.skor").exists()


def test_override_with_reason_is_saved(penilaian, evaluator):
    r = pekppp.skor_simpan(
        skor_row=row(penilaian, 1),
        skor=3,
        catatan="Dua standar belum memuat biaya.",
        bukti=None,
        alasan_beda="Standar RSUD belum memuat komponen biaya.",
        oleh=evaluator,
    )
    r.refresh_from_db()
    assert (r.skor, r.usulan_skor) == (3, 5)
    assert r.alasan_beda == "Standar RSUD belum memuat komponen biaya."
    assert r.catatan == "Dua standar belum memuat biaya."
    entry = JejakAudit.objects.get(aksi="pekppp.skor")
    assert entry.data["indikator"] == 1
    assert (entry.data["skor"], entry.data["usulan_skor"]) == (3, 5)
    assert entry.aktor == evaluator


def test_agreeing_with_the_proposal_or_no_proposal_needs_no_reason(penilaian, evaluator):
    pekppp.skor_simpan(skor_row=row(penilaian, 1), skor=5, alasan_beda="tidak perlu", oleh=evaluator)
    pekppp.skor_simpan(skor_row=row(penilaian, 10), skor=2, oleh=evaluator)
    assert (row(penilaian, 1).skor, row(penilaian, 1).alasan_beda) == (5, "")
    assert row(penilaian, 10).skor == 2


@pytest.mark.parametrize("skor", [-1, 6, True, "3"])
def test_score_must_be_0_to_5(penilaian, evaluator, skor):
    with pytest.raises(ValidationError):
        pekppp.skor_simpan(skor_row=row(penilaian, 10), skor=skor, oleh=evaluator)
    assert row(penilaian, 10).skor is None


def test_evidence_is_checked_and_stored(penilaian, evaluator):
    bukti = SimpleUploadedFile("Bukti SK <tim>.pdf", PDF, content_type="application/pdf")
    r = pekppp.skor_simpan(skor_row=row(penilaian, 11), skor=4, bukti=bukti, oleh=evaluator)
    r.refresh_from_db()
    assert r.bukti.name.startswith(f"pekppp/{penilaian.pk}/{r.indikator_id}/")
    assert r.bukti.name.endswith(".pdf")
    assert "<" not in r.bukti.name
    with default_storage.open(r.bukti.name, "rb") as fh:
        assert fh.read() == PDF


def test_replacing_evidence_removes_the_old_file(penilaian, evaluator, django_capture_on_commit_callbacks):
    r = row(penilaian, 11)
    pekppp.skor_simpan(skor_row=r, skor=4, bukti=SimpleUploadedFile("a.pdf", PDF), oleh=evaluator)
    lama = row(penilaian, 11).bukti.name
    with django_capture_on_commit_callbacks(execute=True):
        pekppp.skor_simpan(skor_row=r, skor=4, bukti=SimpleUploadedFile("b.png", png()), oleh=evaluator)
    baru = row(penilaian, 11).bukti.name
    assert baru.endswith(".png")
    assert not default_storage.exists(lama)
    assert default_storage.exists(baru)
    # Saving without a new file keeps the current one.
    pekppp.skor_simpan(skor_row=r, skor=3, catatan="x", bukti=None, oleh=evaluator)
    assert row(penilaian, 11).bukti.name == baru


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("bukti.pdf", b"<html><script>alert(1)</script></html>", "bukan PDF atau gambar"),
        ("foto.png", b"\x89PNG\r\n\x1a\nrusak", "rusak"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_bad_upload_is_refused_and_nothing_is_saved(penilaian, evaluator, nama, isi, pesan):
    """Two rows in one save: the good one is not saved either, and no file is written."""
    baik = pekppp.IsianSkor(skor_row=row(penilaian, 10), skor=4, bukti=SimpleUploadedFile("ok.pdf", PDF))
    buruk = pekppp.IsianSkor(skor_row=row(penilaian, 11), skor=2, bukti=SimpleUploadedFile(nama, isi))
    with pytest.raises(pekppp.SkorGagal) as exc:
        pekppp.skor_simpan_banyak(isian=[baik, buruk], oleh=evaluator)
    assert list(exc.value.galat) == [buruk.skor_row.pk]
    assert pesan in exc.value.galat[buruk.skor_row.pk][0]
    assert SkorIndikator.objects.filter(penilaian=penilaian, skor__isnull=False).count() == 0
    assert SkorIndikator.objects.filter(penilaian=penilaian).exclude(bukti="").count() == 0
    assert not default_storage.exists(f"pekppp/{penilaian.pk}")
    assert not JejakAudit.objects.filter(aksi="pekppp.skor").exists()


def test_too_large_upload_is_refused(penilaian, evaluator, monkeypatch):
    monkeypatch.setattr(pekppp, "BUKTI_MAKS_BYTE", len(PDF) - 1)
    with pytest.raises(ValidationError, match="terlalu besar"):
        pekppp.skor_simpan(
            skor_row=row(penilaian, 10), skor=4, bukti=SimpleUploadedFile("a.pdf", PDF), oleh=evaluator
        )
    assert row(penilaian, 10).skor is None


# --- finalising and immutability -------------------------------------------------------------------


def test_final_computes_and_stores_the_result(penilaian, evaluator, unit):
    kepala = user_factory(email="kepala@uji.example")
    grant(kepala, Peran.KEPALA_UNIT, unit=unit)
    isi_semua(penilaian, evaluator, HAND)
    penilaian = pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    penilaian.refresh_from_db()
    assert penilaian.status == StatusPenilaianPEKPPP.FINAL
    assert (penilaian.ipp, penilaian.ipp_persen, penilaian.kategori) == (
        Decimal("3.43"),
        Decimal("68.60"),
        "B-",
    )
    assert penilaian.difinalkan_pada is not None
    rincian = pekppp.rincian_final(penilaian)
    assert (rincian["ipp"], rincian["kategori"], rincian["predikat"]) == (
        "3.43",
        "B-",
        "Baik (Dengan Catatan)",
    )
    assert {a["kode"]: (a["persen"], a["kontribusi"]) for a in rincian["aspek"]} == HAND_ASPEK
    assert Notifikasi.objects.filter(pengguna=kepala, judul__contains="3,43").exists()


def test_final_keeps_its_breakdown_when_weights_change_later(penilaian, evaluator):
    isi_semua(penilaian, evaluator, HAND)
    penilaian = pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    AspekPEKPPP.objects.filter(kode="I").update(bobot=Decimal("30"))
    rincian = pekppp.rincian_final(penilaian)
    assert next(a for a in rincian["aspek"] if a["kode"] == "I")["bobot"] == "24.00"
    assert rincian["ipp"] == "3.43"


def test_final_needs_every_indicator_scored(penilaian, evaluator):
    skor = dict(HAND)
    skor[14] = None
    skor[29] = None
    isi_semua(penilaian, evaluator, skor)
    with pytest.raises(ValidationError, match="14, 29"):
        pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    penilaian.refresh_from_db()
    assert penilaian.status == StatusPenilaianPEKPPP.DRAF


def test_final_refuses_weights_that_do_not_add_up(penilaian, evaluator):
    isi_semua(penilaian, evaluator, HAND)
    IndikatorPEKPPP.objects.filter(nomor=29).update(bobot=Decimal("60"))
    with pytest.raises(ValidationError, match="110%"):
        pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)


def test_a_final_assessment_never_changes(penilaian, evaluator):
    isi_semua(penilaian, evaluator, HAND)
    pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    with pytest.raises(ValidationError, match="sudah final"):
        pekppp.skor_simpan(skor_row=row(penilaian, 10), skor=0, oleh=evaluator)
    with pytest.raises(ValidationError, match="sudah final"):
        pekppp.penilaian_final(penilaian=penilaian, oleh=evaluator)
    with pytest.raises(ValidationError, match="sudah ada"):
        pekppp.penilaian_buat(unit=penilaian.unit, tahun=penilaian.tahun, oleh=evaluator)
    assert row(penilaian, 10).skor == 5
    assert JejakAudit.objects.filter(aksi="pekppp.final").count() == 1


def test_the_database_refuses_a_final_without_index(penilaian):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PenilaianPEKPPP.objects.filter(pk=penilaian.pk).update(status=StatusPenilaianPEKPPP.FINAL)


# --- who may ----------------------------------------------------------------------------------------


def test_evaluator_of_another_instansi_is_refused(penilaian, unit, usulan):
    lain = user_factory(email="evaluator.lain@uji.example")
    grant(lain, Peran.EVALUATOR, instansi=UnitFactory().instansi)
    with pytest.raises(PermissionDenied):
        pekppp.penilaian_buat(unit=unit, tahun=penilaian.tahun - 1, oleh=lain)
    with pytest.raises(PermissionDenied):
        pekppp.skor_simpan(skor_row=row(penilaian, 10), skor=3, oleh=lain)
    with pytest.raises(PermissionDenied):
        pekppp.penilaian_final(penilaian=penilaian, oleh=lain)
    assert row(penilaian, 10).skor is None


@pytest.mark.parametrize("peran", [Peran.ADMIN_UNIT, Peran.KEPALA_UNIT])
def test_unit_staff_may_read_but_not_score(penilaian, unit, usulan, peran):
    from pelayanan import policy

    staf = user_factory(email="staf@uji.example")
    grant(staf, peran, unit=unit)
    assert policy.may(staf, "pekppp.lihat", penilaian)
    with pytest.raises(PermissionDenied):
        pekppp.penilaian_buat(unit=unit, tahun=penilaian.tahun - 1, oleh=staf)
    with pytest.raises(PermissionDenied):
        pekppp.skor_simpan(skor_row=row(penilaian, 10), skor=3, oleh=staf)
    with pytest.raises(PermissionDenied):
        pekppp.penilaian_final(penilaian=penilaian, oleh=staf)


# --- demo data ---------------------------------------------------------------------------------------


def test_demo_is_believable_and_idempotent(monkeypatch):
    from evaluasi import demo_pekppp
    from pelayanan import demo as pelayanan_demo

    usulan = {"sp_tersedia": Usulan(2, "a"), "skm_sesuai": Usulan(3, "b"), "skm_publikasi": Usulan(1, "c")}
    monkeypatch.setattr(pekppp, "_usulan", lambda unit, tahun: usulan)
    pelayanan_demo.load()
    demo_pekppp.load()
    tahun = timezone.localdate().year
    final = PenilaianPEKPPP.objects.get(unit__slug=demo_pekppp.FINAL, tahun=tahun)
    draf = PenilaianPEKPPP.objects.get(unit__slug=demo_pekppp.DRAF, tahun=tahun)
    assert final.status == StatusPenilaianPEKPPP.FINAL
    assert Decimal("3.00") < final.ipp < Decimal("4.60")  # a fair office, not a perfect one
    assert final.kategori == pekppp.kategori_ipp(final.ipp).kode
    assert final.skor_set.exclude(catatan="").count() >= 10
    assert final.skor_set.exclude(bukti="").count() == 1
    # The evaluator takes the proposals (1, 6) except where it saw more (7, with the reason).
    assert [(r.indikator.nomor, r.skor) for r in final.skor_set.exclude(usulan_skor=None)] == [
        (1, 2),
        (6, 3),
        (7, 2),
    ]
    assert row(final, 7).alasan_beda.startswith("Hasil SKM juga ditempel")
    assert not final.skor_set.exclude(usulan_skor=None).exclude(skor=F("usulan_skor")).filter(alasan_beda="")
    assert draf.status == StatusPenilaianPEKPPP.DRAF
    assert draf.skor_set.filter(skor__isnull=False).count() == len(demo_pekppp.SKOR_DRAF)
    counts = (PenilaianPEKPPP.objects.count(), SkorIndikator.objects.count(), JejakAudit.objects.count())
    demo_pekppp.load()
    assert counts == (
        PenilaianPEKPPP.objects.count(),
        SkorIndikator.objects.count(),
        JejakAudit.objects.count(),
    )
