"""Services of the standar app: drafting, editing components, and each workflow step.

Each step locks the version, checks the state machine (standar.workflow) and the
permission policy, runs the step's guards, writes the audit log. Views and tasks call
these functions; nothing else changes a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan import policy
from pelayanan.audit import audit_record
from pelayanan.models import Layanan
from standar import dokumen, komponen, workflow
from standar.choices import STATUS_PERSIAPAN, StatusVersi
from standar.models import KomponenStandar, StandarPelayanan, VersiStandar


class StaleEdit(ValidationError):
    """Someone else saved this component after the form was opened."""

    def __init__(self, current: KomponenStandar):
        self.current = current
        super().__init__(
            _(
                "Komponen ini sudah diubah oleh %(siapa)s pada %(kapan)s setelah Anda membukanya. "
                "Isian Anda masih ada di formulir; periksa perubahan mereka di bawah, lalu simpan lagi."
            )
            % {
                "siapa": current.diubah_oleh.nama_lengkap if current.diubah_oleh else _("pengguna lain"),
                "kapan": timezone.localtime(current.diubah_pada).strftime("%d-%m-%Y %H.%M"),
            }
        )


class TransitionRefused(ValidationError):
    """A workflow step that is not possible now; the message says why."""


@dataclass(frozen=True)
class Kelengkapan:
    lengkap: tuple[komponen.Komponen, ...]
    belum: tuple[komponen.Komponen, ...]

    @property
    def jumlah_lengkap(self) -> int:
        return len(self.lengkap)

    @property
    def jumlah(self) -> int:
        return komponen.JUMLAH

    @property
    def selesai(self) -> bool:
        return not self.belum


def kelengkapan(versi: VersiStandar) -> Kelengkapan:
    """Which of the 14 components are complete, in registry order."""
    return kelengkapan_isi({k.kunci: k.isi for k in versi.komponen_set.all()})


def kelengkapan_isi(isi: dict[str, dict | None]) -> Kelengkapan:
    """The same for a version's content as {kunci: isi} (rows read in bulk elsewhere, e.g.
    by the compliance index); a missing component is incomplete."""
    done, todo = [], []
    for k in komponen.KOMPONEN:
        ada = k.kunci in isi
        (done if ada and k.jenis.is_complete(isi[k.kunci] or {}) else todo).append(k)
    return Kelengkapan(tuple(done), tuple(todo))


# --- drafting -----------------------------------------------------------------------------


def _next_nomor(standar: StandarPelayanan) -> int:
    return (standar.versi_set.aggregate(n=Max("nomor"))["n"] or 0) + 1


def _create_version(*, standar, oleh, sumber: VersiStandar | None, **extra) -> VersiStandar:
    if standar.versi_set.filter(status__in=STATUS_PERSIAPAN).exists():
        raise ValidationError(_("Standar ini sudah memiliki versi yang sedang disusun."))
    versi = VersiStandar.objects.create(
        standar=standar, nomor=_next_nomor(standar), dibuat_oleh=oleh, **extra
    )
    isi_sumber = {k.kunci: k.isi for k in sumber.komponen_set.all()} if sumber else {}
    KomponenStandar.objects.bulk_create(
        KomponenStandar(
            versi=versi,
            kunci=k.kunci,
            isi=isi_sumber.get(k.kunci) or k.jenis.empty(),
            diubah_oleh=oleh,
        )
        for k in komponen.KOMPONEN
    )
    return versi


@transaction.atomic
def versi_draft_create(*, layanan: Layanan, oleh) -> VersiStandar:
    """Start a new draft of a service's standard, copied from its published version if any."""
    policy.require(oleh, "standar.susun", layanan)
    standar, _created = StandarPelayanan.objects.select_for_update().get_or_create(layanan=layanan)
    terbit = standar.versi_set.filter(status=StatusVersi.TERBIT).first()
    versi = _create_version(standar=standar, oleh=oleh, sumber=terbit, revisi_dari=terbit)
    audit_record(
        aktor=oleh,
        aksi="standar.draf_baru",
        objek=versi,
        data={"revisi_dari": terbit.nomor if terbit else None},
    )
    return versi


@transaction.atomic
def versi_copy_from_other(*, layanan: Layanan, sumber: VersiStandar, oleh) -> VersiStandar:
    """Start a draft from another unit's published standard (then edit it)."""
    policy.require(oleh, "standar.susun", layanan)
    if sumber.status != StatusVersi.TERBIT:
        raise ValidationError(_("Hanya standar yang sedang terbit dapat dijadikan contoh."))
    standar, _created = StandarPelayanan.objects.select_for_update().get_or_create(layanan=layanan)
    if sumber.standar_id == standar.pk:
        raise ValidationError(_("Pilih standar layanan lain sebagai contoh."))
    terbit = standar.versi_set.filter(status=StatusVersi.TERBIT).first()
    versi = _create_version(
        standar=standar, oleh=oleh, sumber=sumber, revisi_dari=terbit, disalin_dari=sumber
    )
    audit_record(aktor=oleh, aksi="standar.salin", objek=versi, data={"sumber": sumber.pk})
    return versi


@transaction.atomic
def komponen_update(
    *, versi: VersiStandar, kunci: str, isi: dict, revisi_dasar: int, oleh
) -> KomponenStandar:
    """Save one component. Refuses a save based on an older revision (StaleEdit)."""
    definisi = komponen.get(kunci)
    versi = VersiStandar.objects.select_for_update().get(pk=versi.pk)
    policy.require(oleh, "standar.susun", versi)
    if not versi.dapat_diubah:
        raise ValidationError(
            _("Versi %(n)s berstatus %(s)s dan tidak dapat diubah.")
            % {"n": versi.nomor, "s": versi.get_status_display()}
        )
    row = (
        KomponenStandar.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .get(versi=versi, kunci=kunci)
    )
    if row.revisi != revisi_dasar:
        raise StaleEdit(row)
    cleaned = definisi.jenis.clean(isi)
    if cleaned == row.isi:
        return row
    before = row.isi
    row.isi, row.revisi, row.diubah_oleh = cleaned, row.revisi + 1, oleh
    row.save(update_fields=["isi", "revisi", "diubah_oleh", "diubah_pada"])
    audit_record(
        aktor=oleh,
        aksi="standar.komponen_ubah",
        objek=versi,
        data={
            "komponen": kunci,
            "revisi": row.revisi,
            "perubahan": [c.jenis for c in definisi.jenis.diff(before or definisi.jenis.empty(), cleaned)],
        },
    )
    return row


# --- workflow steps -----------------------------------------------------------------------


def _step(versi: VersiStandar, nama: str, oleh) -> tuple[VersiStandar, workflow.Transisi]:
    """Lock the version and check that step `nama` is allowed for `oleh` now."""
    transisi = workflow.TRANSISI[nama]
    if transisi.aksi_policy is None:
        raise PermissionDenied(_("Langkah ini dijalankan oleh sistem."))
    versi = (
        VersiStandar.objects.select_for_update(of=("self",))
        .select_related("standar__layanan__unit")
        .get(pk=versi.pk)
    )
    if not policy.may(oleh, transisi.aksi_policy, versi):
        raise PermissionDenied(_("Anda tidak berwenang: %(langkah)s.") % {"langkah": transisi.label})
    if versi.status not in transisi.dari:
        raise TransitionRefused(
            _("Langkah “%(langkah)s” tidak dapat dilakukan pada versi berstatus %(status)s.")
            % {"langkah": transisi.label, "status": versi.get_status_display()}
        )
    kurang = workflow.missing(versi, nama)
    if kurang:
        raise TransitionRefused(kurang)
    return versi, transisi


def _finish(versi: VersiStandar, transisi: workflow.Transisi, oleh, fields: list[str], data=None):
    lama = versi.status
    versi.status = transisi.ke
    versi.save(update_fields=["status", *fields])
    audit_record(
        aktor=oleh,
        aksi=f"standar.{transisi.nama}",
        objek=versi,
        data={"dari": lama, "ke": transisi.ke, **(data or {})},
    )
    return versi


def _tell_commenters(versi: VersiStandar, judul: str) -> None:
    from standar.konsultasi import notify_commenters

    layanan = versi.standar.layanan
    notify_commenters(
        versi,
        judul,
        _("%(judul)s: %(layanan)s (%(unit)s), versi %(nomor)s. Lihat jawaban atas komentar Anda di portal.")
        % {"judul": judul, "layanan": layanan.nama, "unit": layanan.unit.nama, "nomor": versi.nomor},
    )


@transaction.atomic
def versi_submit_consultation(*, versi: VersiStandar, oleh) -> VersiStandar:
    """Called by standar.konsultasi.putaran_open: a version goes to consultation only with a round."""
    versi, t = _step(versi, "ajukan_konsultasi", oleh)
    return _finish(versi, t, oleh, [])


def versi_close_consultation(*, versi: VersiStandar) -> VersiStandar:
    """System step when a comment round closes (called by standar.konsultasi.putaran_close)."""
    transisi = workflow.TRANSISI["tutup_konsultasi"]
    versi = VersiStandar.objects.select_for_update().get(pk=versi.pk)
    if versi.status not in transisi.dari:
        return versi
    return _finish(versi, transisi, None, [])


@transaction.atomic
def versi_decree(
    *, versi: VersiStandar, sk_nomor: str, sk_tanggal: date, berlaku_mulai: date, oleh
) -> VersiStandar:
    """Penetapan by the head of the unit, with the decree's number and date."""
    versi, t = _step(versi, "tetapkan", oleh)
    sk_nomor = (sk_nomor or "").strip()
    errors = {}
    if not sk_nomor:
        errors["sk_nomor"] = _("Nomor SK wajib diisi.")
    if not sk_tanggal:
        errors["sk_tanggal"] = _("Tanggal SK wajib diisi.")
    elif sk_tanggal > timezone.localdate():
        errors["sk_tanggal"] = _("Tanggal SK tidak boleh di masa depan.")
    if not berlaku_mulai:
        errors["berlaku_mulai"] = _("Tanggal mulai berlaku wajib diisi.")
    elif sk_tanggal and berlaku_mulai < sk_tanggal:
        errors["berlaku_mulai"] = _("Tanggal berlaku tidak boleh sebelum tanggal SK.")
    if errors:
        raise ValidationError(errors)
    versi.sk_nomor, versi.sk_tanggal, versi.berlaku_mulai = sk_nomor, sk_tanggal, berlaku_mulai
    versi.ditetapkan_oleh, versi.ditetapkan_pada = oleh, timezone.now()
    _tell_commenters(versi, _("Standar pelayanan yang Anda komentari telah ditetapkan"))
    return _finish(
        versi,
        t,
        oleh,
        ["sk_nomor", "sk_tanggal", "berlaku_mulai", "ditetapkan_oleh", "ditetapkan_pada"],
        {"sk_nomor": sk_nomor, "sk_tanggal": sk_tanggal.isoformat()},
    )


@transaction.atomic
def versi_publish(*, versi: VersiStandar, oleh) -> VersiStandar:
    """Publish a decreed version; the previously published one becomes superseded."""
    versi, t = _step(versi, "terbitkan", oleh)
    now = timezone.now()
    lama = (
        VersiStandar.objects.select_for_update()
        .filter(standar=versi.standar, status=StatusVersi.TERBIT)
        .first()
    )
    if lama is not None:
        lama.status, lama.digantikan_oleh, lama.digantikan_pada = StatusVersi.DIGANTIKAN, versi, now
        lama.save(update_fields=["status", "digantikan_oleh", "digantikan_pada"])
        audit_record(aktor=oleh, aksi="standar.digantikan", objek=lama, data={"oleh_versi": versi.nomor})
    versi.diterbitkan_pada = now
    _tell_commenters(versi, _("Standar pelayanan yang Anda komentari telah diterbitkan"))
    versi = _finish(versi, t, oleh, ["diterbitkan_pada"], {"menggantikan": lama.nomor if lama else None})
    dokumen.jadwalkan_versi(versi)  # official PDFs of this version and the one it supersedes
    return versi


@transaction.atomic
def versi_revoke(*, versi: VersiStandar, alasan: str, oleh) -> VersiStandar:
    versi, t = _step(versi, "cabut", oleh)
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError({"alasan": _("Tuliskan alasan pencabutan (paling sedikit 10 karakter).")})
    versi.alasan_pencabutan, versi.dicabut_pada = alasan[:2000], timezone.now()
    versi = _finish(versi, t, oleh, ["alasan_pencabutan", "dicabut_pada"], {"alasan": alasan[:200]})
    dokumen.jadwalkan_versi(versi)  # its PDFs are stamped DICABUT
    return versi


# --- yearly evaluation (PP 96/2012 Pasal 32) ----------------------------------------------


@transaction.atomic
def evaluasi_penerapan_record(*, versi: VersiStandar, tanggal: date, kesimpulan: str, ringkasan: str, oleh):
    """Record the yearly evaluation of how a published standard is applied. Only the version
    in force; dated between the day it took effect and today. Never edited afterwards: a
    correction is a new record. The next evaluation falls due a year later (standar.jadwal)."""
    from standar.choices import KesimpulanEvaluasi
    from standar.isi import _CONTROL_RE
    from standar.models import EvaluasiPenerapan

    versi = (
        VersiStandar.objects.select_for_update(of=("self",))
        .select_related("standar__layanan__unit")
        .get(pk=versi.pk)
    )
    policy.require(oleh, "standar.evaluasi", versi)
    if versi.status != StatusVersi.TERBIT:
        raise ValidationError(
            _("Evaluasi penerapan hanya dicatat untuk versi yang sedang berlaku (status: %(s)s).")
            % {"s": versi.get_status_display()}
        )
    errors = {}
    mulai = versi.berlaku_sejak
    if not tanggal:
        errors["tanggal"] = _("Tanggal evaluasi wajib diisi.")
    elif tanggal > timezone.localdate():
        errors["tanggal"] = _("Tanggal evaluasi tidak boleh di masa depan.")
    elif mulai and tanggal < mulai:
        errors["tanggal"] = _("Tanggal evaluasi tidak boleh sebelum standar berlaku (%(d)s).") % {
            "d": mulai.strftime("%d-%m-%Y")
        }
    if kesimpulan not in KesimpulanEvaluasi.values:
        errors["kesimpulan"] = _("Pilih kesimpulan evaluasi.")
    ringkasan = _CONTROL_RE.sub("", ringkasan or "").strip()
    if len(ringkasan) < 10:
        errors["ringkasan"] = _("Tuliskan ringkasan hasil evaluasi (paling sedikit 10 karakter).")
    elif len(ringkasan) > 5000:
        errors["ringkasan"] = _("Paling banyak 5000 karakter.")
    if errors:
        raise ValidationError(errors)
    evaluasi = EvaluasiPenerapan.objects.create(
        versi=versi, tanggal=tanggal, kesimpulan=kesimpulan, ringkasan=ringkasan, dicatat_oleh=oleh
    )
    audit_record(
        aktor=oleh,
        aksi="standar.evaluasi_penerapan",
        objek=versi,
        data={"evaluasi": evaluasi.pk, "tanggal": tanggal.isoformat(), "kesimpulan": kesimpulan},
    )
    return evaluasi
