"""Compiled evaluation reports (UU 25/2009 Pasal 7 ayat 2 huruf c, Pasal 38): requesting a
report, the compilation job, and the reporting line from the penanggung jawab to the Pembina.

A report covers one period (evaluasi.periode) and one scope: one unit, or an instansi with all
its active units. There is one report per scope and period (`LaporanEvaluasi.kunci`): a second
request returns the first report, whatever its state.

The job (`laporan_susun`, run by the Celery task evaluasi.tasks.susun_laporan on queue "pdf")
goes through explicit states::

    ANTRI --claim--> BERJALAN --one conditional update--> SELESAI (final, immutable)
                       |  \\--error--> GAGAL --laporan_ulang--> ANTRI
                       \\--database/connection error--> ANTRI (the task retries with backoff)

- Claiming locks the row (select_for_update) and bumps `percobaan`. A BERJALAN row whose
  `dimulai_pada` is older than settings.LAPORAN_BASI_DETIK (default 900 s, the task's hard
  time limit) belongs to a worker that died: it is taken over. A fresher BERJALAN row is left
  alone (its worker is still at work).
- Every progress write and the final update are conditional on (status BERJALAN, this
  attempt's `percobaan`): a worker that was taken over can neither move the bar nor finish
  the report, so a report completes exactly once.
- All figures are computed for all units at once with grouped queries (no per-unit queries):
  compliance (evaluasi.kepatuhan.hitung), IKM pooled per unit over the responses of the unit's
  SKM periods overlapping the report period (evaluasi.ikm: pooled, never an average),
  complaints received in the period (count, share on time, overdue now), and standards whose
  yearly evaluation or three-year review is overdue (standar.jadwal).
- The figures are frozen in a JSON snapshot; the PDF and the XLSX are built from the
  snapshot only, so the page, the PDF and the spreadsheet always agree.
- The per-unit summary rows the dashboard reads (RingkasanUnit) are written in the same
  transaction as the completion, so the dashboard never shows figures of a failed or
  superseded attempt.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi import dasbor, ikm, periode, unsur
from evaluasi.choices import StatusLaporan, SumberLaporan
from evaluasi.models import (
    JawabanSKM,
    LaporanEvaluasi,
    PengantarLaporan,
    RingkasanUnit,
    TinjauanPembina,
    ZonaKepatuhan,
)
from evaluasi.models.laporan import _berkas_path
from pelayanan import policy
from pelayanan.audit import audit_record
from pelayanan.choices import Peran
from pelayanan.models import Instansi, Pengguna, Unit

logger = logging.getLogger(__name__)

BASI_DETIK_BAWAAN = 900
# Errors worth a retry of the task (the database or a connection is away for a moment):
# the attempt is released (back to ANTRI) instead of being marked GAGAL.
GANGGUAN_SEMENTARA: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)
FORMAT = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
VERSI_CUPLIKAN = 1
# At most this many units per chart in the PDF (a chart never runs over a page).
BATANG_PER_GRAFIK = 30
# Up to this many units, the PDF gives every unit's compliance rules with their evidence
# (section 6); above, one table of the rule scores per unit, the evidence staying in the XLSX
# (sheet Kepatuhan) and the dashboard's unit page. The full detail costs nearly a page per
# unit: 500 units made a 450-page PDF that took 50 s and 1.2 GB to render (bench/evaluasi.py,
# docs/evaluasi-kinerja.md).
RINCIAN_PDF_MAKS_UNIT = 50


@dataclass(frozen=True)
class Langkah:
    kode: str
    label: object  # lazy text
    progres: int  # percentage reached when the step is done


# The steps of the job, in order; `langkah` on the row holds the code of the running step.
LANGKAH: tuple[Langkah, ...] = (
    Langkah("unit", gettext_lazy("Mendata unit dalam lingkup laporan"), 10),
    Langkah("kepatuhan", gettext_lazy("Menghitung indeks kepatuhan"), 30),
    Langkah("ikm", gettext_lazy("Menghitung Indeks Kepuasan Masyarakat"), 45),
    Langkah("pengaduan", gettext_lazy("Menghitung pengaduan"), 55),
    Langkah("standar", gettext_lazy("Memeriksa jadwal evaluasi dan peninjauan standar"), 65),
    Langkah("ringkasan", gettext_lazy("Menyusun ringkasan per unit"), 75),
    Langkah("pdf", gettext_lazy("Menyusun berkas PDF"), 90),
    Langkah("xlsx", gettext_lazy("Menyusun berkas XLSX"), 97),
)
_LANGKAH = {lk.kode: lk for lk in LANGKAH}
LABEL_KHUSUS = {
    "": gettext_lazy("Menunggu giliran"),
    "selesai": gettext_lazy("Selesai"),
}


def label_langkah(kode: str) -> str:
    """The step's text for people (translated), from the code stored on the row."""
    if kode in _LANGKAH:
        return str(_LANGKAH[kode].label)
    return str(LABEL_KHUSUS.get(kode, kode))


def basi_detik() -> int:
    return int(getattr(settings, "LAPORAN_BASI_DETIK", BASI_DETIK_BAWAAN))


class _BukanPemilik(Exception):
    """This attempt no longer owns the report (taken over, or finished by another)."""


# --- requesting a report ------------------------------------------------------------------


def _lingkup(instansi: Instansi, unit: Unit | None):
    if unit is not None and unit.instansi_id != instansi.pk:
        raise ValidationError({"unit": _("Unit ini bukan bagian dari instansi tersebut.")})
    return unit if unit is not None else instansi


def _antrekan(laporan_id: int) -> None:
    """Enqueue the compilation after the commit, through the portal's outbox (never lost)."""
    from evaluasi.tasks import susun_laporan as susun_laporan_task
    from pelayanan.antrean import antrekan

    antrekan(susun_laporan_task, laporan_id)


def laporan_minta(
    *,
    instansi: Instansi,
    unit: Unit | None = None,
    jenis: str,
    tahun: int,
    ke: int,
    oleh=None,
    sumber: str,
) -> tuple[LaporanEvaluasi, bool]:
    """The report of this scope and period, requested (and enqueued) if it does not exist yet.
    Returns (report, created). An existing report is returned as it is, whatever its state:
    a second click gives the same report. `oleh` None means the schedule (beat)."""
    lingkup = _lingkup(instansi, unit)
    if oleh is not None:
        policy.require(oleh, "laporan.susun", lingkup)
    if sumber not in SumberLaporan.values:
        raise ValueError(f"unknown sumber {sumber!r}")
    mulai, selesai = periode.rentang(jenis, tahun, ke)
    if mulai > timezone.localdate():
        raise ValidationError(
            {"ke": _("Periode %(p)s belum dimulai.") % {"p": periode.label(jenis, tahun, ke)}}
        )
    kunci = LaporanEvaluasi.kunci_untuk(instansi.pk, unit.pk if unit else None, jenis, tahun, ke)
    ada = LaporanEvaluasi.objects.filter(kunci=kunci).first()
    if ada is not None:
        return ada, False
    try:
        with transaction.atomic():
            laporan = LaporanEvaluasi.objects.create(
                instansi=instansi,
                unit=unit,
                jenis=jenis,
                tahun=tahun,
                ke=ke,
                mulai=mulai,
                selesai=selesai,
                sumber=sumber,
                dimulai_oleh=oleh,
            )
    except IntegrityError:
        # Another request created it between our look-up and our insert.
        return LaporanEvaluasi.objects.get(kunci=kunci), False
    audit_record(
        aktor=oleh,
        aksi="laporan.minta",
        objek=laporan,
        data={"kunci": kunci, "sumber": sumber, "mulai": mulai.isoformat(), "selesai": selesai.isoformat()},
    )
    _antrekan(laporan.pk)
    return laporan, True


def laporan_ulang(*, laporan: LaporanEvaluasi, oleh) -> LaporanEvaluasi:
    """Put a failed report back in the queue (GAGAL -> ANTRI)."""
    policy.require(oleh, "laporan.susun", laporan)
    with transaction.atomic():
        n = LaporanEvaluasi.objects.filter(pk=laporan.pk, status=StatusLaporan.GAGAL).update(
            status=StatusLaporan.ANTRI, progres=0, langkah="", galat=""
        )
        if n != 1:
            raise ValidationError(_("Hanya laporan yang gagal disusun yang dapat disusun ulang."))
        dasbor.berubah()
        laporan.refresh_from_db()
        audit_record(aktor=oleh, aksi="laporan.ulang", objek=laporan, data={"percobaan": laporan.percobaan})
        _antrekan(laporan.pk)
    return laporan


def laporan_lanjutkan_tertunda(now=None) -> int:
    """Enqueue again reports whose message may have been lost: queued, or running with a
    worker that died, for longer than LAPORAN_BASI_DETIK (beat; idempotent: the job itself
    decides whether there is anything to do)."""
    now = now or timezone.now()
    batas = now - timedelta(seconds=basi_detik())
    ids = list(
        LaporanEvaluasi.objects.filter(
            Q(status=StatusLaporan.ANTRI, dibuat_pada__lt=batas)
            | Q(status=StatusLaporan.BERJALAN, dimulai_pada__lt=batas)
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        _antrekan(pk)
    return len(ids)


# --- the job ------------------------------------------------------------------------------


def _klaim(laporan_id: int) -> tuple[LaporanEvaluasi, int] | None:
    """Lock the row and start an attempt, or None when there is nothing to do."""
    now = timezone.now()
    with transaction.atomic():
        try:
            laporan = (
                LaporanEvaluasi.objects.select_for_update(of=("self",))
                .select_related("instansi", "unit")
                .get(pk=laporan_id)
            )
        except LaporanEvaluasi.DoesNotExist:
            return None
        if laporan.status in (StatusLaporan.SELESAI, StatusLaporan.GAGAL):
            return None
        ambil_alih = laporan.status == StatusLaporan.BERJALAN
        if (
            ambil_alih
            and laporan.dimulai_pada
            and laporan.dimulai_pada > now - timedelta(seconds=basi_detik())
        ):
            return None  # a live worker is at it
        percobaan = laporan.percobaan + 1
        LaporanEvaluasi.objects.filter(pk=laporan.pk).update(
            status=StatusLaporan.BERJALAN,
            dimulai_pada=now,
            percobaan=percobaan,
            langkah=LANGKAH[0].kode,
            galat="",
        )
        dasbor.berubah()
        laporan.status, laporan.dimulai_pada, laporan.percobaan = StatusLaporan.BERJALAN, now, percobaan
        audit_record(
            aktor=None,
            aksi="laporan.mulai",
            objek=laporan,
            data={"percobaan": percobaan, "ambil_alih": ambil_alih},
        )
    return laporan, percobaan


def _maju(laporan_id: int, percobaan: int, kode: str, progres: int) -> None:
    """Report progress (never backwards); raise _BukanPemilik if the attempt lost the row."""
    n = LaporanEvaluasi.objects.filter(
        pk=laporan_id, status=StatusLaporan.BERJALAN, percobaan=percobaan
    ).update(progres=Greatest(F("progres"), progres), langkah=kode)
    if n != 1:
        raise _BukanPemilik


def _hapus(nama: str) -> None:
    try:
        default_storage.delete(nama)
    except OSError:
        logger.warning("Berkas laporan %s tidak dapat dihapus", nama)


def _simpan(laporan: LaporanEvaluasi, isi: bytes, ekstensi: str) -> str:
    """Store a file under an unguessable name; returns the storage name."""
    nama = _berkas_path(laporan, f"laporan-{laporan.kunci}-{secrets.token_hex(8)}.{ekstensi}")
    return default_storage.save(nama, ContentFile(isi))


def _pesan_galat(kode_langkah: str, exc: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    with translation.override("id"):
        if isinstance(exc, SoftTimeLimitExceeded):
            sebab = _("Penyusunan melewati batas waktu.")
        else:
            sebab = _("Terjadi kesalahan saat memproses data.")
        return _(
            "Laporan gagal disusun pada langkah “%(langkah)s”. %(sebab)s Silakan susun ulang; "
            "bila gagal lagi, hubungi operator portal dan sebutkan kode %(kode)s."
        ) % {"langkah": label_langkah(kode_langkah), "sebab": sebab, "kode": type(exc).__name__}


def laporan_susun(laporan_id: int) -> bool:
    """Compile the report with this id (the Celery task's body). True when this call
    completed the report; False when there was nothing to do, another attempt owns it, or it
    failed (then it is GAGAL with a readable reason). Database and connection errors are
    raised after releasing the attempt, for the task to retry."""
    klaim = _klaim(laporan_id)
    if klaim is None:
        return False
    laporan, percobaan = klaim
    berkas: list[str] = []
    langkah = LANGKAH[0].kode
    try:
        data = Data(laporan)
        for lk in LANGKAH:
            langkah = lk.kode
            _maju(laporan.pk, percobaan, lk.kode, _progres_sebelum(lk.kode))
            if lk.kode == "pdf":
                isi_pdf = buat_pdf(data.cuplikan)
                berkas.append(_simpan(laporan, isi_pdf, "pdf"))
            elif lk.kode == "xlsx":
                isi_xlsx = buat_xlsx(data.cuplikan)
                berkas.append(_simpan(laporan, isi_xlsx, "xlsx"))
            else:
                data.langkah(lk.kode)
        _selesaikan(laporan, percobaan, data, berkas, isi_pdf, isi_xlsx)
    except _BukanPemilik:
        logger.info("Laporan %s: percobaan %s tidak lagi memegang laporan", laporan.pk, percobaan)
        for nama in berkas:
            _hapus(nama)
        return False
    except GANGGUAN_SEMENTARA:
        logger.warning("Laporan %s: gangguan sementara pada langkah %s", laporan.pk, langkah, exc_info=True)
        for nama in berkas:
            _hapus(nama)
        # If even this fails, the row stays BERJALAN and is taken over once stale.
        with contextlib.suppress(*GANGGUAN_SEMENTARA):
            LaporanEvaluasi.objects.filter(
                pk=laporan.pk, status=StatusLaporan.BERJALAN, percobaan=percobaan
            ).update(status=StatusLaporan.ANTRI)
            dasbor.berubah()
        raise
    except Exception as exc:
        logger.exception("Laporan %s gagal disusun pada langkah %s", laporan.pk, langkah)
        for nama in berkas:
            _hapus(nama)
        pesan = _pesan_galat(langkah, exc)
        with transaction.atomic():
            n = LaporanEvaluasi.objects.filter(
                pk=laporan.pk, status=StatusLaporan.BERJALAN, percobaan=percobaan
            ).update(status=StatusLaporan.GAGAL, galat=pesan)
            if n:
                dasbor.berubah()
                audit_record(
                    aktor=None,
                    aksi="laporan.gagal",
                    objek=laporan,
                    data={"percobaan": percobaan, "langkah": langkah, "galat": type(exc).__name__},
                )
        return False
    return True


def _progres_sebelum(kode: str) -> int:
    sebelum = 0
    for lk in LANGKAH:
        if lk.kode == kode:
            return sebelum
        sebelum = lk.progres
    raise KeyError(kode)


def _selesaikan(laporan, percobaan, data: Data, berkas, isi_pdf: bytes, isi_xlsx: bytes) -> None:
    now = timezone.now()
    with transaction.atomic():
        n = LaporanEvaluasi.objects.filter(
            pk=laporan.pk, status=StatusLaporan.BERJALAN, percobaan=percobaan
        ).update(
            status=StatusLaporan.SELESAI,
            snapshot=data.cuplikan,
            berkas_pdf=berkas[0],
            berkas_xlsx=berkas[1],
            sha256_pdf=hashlib.sha256(isi_pdf).hexdigest(),
            sha256_xlsx=hashlib.sha256(isi_xlsx).hexdigest(),
            selesai_pada=now,
            progres=100,
            langkah="selesai",
            galat="",
        )
        if n != 1:
            raise _BukanPemilik
        tulis_ringkasan(laporan, data.cuplikan, now)
        audit_record(
            aktor=None,
            aksi="laporan.selesai",
            objek=laporan,
            data={"percobaan": percobaan, "unit": len(data.cuplikan["unit"])},
        )


# --- the figures --------------------------------------------------------------------------


def _teks(nilai: Decimal | None) -> str | None:
    return None if nilai is None else f"{nilai:.2f}"


def _persen(bagian: int, dari: int) -> Decimal | None:
    return None if not dari else ikm.bulatkan(Fraction(100 * bagian, dari), 2)


def ikm_per_unit(unit_ids: list[int], mulai: date, selesai: date) -> dict[int, ikm.Agregat]:
    """{unit_id: Agregat} pooled over the responses of each unit's SKM periods that overlap
    [mulai, selesai]: one grouped query."""
    qs = JawabanSKM.objects.filter(
        periode__unit_id__in=unit_ids, periode__mulai__lte=selesai, periode__selesai__gte=mulai
    )
    return ikm.agregat_per(qs, "periode__unit_id")


def pengaduan_per_unit(unit_ids: list[int], mulai: date, selesai: date, hari: date) -> dict[int, dict]:
    """{unit_id: {"jumlah", "terlambat", "tanggapan_tepat", "tanggapan_dinilai",
    "keputusan_tepat", "keputusan_dinilai"}} of the complaints received in [mulai, selesai]:
    on time and judged exactly as pengaduan.statistik defines them, overdue as of `hari`
    (pengaduan.tenggat). One grouped query for all units."""
    from pengaduan import statistik, tenggat
    from pengaduan.models import Pengaduan

    rows = (
        Pengaduan.objects.filter(
            unit_id__in=unit_ids, diterima_pada__date__gte=mulai, diterima_pada__date__lte=selesai
        )
        .order_by()
        .values("unit_id")
        .annotate(
            jumlah=Count("id"),
            terlambat=Count("id", filter=tenggat.q_terlambat(hari)),
            **statistik.agregat_tepat_waktu(hari),
        )
    )
    return {row.pop("unit_id"): row for row in rows}


def standar_terlambat_per_unit(unit_ids: list[int], hari: date) -> dict[int, dict]:
    from standar import jadwal

    return jadwal.terlambat_per_unit(unit_ids, hari)


def kepatuhan_per_unit(unit_ids: list[int], mulai: date, selesai: date, hari: date) -> dict:
    from evaluasi import kepatuhan

    return kepatuhan.hitung(unit_ids, mulai, selesai, hari=hari)


class Data:
    """The figures of one report, step by step, ending in the JSON snapshot `cuplikan`."""

    def __init__(self, laporan: LaporanEvaluasi):
        self.laporan = laporan
        self.hari = timezone.localdate()
        self.cuplikan: dict = {}

    def langkah(self, kode: str) -> None:
        getattr(self, f"_langkah_{kode}")()

    def _langkah_unit(self) -> None:
        lap = self.laporan
        qs = (
            Unit.objects.filter(pk=lap.unit_id)
            if lap.unit_id
            else Unit.objects.filter(instansi_id=lap.instansi_id, aktif=True)
        )
        self.units = list(
            qs.annotate(layanan_aktif=Count("layanan_set", filter=Q(layanan_set__aktif=True))).order_by(
                "nama", "pk"
            )
        )
        self.ids = [u.pk for u in self.units]

    def _langkah_kepatuhan(self) -> None:
        lap = self.laporan
        self.kepatuhan = kepatuhan_per_unit(self.ids, lap.mulai, lap.selesai, self.hari) if self.ids else {}
        self.zona = list(ZonaKepatuhan.objects.order_by("-batas_bawah"))

    def _langkah_ikm(self) -> None:
        lap = self.laporan
        self.ikm = ikm_per_unit(self.ids, lap.mulai, lap.selesai) if self.ids else {}
        self.bobot = ikm.bobot_aktif()

    def _langkah_pengaduan(self) -> None:
        lap = self.laporan
        self.pengaduan = pengaduan_per_unit(self.ids, lap.mulai, lap.selesai, self.hari) if self.ids else {}

    def _langkah_standar(self) -> None:
        self.standar = standar_terlambat_per_unit(self.ids, self.hari) if self.ids else {}

    def _langkah_ringkasan(self) -> None:
        self.cuplikan = susun_cuplikan(self)


def _pengaduan_unit(p: dict) -> dict:
    """A unit's complaint figures: on time = first responses and decisions made by their
    deadline, over those judged (pengaduan.statistik)."""
    angka = {k: int(p.get(k) or 0) for k in ("jumlah", "terlambat", *PENGADUAN_TEPAT)}
    tepat = angka["tanggapan_tepat"] + angka["keputusan_tepat"]
    dinilai = angka["tanggapan_dinilai"] + angka["keputusan_dinilai"]
    return {**angka, "tepat": tepat, "dinilai": dinilai, "tepat_persen": _teks(_persen(tepat, dinilai))}


PENGADUAN_TEPAT = ("tanggapan_tepat", "tanggapan_dinilai", "keputusan_tepat", "keputusan_dinilai")


def _zona_dari(skor: Decimal, zona: list[ZonaKepatuhan]) -> ZonaKepatuhan | None:
    for z in zona:  # highest lower bound first
        if skor >= z.batas_bawah:
            return z
    return zona[-1] if zona else None


def susun_cuplikan(data: Data) -> dict:
    """The snapshot: plain JSON (numbers with decimals as strings "87.50")."""
    lap = data.laporan
    zona_info = {z.kode: z for z in data.zona}
    unit_list = []
    for u in data.units:
        k = data.kepatuhan.get(u.pk)
        skor = k.skor if k is not None else Decimal("0.00")
        z = zona_info.get(k.zona) if k is not None else _zona_dari(skor, data.zona)
        hasil = ikm.hitung(data.ikm.get(u.pk, ikm.Agregat()), bobot=data.bobot)
        p = data.pengaduan.get(u.pk) or {}
        s = data.standar.get(u.pk) or {}
        unit_list.append(
            {
                "id": u.pk,
                "nama": u.nama,
                "singkatan": u.singkatan,
                "slug": u.slug,
                "layanan_aktif": u.layanan_aktif,
                "kepatuhan": {
                    "skor": _teks(skor),
                    "zona": z.kode if z else "",
                    "zona_nama": z.nama if z else "",
                    "predikat": z.predikat if z else "",
                    "rincian": list(k.rincian) if k is not None else [],
                },
                "ikm": {
                    "nilai": _teks(hasil.ikm),
                    "mutu": hasil.mutu.huruf if hasil.mutu else "",
                    "kinerja": str(hasil.mutu.kinerja) if hasil.mutu else "",
                    "responden": hasil.jumlah,
                    "nrr": {n.unsur.kode: _teks(n.nrr_tampil) for n in hasil.unsur},
                },
                "pengaduan": _pengaduan_unit(p),
                "standar": {
                    "evaluasi": int(s.get("evaluasi", 0)),
                    "peninjauan": int(s.get("peninjauan", 0)),
                    "terlambat": int(s.get("evaluasi", 0)) + int(s.get("peninjauan", 0)),
                },
            }
        )
    # Ranking by index, ties by name.
    urut = sorted(unit_list, key=lambda x: (-Decimal(x["kepatuhan"]["skor"]), x["nama"].casefold(), x["id"]))
    for i, x in enumerate(urut, start=1):
        x["peringkat"] = i
    total_ikm = ikm.hitung(sum(data.ikm.values(), ikm.Agregat()), bobot=data.bobot)
    n = len(unit_list)
    rata = (
        ikm.bulatkan(sum((Fraction(Decimal(x["kepatuhan"]["skor"])) for x in unit_list), Fraction(0)) / n, 2)
        if n
        else None
    )
    z_rata = _zona_dari(rata, data.zona) if rata is not None else None
    tepat = sum(x["pengaduan"]["tepat"] for x in unit_list)
    dinilai = sum(x["pengaduan"]["dinilai"] for x in unit_list)
    with translation.override("id"):
        label = periode.label(lap.jenis, lap.tahun, lap.ke)
    return {
        "versi": VERSI_CUPLIKAN,
        "periode": {
            "jenis": lap.jenis,
            "tahun": lap.tahun,
            "ke": lap.ke,
            "label": label,
            "mulai": lap.mulai.isoformat(),
            "selesai": lap.selesai.isoformat(),
        },
        "lingkup": {
            "instansi": {
                "id": lap.instansi_id,
                "nama": lap.instansi.nama,
                "slug": lap.instansi.slug,
                "alamat": lap.instansi.alamat,
            },
            "unit": {"id": lap.unit.pk, "nama": lap.unit.nama, "slug": lap.unit.slug}
            if lap.unit_id
            else None,
        },
        "dihasilkan_pada": timezone.localtime().isoformat(timespec="seconds"),
        "hari": data.hari.isoformat(),
        "bobot_ikm": data.bobot,
        "unit": unit_list,
        "peringkat": [x["id"] for x in urut],
        "zona": [
            {
                "kode": z.kode,
                "nama": z.nama,
                "predikat": z.predikat,
                "batas_bawah": _teks(z.batas_bawah),
                "jumlah": sum(1 for x in unit_list if x["kepatuhan"]["zona"] == z.kode),
            }
            for z in data.zona
        ],
        "total": {
            "unit": n,
            "layanan_aktif": sum(x["layanan_aktif"] for x in unit_list),
            "kepatuhan_rata": _teks(rata),
            "zona": z_rata.kode if z_rata else "",
            "zona_nama": z_rata.nama if z_rata else "",
            "ikm": _teks(total_ikm.ikm),
            "mutu": total_ikm.mutu.huruf if total_ikm.mutu else "",
            "kinerja": str(total_ikm.mutu.kinerja) if total_ikm.mutu else "",
            "responden": total_ikm.jumlah,
            "nrr": {nu.unsur.kode: _teks(nu.nrr_tampil) for nu in total_ikm.unsur},
            "pengaduan": sum(x["pengaduan"]["jumlah"] for x in unit_list),
            "pengaduan_tepat": tepat,
            "pengaduan_dinilai": dinilai,
            "pengaduan_tepat_persen": _teks(_persen(tepat, dinilai)),
            "pengaduan_terlambat": sum(x["pengaduan"]["terlambat"] for x in unit_list),
            "standar_evaluasi": sum(x["standar"]["evaluasi"] for x in unit_list),
            "standar_peninjauan": sum(x["standar"]["peninjauan"] for x in unit_list),
            "standar_terlambat": sum(x["standar"]["terlambat"] for x in unit_list),
        },
    }


def tulis_ringkasan(laporan: LaporanEvaluasi, cuplikan: dict, pada) -> int:
    """Replace the period's RingkasanUnit rows of the units in the snapshot (one upsert)."""
    rows = [
        RingkasanUnit(
            unit_id=x["id"],
            jenis=laporan.jenis,
            tahun=laporan.tahun,
            ke=laporan.ke,
            mulai=laporan.mulai,
            selesai=laporan.selesai,
            skor_kepatuhan=Decimal(x["kepatuhan"]["skor"]),
            zona=x["kepatuhan"]["zona"],
            rincian_kepatuhan=x["kepatuhan"]["rincian"],
            ikm=Decimal(x["ikm"]["nilai"]) if x["ikm"]["nilai"] is not None else None,
            mutu=x["ikm"]["mutu"],
            responden=x["ikm"]["responden"],
            pengaduan=x["pengaduan"]["jumlah"],
            pengaduan_tepat_persen=(
                Decimal(x["pengaduan"]["tepat_persen"])
                if x["pengaduan"]["tepat_persen"] is not None
                else None
            ),
            pengaduan_terlambat=x["pengaduan"]["terlambat"],
            standar_terlambat=x["standar"]["terlambat"],
            layanan_aktif=x["layanan_aktif"],
            dihitung_pada=pada,
        )
        for x in cuplikan["unit"]
    ]
    RingkasanUnit.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["unit", "jenis", "tahun", "ke"],
        update_fields=[
            "mulai",
            "selesai",
            "skor_kepatuhan",
            "zona",
            "rincian_kepatuhan",
            "ikm",
            "mutu",
            "responden",
            "pengaduan",
            "pengaduan_tepat_persen",
            "pengaduan_terlambat",
            "standar_terlambat",
            "layanan_aktif",
            "dihitung_pada",
        ],
    )
    dasbor.berubah()  # the rows, and the report's SELESAI written beside them by _selesaikan
    return len(rows)


# --- the files ----------------------------------------------------------------------------


def _angka(teks: str | None) -> Decimal | None:
    return None if teks is None else Decimal(teks)


PANJANG_LABEL = 24  # characters of a unit's name that fit left of a bar (grafik.batang)


def label_grafik(unit: dict) -> str:
    """A unit's label beside its bar: the abbreviation, or the name cut to fit (the tables
    next to the charts carry the full names with the abbreviation)."""
    nama = unit.get("singkatan") or unit["nama"]
    return nama if len(nama) <= PANJANG_LABEL else nama[: PANJANG_LABEL - 1] + "…"


def konteks(cuplikan: dict) -> dict:
    """What the print template and the report page need: the snapshot, the units in ranking
    order, the charts (titles in the active language)."""
    from evaluasi import grafik

    per_id = {x["id"]: x for x in cuplikan["unit"]}
    urut = [per_id[i] for i in cuplikan["peringkat"]]
    grafik_indeks, grafik_ikm = [], []
    for awal in range(0, len(urut), BATANG_PER_GRAFIK):
        potong = urut[awal : awal + BATANG_PER_GRAFIK]
        grafik_indeks.append(
            grafik.batang(
                [
                    grafik.Batang(
                        label_grafik(x),
                        _angka(x["kepatuhan"]["skor"]),
                        grafik.WARNA_ZONA.get(x["kepatuhan"]["zona"], grafik.WARNA_DEFAULT),
                    )
                    for x in potong
                ],
                maks=100,
                judul=_("Indeks kepatuhan per unit"),
            )
        )
        grafik_ikm.append(
            grafik.batang(
                [grafik.Batang(label_grafik(x), _angka(x["ikm"]["nilai"])) for x in potong],
                maks=100,
                judul=_("IKM per unit"),
            )
        )
    lingkup = cuplikan["lingkup"]
    rincian_lengkap = len(urut) <= RINCIAN_PDF_MAKS_UNIT
    aturan, matriks = ([], []) if rincian_lengkap else matriks_kepatuhan(urut)
    return {
        "d": cuplikan,
        "lingkup": lingkup["unit"]["nama"] if lingkup["unit"] else lingkup["instansi"]["nama"],
        "mulai": date.fromisoformat(cuplikan["periode"]["mulai"]),
        "selesai": date.fromisoformat(cuplikan["periode"]["selesai"]),
        "urut": urut,
        "grafik_indeks": grafik_indeks,
        "grafik_ikm": grafik_ikm,
        "unsur": unsur.UNSUR,
        "dihasilkan_pada": datetime.fromisoformat(cuplikan["dihasilkan_pada"]),
        "rincian_lengkap": rincian_lengkap,
        "aturan": aturan,
        "matriks": matriks,
    }


def matriks_kepatuhan(urut: list[dict]) -> tuple[list[dict], list[dict]]:
    """The compliance rules as one table, for a PDF of many units: the rules (numbered, in
    the order the snapshot lists them) and, per unit in ranking order, its score per rule as a
    whole percentage (half up), None where the rule does not apply or was not assessed."""
    aturan: dict[str, dict] = {}
    for x in urut:
        for r in x["kepatuhan"]["rincian"]:
            kode = r.get("kode", "")
            if kode not in aturan:
                aturan[kode] = {
                    "nomor": len(aturan) + 1,
                    "kode": kode,
                    "nama": r.get("nama", ""),
                    "bobot": r.get("bobot"),
                }
    baris = []
    for x in urut:
        per_kode = {r.get("kode", ""): r for r in x["kepatuhan"]["rincian"]}
        skor = []
        for kode in aturan:
            r = per_kode.get(kode)
            if r is None or r.get("berlaku") is False or r.get("persen") in (None, ""):
                skor.append(None)
            else:
                skor.append(ikm.bulatkan(Fraction(Decimal(str(r["persen"]))), 0))
        baris.append({"unit": x, "skor": skor})
    return list(aturan.values()), baris


def buat_pdf(cuplikan: dict) -> bytes:
    from pelayanan import pdf

    with translation.override("id"):
        ctx = konteks(cuplikan)
    return pdf.render_pdf("pdf/laporan_evaluasi.html", ctx)


def tabel_xlsx(cuplikan: dict) -> list:
    """The workbook's sheets (standar.ekspor.Tabel): Ringkasan, Kepatuhan, IKM, Pengaduan,
    Keterangan."""
    from standar.ekspor import Tabel

    per_id = {x["id"]: x for x in cuplikan["unit"]}
    urut = [per_id[i] for i in cuplikan["peringkat"]]
    t = cuplikan["total"]
    with translation.override("id"):
        ringkasan = Tabel(
            _("Ringkasan"),
            [
                _("Peringkat"),
                _("Unit"),
                _("Indeks kepatuhan"),
                _("Zona"),
                _("IKM"),
                _("Mutu"),
                _("Responden SKM"),
                _("Pengaduan"),
                _("Tepat waktu (%)"),
                _("Pengaduan terlambat"),
                _("Standar terlambat dievaluasi/ditinjau"),
                _("Layanan aktif"),
            ],
            [
                [
                    x["peringkat"],
                    x["nama"],
                    _angka(x["kepatuhan"]["skor"]),
                    x["kepatuhan"]["zona_nama"],
                    _angka(x["ikm"]["nilai"]),
                    x["ikm"]["mutu"],
                    x["ikm"]["responden"],
                    x["pengaduan"]["jumlah"],
                    _angka(x["pengaduan"]["tepat_persen"]),
                    x["pengaduan"]["terlambat"],
                    x["standar"]["terlambat"],
                    x["layanan_aktif"],
                ]
                for x in urut
            ]
            + [
                [
                    None,
                    _("Seluruh unit (indeks: rata-rata; IKM dan persentase: gabungan)"),
                    _angka(t["kepatuhan_rata"]),
                    t["zona_nama"],
                    _angka(t["ikm"]),
                    t["mutu"],
                    t["responden"],
                    t["pengaduan"],
                    _angka(t["pengaduan_tepat_persen"]),
                    t["pengaduan_terlambat"],
                    t["standar_terlambat"],
                    t["layanan_aktif"],
                ]
            ],
            [10, 40, 12, 14, 10, 8, 12, 11, 12, 12, 16, 10],
        )
        kepatuhan = Tabel(
            _("Kepatuhan"),
            [
                _("Unit"),
                _("Kode aturan"),
                _("Aturan"),
                _("Bobot"),
                _("Skor aturan (%)"),
                _("Memenuhi"),
                _("Berlaku"),
                _("Bukti"),
                _("Tautan"),
            ],
            [
                [
                    x["nama"],
                    r.get("kode", ""),
                    r.get("nama", ""),
                    _angka(r.get("bobot")),
                    _angka(r.get("persen")),
                    _("ya") if r.get("lulus") else _("tidak"),
                    _("ya") if r.get("berlaku", True) else _("tidak"),
                    r.get("bukti", ""),
                    r.get("tautan", ""),
                ]
                for x in urut
                for r in x["kepatuhan"]["rincian"]
            ],
            [36, 24, 40, 8, 12, 10, 10, 60, 40],
        )
        kode_unsur = [u.kode for u in unsur.UNSUR]
        ikm_tabel = Tabel(
            _("IKM"),
            [_("Unit"), _("Responden"), *[f"NRR {k}" for k in kode_unsur], _("IKM"), _("Mutu"), _("Kinerja")],
            [
                [
                    x["nama"],
                    x["ikm"]["responden"],
                    *[_angka(x["ikm"]["nrr"].get(k)) for k in kode_unsur],
                    _angka(x["ikm"]["nilai"]),
                    x["ikm"]["mutu"],
                    x["ikm"]["kinerja"],
                ]
                for x in urut
            ]
            + [
                [
                    _("Seluruh unit (gabungan)"),
                    t["responden"],
                    *[_angka(t["nrr"].get(k)) for k in kode_unsur],
                    _angka(t["ikm"]),
                    t["mutu"],
                    t["kinerja"],
                ]
            ],
            [40, 11, *[9] * len(kode_unsur), 9, 7, 14],
        )
        pengaduan = Tabel(
            _("Pengaduan"),
            [
                _("Unit"),
                _("Pengaduan diterima"),
                _("Langkah tepat waktu"),
                _("Langkah dinilai"),
                _("Tepat waktu (%)"),
                _("Terlambat saat ini"),
            ],
            [
                [
                    x["nama"],
                    x["pengaduan"]["jumlah"],
                    x["pengaduan"]["tepat"],
                    x["pengaduan"]["dinilai"],
                    _angka(x["pengaduan"]["tepat_persen"]),
                    x["pengaduan"]["terlambat"],
                ]
                for x in urut
            ]
            + [
                [
                    _("Seluruh unit"),
                    t["pengaduan"],
                    t["pengaduan_tepat"],
                    t["pengaduan_dinilai"],
                    _angka(t["pengaduan_tepat_persen"]),
                    t["pengaduan_terlambat"],
                ]
            ],
            [40, 14, 14, 14, 14, 14],
        )
        lingkup = cuplikan["lingkup"]
        keterangan = Tabel(
            _("Keterangan"),
            [_("Butir"), _("Nilai")],
            [
                [_("Instansi"), lingkup["instansi"]["nama"]],
                [_("Lingkup"), lingkup["unit"]["nama"] if lingkup["unit"] else _("Seluruh unit instansi")],
                [_("Periode"), cuplikan["periode"]["label"]],
                [_("Tanggal"), f"{cuplikan['periode']['mulai']} – {cuplikan['periode']['selesai']}"],
                [_("Disusun pada"), cuplikan["dihasilkan_pada"]],
                [_("Bobot unsur IKM"), cuplikan["bobot_ikm"]],
                [
                    _("Catatan"),
                    _(
                        "IKM per unit dihitung gabungan atas semua jawaban periode SKM unit yang beririsan "
                        "dengan periode laporan (bukan rata-rata). Pengaduan: yang diterima dalam periode; "
                        "tepat waktu = tanggapan pertama dan keputusan yang dibuat sampai batasnya, dari "
                        "langkah yang sudah dibuat atau batasnya sudah lewat. Pengaduan dan standar "
                        "terlambat dihitung per tanggal penyusunan."
                    ),
                ],
            ],
            [24, 100],
        )
    return [ringkasan, kepatuhan, ikm_tabel, pengaduan, keterangan]


def buat_xlsx(cuplikan: dict) -> bytes:
    from standar.ekspor import xlsx

    return xlsx(tabel_xlsx(cuplikan))


# --- reading ------------------------------------------------------------------------------


def nama_unduhan(laporan: LaporanEvaluasi, fmt: str) -> str:
    lingkup = laporan.unit.slug if laporan.unit_id else laporan.instansi.slug
    return f"laporan-evaluasi-{lingkup}-{laporan.jenis}-{laporan.tahun}-{laporan.ke}.{fmt}"


def berkas(laporan: LaporanEvaluasi, fmt: str):
    """The stored file of a finished report (a FieldFile), or None."""
    if fmt not in FORMAT or laporan.status != StatusLaporan.SELESAI:
        return None
    field = laporan.berkas_pdf if fmt == "pdf" else laporan.berkas_xlsx
    return field or None


# --- the reporting line (penanggung jawab -> Pembina) -------------------------------------


def _pemegang(peran: str, instansi_id: int) -> list[Pengguna]:
    return list(
        Pengguna.objects.filter(penugasan__peran=peran, penugasan__instansi_id=instansi_id, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _kunci_baris(laporan: LaporanEvaluasi) -> LaporanEvaluasi:
    return (
        LaporanEvaluasi.objects.select_for_update(of=("self",))
        .select_related("instansi", "unit")
        .get(pk=laporan.pk)
    )


@transaction.atomic
def pengantar_ajukan(*, laporan: LaporanEvaluasi, catatan: str, oleh) -> PengantarLaporan:
    """The penanggung jawab submits a finished report to the Pembina with a cover note (once)."""
    policy.require(oleh, "laporan.ajukan", laporan)
    laporan = _kunci_baris(laporan)
    catatan = (catatan or "").strip()
    if laporan.status != StatusLaporan.SELESAI:
        raise ValidationError(_("Laporan baru dapat diajukan setelah selesai disusun."))
    if not catatan:
        raise ValidationError({"catatan": _("Tulis catatan pengantar untuk Pembina.")})
    if PengantarLaporan.objects.filter(laporan=laporan).exists():
        raise ValidationError(_("Laporan ini sudah diajukan kepada Pembina."))
    pengantar = PengantarLaporan(laporan=laporan, catatan=catatan, oleh=oleh)
    pengantar.full_clean(exclude=["laporan", "oleh"])
    pengantar.save()
    audit_record(aktor=oleh, aksi="laporan.ajukan", objek=laporan, data={"pengantar": pengantar.pk})
    from pelayanan.notifikasi import notify

    notify(
        penerima=_pemegang(Peran.PEMBINA, laporan.instansi_id),
        judul=_("Laporan evaluasi %(p)s diajukan") % {"p": laporan.label_periode},
        pesan=_("%(oleh)s mengajukan laporan evaluasi %(lingkup)s periode %(p)s untuk Anda tinjau.")
        % {
            "oleh": oleh.get_full_name(),
            "lingkup": laporan.unit.nama if laporan.unit_id else laporan.instansi.nama,
            "p": laporan.label_periode,
        },
        tautan=laporan.get_absolute_url(),
        kunci=f"laporan-ajukan:{laporan.pk}",
    )
    return pengantar


@transaction.atomic
def tinjauan_simpan(*, laporan: LaporanEvaluasi, catatan: str, oleh) -> TinjauanPembina:
    """The Pembina records the review of a submitted report (once)."""
    policy.require(oleh, "laporan.tinjau", laporan)
    laporan = _kunci_baris(laporan)
    catatan = (catatan or "").strip()
    pengantar = PengantarLaporan.objects.select_related("oleh").filter(laporan=laporan).first()
    if pengantar is None:
        raise ValidationError(_("Laporan ini belum diajukan oleh penanggung jawab."))
    if not catatan:
        raise ValidationError({"catatan": _("Tulis catatan tinjauan.")})
    if TinjauanPembina.objects.filter(laporan=laporan).exists():
        raise ValidationError(_("Laporan ini sudah ditinjau."))
    tinjauan = TinjauanPembina(laporan=laporan, catatan=catatan, oleh=oleh)
    tinjauan.full_clean(exclude=["laporan", "oleh"])
    tinjauan.save()
    audit_record(aktor=oleh, aksi="laporan.tinjau", objek=laporan, data={"tinjauan": tinjauan.pk})
    from pelayanan.notifikasi import notify

    notify(
        penerima=[pengantar.oleh, *_pemegang(Peran.PENANGGUNG_JAWAB, laporan.instansi_id)],
        judul=_("Laporan evaluasi %(p)s telah ditinjau Pembina") % {"p": laporan.label_periode},
        pesan=_("%(oleh)s telah meninjau laporan evaluasi %(lingkup)s periode %(p)s.")
        % {
            "oleh": oleh.get_full_name(),
            "lingkup": laporan.unit.nama if laporan.unit_id else laporan.instansi.nama,
            "p": laporan.label_periode,
        },
        tautan=laporan.get_absolute_url(),
        kunci=f"laporan-tinjau:{laporan.pk}",
    )
    return tinjauan
