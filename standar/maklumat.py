"""Services of the maklumat pelayanan: draft, edit, decree, publish (superseding the old one),
and the PP 96/2012 Pasal 30 reminder: published within 7 working days of a standard's
penetapan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pelayanan import policy
from pelayanan.audit import audit_record
from pelayanan.hari_kerja import add_working_days
from pelayanan.models import Unit
from standar.choices import StatusMaklumat, StatusVersi
from standar.models import Maklumat, VersiStandar

BATAS_HARI_KERJA = 7  # PP 96/2012 Pasal 30(4)

# The standard wording (law.md §2.5) with the three required statements: the promise to
# serve by the standard, continuous improvement, and acceptance of sanctions/compensation.
TEKS_BAKU = gettext_lazy(
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan, memberikan pelayanan sesuai kewajiban dan akan melakukan perbaikan "
    "secara terus-menerus, dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "dan/atau memberikan kompensasi sesuai peraturan perundang-undangan yang berlaku."
)

EDITABLE_FIELDS = [
    "teks",
    "tempat",
    "tanggal",
    "penandatangan_nama",
    "penandatangan_jabatan",
    "penandatangan_nip",
]


MAKS = {"teks": 5000, "tempat": 100, "penandatangan_nama": 150, "penandatangan_jabatan": 150}


def maklumat_validate(data: dict) -> dict:
    """Check every field at once; return the cleaned values or raise one ValidationError."""
    cleaned = {f: data.get(f) for f in EDITABLE_FIELDS}
    errors = {}
    for f, maks in MAKS.items():
        cleaned[f] = (cleaned[f] or "").replace("\x00", "").strip()
        if not cleaned[f]:
            errors[f] = _("Wajib diisi.")
        elif len(cleaned[f]) > maks:
            errors[f] = _("Paling banyak %(n)s karakter.") % {"n": maks}
    nip = (cleaned["penandatangan_nip"] or "").replace(" ", "").strip()
    if nip and (not (nip.isascii() and nip.isdigit()) or len(nip) != 18):
        errors["penandatangan_nip"] = _("NIP terdiri atas 18 angka.")
    cleaned["penandatangan_nip"] = nip
    if not cleaned["tanggal"]:
        errors["tanggal"] = _("Wajib diisi.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def maklumat_draft_create(*, unit: Unit, data: dict, oleh) -> Maklumat:
    policy.require(oleh, "maklumat.susun", unit)
    if unit.maklumat_set.filter(status__in=[StatusMaklumat.DRAF, StatusMaklumat.DITETAPKAN]).exists():
        raise ValidationError(_("Unit ini sudah memiliki maklumat yang sedang disusun."))
    nomor = (unit.maklumat_set.aggregate(n=Max("nomor"))["n"] or 0) + 1
    maklumat = Maklumat.objects.create(unit=unit, nomor=nomor, dibuat_oleh=oleh, **maklumat_validate(data))
    audit_record(aktor=oleh, aksi="maklumat.draf_baru", objek=maklumat)
    return maklumat


@transaction.atomic
def maklumat_update(*, maklumat: Maklumat, data: dict, oleh) -> Maklumat:
    maklumat = Maklumat.objects.select_for_update(of=("self",)).select_related("unit").get(pk=maklumat.pk)
    policy.require(oleh, "maklumat.susun", maklumat)
    if maklumat.status != StatusMaklumat.DRAF:
        raise ValidationError(_("Maklumat yang sudah ditetapkan tidak dapat diubah."))
    for f, v in maklumat_validate(data).items():
        setattr(maklumat, f, v)
    maklumat.save(update_fields=EDITABLE_FIELDS)
    audit_record(aktor=oleh, aksi="maklumat.ubah", objek=maklumat)
    return maklumat


def _locked(maklumat: Maklumat, aksi: str, oleh, dari: str) -> Maklumat:
    maklumat = Maklumat.objects.select_for_update(of=("self",)).select_related("unit").get(pk=maklumat.pk)
    policy.require(oleh, aksi, maklumat)
    if maklumat.status != dari:
        raise ValidationError(
            _("Langkah ini tidak dapat dilakukan pada maklumat berstatus %(s)s.")
            % {"s": maklumat.get_status_display()}
        )
    return maklumat


@transaction.atomic
def maklumat_decree(*, maklumat: Maklumat, oleh) -> Maklumat:
    maklumat = _locked(maklumat, "maklumat.tetapkan", oleh, StatusMaklumat.DRAF)
    maklumat.status, maklumat.ditetapkan_pada = StatusMaklumat.DITETAPKAN, timezone.now()
    maklumat.save(update_fields=["status", "ditetapkan_pada"])
    audit_record(aktor=oleh, aksi="maklumat.tetapkan", objek=maklumat)
    return maklumat


@transaction.atomic
def maklumat_publish(*, maklumat: Maklumat, oleh) -> Maklumat:
    maklumat = _locked(maklumat, "maklumat.tetapkan", oleh, StatusMaklumat.DITETAPKAN)
    lama = (
        Maklumat.objects.select_for_update().filter(unit=maklumat.unit, status=StatusMaklumat.TERBIT).first()
    )
    if lama:
        lama.status = StatusMaklumat.DIGANTIKAN
        lama.save(update_fields=["status"])
        audit_record(aktor=oleh, aksi="maklumat.digantikan", objek=lama)
    maklumat.status, maklumat.diterbitkan_pada = StatusMaklumat.TERBIT, timezone.now()
    maklumat.save(update_fields=["status", "diterbitkan_pada"])
    audit_record(aktor=oleh, aksi="maklumat.terbitkan", objek=maklumat)
    from standar import dokumen

    dokumen.jadwalkan_unit(maklumat.unit)  # the unit's standards print the maklumat
    return maklumat


@dataclass(frozen=True)
class PengingatMaklumat:
    """A standard was decreed and no maklumat has been published since."""

    ditetapkan: date
    batas: date
    terlambat: bool


def maklumat_reminder(unit: Unit, today: date | None = None) -> PengingatMaklumat | None:
    """Reminder when the unit's latest standard decree has no maklumat published after it."""
    today = today or timezone.localdate()
    decreed = (
        VersiStandar.objects.filter(standar__layanan__unit=unit, ditetapkan_pada__isnull=False)
        .exclude(status=StatusVersi.DICABUT)
        .aggregate(last=Max("ditetapkan_pada"))["last"]
    )
    if decreed is None:
        return None
    if (
        unit.maklumat_set.filter(diterbitkan_pada__gte=decreed)
        .exclude(status=StatusMaklumat.DICABUT)
        .exists()
    ):
        return None
    start = timezone.localtime(decreed).date()
    batas = add_working_days(start, BATAS_HARI_KERJA, unit.instansi_id)
    return PengingatMaklumat(ditetapkan=start, batas=batas, terlambat=today > batas)
