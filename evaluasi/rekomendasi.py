"""Recommendations of the Pembina (or the penanggung jawab) to a unit, and the unit's follow-up
(UU 25/2009 Pasal 6(3): pembinaan, pengawasan, evaluasi).

The state machine is explicit (TRANSISI): BARU -> DITINDAKLANJUTI -> SELESAI, or BARU ->
SELESAI directly; a recommendation being followed up may have its follow-up text updated
(DITINDAKLANJUTI -> DITINDAKLANJUTI); SELESAI is final. Finishing needs a follow-up text and
stamps `selesai_pada`. Writing one notifies the unit's admin and head; every follow-up step
notifies the author. Every change writes an audit entry.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from evaluasi.choices import StatusRekomendasi
from evaluasi.models import LaporanEvaluasi, Rekomendasi
from pelayanan import notifikasi, policy
from pelayanan.audit import audit_record
from pelayanan.choices import Peran
from pelayanan.models import Pengguna, Unit

S = StatusRekomendasi

# from -> the statuses it may move to
TRANSISI: dict[str, frozenset[str]] = {
    S.BARU: frozenset({S.DITINDAKLANJUTI, S.SELESAI}),
    S.DITINDAKLANJUTI: frozenset({S.DITINDAKLANJUTI, S.SELESAI}),
    S.SELESAI: frozenset(),
}


def status_berikut(rekomendasi: Rekomendasi) -> list[str]:
    """The statuses this recommendation may move to (for forms)."""
    return [s for s in S.values if s in TRANSISI[S(rekomendasi.status)]]


def penerima_unit(unit: Unit):
    """The unit's admin and head: grants on the unit, or admin grants on its instansi."""
    return (
        Pengguna.objects.filter(is_active=True)
        .filter(
            Q(penugasan__unit=unit, penugasan__peran__in=[Peran.ADMIN_UNIT, Peran.KEPALA_UNIT])
            | Q(penugasan__instansi_id=unit.instansi_id, penugasan__peran=Peran.ADMIN_UNIT)
        )
        .distinct()
        .order_by("pk")
    )


def _tautan_unit(rekomendasi: Rekomendasi) -> str:
    return notifikasi.absolute(reverse("evaluasi:rekomendasi_ubah", kwargs={"pk": rekomendasi.pk}))


def _tautan_pembina(rekomendasi: Rekomendasi) -> str:
    unit = rekomendasi.unit
    url = reverse("evaluasi:dasbor_unit", kwargs={"instansi": unit.instansi.slug, "unit": unit.slug})
    return notifikasi.absolute(url + "#rekomendasi")


@transaction.atomic
def rekomendasi_create(
    *, unit: Unit, teks: str, batas_waktu: date, oleh, laporan: LaporanEvaluasi | None = None
) -> Rekomendasi:
    """Write a recommendation to `unit` (Pembina or penanggung jawab of its instansi)."""
    policy.require(oleh, "rekomendasi.tulis", unit)
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": _("Tuliskan rekomendasinya.")})
    if batas_waktu < timezone.localdate():
        raise ValidationError({"batas_waktu": _("Batas waktu tidak boleh di masa lalu.")})
    if laporan is not None and (
        laporan.instansi_id != unit.instansi_id or laporan.unit_id not in (None, unit.pk)
    ):
        raise ValidationError({"laporan": _("Laporan ini tidak mencakup unit tersebut.")})
    rekomendasi = Rekomendasi(
        unit=unit, laporan=laporan, teks=teks, batas_waktu=batas_waktu, dibuat_oleh=oleh
    )
    rekomendasi.full_clean(exclude=["unit", "laporan", "dibuat_oleh"])
    rekomendasi.save()
    audit_record(
        aktor=oleh,
        aksi="rekomendasi.dibuat",
        objek=rekomendasi,
        data={
            "unit": unit.pk,
            "batas_waktu": batas_waktu.isoformat(),
            "laporan": laporan.pk if laporan else None,
        },
    )
    notifikasi.notify(
        penerima=penerima_unit(unit),
        judul=_("Rekomendasi baru untuk %(unit)s") % {"unit": unit.nama},
        pesan=_("%(oleh)s menulis rekomendasi dengan batas waktu %(tanggal)s:\n\n%(teks)s")
        % {"oleh": oleh.get_full_name(), "tanggal": batas_waktu.strftime("%d-%m-%Y"), "teks": teks},
        tautan=_tautan_unit(rekomendasi),
    )
    return rekomendasi


@transaction.atomic
def rekomendasi_update(*, rekomendasi: Rekomendasi, status: str, tindak_lanjut: str, oleh) -> Rekomendasi:
    """Record the unit's follow-up and move the recommendation on (TRANSISI)."""
    policy.require(oleh, "rekomendasi.tindak_lanjut", rekomendasi)
    rekomendasi = (
        Rekomendasi.objects.select_for_update(of=("self",))
        .select_related("unit__instansi", "dibuat_oleh")
        .get(pk=rekomendasi.pk)
    )
    dari = S(rekomendasi.status)
    if status not in S.values or status not in TRANSISI[dari]:
        if dari == S.SELESAI:
            pesan = _("Rekomendasi sudah selesai dan tidak dapat diubah lagi.")
        else:
            pesan = _("Status tidak dapat diubah dari %(s)s.") % {"s": rekomendasi.get_status_display()}
        raise ValidationError({"status": pesan})
    tindak_lanjut = (tindak_lanjut or "").strip()
    if status == S.SELESAI and not tindak_lanjut:
        raise ValidationError({"tindak_lanjut": _("Jelaskan tindak lanjutnya sebelum menyatakan selesai.")})
    rekomendasi.status = status
    rekomendasi.tindak_lanjut = tindak_lanjut
    fields = ["status", "tindak_lanjut", "diubah_pada"]
    if status == S.SELESAI:
        rekomendasi.selesai_pada = timezone.now()
        fields.append("selesai_pada")
    rekomendasi.full_clean(exclude=["unit", "laporan", "dibuat_oleh"])
    rekomendasi.save(update_fields=fields)
    audit_record(aktor=oleh, aksi="rekomendasi.diubah", objek=rekomendasi, data={"dari": dari, "ke": status})
    notifikasi.notify(
        penerima=[rekomendasi.dibuat_oleh],
        judul=_("Tindak lanjut rekomendasi: %(unit)s") % {"unit": rekomendasi.unit.nama},
        pesan=_("%(oleh)s mengubah status rekomendasi “%(ringkas)s” menjadi %(status)s.\n\n%(tindak_lanjut)s")
        % {
            "oleh": oleh.get_full_name(),
            "ringkas": Truncator(rekomendasi.teks).chars(80),
            "status": rekomendasi.get_status_display(),
            "tindak_lanjut": tindak_lanjut,
        },
        tautan=_tautan_pembina(rekomendasi),
    )
    return rekomendasi
