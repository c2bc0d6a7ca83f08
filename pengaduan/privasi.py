"""Who sees what of a complaint: its content, and the complainant's identity.

Modes (UU 25/2009 Pasal 42(5), SP4N-LAPOR! in law.md §6.3):
- publik (biasa): the content is public once the unit has verified the file; the identity
  is seen only by the unit's complaint handlers;
- anonim: the identity is hidden from the unit complained about and from the public; only a
  complaint officer of the *instansi* (a PENGELOLA_PENGADUAN grant on the instansi) sees it;
- rahasia: the content is hidden from the public; the identity is seen by the unit's handlers.

The public never sees an identity. The complainant (whoever holds the tracking code) sees
the content; their own identity in full only on the receipt in the browser session that
filed the complaint, masked otherwise (a leaked code must not leak a name and address).

Every decision goes through pelayanan.policy (the actions below); this module only says
which action applies to which mode. `identitas_akses` is the only reader of the identity (it
is encrypted at rest, pelayanan.kripto): every access writes an audit entry
"pengaduan.lihat_identitas" with who, when, which complaint and why (KEPERLUAN: the staff
page, the complainant's receipt, the complainant's e-mail, the account's data export).
`identitas_lihat` is the staff entry (policy first; refusals are audited too). MATRIKS is the
resulting table, one row per role, tested exhaustively (tests/pengaduan/test_privasi.py) and
shown in the docs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from pelayanan import policy
from pelayanan.audit import audit_record
from pengaduan.choices import STATUS_TERVERIFIKASI, ModePrivasi
from pengaduan.models import IdentitasPengadu, Pengaduan

PUBLIK, ANONIM, RAHASIA = ModePrivasi.PUBLIK, ModePrivasi.ANONIM, ModePrivasi.RAHASIA
UNIT, INSTANSI = "unit", "instansi"

# mode -> (policy action that lets a user see the identity, the object it is asked on).
ATURAN_IDENTITAS: dict[str, tuple[str, str]] = {
    PUBLIK: ("pengaduan.lihat_identitas", UNIT),
    ANONIM: ("pengaduan.lihat_identitas_anonim", INSTANSI),
    RAHASIA: ("pengaduan.lihat_identitas", UNIT),
}
# mode -> whether the public sees the content (after verification).
ISI_PUBLIK: dict[str, bool] = {PUBLIK: True, ANONIM: True, RAHASIA: False}
# Staff who may read every complaint of their scope, whatever the mode.
AKSI_ISI_STAF = "pengaduan.lihat"

# The resulting matrix: role -> mode -> (sees identity, sees content). "Content" for the
# public roles means once the file is verified (status lengkap or later). The complainant's
# rows: with the code only, the identity is shown masked ("samaran").
YA, TIDAK, SAMARAN = True, False, "samaran"
MATRIKS: dict[str, dict[str, tuple[bool | str, bool]]] = {
    "pengelola_pengaduan_unit": {PUBLIK: (YA, YA), ANONIM: (TIDAK, YA), RAHASIA: (YA, YA)},
    "kepala_unit": {PUBLIK: (YA, YA), ANONIM: (TIDAK, YA), RAHASIA: (YA, YA)},
    "admin_unit": {PUBLIK: (YA, YA), ANONIM: (TIDAK, YA), RAHASIA: (YA, YA)},
    "pengelola_pengaduan_instansi": {PUBLIK: (YA, YA), ANONIM: (YA, YA), RAHASIA: (YA, YA)},
    "admin_unit_instansi": {PUBLIK: (YA, YA), ANONIM: (TIDAK, YA), RAHASIA: (YA, YA)},
    "penanggung_jawab": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, YA)},
    "pembina": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, YA)},
    "evaluator": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, TIDAK)},
    "moderator": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, TIDAK)},
    "pengelola_pengaduan_unit_lain": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, TIDAK)},
    "pembina_instansi_lain": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, TIDAK)},
    "warga": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, TIDAK)},
    "pengunjung": {PUBLIK: (TIDAK, YA), ANONIM: (TIDAK, YA), RAHASIA: (TIDAK, TIDAK)},
    "superuser": {PUBLIK: (YA, YA), ANONIM: (YA, YA), RAHASIA: (YA, YA)},
    "pengadu_dengan_kode": {PUBLIK: (SAMARAN, YA), ANONIM: (SAMARAN, YA), RAHASIA: (SAMARAN, YA)},
    "pengadu_sesi_pengajuan": {PUBLIK: (YA, YA), ANONIM: (YA, YA), RAHASIA: (YA, YA)},
}


@dataclass(frozen=True)
class _LingkupInstansi:
    """The complaint's instansi as a policy object, without loading the Instansi row."""

    instansi_id: int

    def policy_scope(self):
        return policy.Scope(instansi_id=self.instansi_id)


def _objek(p: Pengaduan, lingkup: str):
    return p.unit if lingkup == UNIT else _LingkupInstansi(p.unit.instansi_id)


# --- content ------------------------------------------------------------------------------


def terbuka_untuk_publik(p: Pengaduan) -> bool:
    return ISI_PUBLIK[p.mode_privasi] and p.status in STATUS_TERVERIFIKASI


def q_publik() -> Q:
    """The complaints whose content the public may read (the same rule as a filter)."""
    return Q(mode_privasi__in=[m for m, ok in ISI_PUBLIK.items() if ok], status__in=STATUS_TERVERIFIKASI)


def boleh_lihat_isi_staf(user, p: Pengaduan) -> bool:
    """May `user` read the complaint on the staff pages (any mode)?"""
    return policy.may(user, AKSI_ISI_STAF, p)


def boleh_lihat_isi(user, p: Pengaduan) -> bool:
    """May `user` read the complaint's content (staff pages, or the public list)?"""
    return boleh_lihat_isi_staf(user, p) or terbuka_untuk_publik(p)


# --- identity -----------------------------------------------------------------------------


def boleh_lihat_identitas(user, p: Pengaduan) -> bool:
    aksi, lingkup = ATURAN_IDENTITAS[p.mode_privasi]
    return policy.may(user, aksi, _objek(p, lingkup))


# Why an identity is read (the audit entry's "keperluan").
HALAMAN_STAF = "halaman_staf"  # a complaint officer pressed "Lihat identitas"
TANDA_TERIMA = "tanda_terima"  # the complainant's receipt page (full or masked)
TANDA_TERIMA_PDF = "tanda_terima_pdf"  # the receipt as PDF
SUREL = "surel"  # the portal e-mails the complainant (nobody sees the address)
EKSPOR = "ekspor_data_saya"  # the complainant's own account downloads its data
KEPERLUAN = (HALAMAN_STAF, TANDA_TERIMA, TANDA_TERIMA_PDF, SUREL, EKSPOR)


def identitas_akses(
    *, pengaduan: Pengaduan, aktor, keperluan: str, samaran: bool = False
) -> IdentitasPengadu | None:
    """THE reader of a complainant's identity: returns it (None when the complaint has none)
    and records who (`aktor`; None for the complainant without an account or the system),
    when, which complaint and why. Callers decide beforehand whether the reader may see it;
    the audit entry never contains the identity itself."""
    if keperluan not in KEPERLUAN:
        raise ValueError(keperluan)
    identitas = IdentitasPengadu.objects.filter(pengaduan_id=pengaduan.pk).first()
    if identitas is None:
        return None
    data = {"mode": pengaduan.mode_privasi, "keperluan": keperluan}
    if samaran:
        data["samaran"] = True
    if identitas.dihapus_pada:
        data["dihapus"] = True
    audit_record(aktor=aktor, aksi="pengaduan.lihat_identitas", objek=pengaduan, data=data)
    return identitas


def identitas_lihat(*, user, pengaduan: Pengaduan) -> IdentitasPengadu:
    """The identity, for staff allowed to see it; every viewing is written to the audit log
    (and so is every refused attempt)."""
    if not boleh_lihat_identitas(user, pengaduan):
        audit_record(
            aktor=user,
            aksi="pengaduan.lihat_identitas_ditolak",
            objek=pengaduan,
            data={"mode": pengaduan.mode_privasi, "keperluan": HALAMAN_STAF},
        )
        raise PermissionDenied(_("Anda tidak berwenang melihat identitas pengadu ini."))
    identitas = identitas_akses(pengaduan=pengaduan, aktor=user, keperluan=HALAMAN_STAF)
    if identitas is None:
        raise IdentitasPengadu.DoesNotExist
    return identitas


def samarkan(teks: str) -> str:
    """ "Siti Rahmawati" -> "S*** R*********"; "siti@contoh.id" -> "s***@c*****.id"."""
    if not teks:
        return ""
    if "@" in teks:
        lokal, _at, domain = teks.partition("@")
        nama_domain, titik, akhir = domain.rpartition(".")
        return f"{samarkan(lokal)}@{samarkan(nama_domain or akhir)}{titik}{akhir if nama_domain else ''}"
    return " ".join(kata[:1] + "*" * max(3, len(kata) - 1) for kata in teks.split())


def identitas_untuk_pengadu(
    p: Pengaduan, *, lengkap: bool, keperluan: str = TANDA_TERIMA, aktor=None
) -> dict:
    """The identity as the complainant gave it, for their receipt: in full in the session that
    filed it, masked otherwise. Audited like every access (the reader holds the code)."""
    i = identitas_akses(pengaduan=p, aktor=aktor, keperluan=keperluan, samaran=not lengkap)
    if i is None or i.dihapus_pada:
        return {"dihapus": True}
    data = {"nama": i.nama, "alamat": i.alamat, "email": i.email, "telepon": i.telepon, "nik": i.nik}
    if lengkap:
        return {**data, "lengkap": True}
    return {
        "nama": samarkan(i.nama),
        "alamat": samarkan(i.alamat.split(",")[0]) if i.alamat else "",
        "email": samarkan(i.email),
        "telepon": ("*" * max(0, len(i.telepon) - 3) + i.telepon[-3:]) if i.telepon else "",
        "nik": ("*" * 12 + i.nik[-4:]) if i.nik else "",
        "lengkap": False,
    }
