"""PEKPPP: the evaluator's assessment of a unit (PermenPANRB 29/2022, law.md §4.1–4.2; docs/pekppp.md).

The Indeks Pelayanan Publik, computed exactly from 0–5 scores per indicator:

    aspek%  = Σ (skor / 5 × bobot indikator)        over the aspect's scored indicators, 0..100
    IPP%    = Σ (aspek% × bobot aspek) / 100                                            0..100
    IPP     = IPP% × 5 / 100                                                            0..5

All arithmetic is on fractions; the only rounding is at the end, half up, to two decimals
(evaluasi.ikm.bulatkan). The category is the KategoriIPP row with the highest lower bound not
above the rounded IPP (4,50 is A-, 4,51 is A). Indicators with dinilai=False (no. 31, the
queueing system) never count. Weights and categories are rows in the database (editable in
the admin); the finalisation stores the breakdown it used in its audit entry, so a final
assessment keeps its figures when the instrument changes later.

The services check pelayanan.policy themselves ("pekppp.nilai"), run in a transaction, and
write an audit entry. The state machine is TRANSISI: DRAF -> FINAL, and FINAL is the end:
every service refuses to touch a final assessment.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi.choices import StatusPenilaianPEKPPP
from evaluasi.ikm import bulatkan
from evaluasi.models import AspekPEKPPP, IndikatorPEKPPP, KategoriIPP, PenilaianPEKPPP, SkorIndikator
from evaluasi.models.pekppp import SKOR_MAKS
from pelayanan import policy
from pelayanan.audit import audit_record
from pelayanan.choices import Peran
from pelayanan.models import JejakAudit, Pengguna, Unit
from pelayanan.unggahan import MB, check_upload, safe_name

SERATUS = 100
# Evidence files: PDF or image, checked by content (pelayanan.unggahan), at most this size.
BUKTI_JENIS = ("pdf", "png", "jpeg")
BUKTI_MAKS_BYTE = 10 * MB
MIME = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
TAHUN_PERTAMA = 2017  # PermenPANRB 17/2017, the first instrument with the IPP

# The state machine of an assessment: from -> allowed targets. FINAL is the end.
TRANSISI: dict[str, frozenset[str]] = {
    StatusPenilaianPEKPPP.DRAF: frozenset({StatusPenilaianPEKPPP.FINAL}),
    StatusPenilaianPEKPPP.FINAL: frozenset(),
}

AKSI_BUAT = "pekppp.buat"
AKSI_SKOR = "pekppp.skor"
AKSI_FINAL = "pekppp.final"


# --- the instrument (aspects, indicators, categories) ----------------------------------------


@dataclass(frozen=True)
class Instrumen:
    """The aspects with their scored indicators, and the categories, as read from the DB."""

    aspek: tuple[AspekPEKPPP, ...]  # each with .dinilai: list of its scored indicators
    kategori: tuple[KategoriIPP, ...]  # highest lower bound first

    @property
    def indikator(self) -> list[IndikatorPEKPPP]:
        return [i for a in self.aspek for i in a.dinilai]


def instrumen() -> Instrumen:
    """Read the instrument: two queries (aspects with their scored indicators, categories)."""
    aspek = AspekPEKPPP.objects.prefetch_related(
        Prefetch(
            "indikator_set",
            queryset=IndikatorPEKPPP.objects.filter(dinilai=True).order_by("nomor"),
            to_attr="dinilai",
        )
    ).order_by("urutan", "kode")
    return Instrumen(aspek=tuple(aspek), kategori=tuple(KategoriIPP.objects.order_by("-batas_bawah")))


def periksa_bobot(ins: Instrumen | None = None) -> list[str]:
    """What is wrong with the weights: the aspects with scored indicators must weigh 100% in
    all, and the scored indicators of each aspect 100% within it. [] when all is well."""
    ins = ins or instrumen()
    masalah = []
    dinilai = [a for a in ins.aspek if a.dinilai]
    total = sum((a.bobot for a in dinilai), Decimal(0))
    if total != SERATUS:
        masalah.append(
            _("Bobot aspek yang dinilai berjumlah %(n)s%%, seharusnya 100%%.") % {"n": _angka(total)}
        )
    for a in dinilai:
        jumlah = sum((i.bobot for i in a.dinilai), Decimal(0))
        if jumlah != SERATUS:
            masalah.append(
                _("Bobot indikator aspek %(aspek)s berjumlah %(n)s%%, seharusnya 100%%.")
                % {"aspek": str(a), "n": _angka(jumlah)}
            )
    for a in ins.aspek:
        if a.bobot and not a.dinilai:
            masalah.append(
                _("Aspek %(aspek)s berbobot %(n)s%% tetapi tidak memiliki indikator yang dinilai.")
                % {"aspek": str(a), "n": _angka(a.bobot)}
            )
    return masalah


def _angka(d: Decimal) -> str:
    return format(d.normalize(), "f").replace(".", ",")


# --- the IPP --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HasilAspek:
    kode: str
    nama: str
    bobot: Decimal  # weight of the aspect in the IPP, %
    persen_tepat: Fraction  # 0..100
    kontribusi_tepat: Fraction  # persen × bobot / 100, 0..bobot
    dinilai: int  # scored indicators in the aspect
    terisi: int  # of which have a score

    @property
    def persen(self) -> Decimal:
        return bulatkan(self.persen_tepat)

    @property
    def kontribusi(self) -> Decimal:
        return bulatkan(self.kontribusi_tepat)


@dataclass(frozen=True)
class HasilIPP:
    aspek: list[HasilAspek]
    ipp_persen_tepat: Fraction
    kategori: KategoriIPP | None
    lengkap: bool  # every scored indicator has a score
    kurang: list[int] = field(default_factory=list)  # numbers of the indicators without one

    @property
    def ipp_persen(self) -> Decimal:
        return bulatkan(self.ipp_persen_tepat)

    @property
    def ipp_tepat(self) -> Fraction:
        return self.ipp_persen_tepat * SKOR_MAKS / SERATUS

    @property
    def ipp(self) -> Decimal:
        return bulatkan(self.ipp_tepat)


def kategori_untuk(ipp: Decimal, kategori: Sequence[KategoriIPP]) -> KategoriIPP | None:
    """The category of a (rounded) IPP: the highest lower bound not above it."""
    pilihan = [k for k in kategori if k.batas_bawah <= ipp]
    return max(pilihan, key=lambda k: k.batas_bawah, default=None)


def kategori_ipp(ipp: Decimal) -> KategoriIPP | None:
    """The category of a rounded IPP, read from the database (one query)."""
    return KategoriIPP.objects.filter(batas_bawah__lte=ipp).order_by("-batas_bawah").first()


def hitung_ipp(skor: Mapping[int, int | None], *, ins: Instrumen | None = None) -> HasilIPP:
    """The IPP of scores {indicator id: 0..5}. Indicators without a score count 0 (and make the
    result incomplete); ids of unscored indicators (dinilai=False) or unknown ids are ignored.
    Reads the instrument from the database unless one is passed (two queries)."""
    ins = ins or instrumen()
    hasil, kurang, total = [], [], Fraction(0)
    for a in ins.aspek:
        if not a.dinilai:
            continue
        persen, terisi = Fraction(0), 0
        for i in a.dinilai:
            s = skor.get(i.pk)
            if s is None:
                kurang.append(i.nomor)
                continue
            if isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= SKOR_MAKS:
                raise ValueError(f"Skor indikator {i.nomor} harus bilangan bulat 0–{SKOR_MAKS}, bukan {s!r}")
            terisi += 1
            persen += Fraction(s, SKOR_MAKS) * Fraction(i.bobot)
        kontribusi = persen * Fraction(a.bobot) / SERATUS
        total += kontribusi
        hasil.append(
            HasilAspek(
                kode=a.kode,
                nama=a.nama,
                bobot=a.bobot,
                persen_tepat=persen,
                kontribusi_tepat=kontribusi,
                dinilai=len(a.dinilai),
                terisi=terisi,
            )
        )
    ipp = bulatkan(total * SKOR_MAKS / SERATUS)
    return HasilIPP(
        aspek=hasil,
        ipp_persen_tepat=total,
        kategori=kategori_untuk(ipp, ins.kategori),
        lengkap=not kurang,
        kurang=kurang,
    )


def rincian(hasil: HasilIPP) -> dict:
    """The breakdown as stored with the finalisation (JSON: decimals as strings)."""
    return {
        "ipp": str(hasil.ipp),
        "ipp_persen": str(hasil.ipp_persen),
        "kategori": hasil.kategori.kode if hasil.kategori else "",
        "predikat": hasil.kategori.predikat if hasil.kategori else "",
        "aspek": [
            {
                "kode": a.kode,
                "nama": a.nama,
                "bobot": str(a.bobot),
                "persen": str(a.persen),
                "kontribusi": str(a.kontribusi),
            }
            for a in hasil.aspek
        ],
    }


def rincian_final(penilaian: PenilaianPEKPPP) -> dict | None:
    """The breakdown stored when the assessment was finalised (one query), None for a draft."""
    if penilaian.status != StatusPenilaianPEKPPP.FINAL:
        return None
    entry = (
        JejakAudit.objects.filter(
            content_type__app_label=PenilaianPEKPPP._meta.app_label,
            content_type__model=PenilaianPEKPPP._meta.model_name,
            object_id=str(penilaian.pk),
            aksi=AKSI_FINAL,
        )
        .order_by("-pk")
        .values_list("data", flat=True)
        .first()
    )
    return entry or None


def penilaian_unit(unit: Unit) -> list[PenilaianPEKPPP]:
    """The unit's assessments, newest year first (one query), for its staff pages."""
    return list(PenilaianPEKPPP.objects.filter(unit=unit).order_by("-tahun"))


# --- services ---------------------------------------------------------------------------------


def _usulan(unit: Unit, tahun: int) -> dict:
    """The portal's proposals for the unit and year (evaluasi.pekppp_usulan, helper A's module):
    {IndikatorPEKPPP.usulan key: Usulan(skor 0..5, dasar)}."""
    from evaluasi import pekppp_usulan

    return pekppp_usulan.usulan(unit, tahun)


def _tolak_final(penilaian: PenilaianPEKPPP) -> None:
    if penilaian.status == StatusPenilaianPEKPPP.FINAL:
        raise ValidationError(
            _("Penilaian PEKPPP %(unit)s tahun %(tahun)s sudah final dan tidak dapat diubah lagi.")
            % {"unit": penilaian.unit.nama, "tahun": penilaian.tahun}
        )


def _kunci(penilaian_id: int) -> PenilaianPEKPPP:
    return (
        PenilaianPEKPPP.objects.select_for_update(of=("self",))
        .select_related("unit__instansi")
        .get(pk=penilaian_id)
    )


@transaction.atomic
def penilaian_buat(*, unit: Unit, tahun: int, oleh) -> PenilaianPEKPPP:
    """Start the assessment of `unit` for `tahun`: one per unit and year, with one score row per
    scored indicator, the portal's proposal filled in where the indicator has one."""
    policy.require(oleh, "pekppp.nilai", unit)
    tahun_ini = timezone.localdate().year
    if not TAHUN_PERTAMA <= tahun <= tahun_ini:
        raise ValidationError(
            {"tahun": _("Pilih tahun %(a)s sampai %(b)s.") % {"a": TAHUN_PERTAMA, "b": tahun_ini}}
        )
    if not unit.aktif:
        raise ValidationError(_("Unit %(unit)s tidak aktif.") % {"unit": unit.nama})
    ada = _("Penilaian PEKPPP %(unit)s tahun %(tahun)s sudah ada.") % {"unit": unit.nama, "tahun": tahun}
    if PenilaianPEKPPP.objects.filter(unit=unit, tahun=tahun).exists():
        raise ValidationError(ada)
    try:
        with transaction.atomic():
            penilaian = PenilaianPEKPPP.objects.create(unit=unit, tahun=tahun, evaluator=oleh)
    except IntegrityError:  # a second evaluator was quicker
        raise ValidationError(ada) from None
    usulan = _usulan(unit, tahun)
    rows, diusulkan = [], {}
    for i in IndikatorPEKPPP.objects.filter(dinilai=True).order_by("nomor"):
        u = usulan.get(i.usulan) if i.usulan else None
        skor = getattr(u, "skor", None)
        if isinstance(skor, bool) or not isinstance(skor, int) or not 0 <= skor <= SKOR_MAKS:
            u, skor = None, None
        rows.append(
            SkorIndikator(
                penilaian=penilaian,
                indikator=i,
                usulan_skor=skor,
                usulan_dasar=(u.dasar or "")[:2000] if u is not None else "",
            )
        )
        if skor is not None:
            diusulkan[str(i.nomor)] = skor
    SkorIndikator.objects.bulk_create(rows)
    audit_record(
        aktor=oleh,
        aksi=AKSI_BUAT,
        objek=penilaian,
        data={"unit": unit.pk, "tahun": tahun, "indikator": len(rows), "usulan": diusulkan},
    )
    return penilaian


@dataclass
class IsianSkor:
    """What the evaluator entered for one indicator (bukti None: keep the current file)."""

    skor_row: SkorIndikator
    skor: int | None
    catatan: str = ""
    bukti: UploadedFile | None = None
    alasan_beda: str = ""


class SkorGagal(ValidationError):
    """Some rows were refused; `galat` maps the row's pk to its messages. Nothing was saved."""

    def __init__(self, galat: dict[int, list[str]]):
        self.galat = galat
        super().__init__([m for pesan in galat.values() for m in pesan])


def _berbeda(row: SkorIndikator, skor: int | None) -> bool:
    """Does the score override the portal's proposal (which then needs a reason)?"""
    return skor is not None and row.usulan_skor is not None and skor != row.usulan_skor


def _periksa(isian: IsianSkor) -> tuple[str | None, list[str]]:
    """Validate one row's input without writing: (detected kind of the evidence, messages)."""
    row, galat, jenis = isian.skor_row, [], None
    s = isian.skor
    if s is not None and (isinstance(s, bool) or not isinstance(s, int) or not 0 <= s <= SKOR_MAKS):
        galat.append(_("Skor harus bilangan bulat 0 sampai %(n)s.") % {"n": SKOR_MAKS})
    elif _berbeda(row, s) and not (isian.alasan_beda or "").strip():
        galat.append(
            _("Skor %(skor)s berbeda dari usulan portal (%(usulan)s): tuliskan alasannya.")
            % {"skor": s, "usulan": row.usulan_skor}
        )
    for nama, batas in (("catatan", 2000), ("alasan_beda", 2000)):
        if len(getattr(isian, nama) or "") > batas:
            galat.append(_("Teks paling panjang %(n)s karakter.") % {"n": batas})
    if isian.bukti is not None:
        try:
            jenis = check_upload(isian.bukti, allowed=BUKTI_JENIS, max_bytes=BUKTI_MAKS_BYTE)
        except ValidationError as exc:
            galat.extend(exc.messages)
    return jenis, galat


@transaction.atomic
def skor_simpan_banyak(*, isian: Sequence[IsianSkor], oleh) -> int:
    """Save several indicators of one assessment at once, all or nothing: every row is checked
    first (SkorGagal names the refused rows); then the rows are written, the new evidence files
    last. Returns the number of rows saved."""
    if not isian:
        return 0
    penilaian_ids = {i.skor_row.penilaian_id for i in isian}
    if len(penilaian_ids) != 1:
        raise ValueError("skor_simpan_banyak: all rows must belong to one assessment")
    penilaian = _kunci(penilaian_ids.pop())
    policy.require(oleh, "pekppp.nilai", penilaian)
    _tolak_final(penilaian)
    rows = {
        r.pk: r
        for r in SkorIndikator.objects.select_for_update(of=("self",))
        .select_related("indikator")
        .filter(pk__in=[i.skor_row.pk for i in isian], penilaian=penilaian)
    }
    periksa, galat = [], {}
    for i in isian:
        row = rows.get(i.skor_row.pk)
        if row is None:
            raise ValueError(f"Unknown score row {i.skor_row.pk}")
        i.skor_row = row  # the locked, current row
        jenis, pesan = _periksa(i)
        if pesan:
            galat[row.pk] = pesan
        periksa.append((i, jenis))
    if galat:
        raise SkorGagal(galat)

    ditulis, lama = [], []
    try:
        for i, jenis in periksa:
            row = i.skor_row
            berbeda = _berbeda(row, i.skor)
            row.skor = i.skor
            row.catatan = (i.catatan or "").strip()
            row.alasan_beda = (i.alasan_beda or "").strip() if berbeda else ""
            ubah = ["skor", "catatan", "alasan_beda", "diubah_pada"]
            if jenis is not None:
                if row.bukti:
                    lama.append(row.bukti.name)
                row.bukti.save(safe_name(i.bukti, jenis), i.bukti, save=False)
                ditulis.append(row.bukti.name)
                ubah.append("bukti")
            row.save(update_fields=ubah)
            audit_record(
                aktor=oleh,
                aksi=AKSI_SKOR,
                objek=penilaian,
                data={
                    "indikator": row.indikator.nomor,
                    "skor": row.skor,
                    "usulan_skor": row.usulan_skor,
                    "alasan_beda": row.alasan_beda,
                    "bukti": row.bukti.name if jenis is not None else None,
                },
            )
    except Exception:
        _hapus_berkas(ditulis)
        raise
    if lama:
        transaction.on_commit(lambda: _hapus_berkas(lama))
    return len(periksa)


def skor_simpan(
    *,
    skor_row: SkorIndikator,
    skor: int | None,
    catatan: str = "",
    bukti: UploadedFile | None = None,
    alasan_beda: str = "",
    oleh,
) -> SkorIndikator:
    """Save one indicator's score (0–5, or None while undecided), notes, evidence (bukti None
    keeps the current file) and, when the score differs from the portal's proposal, the
    required reason. Only while the assessment is a draft."""
    isian = IsianSkor(skor_row=skor_row, skor=skor, catatan=catatan, bukti=bukti, alasan_beda=alasan_beda)
    skor_simpan_banyak(isian=[isian], oleh=oleh)
    return isian.skor_row


def _hapus_berkas(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        with contextlib.suppress(OSError):
            default_storage.delete(name)


@transaction.atomic
def penilaian_final(*, penilaian: PenilaianPEKPPP, oleh) -> PenilaianPEKPPP:
    """Finalise: every scored indicator has a score and the weights add up; computes the IPP,
    its percentage and category, stores them (and the breakdown, in the audit entry) and tells
    the unit's head. A final assessment never changes."""
    penilaian = _kunci(penilaian.pk)
    policy.require(oleh, "pekppp.nilai", penilaian)
    _tolak_final(penilaian)
    if StatusPenilaianPEKPPP.FINAL not in TRANSISI[penilaian.status]:
        raise ValidationError(_("Perubahan status ini tidak diizinkan."))
    ins = instrumen()
    if masalah := periksa_bobot(ins):
        raise ValidationError(masalah)
    skor = dict(penilaian.skor_set.values_list("indikator_id", "skor"))
    hasil = hitung_ipp(skor, ins=ins)
    if not hasil.lengkap:
        raise ValidationError(
            _("Indikator berikut belum diberi skor: %(nomor)s.")
            % {"nomor": ", ".join(str(n) for n in hasil.kurang)}
        )
    penilaian.ipp = hasil.ipp
    penilaian.ipp_persen = hasil.ipp_persen
    penilaian.kategori = hasil.kategori.kode if hasil.kategori else ""
    penilaian.status = StatusPenilaianPEKPPP.FINAL
    penilaian.difinalkan_pada = timezone.now()
    penilaian.save(update_fields=["ipp", "ipp_persen", "kategori", "status", "difinalkan_pada"])
    audit_record(aktor=oleh, aksi=AKSI_FINAL, objek=penilaian, data=rincian(hasil))
    from pelayanan.notifikasi import notify

    kepala = Pengguna.objects.filter(
        penugasan__peran=Peran.KEPALA_UNIT, penugasan__unit_id=penilaian.unit_id, is_active=True
    ).distinct()
    notify(
        penerima=kepala,
        judul=_("Hasil PEKPPP %(tahun)s: IPP %(ipp)s (%(kategori)s)")
        % {
            "tahun": penilaian.tahun,
            "ipp": f"{penilaian.ipp:.2f}".replace(".", ","),
            "kategori": penilaian.kategori,
        },
        pesan=_("Penilaian PEKPPP %(unit)s tahun %(tahun)s telah difinalkan oleh evaluator.")
        % {"unit": penilaian.unit.nama, "tahun": penilaian.tahun},
        tautan=reverse("evaluasi:pekppp", kwargs={"pk": penilaian.pk}),
    )
    return penilaian
