"""The state machine of a complaint: which step leads where, who takes it, what it needs.

    diterima -> lengkap | tidak_lengkap
    tidak_lengkap -> lengkap (the complainant completes it: "dilengkapi")
                  -> batal (system, 30 days after the response; Pasal 44(4)-(5))
    lengkap -> ditindaklanjuti -> diputuskan (selesai | ditolak) -> diberitahukan
    diputuskan | diberitahukan -> ditindaklanjuti (the complainant reopens within 14 days)
    diterima -> diputuskan (ditolak: filed more than 30 days after the service, Pasal 42(2))

Three kinds of actor: PETUGAS (a staff account that the policy allows `aksi_policy` on the
complaint), PENGADU (whoever holds the tracking code; no account) and SISTEM (the daily job).
pengaduan.services carries the steps out; nothing else changes a complaint's status.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pengaduan.choices import StatusPengaduan as S

PETUGAS, PENGADU, SISTEM = "petugas", "pengadu", "sistem"


@dataclass(frozen=True)
class Transisi:
    nama: str
    label: str
    dari: frozenset[str]
    ke: str
    pelaku: str  # PETUGAS | PENGADU | SISTEM
    aksi_policy: str | None = None  # for PETUGAS: the policy action required
    perlu_teks: bool = False  # a text (response, reason, decision) is required
    label_teks: str = ""
    perlu_hasil: bool = False  # selesai | ditolak
    hanya_terlambat: bool = False  # only for complaints filed after 30 days
    tombol: str = "primary"  # Bootstrap button style on the staff page


TRANSISI: dict[str, Transisi] = {
    t.nama: t
    for t in [
        Transisi(
            "lengkap",
            _("Nyatakan berkas lengkap"),
            frozenset({S.DITERIMA}),
            S.LENGKAP,
            PETUGAS,
            "pengaduan.tangani",
            label_teks=_("Tanggapan kepada pengadu (boleh kosong)"),
        ),
        Transisi(
            "tidak_lengkap",
            _("Nyatakan belum lengkap"),
            frozenset({S.DITERIMA}),
            S.TIDAK_LENGKAP,
            PETUGAS,
            "pengaduan.tangani",
            perlu_teks=True,
            label_teks=_("Apa yang perlu dilengkapi pengadu"),
            tombol="outline-secondary",
        ),
        Transisi(
            "lengkapi",
            _("Lengkapi berkas"),
            frozenset({S.TIDAK_LENGKAP}),
            S.LENGKAP,
            PENGADU,
            perlu_teks=True,
            label_teks=_("Keterangan tambahan"),
        ),
        Transisi(
            "batal",
            _("Batal karena tidak dilengkapi"),
            frozenset({S.TIDAK_LENGKAP}),
            S.BATAL,
            SISTEM,
        ),
        Transisi(
            "tindak_lanjuti",
            _("Mulai tindak lanjut"),
            frozenset({S.LENGKAP}),
            S.DITINDAKLANJUTI,
            PETUGAS,
            "pengaduan.tangani",
            label_teks=_("Tanggapan kepada pengadu (boleh kosong)"),
        ),
        Transisi(
            "putuskan",
            _("Putuskan"),
            frozenset({S.DITINDAKLANJUTI}),
            S.DIPUTUSKAN,
            PETUGAS,
            "pengaduan.tangani",
            perlu_teks=True,
            label_teks=_("Isi keputusan"),
            perlu_hasil=True,
        ),
        Transisi(
            "tolak_terlambat",
            _("Tolak: diajukan lewat 30 hari (Pasal 42 ayat 2)"),
            frozenset({S.DITERIMA}),
            S.DIPUTUSKAN,
            PETUGAS,
            "pengaduan.tangani",
            perlu_teks=True,
            label_teks=_("Alasan penolakan"),
            hanya_terlambat=True,
            tombol="outline-danger",
        ),
        Transisi(
            "beritahukan",
            _("Catat pemberitahuan keputusan"),
            frozenset({S.DIPUTUSKAN}),
            S.DIBERITAHUKAN,
            PETUGAS,
            "pengaduan.tangani",
            perlu_teks=True,
            label_teks=_("Cara pemberitahuan (mis. nomor surat, dikirim melalui pos/e-mail)"),
        ),
        Transisi(
            "buka_kembali",
            _("Buka kembali"),
            frozenset({S.DIPUTUSKAN, S.DIBERITAHUKAN}),
            S.DITINDAKLANJUTI,
            PENGADU,
            perlu_teks=True,
            label_teks=_("Alasan membuka kembali"),
        ),
    ]
}

# The label of each step as it appears on the timeline.
LABEL_RIWAYAT = {
    "lengkap": _("Berkas dinyatakan lengkap"),
    "tidak_lengkap": _("Berkas dinyatakan belum lengkap"),
    "lengkapi": _("Berkas dilengkapi oleh pengadu"),
    "batal": _("Pengaduan batal karena tidak dilengkapi dalam 30 hari"),
    "tindak_lanjuti": _("Pengaduan ditindaklanjuti"),
    "putuskan": _("Pengaduan diputuskan"),
    "tolak_terlambat": _("Pengaduan ditolak karena diajukan lewat 30 hari"),
    "beritahukan": _("Keputusan diberitahukan"),
    "buka_kembali": _("Pengaduan dibuka kembali oleh pengadu"),
}


def tersedia(p, pelaku: str = PETUGAS) -> list[Transisi]:
    """Steps that `pelaku` can take from the complaint's status (before permission)."""
    return [
        t
        for t in TRANSISI.values()
        if p.status in t.dari and t.pelaku == pelaku and (not t.hanya_terlambat or p.terlambat_diajukan)
    ]
