"""Which components of a service's standard the survey says to review.

Each component of the registry (standar.komponen) names the SKM unsur that measures it
(`unsur_skm`). When that unsur's NRR × 25 for the service is below the component's
expectation, the component is flagged for review in the standard's next evaluation. The
mapping is read from the registry, never repeated here.

Expectation: settings.SKM_HARAPAN (default "76.61", the start of mutu B "Baik"), per
component overridable with settings.SKM_HARAPAN_KOMPONEN = {"biaya": "88.31", ...}. A
service needs settings.SKM_TANDAI_MIN_RESPONDEN responses (default 5) before its figures
flag anything: one unhappy respondent is not a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings

from evaluasi import ikm
from standar import komponen


def harapan_default() -> Fraction:
    return Fraction(str(getattr(settings, "SKM_HARAPAN", "76.61")))


def harapan_komponen(kunci: str) -> Fraction:
    per = getattr(settings, "SKM_HARAPAN_KOMPONEN", {}) or {}
    return Fraction(str(per[kunci])) if kunci in per else harapan_default()


def min_responden() -> int:
    return int(getattr(settings, "SKM_TANDAI_MIN_RESPONDEN", 5))


@dataclass(frozen=True)
class Tanda:
    """One flagged component: the component, the unsur measuring it and the figures."""

    komponen: komponen.Komponen
    nilai: ikm.NilaiUnsur
    harapan: Fraction

    @property
    def harapan_tampil(self) -> Decimal:
        return ikm.bulatkan(self.harapan, 2)


def komponen_di_bawah_harapan(hasil: ikm.HasilIKM) -> list[Tanda]:
    """The registry's components whose unsur falls below their expectation in `hasil`."""
    if hasil.jumlah < max(1, min_responden()):
        return []
    tanda = []
    for k in komponen.KOMPONEN:
        if not k.unsur_skm:
            continue
        nilai = hasil.nilai(k.unsur_skm)
        harapan = harapan_komponen(k.kunci)
        if nilai.nrr * ikm.KONVERSI < harapan:
            tanda.append(Tanda(k, nilai, harapan))
    return tanda


@dataclass(frozen=True)
class TandaLayanan:
    layanan: object
    hasil: ikm.HasilIKM
    tanda: list[Tanda]
    versi: object | None  # the published version of the service's standard, if any


def tanda_periode(hasil_periode: ikm.HasilPeriode, layanan_list) -> list[TandaLayanan]:
    """Per service of a period, the components to review (services without a flag left
    out). `layanan_list` are the Layanan objects; one query loads their published versions."""
    from standar.choices import StatusVersi
    from standar.models import VersiStandar

    per = hasil_periode.per_layanan
    kandidat = []
    for lay in layanan_list:
        hasil = per.get(lay.pk)
        if hasil is None:
            continue
        tanda = komponen_di_bawah_harapan(hasil)
        if tanda:
            kandidat.append((lay, hasil, tanda))
    if not kandidat:
        return []
    versi = {
        v.standar.layanan_id: v
        for v in VersiStandar.objects.filter(
            standar__layanan_id__in=[lay.pk for lay, _h, _t in kandidat], status=StatusVersi.TERBIT
        ).select_related("standar__layanan__unit")
    }
    return [TandaLayanan(lay, h, t, versi.get(lay.pk)) for lay, h, t in kandidat]
