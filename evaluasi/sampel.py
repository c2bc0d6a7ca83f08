"""Sample size of an SKM period: the Krejcie–Morgan table (PermenPANRB 14/2017; law.md §3.6).

The table comes from the formula

    S = X² · N · P(1 − P) / (d² (N − 1) + X² · P(1 − P))

with X² = 3.841 (chi-square, 1 degree of freedom, 95 %), P = 0.5 and d = 0.05. Krejcie and
Morgan ROUNDED S to the nearest whole number (half up): rounding up would give 20 for N = 20
and 45 for N = 50, where the table says 19 and 44. Rounded to the nearest, the formula gives
every value of the table but one: N = 100,000, where it gives 383 and the table prints 384.
The table is what the Permen adopts, so its printed values are used as they are for the
populations it lists (TABEL), 384 for every population above 100,000 (as the table), and the
formula for every other population; the result never decreases as the population grows. docs/ikm.md
explains this, and tests/evaluasi/test_sampel.py checks every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

X2 = Fraction("3.841")
P = Fraction(1, 2)
D = Fraction("0.05")

# N -> S as printed in the Krejcie & Morgan (1970) table reproduced in the Lampiran.
TABEL: dict[int, int] = {
    10: 10,
    20: 19,
    30: 28,
    50: 44,
    75: 63,
    100: 80,
    150: 108,
    200: 132,
    250: 152,
    300: 169,
    400: 196,
    500: 217,
    600: 234,
    700: 248,
    800: 260,
    900: 269,
    1_000: 278,
    1_500: 306,
    2_000: 322,
    3_000: 341,
    4_000: 351,
    5_000: 357,
    10_000: 370,
    20_000: 377,
    50_000: 381,
    100_000: 384,
    1_000_000: 384,
}


# From this population on the table gives 384 (the formula gives 383 up to about 500,000).
BATAS_ATAS = 100_000


def rumus(populasi: int) -> Fraction:
    """The exact value of the Krejcie–Morgan formula for a population N ≥ 1."""
    if populasi < 1:
        raise ValueError("populasi must be at least 1")
    n = Fraction(populasi)
    return X2 * n * P * (1 - P) / (D * D * (n - 1) + X2 * P * (1 - P))


def ukuran_sampel(populasi: int) -> int:
    """The required number of respondents for a population: the table's value where it lists
    the population, otherwise the formula rounded to the nearest whole number (half up), and
    never more than the population itself."""
    if populasi in TABEL:
        return TABEL[populasi]
    if populasi > BATAS_ATAS:
        return TABEL[BATAS_ATAS]  # the table stays at 384 from 100,000 up
    s = rumus(populasi)
    bulat = int(s + Fraction(1, 2))  # s > 0: floor(s + 1/2) is rounding half up
    return max(1, min(populasi, bulat))


@dataclass(frozen=True)
class Kecukupan:
    populasi: int
    dibutuhkan: int
    diperoleh: int

    @property
    def cukup(self) -> bool:
        return self.diperoleh >= self.dibutuhkan

    @property
    def kurang(self) -> int:
        return max(0, self.dibutuhkan - self.diperoleh)

    @property
    def persen(self) -> int:
        """Share of the required sample obtained, 0..100 (for a progress bar)."""
        if self.dibutuhkan <= 0:
            return 100
        return min(100, self.diperoleh * 100 // self.dibutuhkan)


def kecukupan(populasi: int, diperoleh: int) -> Kecukupan:
    """Is the number of responses enough for the population? (The warning when it is not.)"""
    return Kecukupan(populasi, ukuran_sampel(populasi), diperoleh)
