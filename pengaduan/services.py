"""Services of complaints: filing, every workflow step, assignment, responses and notes.

Each step locks the complaint, checks the transition table (pengaduan.workflow) and, for
staff, the permission policy; sets the step's timestamps and the next deadline
(pengaduan.tenggat); writes the timeline (Riwayat) and the audit log; and queues the
complainant's e-mail and the staff notifications for after the commit. Views and tasks call
these functions; nothing else changes a complaint.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan import konkurensi, policy
from pelayanan.audit import audit_record
from pelayanan.models import Layanan, Unit
from pelayanan.notifikasi import notify
from pengaduan import kode as kode_mod
from pengaduan import lampiran as lampiran_mod
from pengaduan import penerima, surel, tenggat, workflow
from pengaduan.choices import JenisRiwayat, JenisTenggat, ModePrivasi, StatusPengaduan
from pengaduan.models import (
    CatatanInternal,
    IdentitasPengadu,
    Pengaduan,
    PengaturanPengaduanUnit,
    Riwayat,
    pilihan_bagian,
)
from pengaduan.workflow import PENGADU, PETUGAS, SISTEM


class TransisiDitolak(ValidationError):
    """A step that is not possible now; the message says why."""


def _sekarang(pada: datetime | None) -> datetime:
    return pada or timezone.now()


def _pengaturan(unit: Unit) -> PengaturanPengaduanUnit | None:
    return PengaturanPengaduanUnit.objects.filter(unit=unit).first()


def sidik_pengaduan(p: Pengaduan) -> str:
    """The complaint's state as a staff page shows it (every service step saves it, so
    diperbarui_pada moves): the fingerprint its forms carry (pelayanan.konkurensi)."""
    return konkurensi.sidik(p.status, p.petugas_id, p.diperbarui_pada)


def sidik_pengaturan(pengaturan: PengaturanPengaduanUnit | None) -> str:
    if pengaturan is None:
        return konkurensi.sidik(None, None)
    return konkurensi.sidik(pengaturan.janji_tanggapan_hari_kerja, pengaturan.janji_keputusan_hari_kerja)


def _kunci(pengaduan_id: int) -> Pengaduan:
    """The complaint, locked for the step (only its own row: see the PostgreSQL note in
    docs/decisions.md on FOR UPDATE and outer joins)."""
    return Pengaduan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pengaduan_id)


def _url_staf(p: Pengaduan) -> str:
    from django.urls import reverse

    return reverse("pengaduan:staf_detail", kwargs={"pk": p.pk})


def _riwayat(p, *, jenis, pelaku, oleh=None, teks="", publik=True, aksi="", dari="", ke="", pada=None):
    return Riwayat.objects.create(
        pengaduan=p,
        jenis=jenis,
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        teks=teks,
        publik=publik,
        oleh=oleh if pelaku == PETUGAS else None,
        pelaku=pelaku,
        pada=_sekarang(pada),
    )


# --- filing -------------------------------------------------------------------------------


def _kode_unik() -> str:
    for _attempt in range(8):
        kode = kode_mod.baru()
        if not Pengaduan.objects.filter(kode=kode).exists():
            return kode
    raise RuntimeError("no free tracking code after 8 attempts")  # 2^49 codes: never


@transaction.atomic
def pengaduan_ajukan(
    *,
    unit: Unit,
    layanan: Layanan | None,
    bagian: str,
    uraian: str,
    tanggal_layanan: date,
    permintaan: str,
    identitas: dict,
    kerugian: str = "",
    mode_privasi: str = ModePrivasi.PUBLIK,
    lapor_id: str = "",
    lampiran: list[lampiran_mod.BerkasSiap] | None = None,
    pada: datetime | None = None,
    kode: str | None = None,
    pengaju=None,
) -> Pengaduan:
    """File a complaint (no account needed; `pengaju` is the signed-in citizen account, kept
    for the account's data export only). Everything is validated before anything is written;
    the attachments (already checked and cleaned) are written last."""
    pada = _sekarang(pada)
    hari = tenggat.tanggal(pada)
    errors: dict[str, list[str]] = {}
    if not unit.aktif:
        errors.setdefault("unit", []).append(_("Unit ini tidak lagi menerima pengaduan melalui portal."))
    if layanan is not None and (layanan.unit_id != unit.pk or not layanan.aktif):
        errors.setdefault("layanan", []).append(_("Pilih layanan dari unit ini."))
    if bagian not in dict(pilihan_bagian()):
        errors.setdefault("bagian", []).append(_("Pilih bagian standar yang tidak dipenuhi."))
    if tanggal_layanan > hari:
        errors.setdefault("tanggal_layanan", []).append(
            _("Tanggal menerima pelayanan tidak boleh di masa depan.")
        )
    if not (identitas.get("email") or identitas.get("telepon")):
        errors.setdefault("email", []).append(
            _("Isi e-mail atau nomor telepon agar kami dapat mengabarkan perkembangan pengaduan.")
        )
    if errors:
        raise ValidationError(errors)

    pengaturan = _pengaturan(unit)
    batas_tanggapan, _sumber = tenggat.batas(
        hari,
        JenisTenggat.TANGGAPAN,
        pengaturan.janji_tanggapan_hari_kerja if pengaturan else None,
        unit.instansi_id,
    )
    p = Pengaduan(
        kode=kode or _kode_unik(),
        unit=unit,
        layanan=layanan,
        bagian=bagian,
        uraian=uraian.strip(),
        tanggal_layanan=tanggal_layanan,
        kerugian=(kerugian or "").strip(),
        permintaan=permintaan.strip(),
        mode_privasi=mode_privasi,
        lapor_id=(lapor_id or "").strip(),
        terlambat_diajukan=tenggat.terlambat_diajukan(tanggal_layanan, hari),
        diterima_pada=pada,
        batas_tanggapan=batas_tanggapan,
        pengaju=pengaju if getattr(pengaju, "is_authenticated", False) else None,
    )
    p.full_clean(validate_unique=False, validate_constraints=False)
    ident = IdentitasPengadu(pengaduan=p, **{k: (v or "").strip() for k, v in identitas.items()})
    ident.full_clean(exclude=["pengaduan"], validate_unique=False)
    p.save()
    ident.pengaduan = p
    ident.save()
    _riwayat(p, jenis=JenisRiwayat.DIAJUKAN, pelaku=PENGADU, ke=StatusPengaduan.DITERIMA, pada=pada)
    audit_record(
        aktor=None,
        aksi="pengaduan.ajukan",
        objek=p,
        data={"mode": p.mode_privasi, "lampiran": len(lampiran or []), "terlambat": p.terlambat_diajukan},
    )
    notify(
        penerima=penerima.pengelola(unit),
        judul=_("Pengaduan baru %(nomor)s") % {"nomor": p.nomor},
        pesan=_("Pengaduan baru untuk %(unit)s. Tanggapan pertama paling lambat %(batas)s.")
        % {"unit": unit.nama, "batas": batas_tanggapan.strftime("%d-%m-%Y")},
        tautan=_url_staf(p),
    )
    if ident.email:
        surel.kirim(p, "diterima")
    lampiran_mod.simpan(p, lampiran or [], pada=pada)  # last write: see lampiran.simpan
    return p


# --- workflow steps -----------------------------------------------------------------------


def _periksa_pelaku(t: workflow.Transisi, pelaku: str, oleh, p: Pengaduan) -> None:
    if t.pelaku != pelaku:
        siapa = {PETUGAS: _("petugas unit"), PENGADU: _("pengadu"), SISTEM: _("sistem")}[t.pelaku]
        raise PermissionDenied(_("Langkah ini hanya dapat dilakukan oleh %(siapa)s.") % {"siapa": siapa})
    if pelaku == PETUGAS:
        policy.require(oleh, t.aksi_policy, p)


def _periksa_syarat(t: workflow.Transisi, p: Pengaduan, teks: str, hasil: str, hari: date) -> None:
    if p.status not in t.dari:
        raise TransisiDitolak(
            _("Langkah “%(langkah)s” tidak dapat dilakukan pada pengaduan berstatus %(status)s.")
            % {"langkah": t.label, "status": p.get_status_display()}
        )
    if t.hanya_terlambat and not p.terlambat_diajukan:
        raise TransisiDitolak(_("Pengaduan ini diajukan dalam 30 hari; Pasal 42 ayat (2) tidak berlaku."))
    if t.perlu_teks and not teks.strip():
        raise TransisiDitolak(_("%(label)s wajib diisi.") % {"label": t.label_teks})
    if t.perlu_hasil and hasil not in ("selesai", "ditolak"):
        raise TransisiDitolak(_("Pilih hasil keputusan: selesai atau ditolak."))
    if t.nama == "lengkapi" and p.batas_kelengkapan and hari > p.batas_kelengkapan:
        raise TransisiDitolak(
            _("Batas melengkapi berkas (%(batas)s) sudah lewat; pengaduan dianggap batal (Pasal 44 ayat 5).")
            % {"batas": p.batas_kelengkapan.strftime("%d-%m-%Y")}
        )
    if t.nama == "buka_kembali":
        akhir = tenggat.batas_buka_kembali(p)
        if akhir is None or hari > akhir:
            raise TransisiDitolak(_("Pengaduan hanya dapat dibuka kembali dalam 14 hari setelah keputusan."))


def _batas_keputusan(p: Pengaduan, hari: date) -> date:
    pengaturan = _pengaturan(p.unit)
    janji = pengaturan.janji_keputusan_hari_kerja if pengaturan else None
    return tenggat.batas(hari, JenisTenggat.KEPUTUSAN, janji, p.unit.instansi_id)[0]


def _efek(t: workflow.Transisi, p: Pengaduan, *, oleh, teks: str, hasil: str, pada: datetime) -> list[str]:
    """Apply the step's timestamps and deadlines to `p`; return the changed fields."""
    hari = tenggat.tanggal(pada)
    n = t.nama
    if n == "lengkap":
        p.ditanggapi_pada = p.ditanggapi_pada or pada
        p.lengkap_pada = p.keputusan_mulai_pada = pada
        p.batas_keputusan = _batas_keputusan(p, hari)
        return ["ditanggapi_pada", "lengkap_pada", "keputusan_mulai_pada", "batas_keputusan"]
    if n == "tidak_lengkap":
        p.ditanggapi_pada = p.ditanggapi_pada or pada
        p.tidak_lengkap_pada = pada
        p.batas_kelengkapan = tenggat.batas(hari, JenisTenggat.KELENGKAPAN)[0]
        return ["ditanggapi_pada", "tidak_lengkap_pada", "batas_kelengkapan"]
    if n == "lengkapi":
        p.dilengkapi_pada = p.lengkap_pada = p.keputusan_mulai_pada = pada
        p.batas_keputusan = _batas_keputusan(p, hari)
        return ["dilengkapi_pada", "lengkap_pada", "keputusan_mulai_pada", "batas_keputusan"]
    if n == "batal":
        p.dibatalkan_pada = pada
        return ["dibatalkan_pada"]
    if n == "tindak_lanjuti":
        if p.petugas_id is None and oleh is not None:
            p.petugas = oleh
        return ["petugas"]
    if n in ("putuskan", "tolak_terlambat"):
        p.diputuskan_pada = pada
        p.hasil = hasil if n == "putuskan" else "ditolak"
        p.keputusan = teks.strip()
        p.batas_pemberitahuan = tenggat.batas(hari, JenisTenggat.PEMBERITAHUAN)[0]
        fields = ["diputuskan_pada", "hasil", "keputusan", "batas_pemberitahuan"]
        if n == "tolak_terlambat":
            p.ditanggapi_pada = p.ditanggapi_pada or pada
            fields.append("ditanggapi_pada")
        return fields
    if n == "beritahukan":
        p.diberitahukan_pada = pada
        return ["diberitahukan_pada"]
    if n == "buka_kembali":
        p.jumlah_dibuka_kembali += 1
        p.dibuka_kembali_pada = p.keputusan_mulai_pada = pada
        p.batas_keputusan = _batas_keputusan(p, hari)
        p.diputuskan_pada = p.diberitahukan_pada = p.batas_pemberitahuan = None
        p.hasil = p.keputusan = ""
        return [
            "jumlah_dibuka_kembali",
            "dibuka_kembali_pada",
            "keputusan_mulai_pada",
            "batas_keputusan",
            "diputuskan_pada",
            "diberitahukan_pada",
            "batas_pemberitahuan",
            "hasil",
            "keputusan",
        ]
    raise ValueError(n)


@transaction.atomic
def pengaduan_transisi(
    *,
    pengaduan: Pengaduan,
    nama: str,
    pelaku: str = PETUGAS,
    oleh=None,
    teks: str = "",
    hasil: str = "",
    lampiran: list[lampiran_mod.BerkasSiap] | None = None,
    pada: datetime | None = None,
    dasar: str | None = None,
) -> Pengaduan:
    """Take the workflow step `nama` as `pelaku` (PETUGAS with the account `oleh`; PENGADU,
    the holder of the tracking code; SISTEM, the daily job). `dasar`: the complaint's
    fingerprint when the staff page was opened (a complaint changed since is refused)."""
    try:
        t = workflow.TRANSISI[nama]
    except KeyError:
        raise ValueError(f"Unknown complaint step: {nama}") from None
    pada = _sekarang(pada)
    p = _kunci(pengaduan.pk)
    _periksa_pelaku(t, pelaku, oleh, p)
    konkurensi.periksa(dasar, sidik_pengaduan(p), apa=_("Pengaduan ini"))
    teks = (teks or "").strip()
    _periksa_syarat(t, p, teks, hasil, tenggat.tanggal(pada))
    if lampiran and nama != "lengkapi":
        raise ValueError("attachments only come with the complainant's completion")
    if lampiran and p.lampiran_set.count() + len(lampiran) > lampiran_mod.MAKS_TOTAL:
        raise ValidationError(
            _("Satu pengaduan paling banyak memiliki %(n)s lampiran.") % {"n": lampiran_mod.MAKS_TOTAL}
        )
    dari = p.status
    fields = _efek(t, p, oleh=oleh if pelaku == PETUGAS else None, teks=teks, hasil=hasil, pada=pada)
    p.status = t.ke
    p.full_clean(validate_unique=False, validate_constraints=False)
    p.save(update_fields=[*fields, "status", "diperbarui_pada"])
    riwayat = _riwayat(
        p,
        jenis=JenisRiwayat.TRANSISI,
        pelaku=pelaku,
        oleh=oleh,
        aksi=nama,
        dari=dari,
        ke=t.ke,
        teks=teks or ("" if nama != "batal" else str(workflow.LABEL_RIWAYAT["batal"])),
        pada=pada,
    )
    audit_record(
        aktor=oleh if pelaku == PETUGAS else None,
        aksi=f"pengaduan.{nama}",
        objek=p,
        data={"dari": dari, "ke": t.ke, "pelaku": pelaku, **({"hasil": p.hasil} if p.hasil else {})},
    )
    if nama in surel.SUREL_TRANSISI:
        surel.kirim(p, surel.SUREL_TRANSISI[nama], riwayat)
    if pelaku == PENGADU:
        notify(
            penerima=penerima.petugas_atau_pengelola(p),
            judul=str(workflow.LABEL_RIWAYAT[nama]) + f" — {p.nomor}",
            pesan=_("Pengadu mengambil langkah “%(langkah)s” pada pengaduan %(nomor)s.")
            % {"langkah": t.label, "nomor": p.nomor},
            tautan=_url_staf(p),
        )
    if lampiran:
        lampiran_mod.simpan(p, lampiran, pada=pada)  # last write: see lampiran.simpan
    return p


def batalkan_kedaluwarsa(hari: date | None = None) -> int:
    """Lapse incomplete complaints whose completion deadline has passed (Pasal 44(5));
    returns how many. Each in its own transaction; safe to run any number of times."""
    hari = hari or tenggat.hari_ini()
    n = 0
    ids = Pengaduan.objects.filter(
        status=StatusPengaduan.TIDAK_LENGKAP, batas_kelengkapan__lt=hari
    ).values_list("pk", flat=True)
    for pk in list(ids):
        try:
            pengaduan_transisi(pengaduan=Pengaduan(pk=pk), nama="batal", pelaku=SISTEM)
        except TransisiDitolak:
            continue  # completed or lapsed meanwhile
        n += 1
    return n


# --- assignment, responses, notes ---------------------------------------------------------


@transaction.atomic
def pengaduan_tugaskan(
    *, pengaduan: Pengaduan, petugas, oleh, pada: datetime | None = None, dasar: str | None = None
) -> Pengaduan:
    """Assign the complaint to an officer who may handle it. An officer may also take a
    complaint themselves; assigning someone else needs pengaduan.tugaskan."""
    p = _kunci(pengaduan.pk)
    if not (petugas == oleh and policy.may(oleh, "pengaduan.tangani", p)):
        policy.require(oleh, "pengaduan.tugaskan", p)
    konkurensi.periksa(dasar, sidik_pengaduan(p), apa=_("Pengaduan ini"))
    if not policy.may(petugas, "pengaduan.tangani", p):
        raise ValidationError(
            _("%(nama)s tidak berwenang menangani pengaduan unit ini.") % {"nama": petugas.nama_lengkap}
        )
    if p.status == StatusPengaduan.BATAL:
        raise TransisiDitolak(_("Pengaduan yang batal tidak ditugaskan lagi."))
    p.petugas = petugas
    p.save(update_fields=["petugas", "diperbarui_pada"])
    _riwayat(
        p,
        jenis=JenisRiwayat.PENUGASAN,
        pelaku=PETUGAS,
        oleh=oleh,
        teks=_("Ditugaskan kepada %(nama)s.") % {"nama": petugas.nama_lengkap},
        publik=False,
        pada=pada,
    )
    audit_record(aktor=oleh, aksi="pengaduan.tugaskan", objek=p, data={"petugas": petugas.pk})
    if petugas != oleh:
        notify(
            penerima=[petugas],
            judul=_("Pengaduan %(nomor)s ditugaskan kepada Anda") % {"nomor": p.nomor},
            pesan=_("%(oleh)s menugaskan pengaduan %(nomor)s kepada Anda.")
            % {"oleh": oleh.nama_lengkap, "nomor": p.nomor},
            tautan=_url_staf(p),
        )
    return p


@transaction.atomic
def tanggapan_tulis(*, pengaduan: Pengaduan, teks: str, oleh, pada: datetime | None = None) -> Riwayat:
    """A public response: shown to the complainant (tracking page, e-mail)."""
    p = _kunci(pengaduan.pk)
    policy.require(oleh, "pengaduan.tangani", p)
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Tulis tanggapan.")})
    if p.status == StatusPengaduan.BATAL:
        raise TransisiDitolak(_("Pengaduan ini sudah batal."))
    riwayat = _riwayat(p, jenis=JenisRiwayat.TANGGAPAN, pelaku=PETUGAS, oleh=oleh, teks=teks, pada=pada)
    audit_record(aktor=oleh, aksi="pengaduan.tanggapan", objek=p, data={"riwayat": riwayat.pk})
    surel.kirim(p, "tanggapan", riwayat)
    return riwayat


@transaction.atomic
def catatan_tulis(*, pengaduan: Pengaduan, teks: str, oleh, pada: datetime | None = None) -> CatatanInternal:
    """An internal note: staff only, never shown to the complainant or the public."""
    p = Pengaduan.objects.select_related("unit").get(pk=pengaduan.pk)
    policy.require(oleh, "pengaduan.lihat", p)
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Tulis catatan.")})
    catatan = CatatanInternal.objects.create(pengaduan=p, teks=teks, oleh=oleh, pada=_sekarang(pada))
    audit_record(aktor=oleh, aksi="pengaduan.catatan", objek=p, data={"catatan": catatan.pk})
    return catatan


@transaction.atomic
def pengaturan_simpan(
    *, unit: Unit, oleh, janji_tanggapan: int | None, janji_keputusan: int | None, dasar: str | None = None
):
    """The unit's promised response times (working days); applies to clocks started later."""
    policy.require(oleh, "pengaduan.atur", unit)
    pengaturan, _created = PengaturanPengaduanUnit.objects.select_for_update().get_or_create(unit=unit)
    konkurensi.periksa(dasar, sidik_pengaturan(pengaturan), apa=_("Janji waktu penanganan unit ini"))
    pengaturan.janji_tanggapan_hari_kerja = janji_tanggapan
    pengaturan.janji_keputusan_hari_kerja = janji_keputusan
    pengaturan.diubah_oleh = oleh
    pengaturan.full_clean()
    pengaturan.save()
    audit_record(
        aktor=oleh,
        aksi="pengaduan.pengaturan",
        objek=unit,
        data={"tanggapan": janji_tanggapan, "keputusan": janji_keputusan},
    )
    return pengaturan
