"""The IKM computation (evaluasi.ikm): exact arithmetic, one rounding at the end, half up."""

from decimal import Decimal
from fractions import Fraction

import pytest

from evaluasi import ikm, unsur
from evaluasi.ikm import Agregat, hitung
from tests.evaluasi.helpers import admin_of, baris_dengan_total, isi, periode_berjalan
from tests.factories import LayananFactory, UnitFactory


def test_all_fours_give_exactly_100():
    hasil = hitung(Agregat.dari_jawaban([(4,) * 9] * 37), bobot="1/9")
    assert hasil.ikm == Decimal("100.00")
    assert hasil.ikm_tepat == 100
    assert hasil.mutu.huruf == "A"
    assert all(n.nrr == 4 for n in hasil.unsur)


def test_all_ones_give_exactly_25():
    hasil = hitung(Agregat.dari_jawaban([(1,) * 9] * 3), bobot="1/9")
    assert hasil.ikm == Decimal("25.00")
    assert hasil.mutu.huruf == "D"


# The hand-computed case. Four questionnaires (U1..U9):
#   R1: 4 4 4 4 4 4 4 4 4
#   R2: 3 3 3 3 3 3 3 3 3
#   R3: 2 3 4 1 2 3 4 3 2
#   R4: 3 2 2 4 3 3 4 2 3
# Sums per unsur: U1 12, U2 12, U3 13, U4 12, U5 12, U6 13, U7 15, U8 12, U9 12.
# NRR = sum / 4: 3, 3, 3.25, 3, 3, 3.25, 3.75, 3, 3; their sum is 28.25.
# IKM (1/9) = 28.25 / 9 × 25 = 706.25 / 9 = 78.4722… -> 78.47, mutu B (76.61–88.30).
# IKM (0.111) = 28.25 × 0.111 × 25 = 3.13575 × 25 = 78.39375 -> 78.39.
MIXED = [
    (4, 4, 4, 4, 4, 4, 4, 4, 4),
    (3, 3, 3, 3, 3, 3, 3, 3, 3),
    (2, 3, 4, 1, 2, 3, 4, 3, 2),
    (3, 2, 2, 4, 3, 3, 4, 2, 3),
]


def test_hand_computed_mixed_case():
    agg = Agregat.dari_jawaban(MIXED)
    assert agg.total == (12, 12, 13, 12, 12, 13, 15, 12, 12)
    hasil = hitung(agg, bobot="1/9")
    assert [n.nrr for n in hasil.unsur] == [
        3,
        3,
        Fraction(13, 4),
        3,
        3,
        Fraction(13, 4),
        Fraction(15, 4),
        3,
        3,
    ]
    assert hasil.ikm_tepat == Fraction(70625, 900)
    assert hasil.ikm == Decimal("78.47")
    assert hasil.mutu.huruf == "B"
    assert hitung(agg, bobot="0.111").ikm == Decimal("78.39")
    # NRR shown with two decimals; the weakest unsur comes first (ties in U-order).
    assert hasil.nilai("U7").nrr_tampil == Decimal("3.75")
    assert hasil.terlemah()[0].unsur.kode == "U1"


@pytest.mark.django_db
def test_the_database_aggregation_gives_the_same_result():
    unit = UnitFactory()
    layanan = LayananFactory(unit=unit)
    periode = periode_berjalan(unit, admin_of(unit))
    isi(periode, layanan, MIXED)
    hasil = ikm.hasil_periode(periode, bobot="1/9")
    assert hasil.unit.agregat.total == (12, 12, 13, 12, 12, 13, 15, 12, 12)
    assert hasil.unit.ikm == Decimal("78.47")
    assert hasil.per_layanan[layanan.pk].ikm == Decimal("78.47")


def test_the_0111_variant_gives_99_90_for_all_fours():
    hasil = hitung(Agregat.dari_jawaban([(4,) * 9] * 10), bobot="0.111")
    assert hasil.ikm == Decimal("99.90")
    assert hasil.mutu.huruf == "A"


def test_the_weight_variant_comes_from_the_setting(settings):
    agg = Agregat.dari_jawaban([(4,) * 9])
    settings.SKM_BOBOT = "0.111"
    assert hitung(agg).ikm == Decimal("99.90")
    settings.SKM_BOBOT = "1/9"
    assert hitung(agg).ikm == Decimal("100.00")
    settings.SKM_BOBOT = "0.11"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        hitung(agg)


# Every boundary of the interval table, by the mutu function on Decimals ...
@pytest.mark.parametrize(
    ("nilai", "huruf"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
        # Unrounded values are rounded half up first, so the gaps hold nothing.
        ("64.994", "D"),
        ("64.995", "C"),
        ("76.6049", "C"),
        ("76.605", "B"),
        ("88.305", "A"),
    ],
)
def test_mutu_boundaries(nilai, huruf):
    assert ikm.mutu(Decimal(nilai)).huruf == huruf


def test_mutu_above_100_is_an_error():
    with pytest.raises(ValueError, match="above 100"):
        ikm.mutu(Decimal("100.01"))


# ... and by response sets that hit each boundary exactly (n questionnaires whose 9n answers
# add up to S; IKM = 25·S / 9n): found by search, shown here with the exact value.
BOUNDARY_SETS = [
    (38, 889, "64.99", "D"),  # 64.9853…
    (5, 117, "65.00", "C"),  # 65 exactly
    (26, 717, "76.60", "C"),  # 76.6025…
    (19, 524, "76.61", "B"),  # 76.6081…
    (19, 604, "88.30", "B"),  # 88.3040…
    (24, 763, "88.31", "A"),  # 88.3101…
]


@pytest.mark.django_db
@pytest.mark.parametrize(("n", "total", "ikm_str", "huruf"), BOUNDARY_SETS)
def test_response_sets_at_the_interval_boundaries(n, total, ikm_str, huruf):
    unit = UnitFactory()
    layanan = LayananFactory(unit=unit)
    periode = periode_berjalan(unit, admin_of(unit))
    isi(periode, layanan, baris_dengan_total(n, total))
    hasil = ikm.hasil_periode(periode, bobot="1/9").unit
    assert hasil.ikm_tepat == Fraction(25 * total, 9 * n)
    assert hasil.ikm == Decimal(ikm_str)
    assert hasil.mutu.huruf == huruf


@pytest.mark.parametrize(
    ("total", "ikm_str", "huruf"),
    [
        # n = 5000: 25·S/45000 lands exactly on a half cent; half up, never half even.
        (116_991, "65.00", "C"),  # exactly 64.995
        (137_889, "76.61", "B"),  # exactly 76.605 (half even would give 76.60, C)
        (158_949, "88.31", "A"),  # exactly 88.305
    ],
)
def test_half_cents_round_up(total, ikm_str, huruf):
    n = 5000
    per = [total // 9] * 9
    per[0] += total - sum(per)
    hasil = hitung(Agregat(n, tuple(per)), bobot="1/9")
    assert hasil.ikm_tepat * 1000 == int(hasil.ikm_tepat * 1000)  # x.xx5 exactly
    assert hasil.ikm_tepat * 100 % 1 == Fraction(1, 2)
    assert hasil.ikm == Decimal(ikm_str)
    assert hasil.mutu.huruf == huruf


def test_rounding_happens_only_at_the_end():
    # NRR = 10/3 for every unsur. Exact: IKM = 10/3 × 25 = 83.333… -> 83.33. Rounding each
    # NRR to 3.33 first would give 3.33 × 25 = 83.25, a different published figure.
    agg = Agregat(3, (10,) * 9)
    hasil = hitung(agg, bobot="1/9")
    assert hasil.ikm == Decimal("83.33")
    assert sum(Decimal("3.33") / 9 for _ in range(9)) * 25 != hasil.ikm
    # The 0.111 variant, exact: 10/3 × 0.111 × 9 × 25 = 83.25 (and 83.17 if NRR were rounded).
    assert hitung(agg, bobot="0.111").ikm == Decimal("83.25")


def test_empty_result_has_no_index():
    hasil = hitung(Agregat(), bobot="1/9")
    assert hasil.ikm is None
    assert hasil.mutu is None
    assert not hasil.ada


def test_bulatkan_is_exact_half_up():
    assert ikm.bulatkan(Fraction(1, 200)) == Decimal("0.01")  # 0.005
    assert ikm.bulatkan(Fraction(1, 3)) == Decimal("0.33")
    assert ikm.bulatkan(Fraction(2, 3)) == Decimal("0.67")
    assert ikm.bulatkan(Fraction(-1, 200)) == Decimal("-0.01")


@pytest.mark.django_db
def test_unit_ikm_is_pooled_not_an_average_of_services():
    unit = UnitFactory()
    a, b = LayananFactory(unit=unit), LayananFactory(unit=unit)
    periode = periode_berjalan(unit, admin_of(unit))
    isi(periode, a, [(4,) * 9])  # one questionnaire, all 4: IKM 100
    isi(periode, b, [(2,) * 9] * 3)  # three questionnaires, all 2: IKM 50
    hasil = ikm.hasil_periode(periode, bobot="1/9")
    assert hasil.per_layanan[a.pk].ikm == Decimal("100.00")
    assert hasil.per_layanan[b.pk].ikm == Decimal("50.00")
    # Pooled: each unsur sums to 4 + 6 = 10 over 4 questionnaires -> NRR 2.5 -> 62.50 (D).
    assert hasil.unit.jumlah == 4
    assert hasil.unit.ikm == Decimal("62.50")
    assert hasil.unit.mutu.huruf == "D"
    mean_of_services = (hasil.per_layanan[a.pk].ikm + hasil.per_layanan[b.pk].ikm) / 2
    assert mean_of_services == Decimal("75.00")  # mutu C: averaging would be wrong
    assert hasil.unit.ikm != mean_of_services


@pytest.mark.django_db
def test_unit_per_instansi_is_pooled_too():
    unit = UnitFactory()
    other = UnitFactory(instansi=unit.instansi)
    la, lb = LayananFactory(unit=unit), LayananFactory(unit=other)
    pa = periode_berjalan(unit, admin_of(unit))
    pb = periode_berjalan(other, admin_of(other))
    isi(pa, la, [(4,) * 9])
    isi(pb, lb, [(2,) * 9] * 3)
    total, per_unit = ikm.hasil_unit_per_instansi(unit.instansi, tahun=pa.tahun, bobot="1/9")
    assert per_unit[unit.pk].ikm == Decimal("100.00")
    assert per_unit[other.pk].ikm == Decimal("50.00")
    assert total.ikm == Decimal("62.50")


def test_unsur_registry_is_complete():
    assert tuple(f"U{i}" for i in range(1, 10)) == unsur.KODE
    assert all(len(u.jawaban) == 4 for u in unsur.UNSUR)
    # Published questionnaires ask about sarana (U9) 8th and complaints (U8) 9th.
    assert [u.kode for u in unsur.URUTAN_KUESIONER][-2:] == ["U9", "U8"]
    assert str(unsur.get("U4").jawaban[3]) == "Gratis"
