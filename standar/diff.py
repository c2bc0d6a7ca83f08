"""Field-level differences between two versions of a standard, component by component."""

from __future__ import annotations

from dataclasses import dataclass

from standar import komponen
from standar.isi import Perubahan
from standar.models import VersiStandar


@dataclass(frozen=True)
class KomponenDiff:
    komponen: komponen.Komponen
    perubahan: list[Perubahan]


def isi_by_kunci(versi: VersiStandar) -> dict[str, dict]:
    """Component contents of a version (uses a prefetched komponen_set when present)."""
    return {row.kunci: row.isi or {} for row in versi.komponen_set.all()}


def versi_diff(lama: VersiStandar, baru: VersiStandar) -> list[KomponenDiff]:
    """Every component that changed from `lama` to `baru`, in registry order."""
    a, b = isi_by_kunci(lama), isi_by_kunci(baru)
    result = []
    for k in komponen.KOMPONEN:
        old = a.get(k.kunci) or k.jenis.empty()
        new = b.get(k.kunci) or k.jenis.empty()
        changes = k.jenis.diff(old, new)
        if changes:
            result.append(KomponenDiff(k, changes))
    return result
