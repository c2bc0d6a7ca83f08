"""The state machine of a standard's version: which step leads where, who may take it,
and what it requires. Services (standar.services) carry the steps out.

    draf -> konsultasi -> perbaikan -> ditetapkan -> terbit -> digantikan | dicabut

"ajukan_konsultasi" is taken by opening a comment round (standar.konsultasi.putaran_open);
"tutup_konsultasi" is a system step, taken when the round closes at its end (beat job);
"digantikan" happens to the old version when a newer one is published.

Guards are functions `guard(versi) -> list[str]` returning what is missing (empty list:
allowed). Other apps add guards to a step (the consultation app adds the decree gate)
with `add_guard`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from standar.choices import StatusVersi as S


@dataclass(frozen=True)
class Transisi:
    nama: str
    label: str
    dari: frozenset[str]
    ke: str
    aksi_policy: str | None  # the policy action the user must hold; None: a system step
    guards: list[Callable] = field(default_factory=list, compare=False)


def _lengkap(versi) -> list[str]:
    from standar.services import kelengkapan

    belum = kelengkapan(versi).belum
    if not belum:
        return []
    return [str(_("Komponen belum lengkap: %(daftar)s.") % {"daftar": ", ".join(k.label for k in belum)})]


TRANSISI: dict[str, Transisi] = {
    t.nama: t
    for t in [
        Transisi(
            "ajukan_konsultasi",
            _("Ajukan ke konsultasi publik"),
            frozenset({S.DRAF, S.PERBAIKAN}),
            S.KONSULTASI,
            "standar.susun",
            [_lengkap],
        ),
        Transisi(
            "tutup_konsultasi",
            _("Putaran konsultasi ditutup"),
            frozenset({S.KONSULTASI}),
            S.PERBAIKAN,
            None,
        ),
        Transisi(
            "tetapkan",
            _("Tetapkan (penetapan oleh kepala unit)"),
            frozenset({S.DRAF, S.PERBAIKAN}),
            S.DITETAPKAN,
            "standar.tetapkan",
            [_lengkap],
        ),
        Transisi("terbitkan", _("Terbitkan"), frozenset({S.DITETAPKAN}), S.TERBIT, "standar.tetapkan"),
        Transisi("cabut", _("Cabut"), frozenset({S.TERBIT}), S.DICABUT, "standar.tetapkan"),
    ]
}


def add_guard(nama: str, guard: Callable) -> None:
    """Let another app require something before a step (idempotent)."""
    guards = TRANSISI[nama].guards
    if guard not in guards:
        guards.append(guard)


def available(versi) -> list[Transisi]:
    """Steps a user may take from the version's status (before permission and guards)."""
    return [t for t in TRANSISI.values() if versi.status in t.dari and t.aksi_policy is not None]


def missing(versi, nama: str) -> list[str]:
    """What the step still needs for this version (empty: nothing)."""
    return [m for guard in TRANSISI[nama].guards for m in guard(versi)]
