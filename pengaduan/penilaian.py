"""After the decision: the complainant rates the handling (1–5, and whether the problem was
actually solved — "selesai, tetapi tidak terselesaikan" is an honest answer the form must
allow) and may reopen the complaint within 14 days with a reason (a workflow step, counted
apart: Pengaduan.jumlah_dibuka_kembali).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan.audit import audit_record
from pelayanan.notifikasi import notify
from pengaduan import penerima
from pengaduan.choices import STATUS_SELESAI, JenisRiwayat, Terselesaikan
from pengaduan.models import Pengaduan, Penilaian, Riwayat
from pengaduan.workflow import PENGADU


def boleh_dinilai(p: Pengaduan) -> bool:
    """Decided, and not yet rated since the last (re)opening."""
    if p.status not in STATUS_SELESAI:
        return False
    return not any(n.putaran == p.jumlah_dibuka_kembali for n in p.penilaian_set.all())


@transaction.atomic
def penilaian_beri(
    *, pengaduan: Pengaduan, skor: int, terselesaikan: str, komentar: str = "", pada: datetime | None = None
) -> Penilaian:
    """The complainant's rating of a decided complaint (once per decision)."""
    p = Pengaduan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=pengaduan.pk)
    if p.status not in STATUS_SELESAI:
        raise ValidationError(_("Penanganan dapat dinilai setelah pengaduan diputuskan."))
    if terselesaikan not in Terselesaikan.values:
        raise ValidationError({"terselesaikan": _("Pilih salah satu jawaban.")})
    pada = pada or timezone.now()
    penilaian = Penilaian(
        pengaduan=p,
        putaran=p.jumlah_dibuka_kembali,
        skor=skor,
        terselesaikan=terselesaikan,
        komentar=(komentar or "").strip(),
        dibuat_pada=pada,
    )
    penilaian.full_clean(exclude=["pengaduan"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            penilaian.save()
    except IntegrityError:
        raise ValidationError(_("Anda sudah menilai penanganan keputusan ini.")) from None
    Riwayat.objects.create(
        pengaduan=p,
        jenis=JenisRiwayat.PENILAIAN,
        teks=_("Nilai penanganan %(skor)s dari 5; masalah terselesaikan: %(jawab)s.")
        % {"skor": skor, "jawab": Terselesaikan(terselesaikan).label},
        publik=True,
        pelaku=PENGADU,
        pada=pada,
    )
    audit_record(
        aktor=None, aksi="pengaduan.penilaian", objek=p, data={"skor": skor, "terselesaikan": terselesaikan}
    )
    notify(
        penerima=penerima.petugas_atau_pengelola(p),
        judul=_("Penilaian pengadu — %(nomor)s") % {"nomor": p.nomor},
        pesan=_("Pengadu memberi nilai %(skor)s dari 5 atas penanganan pengaduan %(nomor)s.")
        % {"skor": skor, "nomor": p.nomor},
        tautan="",
    )
    return penilaian
