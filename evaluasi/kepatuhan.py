"""The compliance index (indeks kepatuhan) of units, computed only from the portal's evidence.

Each rule is a function registered in ATURAN under the code its AturanKepatuhan row uses
(evaluasi.models.kepatuhan). A rule receives all units in scope at once and answers for
each of them with a score from 0 to 1, a verdict and a pointer to its evidence, using a
constant number of grouped queries however many units there are. The weights of the rules
and the zone thresholds are rows in the database; this module only says what counts.

Index = Σ(weight × score) / Σ(weight) × 100 over the rules that apply to the unit (a rule
that does not apply, e.g. complaint handling for a unit with no complaint to judge, leaves
both sums), exact fractions, rounded half up to 2 decimals at the end (evaluasi.ikm.bulatkan);
a unit where nothing applies scores 0.00. The zone is the one with the highest lower bound
not above the index.

"As of": everything is judged at the day D = min(hari or today, selesai). Versions of
standards and maklumat count as they stood at the end of D, reconstructed from their
timestamps (published on or before D, not superseded or revoked by D; standar.jadwal).
Survey periods, follow-ups and complaints are judged by their dated steps up to D where the
rule says so (see each rule). Evidence read by several rules (the versions in force, their
components, the consultation rounds) is loaded once per computation (Konteks.sekali).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from evaluasi.ikm import bulatkan

logger = logging.getLogger(__name__)

ATURAN: dict[str, Callable] = {}


@dataclass(frozen=True)
class Konteks:
    """What every rule gets: the units (ids and objects), the period and the day D ("hari")
    at which everything is judged. `sekali` keeps evidence shared by several rules, loaded
    once per computation."""

    unit_ids: tuple[int, ...]
    mulai: date
    selesai: date
    hari: date
    unit: Mapping[int, object] = field(default_factory=dict, compare=False, repr=False)
    simpanan: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def buat(cls, unit_ids: Iterable[int], mulai: date, selesai: date, hari: date) -> Konteks:
        """Load the units (one query) with the number of their complaint channels."""
        from pelayanan.models import Unit

        units = {
            u.pk: u
            for u in Unit.objects.filter(pk__in=list(unit_ids))
            .annotate(jumlah_kanal=Count("kanal_pengaduan"))
            .order_by("pk")
        }
        return cls(tuple(units), mulai, selesai, hari, units)

    def sekali(self, kunci: str, muat: Callable[[], object]):
        """The evidence `kunci`, loaded by `muat()` the first time it is asked for."""
        if kunci not in self.simpanan:
            self.simpanan[kunci] = muat()
        return self.simpanan[kunci]


@dataclass(frozen=True)
class NilaiAturan:
    """One rule's answer for one unit."""

    kode: str
    skor: Fraction  # 0..1
    bukti: str  # one sentence of evidence, e.g. "3 dari 4 layanan aktif memiliki standar terbit"
    tautan: str = ""  # URL of the evidence ("" when there is nothing to link)
    berlaku: bool = True  # False: nothing to judge (e.g. no complaints); left out of the index

    @property
    def lulus(self) -> bool:
        return self.berlaku and self.skor == 1


@dataclass
class HasilKepatuhan:
    unit_id: int
    skor: Decimal  # 0.00..100.00
    zona: str  # ZonaKepatuhan.kode
    rincian: list[dict] = field(default_factory=list)  # see rincian_baris()


def daftar(kode: str):
    """Register a rule function under `kode` (decorator)."""

    def deco(fn: Callable[[Konteks], dict[int, NilaiAturan]]):
        ATURAN[kode] = fn
        return fn

    return deco


# --- the index --------------------------------------------------------------------------------


def aturan_aktif() -> list:
    """The active rules, in their order (one query)."""
    from evaluasi.models import AturanKepatuhan

    return list(AturanKepatuhan.objects.filter(aktif=True).order_by("urutan", "kode"))


def zona_dari(skor: Decimal, zona_rows):
    """The zone of an index: the row with the highest lower bound not above `skor` (the lowest
    zone when every bound is above it). None only when there are no zones at all."""
    rows = sorted(zona_rows, key=lambda z: z.batas_bawah, reverse=True)
    for z in rows:
        if z.batas_bawah <= skor:
            return z
    return rows[-1] if rows else None


def _dua_desimal(nilai: Decimal) -> str:
    return str(Decimal(nilai).quantize(Decimal("0.01")))


def rincian_baris(aturan, nilai: NilaiAturan) -> dict:
    """One rule's line of a unit's result, JSON-serialisable (stored in compiled reports)."""
    return {
        "kode": aturan.kode,
        "nama": aturan.nama,
        "bobot": _dua_desimal(aturan.bobot),
        "persen": str(bulatkan(nilai.skor * 100)),
        "lulus": nilai.lulus,
        "berlaku": nilai.berlaku,
        "bukti": nilai.bukti,
        "tautan": nilai.tautan,
    }


def hari_penilaian(selesai: date, hari: date | None = None) -> date:
    """The day D at which a period is judged: `hari` (default today), never after its end."""
    return min(hari or timezone.localdate(), selesai)


def hitung(
    unit_ids: Iterable[int], mulai: date, selesai: date, hari: date | None = None
) -> dict[int, HasilKepatuhan]:
    """The index of each unit for the period [mulai, selesai], judged as of
    min(hari or today, selesai). A constant number of queries, however many units."""
    return _hitung(unit_ids, mulai, selesai, hari)[0]


def _hitung(unit_ids, mulai, selesai, hari=None) -> tuple[dict[int, HasilKepatuhan], list]:
    from evaluasi.models import ZonaKepatuhan

    ctx = Konteks.buat(unit_ids, mulai, selesai, hari_penilaian(selesai, hari))
    aturan = aturan_aktif()
    zona_rows = list(ZonaKepatuhan.objects.all())
    nilai: dict[str, dict[int, NilaiAturan]] = {}
    for a in aturan:
        fn = ATURAN.get(a.kode)
        if fn is None:
            logger.warning("Aturan kepatuhan %s tidak dikenal; diabaikan.", a.kode)
            continue
        nilai[a.kode] = fn(ctx)
    hasil = {}
    for uid in ctx.unit_ids:
        atas, bawah, rincian = Fraction(0), Fraction(0), []
        for a in aturan:
            if a.kode not in nilai:
                continue
            n = nilai[a.kode][uid]
            rincian.append(rincian_baris(a, n))
            if n.berlaku:
                bobot = Fraction(a.bobot)
                atas += bobot * n.skor
                bawah += bobot
        skor = bulatkan(atas / bawah * 100) if bawah else Decimal("0.00")
        zona = zona_dari(skor, zona_rows)
        hasil[uid] = HasilKepatuhan(uid, skor, zona.kode if zona else "", rincian)
    return hasil, zona_rows


@dataclass(frozen=True)
class KepatuhanUnit:
    """One unit's index for one reporting period, as its compliance page shows it."""

    label: str  # "Tahun 2026", "Triwulan II 2026", …
    mulai: date
    selesai: date
    hari: date  # the day everything is judged at
    hasil: HasilKepatuhan
    zona: object  # ZonaKepatuhan or None


def kepatuhan_unit(unit, jenis: str, tahun: int, ke: int = 1, hari: date | None = None) -> KepatuhanUnit:
    """The live index of one unit for a reporting period (evaluasi.periode), with its zone."""
    from evaluasi import periode

    mulai, selesai = periode.rentang(jenis, tahun, ke)
    hasil, zona_rows = _hitung([unit.pk], mulai, selesai, hari)
    h = hasil[unit.pk]
    zona = next((z for z in zona_rows if z.kode == h.zona), None)
    return KepatuhanUnit(
        periode.label(jenis, tahun, ke), mulai, selesai, hari_penilaian(selesai, hari), h, zona
    )


# --- shared evidence --------------------------------------------------------------------------


def _tanggal(d: date) -> str:
    return date_format(d, "j F Y")


def _tanggal_lokal(waktu: datetime | None) -> date | None:
    return timezone.localdate(waktu) if waktu is not None else None


def _pecahan(bagian: int, dari: int) -> Fraction:
    return Fraction(bagian, dari) if dari else Fraction(0)


@dataclass
class VersiBukti:
    """What the rules need to know about one version of a standard at day D."""

    pk: int
    unit_id: int
    layanan_id: int
    standar_id: int
    nomor: int
    revisi_dari_id: int | None
    ditetapkan_pada: datetime | None
    berlaku: bool  # in force at D
    berlaku_sejak: date | None
    evaluasi_terakhir: date | None  # latest yearly evaluation on or before D
    pdf_siap: bool  # the official PDF of the standard has a stored file
    kelengkapan: object = None  # standar.services.Kelengkapan
    kategori: frozenset = frozenset()  # stakeholder categories of its best qualifying round
    konsultasi_sebelum_penetapan: bool = False  # a round closed before the decree

    @property
    def lengkap(self) -> bool:
        return self.kelengkapan is not None and self.kelengkapan.selesai

    @property
    def sd_lengkap(self) -> bool:
        from standar import komponen

        if self.kelengkapan is None:
            return False
        belum = {k.kunci for k in self.kelengkapan.belum}
        return not any(k.kunci in belum for k in komponen.service_delivery())


@dataclass
class StandarUnit:
    """The standards of one unit at day D."""

    layanan_aktif: int = 0
    berlaku: list[VersiBukti] = field(default_factory=list)  # in force, one per service at most
    terbaru: dict[int, VersiBukti] = field(default_factory=dict)  # layanan_id -> newest version


def _muat_standar(ctx: Konteks) -> dict[int, StandarUnit]:
    """Versions alive at D (in force or in preparation) of the units' active services, their
    components and consultation rounds: four queries for every unit at once."""
    from pelayanan.models import Layanan
    from standar import jadwal
    from standar.konsultasi import kategori_per_putaran, kategori_terwakili
    from standar.models import DokumenPDF, JenisDokumen, KomponenStandar, PutaranKonsultasi, VersiStandar
    from standar.services import kelengkapan_isi

    d = ctx.hari
    hasil = {uid: StandarUnit() for uid in ctx.unit_ids}
    for row in (
        Layanan.objects.filter(unit_id__in=ctx.unit_ids, aktif=True)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
    ):
        hasil[row["unit_id"]].layanan_aktif = row["n"]

    # In force at D, or in preparation then: drafted by D and not yet published by D.
    persiapan = Q(dibuat_pada__date__lte=d) & (
        Q(diterbitkan_pada__isnull=True) | Q(diterbitkan_pada__date__gt=d)
    )
    hidup = VersiStandar.objects.filter(
        jadwal.q_berlaku(d) | persiapan,
        standar__layanan__unit_id__in=ctx.unit_ids,
        standar__layanan__aktif=True,
    )
    pdf = DokumenPDF.objects.filter(versi_id=OuterRef("pk"), jenis=JenisDokumen.STANDAR).exclude(sha256="")
    rows = (
        jadwal.dengan_evaluasi_terakhir(hidup, d)
        .annotate(
            unit_id=F("standar__layanan__unit_id"),
            layanan_id=F("standar__layanan_id"),
            berlaku_sekarang=ExpressionWrapper(jadwal.q_berlaku(d), output_field=BooleanField()),
            pdf_siap=Exists(pdf.exclude(berkas="")),
        )
        .order_by("standar_id", "nomor")
        .values(
            "pk",
            "unit_id",
            "layanan_id",
            "standar_id",
            "nomor",
            "revisi_dari_id",
            "ditetapkan_pada",
            "berlaku_sekarang",
            "berlaku_mulai",
            "diterbitkan_pada",
            "evaluasi_terakhir",
            "pdf_siap",
        )
    )
    semua: dict[int, VersiBukti] = {}
    for r in rows:
        v = VersiBukti(
            pk=r["pk"],
            unit_id=r["unit_id"],
            layanan_id=r["layanan_id"],
            standar_id=r["standar_id"],
            nomor=r["nomor"],
            revisi_dari_id=r["revisi_dari_id"],
            ditetapkan_pada=r["ditetapkan_pada"],
            berlaku=bool(r["berlaku_sekarang"]),
            berlaku_sejak=r["berlaku_mulai"] or _tanggal_lokal(r["diterbitkan_pada"]),
            evaluasi_terakhir=r["evaluasi_terakhir"],
            pdf_siap=bool(r["pdf_siap"]),
        )
        semua[v.pk] = v
        unit = hasil[v.unit_id]
        if v.berlaku:
            unit.berlaku.append(v)
        unit.terbaru[v.layanan_id] = v  # ordered by nomor: the last one wins
    if not semua:
        return hasil

    isi: dict[int, dict] = defaultdict(dict)
    for versi_id, kunci, konten in KomponenStandar.objects.filter(versi__in=hidup).values_list(
        "versi_id", "kunci", "isi"
    ):
        isi[versi_id][kunci] = konten
    for v in semua.values():
        v.kelengkapan = kelengkapan_isi(isi.get(v.pk, {}))

    berlaku = [v for v in semua.values() if v.berlaku]
    sasaran = {v.pk for v in berlaku} | {v.revisi_dari_id for v in berlaku if v.revisi_dari_id}
    putaran = list(
        PutaranKonsultasi.objects.filter(versi_id__in=sasaran, ditutup_pada__isnull=False).values_list(
            "pk", "versi_id", "ditutup_pada"
        )
    )
    angka = kategori_per_putaran([p for p, _v, _t in putaran])
    per_versi = defaultdict(list)
    for pk, versi_id, ditutup in putaran:
        per_versi[versi_id].append((ditutup, frozenset(kategori_terwakili(angka.get(pk)))))
    for v in berlaku:
        terbaik: frozenset = frozenset()
        for ditutup, kategori in per_versi[v.pk] + per_versi.get(v.revisi_dari_id, []):
            if v.ditetapkan_pada is not None and ditutup < v.ditetapkan_pada:
                v.konsultasi_sebelum_penetapan = True
                if len(kategori) > len(terbaik):
                    terbaik = kategori
        v.kategori = terbaik
    return hasil


def bukti_standar(ctx: Konteks) -> dict[int, StandarUnit]:
    return ctx.sekali("standar", lambda: _muat_standar(ctx))


def bukti_jadwal(ctx: Konteks) -> dict[int, dict[str, int]]:
    from standar import jadwal

    return ctx.sekali("jadwal", lambda: jadwal.hitung_per_unit(ctx.unit_ids, ctx.hari))


def _url_unit_standar(ctx: Konteks, uid: int) -> str:
    return reverse("standar:staf_unit_standar", kwargs={"unit": ctx.unit[uid].slug})


# --- 1-7: standards and maklumat ------------------------------------------------------------


@daftar("standar_terbit")
def standar_terbit(ctx: Konteks) -> dict[int, NilaiAturan]:
    """Share of the unit's active services with a version in force. Not applicable without
    an active service."""
    hasil = {}
    for uid, s in bukti_standar(ctx).items():
        tautan = ctx.unit[uid].get_absolute_url()
        if not s.layanan_aktif:
            hasil[uid] = NilaiAturan(
                "standar_terbit", Fraction(0), _("Unit tidak memiliki layanan aktif."), tautan, False
            )
            continue
        n = len({v.layanan_id for v in s.berlaku})
        hasil[uid] = NilaiAturan(
            "standar_terbit",
            _pecahan(n, s.layanan_aktif),
            _("%(n)s dari %(m)s layanan aktif memiliki standar pelayanan yang berlaku.")
            % {"n": n, "m": s.layanan_aktif},
            tautan,
        )
    return hasil


@daftar("komponen_lengkap")
def komponen_lengkap(ctx: Konteks) -> dict[int, NilaiAturan]:
    """Share of active services whose newest version (in force or in preparation) has all 14
    components complete. Not applicable without an active service."""
    from standar import komponen

    hasil = {}
    for uid, s in bukti_standar(ctx).items():
        tautan = _url_unit_standar(ctx, uid)
        if not s.layanan_aktif:
            hasil[uid] = NilaiAturan(
                "komponen_lengkap", Fraction(0), _("Unit tidak memiliki layanan aktif."), tautan, False
            )
            continue
        n = sum(1 for v in s.terbaru.values() if v.lengkap)
        hasil[uid] = NilaiAturan(
            "komponen_lengkap",
            _pecahan(n, s.layanan_aktif),
            _(
                "%(n)s dari %(m)s layanan aktif memiliki standar (versi terbaru) "
                "dengan ke-%(k)s komponen lengkap."
            )
            % {"n": n, "m": s.layanan_aktif, "k": komponen.JUMLAH},
            tautan,
        )
    return hasil


def _tanpa_standar_berlaku(kode: str, tautan: str) -> NilaiAturan:
    return NilaiAturan(kode, Fraction(0), _("Belum ada standar pelayanan yang berlaku."), tautan, False)


@daftar("konsultasi_pemangku")
def konsultasi_pemangku(ctx: Konteks) -> dict[int, NilaiAturan]:
    """Share of the versions in force for which a round on that version (or on the one it
    revises) closed before its decree with at least KEPATUHAN_MIN_KATEGORI stakeholder
    categories taking part (standar.konsultasi.kategori_per_putaran). Not applicable
    without a version in force."""
    minimum = settings.KEPATUHAN_MIN_KATEGORI
    hasil = {}
    for uid, s in bukti_standar(ctx).items():
        tautan = _url_unit_standar(ctx, uid)
        if not s.berlaku:
            hasil[uid] = _tanpa_standar_berlaku("konsultasi_pemangku", tautan)
            continue
        n = sum(1 for v in s.berlaku if len(v.kategori) >= minimum)
        hasil[uid] = NilaiAturan(
            "konsultasi_pemangku",
            _pecahan(n, len(s.berlaku)),
            _(
                "%(n)s dari %(m)s standar yang berlaku ditetapkan setelah konsultasi publik "
                "yang diikuti sedikitnya %(k)s kategori pemangku kepentingan."
            )
            % {"n": n, "m": len(s.berlaku), "k": minimum},
            tautan,
        )
    return hasil


@daftar("service_delivery_terbit")
def service_delivery_terbit(ctx: Konteks) -> dict[int, NilaiAturan]:
    """Share of the versions in force whose six service-delivery components are complete and
    whose official PDF has a stored file (standar.dokumen). Not applicable without a version
    in force."""
    from standar import komponen

    hasil = {}
    for uid, s in bukti_standar(ctx).items():
        tautan = reverse("standar:katalog") + f"?unit={ctx.unit[uid].slug}"
        if not s.berlaku:
            hasil[uid] = _tanpa_standar_berlaku("service_delivery_terbit", tautan)
            continue
        n = sum(1 for v in s.berlaku if v.sd_lengkap and v.pdf_siap)
        hasil[uid] = NilaiAturan(
            "service_delivery_terbit",
            _pecahan(n, len(s.berlaku)),
            _(
                "%(n)s dari %(m)s standar yang berlaku memuat %(k)s komponen service delivery "
                "yang lengkap dan dokumen PDF resminya tersedia untuk publik."
            )
            % {"n": n, "m": len(s.berlaku), "k": len(komponen.service_delivery())},
            tautan,
        )
    return hasil


@dataclass
class MaklumatUnit:
    penetapan_pertama: date | None = None  # the unit's first standard decree on or before D
    batas: date | None = None  # 7 working days after it
    terbit_pertama: date | None = None  # first publication of a maklumat on or before D
    berlaku: bool = False  # a maklumat is in force at D
    berlaku_terbit: date | None = None


def _muat_maklumat(ctx: Konteks) -> dict[int, MaklumatUnit]:
    """Three queries: first decrees, maklumat published by D, the holidays of the deadlines."""
    from pelayanan.hari_kerja import add_working_days_many
    from standar.maklumat import BATAS_HARI_KERJA
    from standar.models import Maklumat, VersiStandar

    d = ctx.hari
    hasil = {uid: MaklumatUnit() for uid in ctx.unit_ids}
    for row in (
        VersiStandar.objects.filter(standar__layanan__unit_id__in=ctx.unit_ids, ditetapkan_pada__date__lte=d)
        .order_by()
        .values(unit_id=F("standar__layanan__unit_id"))
        .annotate(pertama=Min("ditetapkan_pada"))
    ):
        hasil[row["unit_id"]].penetapan_pertama = timezone.localdate(row["pertama"])
    ada = [(uid, m) for uid, m in hasil.items() if m.penetapan_pertama]
    batas = add_working_days_many(
        (m.penetapan_pertama, BATAS_HARI_KERJA, ctx.unit[uid].instansi_id) for uid, m in ada
    )
    for (_uid, m), b in zip(ada, batas, strict=True):
        m.batas = b
    terakhir: dict[int, tuple] = {}
    for unit_id, terbit, dicabut in (
        Maklumat.objects.filter(unit_id__in=ctx.unit_ids, diterbitkan_pada__date__lte=d)
        .order_by("unit_id", "nomor")
        .values_list("unit_id", "diterbitkan_pada", "dicabut_pada")
    ):
        m = hasil[unit_id]
        tanggal = timezone.localdate(terbit)
        if m.terbit_pertama is None or tanggal < m.terbit_pertama:
            m.terbit_pertama = tanggal
        terakhir[unit_id] = (tanggal, dicabut)  # ordered by nomor: the newest is in force
    for unit_id, (tanggal, dicabut) in terakhir.items():
        if dicabut is None or timezone.localdate(dicabut) > d:
            hasil[unit_id].berlaku, hasil[unit_id].berlaku_terbit = True, tanggal
    return hasil


def bukti_maklumat(ctx: Konteks) -> dict[int, MaklumatUnit]:
    return ctx.sekali("maklumat", lambda: _muat_maklumat(ctx))


@daftar("maklumat_tepat_waktu")
def maklumat_tepat_waktu(ctx: Konteks) -> dict[int, NilaiAturan]:
    """1 when a maklumat is in force at D and the unit's first maklumat was published no later
    than 7 working days after its first standard decree (earlier also counts); 0.5 when in
    force but published late; 0 without one in force. Not applicable before any decree."""
    hasil = {}
    for uid, m in bukti_maklumat(ctx).items():
        tautan = reverse("standar:maklumat_daftar", kwargs={"unit": ctx.unit[uid].slug})
        kode = "maklumat_tepat_waktu"
        if m.penetapan_pertama is None:
            hasil[uid] = NilaiAturan(
                kode, Fraction(0), _("Unit belum menetapkan standar pelayanan."), tautan, False
            )
        elif not m.berlaku:
            hasil[uid] = NilaiAturan(
                kode,
                Fraction(0),
                _("Tidak ada maklumat pelayanan yang berlaku pada %(d)s.") % {"d": _tanggal(ctx.hari)},
                tautan,
            )
        else:
            data = {
                "terbit": _tanggal(m.terbit_pertama),
                "penetapan": _tanggal(m.penetapan_pertama),
                "batas": _tanggal(m.batas),
            }
            if m.terbit_pertama <= m.batas:
                hasil[uid] = NilaiAturan(
                    kode,
                    Fraction(1),
                    _(
                        "Maklumat pelayanan terbit %(terbit)s, dalam batas 7 hari kerja setelah "
                        "penetapan standar pertama (%(penetapan)s; batas %(batas)s)."
                    )
                    % data,
                    tautan,
                )
            else:
                hasil[uid] = NilaiAturan(
                    kode,
                    Fraction(1, 2),
                    _(
                        "Maklumat pelayanan berlaku, tetapi terbit %(terbit)s, melewati batas 7 hari "
                        "kerja setelah penetapan standar pertama (%(penetapan)s; batas %(batas)s)."
                    )
                    % data,
                    tautan,
                )
    return hasil


@daftar("evaluasi_tahunan")
def evaluasi_tahunan(ctx: Konteks) -> dict[int, NilaiAturan]:
    """Share of the versions in force whose yearly evaluation is not overdue at D
    (standar.jadwal). Not applicable without a version in force."""
    hasil = {}
    for uid, j in bukti_jadwal(ctx).items():
        tautan = _url_unit_standar(ctx, uid)
        if not j["berlaku"]:
            hasil[uid] = _tanpa_standar_berlaku("evaluasi_tahunan", tautan)
            continue
        n = j["berlaku"] - j["evaluasi"]
        hasil[uid] = NilaiAturan(
            "evaluasi_tahunan",
            _pecahan(n, j["berlaku"]),
            _(
                "%(n)s dari %(m)s standar yang berlaku telah dievaluasi tepat waktu "
                "(%(t)s melewati batas evaluasi tahunan)."
            )
            % {"n": n, "m": j["berlaku"], "t": j["evaluasi"]},
            tautan,
        )
    return hasil


@daftar("peninjauan_tiga_tahun")
def peninjauan_tiga_tahun(ctx: Konteks) -> dict[int, NilaiAturan]:
    """Share of the versions in force that took effect no more than 3 years before D. Not
    applicable without a version in force."""
    hasil = {}
    for uid, j in bukti_jadwal(ctx).items():
        tautan = _url_unit_standar(ctx, uid)
        if not j["berlaku"]:
            hasil[uid] = _tanpa_standar_berlaku("peninjauan_tiga_tahun", tautan)
            continue
        n = j["berlaku"] - j["peninjauan"]
        hasil[uid] = NilaiAturan(
            "peninjauan_tiga_tahun",
            _pecahan(n, j["berlaku"]),
            _(
                "%(n)s dari %(m)s standar yang berlaku belum melewati batas peninjauan ulang 3 tahun "
                "(%(t)s terlambat)."
            )
            % {"n": n, "m": j["berlaku"], "t": j["peninjauan"]},
            tautan,
        )
    return hasil


# --- 8-9: the satisfaction survey -----------------------------------------------------------


def _muat_periode_skm(ctx: Konteks) -> dict[int, list]:
    """The units' survey periods overlapping [mulai, selesai] with their number of responses
    (one query), newest first."""
    from evaluasi.models import PeriodeSKM

    hasil = defaultdict(list)
    for p in (
        PeriodeSKM.objects.filter(unit_id__in=ctx.unit_ids, mulai__lte=ctx.selesai, selesai__gte=ctx.mulai)
        .annotate(jumlah_jawaban=Count("jawaban_set"))
        .order_by("unit_id", "-selesai", "-pk")
    ):
        hasil[p.unit_id].append(p)
    return hasil


def bukti_periode_skm(ctx: Konteks) -> dict[int, list]:
    return ctx.sekali("periode_skm", lambda: _muat_periode_skm(ctx))


@daftar("skm_sampel")
def skm_sampel(ctx: Konteks) -> dict[int, NilaiAturan]:
    """1 when a survey period overlapping the period is finished (SELESAI) with at least the
    Krejcie–Morgan sample of its population; 0.5 when finished but short; 0 otherwise. A
    period is closed by the unit after its end date, so its current status counts."""
    from evaluasi import selectors
    from evaluasi.choices import StatusPeriode

    hasil = {}
    for uid in ctx.unit_ids:
        selesai = [p for p in bukti_periode_skm(ctx).get(uid, []) if p.status == StatusPeriode.SELESAI]
        kode = "skm_sampel"
        if not selesai:
            hasil[uid] = NilaiAturan(
                kode,
                Fraction(0),
                _("Tidak ada periode SKM yang selesai dalam rentang %(a)s–%(b)s.")
                % {"a": _tanggal(ctx.mulai), "b": _tanggal(ctx.selesai)},
                reverse("evaluasi:unit", kwargs={"unit": ctx.unit[uid].slug}),
            )
            continue
        dinilai = [(selectors.kecukupan(p, p.jumlah_jawaban), p) for p in selesai]
        cukup = [(k, p) for k, p in dinilai if k.cukup]
        k, p = (cukup or dinilai)[0]
        data = {"p": p.label, "n": k.diperoleh, "s": k.dibutuhkan}
        tautan = reverse("evaluasi:periode", kwargs={"pk": p.pk})
        if k.cukup:
            hasil[uid] = NilaiAturan(
                kode,
                Fraction(1),
                _("SKM %(p)s selesai dengan %(n)s responden (sampel minimal %(s)s).") % data,
                tautan,
            )
        else:
            hasil[uid] = NilaiAturan(
                kode,
                Fraction(1, 2),
                _("SKM %(p)s selesai dengan %(n)s responden, kurang dari sampel minimal %(s)s.") % data,
                tautan,
            )
    return hasil


def _muat_skm_terakhir(ctx: Konteks) -> dict[int, object]:
    """Each unit's latest survey period finished on or before D, with its follow-ups due by D
    and those done by D (one query)."""
    from evaluasi.choices import StatusPeriode, StatusTindakLanjut
    from evaluasi.models import PeriodeSKM

    d = ctx.hari
    selesai = PeriodeSKM.objects.filter(
        status=StatusPeriode.SELESAI, selesai__lte=d, diselesaikan_pada__date__lte=d
    )
    terakhir = selesai.filter(unit_id=OuterRef("unit_id")).order_by("-selesai", "-pk").values("pk")[:1]
    jatuh_tempo = Q(rtl_set__batas_waktu__lte=d)
    rows = (
        selesai.filter(unit_id__in=ctx.unit_ids, pk=Subquery(terakhir))
        .annotate(
            rtl_jatuh_tempo=Count("rtl_set", filter=jatuh_tempo),
            rtl_selesai=Count(
                "rtl_set",
                filter=jatuh_tempo
                & Q(rtl_set__status=StatusTindakLanjut.SELESAI, rtl_set__selesai_pada__lte=d),
            ),
        )
        .order_by()
    )
    return {p.unit_id: p for p in rows}


def bukti_skm_terakhir(ctx: Konteks) -> dict[int, object]:
    return ctx.sekali("skm_terakhir", lambda: _muat_skm_terakhir(ctx))


@daftar("skm_terbit_rtl")
def skm_terbit_rtl(ctx: Konteks) -> dict[int, NilaiAturan]:
    """For the latest survey period finished by D: 0.5 when its results were published by D,
    plus 0.5 × the share of its follow-ups due by D that were done by D (the whole 0.5 when
    none is due). 0 without a finished period."""
    hasil = {}
    terakhir = bukti_skm_terakhir(ctx)
    for uid in ctx.unit_ids:
        p = terakhir.get(uid)
        kode = "skm_terbit_rtl"
        if p is None:
            hasil[uid] = NilaiAturan(
                kode,
                Fraction(0),
                _("Belum ada periode SKM yang selesai sampai %(d)s.") % {"d": _tanggal(ctx.hari)},
                reverse("evaluasi:unit", kwargs={"unit": ctx.unit[uid].slug}),
            )
            continue
        terbit = (
            p.diterbitkan
            and p.diterbitkan_pada is not None
            and timezone.localdate(p.diterbitkan_pada) <= ctx.hari
        )
        rtl = _pecahan(p.rtl_selesai, p.rtl_jatuh_tempo) if p.rtl_jatuh_tempo else Fraction(1)
        skor = (Fraction(1, 2) if terbit else Fraction(0)) + Fraction(1, 2) * rtl
        bagian = [
            _("Hasil SKM %(p)s diterbitkan") % {"p": p.label}
            if terbit
            else _("Hasil SKM %(p)s belum diterbitkan") % {"p": p.label}
        ]
        if p.rtl_jatuh_tempo:
            bagian.append(
                _("%(n)s dari %(m)s rencana tindak lanjut yang jatuh tempo telah selesai")
                % {"n": p.rtl_selesai, "m": p.rtl_jatuh_tempo}
            )
        else:
            bagian.append(_("belum ada rencana tindak lanjut yang jatuh tempo"))
        hasil[uid] = NilaiAturan(
            kode, skor, "; ".join(bagian) + ".", reverse("evaluasi:periode", kwargs={"pk": p.pk})
        )
    return hasil


# --- 10-11: complaints ----------------------------------------------------------------------


@daftar("pengaduan_tepat_waktu")
def pengaduan_tepat_waktu(ctx: Konteks) -> dict[int, NilaiAturan]:
    """(first responses on time + decisions on time) / (responses judged + decisions judged)
    for the complaints received in the period, with the definitions of
    pengaduan.statistik.hitung at D. Not applicable when nothing is judged."""
    from pengaduan import statistik

    angka = ctx.sekali(
        "pengaduan",
        lambda: statistik.tepat_waktu_per_unit(
            ctx.unit_ids, mulai=ctx.mulai, sampai=ctx.selesai, hari=ctx.hari
        ),
    )
    hasil = {}
    for uid in ctx.unit_ids:
        a = angka[uid]
        tautan = reverse("pengaduan:statistik_unit", kwargs={"slug": ctx.unit[uid].slug})
        dinilai = a["tanggapan_dinilai"] + a["keputusan_dinilai"]
        if not dinilai:
            hasil[uid] = NilaiAturan(
                "pengaduan_tepat_waktu",
                Fraction(0),
                _("Tidak ada pengaduan yang dapat dinilai ketepatan waktunya dalam rentang ini."),
                tautan,
                False,
            )
            continue
        hasil[uid] = NilaiAturan(
            "pengaduan_tepat_waktu",
            Fraction(a["tanggapan_tepat"] + a["keputusan_tepat"], dinilai),
            _("Tanggapan pertama tepat waktu: %(tt)s dari %(td)s; keputusan tepat waktu: %(kt)s dari %(kd)s.")
            % {
                "tt": a["tanggapan_tepat"],
                "td": a["tanggapan_dinilai"],
                "kt": a["keputusan_tepat"],
                "kd": a["keputusan_dinilai"],
            },
            tautan,
        )
    return hasil


@daftar("kanal_pengaduan")
def kanal_pengaduan(ctx: Konteks) -> dict[int, NilaiAturan]:
    """1 when the unit publishes at least one complaint channel, the name of its complaint
    manager and the complaint address; 0 otherwise (the unit's current profile)."""
    hasil = {}
    for uid in ctx.unit_ids:
        unit = ctx.unit[uid]
        kurang = []
        if not unit.jumlah_kanal:
            kurang.append(_("kanal pengaduan"))
        if not (unit.pengelola_pengaduan_nama or "").strip():
            kurang.append(_("nama pengelola pengaduan"))
        if not (unit.alamat_pengaduan or "").strip():
            kurang.append(_("alamat pengaduan"))
        if kurang:
            bukti = _("Profil unit belum memuat: %(x)s.") % {"x": ", ".join(str(k) for k in kurang)}
        else:
            bukti = _("%(n)s kanal pengaduan; pengelola pengaduan: %(nama)s; alamat pengaduan tercantum.") % {
                "n": unit.jumlah_kanal,
                "nama": unit.pengelola_pengaduan_nama,
            }
        hasil[uid] = NilaiAturan(
            "kanal_pengaduan", Fraction(0 if kurang else 1), bukti, unit.get_absolute_url()
        )
    return hasil
