"""The compliance index (indeks kepatuhan) of units, computed only from the portal's evidence.

Each rule is a function registered in ATURAN under the code its AturanKepatuhan row uses
(evaluasi.models.kepatuhan). A rule receives all units in scope at once and answers for
each of them with a score from 0 to 1, a verdict and a pointer to its evidence, using a
constant number of grouped queries however many units there are. The weights of the rules
and the zone thresholds are rows in the database; this module only says what counts.

Index = Σ(weight × score) / Σ(weight) × 100, rounded half up to 2 decimals at the end;
the zone is the one with the highest lower bound not above the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

ATURAN: dict[str, Callable] = {}


@dataclass(frozen=True)
class Konteks:
    """What every rule gets: the units (ids and objects), the period and "today"."""

    unit_ids: tuple[int, ...]
    mulai: date
    selesai: date
    hari: date


@dataclass(frozen=True)
class NilaiAturan:
    """One rule's answer for one unit."""

    kode: str
    skor: Fraction  # 0..1
    bukti: str  # one sentence of evidence, e.g. "3 dari 4 layanan aktif memiliki standar terbit"
    tautan: str = ""  # URL of the evidence ("" when there is nothing to link)
    berlaku: bool = True  # False: nothing to judge (e.g. no complaints); counts as full score

    @property
    def lulus(self) -> bool:
        return self.skor == 1


@dataclass
class HasilKepatuhan:
    unit_id: int
    skor: Decimal  # 0.00..100.00
    zona: str  # ZonaKepatuhan.kode
    rincian: list[dict] = field(default_factory=list)  # see rincian_baris()


def daftar(kode: str):
    """Register a rule function under `kode` (decorator)."""

    def deco(fn: Callable[[Konteks], dict[int, NilaiAturan]]):
        ATURAN[kode] = fn
        return fn

    return deco


def hitung(
    unit_ids: Iterable[int], mulai: date, selesai: date, hari: date | None = None
) -> dict[int, HasilKepatuhan]:
    """The index of each unit for the period [mulai, selesai]. Filled in by the rules below."""
    raise NotImplementedError
