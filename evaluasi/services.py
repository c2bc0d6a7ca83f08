"""Writes of the SKM: periods and their steps, responses (online, paper batch, CSV import),
publication with its summary, follow-up actions, and the short links of services.

Every function checks pelayanan.policy itself, runs in a transaction, and writes an audit
entry; views only parse the request and call one of these.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi import ikm, tinjauan, unsur
from evaluasi.choices import (
    JenisKelamin,
    JenisPeriode,
    Kanal,
    KelompokUsia,
    Pekerjaan,
    Pendidikan,
    StatusPeriode,
    StatusTindakLanjut,
)
from evaluasi.models import JawabanSKM, PeriodeSKM, RencanaTindakLanjut, RingkasanSKM, TautanSKM
from evaluasi.models.skm import BAGIAN_PER_TAHUN
from pelayanan import policy, ratelimit
from pelayanan.audit import audit_record
from pelayanan.models import Layanan, Unit

# Online responses per address per window (shared office Wi-Fi needs room): (count, seconds),
# settings.SKM_BATAS_PER_ALAMAT overrides.
BATAS_PER_ALAMAT: tuple[int, int] = (30, 3600)
# The signed "already answered" cookie of a period and service.
COOKIE_SALT = "evaluasi.skm.kunjungan"
# CSV import limits.
IMPOR_MAKS_BARIS = 5000
IMPOR_MAKS_BYTE = 2 * 1024 * 1024
# Paper batch: rows per form.
KERTAS_MAKS_BARIS = 100
# Alphabet of short codes: no 0/O, 1/l/I, so a code read from paper is typed right.
_ALFABET_KODE = "23456789abcdefghjkmnpqrstuvwxyz"
PANJANG_KODE = 6

# Allowed status changes of a period, and what they are called in URLs and buttons.
TRANSISI: dict[str, tuple[str, str]] = {
    "mulai": (StatusPeriode.DRAF, StatusPeriode.BERJALAN),
    "akhiri": (StatusPeriode.BERJALAN, StatusPeriode.SELESAI),
    "buka_lagi": (StatusPeriode.SELESAI, StatusPeriode.BERJALAN),
}


# --- periods ------------------------------------------------------------------------------


def rentang_periode(jenis: str, tahun: int, ke: int) -> tuple[date, date]:
    """First and last day of the `ke`-th quarter/half of `tahun` (or the whole year)."""
    bagian = BAGIAN_PER_TAHUN[JenisPeriode(jenis)]
    if not 1 <= ke <= bagian:
        raise ValidationError(
            {"ke": _("Untuk periode %(jenis)s pilih ke-1 sampai ke-%(n)s.") % {"jenis": jenis, "n": bagian}}
        )
    bulan = 12 // bagian
    mulai = date(tahun, (ke - 1) * bulan + 1, 1)
    return mulai, mulai + relativedelta(months=bulan) - timedelta(days=1)


def _cek_layanan(unit: Unit, layanan: Iterable[Layanan]) -> list[Layanan]:
    layanan = list(layanan)
    asing = [lay for lay in layanan if lay.unit_id != unit.pk]
    if asing:
        raise ValidationError({"layanan": _("Layanan yang dipilih harus layanan unit ini.")})
    return layanan


@transaction.atomic
def periode_create(
    *,
    unit: Unit,
    jenis: str,
    tahun: int,
    ke: int,
    populasi: int,
    layanan: Sequence[Layanan] = (),
    teknik_sampling: str = "",
    oleh,
) -> PeriodeSKM:
    """A new survey period (draft) of a unit."""
    policy.require(oleh, "skm.kelola", unit)
    if jenis == JenisPeriode.TAHUN:
        ke = 1
    mulai, selesai = rentang_periode(jenis, tahun, ke)
    layanan = _cek_layanan(unit, layanan)
    if PeriodeSKM.objects.filter(unit=unit, jenis=jenis, tahun=tahun, ke=ke).exists():
        raise ValidationError(_("Periode ini sudah ada untuk unit ini."))
    periode = PeriodeSKM(
        unit=unit,
        jenis=jenis,
        tahun=tahun,
        ke=ke,
        mulai=mulai,
        selesai=selesai,
        populasi=populasi,
        dibuat_oleh=oleh,
    )
    if teknik_sampling:
        periode.teknik_sampling = teknik_sampling
    periode.full_clean(validate_constraints=False)
    periode.save()
    periode.layanan.set(layanan)
    for lay in layanan or unit.layanan_set.filter(aktif=True):
        tautan_for(lay)
    audit_record(aktor=oleh, aksi="skm.periode_dibuat", objek=periode, data={"populasi": populasi})
    return periode


def _kunci(periode: PeriodeSKM) -> PeriodeSKM:
    return PeriodeSKM.objects.select_for_update(of=("self",)).select_related("unit").get(pk=periode.pk)


@transaction.atomic
def periode_update(
    *, periode: PeriodeSKM, populasi: int, layanan: Sequence[Layanan], teknik_sampling: str, oleh
) -> PeriodeSKM:
    """Change the population, the services covered and the sampling technique; published
    periods are final."""
    policy.require(oleh, "skm.kelola", periode)
    periode = _kunci(periode)
    if periode.diterbitkan:
        raise ValidationError(_("Hasil periode ini sudah diterbitkan dan tidak dapat diubah."))
    layanan = _cek_layanan(periode.unit, layanan)
    if layanan:
        dipilih = {lay.pk for lay in layanan}
        berisi = set(periode.jawaban_set.values_list("layanan_id", flat=True).distinct())
        if berisi - dipilih:
            raise ValidationError(
                {"layanan": _("Layanan yang sudah memiliki jawaban tidak dapat dikeluarkan dari periode.")}
            )
    periode.populasi = populasi
    periode.teknik_sampling = teknik_sampling or periode.teknik_sampling
    periode.full_clean(validate_constraints=False)
    periode.save(update_fields=["populasi", "teknik_sampling"])
    periode.layanan.set(layanan)
    for lay in layanan or periode.unit.layanan_set.filter(aktif=True):
        tautan_for(lay)
    audit_record(aktor=oleh, aksi="skm.periode_diubah", objek=periode, data={"populasi": populasi})
    return periode


@transaction.atomic
def periode_transisi(*, periode: PeriodeSKM, langkah: str, oleh) -> PeriodeSKM:
    """Start, end or reopen a period (TRANSISI). At most one period of a unit runs at a time."""
    policy.require(oleh, "skm.kelola", periode)
    if langkah not in TRANSISI:
        raise ValidationError(_("Langkah tidak dikenal."))
    dari, ke = TRANSISI[langkah]
    periode = _kunci(periode)
    if periode.status != dari or periode.diterbitkan:
        raise ValidationError(
            _("Langkah ini tidak dapat dilakukan pada periode berstatus %(s)s.")
            % {"s": periode.get_status_display()}
        )
    if ke == StatusPeriode.BERJALAN:
        lain = PeriodeSKM.objects.filter(unit_id=periode.unit_id, status=StatusPeriode.BERJALAN).exclude(
            pk=periode.pk
        )
        if lain.exists():
            raise ValidationError(
                _("Periode %(p)s masih berjalan. Akhiri periode itu lebih dahulu.")
                % {"p": lain.first().label}
            )
    periode.status = ke
    now = timezone.now()
    fields = ["status"]
    if langkah == "mulai":
        periode.dimulai_pada, fields = now, [*fields, "dimulai_pada"]
    elif langkah == "akhiri":
        periode.diselesaikan_pada, fields = now, [*fields, "diselesaikan_pada"]
    try:
        with transaction.atomic():
            periode.save(update_fields=fields)
    except IntegrityError:  # a concurrent start of another period
        raise ValidationError(_("Periode lain dari unit ini sedang berjalan.")) from None
    audit_record(aktor=oleh, aksi=f"skm.periode_{langkah}", objek=periode, data={"status": ke})
    return periode


@transaction.atomic
def periode_publish(*, periode: PeriodeSKM, oleh) -> PeriodeSKM:
    """Publish the results of an ended period: its summary (count and nine sums per service)
    is written once, and from then on nothing of the period changes."""
    policy.require(oleh, "skm.kelola", periode)
    periode = _kunci(periode)
    if periode.diterbitkan:
        raise ValidationError(_("Hasil periode ini sudah diterbitkan."))
    if periode.status != StatusPeriode.SELESAI:
        raise ValidationError(_("Akhiri periode survei sebelum menerbitkan hasilnya."))
    per = ikm.agregat_per(JawabanSKM.objects.filter(periode=periode), "layanan_id")
    if not per:
        raise ValidationError(_("Belum ada jawaban: tidak ada hasil yang dapat diterbitkan."))
    RingkasanSKM.objects.bulk_create(
        [
            RingkasanSKM(
                periode=periode,
                layanan_id=lid,
                jumlah=a.jumlah,
                **{f"s{u.nomor}": t for u, t in zip(unsur.UNSUR, a.total, strict=True)},
            )
            for lid, a in sorted(per.items())
        ]
    )
    periode.diterbitkan = True
    periode.diterbitkan_pada = timezone.now()
    periode.save(update_fields=["diterbitkan", "diterbitkan_pada"])
    hasil = ikm.hitung(sum(per.values(), ikm.Agregat()))
    audit_record(
        aktor=oleh,
        aksi="skm.hasil_diterbitkan",
        objek=periode,
        data={"jumlah": hasil.jumlah, "ikm": str(hasil.ikm), "bobot": hasil.bobot},
    )
    return periode


# --- short links ----------------------------------------------------------------------------


def _kode_baru() -> str:
    return "".join(secrets.choice(_ALFABET_KODE) for _ in range(PANJANG_KODE))


def tautan_for(layanan: Layanan) -> TautanSKM:
    """The short link of a service's questionnaire, created the first time it is needed."""
    try:
        return layanan.tautan_skm
    except TautanSKM.DoesNotExist:
        pass
    for _attempt in range(10):
        try:
            with transaction.atomic():
                tautan, _created = TautanSKM.objects.get_or_create(
                    layanan=layanan, defaults={"kode": _kode_baru()}
                )
                return tautan
        except IntegrityError:  # the random code is taken: draw another
            continue
    raise RuntimeError("no free short code after 10 attempts")


def tautan_unit(unit: Unit) -> list[TautanSKM]:
    """The short links of every active service of a unit (missing ones are created)."""
    layanan = list(unit.layanan_set.filter(aktif=True).select_related("tautan_skm").order_by("nama", "pk"))
    return [tautan_for(lay) for lay in layanan]


# --- responses ------------------------------------------------------------------------------

PROFIL = {
    "usia": KelompokUsia,
    "jenis_kelamin": JenisKelamin,
    "pendidikan": Pendidikan,
    "pekerjaan": Pekerjaan,
}


def nama_cookie(periode: PeriodeSKM, layanan: Layanan) -> str:
    return f"skm_{periode.pk}_{layanan.pk}"


def nilai_cookie(periode: PeriodeSKM, layanan: Layanan) -> str:
    return f"{periode.pk}:{layanan.pk}"


def _cek_terbuka_online(periode: PeriodeSKM, layanan: Layanan, hari: date) -> None:
    if (
        periode.status != StatusPeriode.BERJALAN
        or periode.diterbitkan
        or not periode.mulai <= hari <= periode.selesai
        or not periode.mencakup(layanan)
    ):
        raise ValidationError(_("Survei untuk layanan ini sedang tidak dibuka."), code="tutup")


def _cek_terbuka_petugas(periode: PeriodeSKM) -> None:
    if periode.diterbitkan:
        raise ValidationError(_("Hasil periode ini sudah diterbitkan; jawaban tidak dapat ditambah lagi."))
    if periode.status == StatusPeriode.DRAF:
        raise ValidationError(_("Mulai periode survei lebih dahulu."))


def _bangun(periode: PeriodeSKM, layanan: Layanan, data: dict, **extra) -> JawabanSKM:
    j = JawabanSKM(
        periode=periode,
        layanan=layanan,
        **{k: data[k] for k in unsur.KOLOM},
        **{k: data.get(k) or "" for k in (*PROFIL, "saran", "nomor_lembar")},
        **extra,
    )
    j.full_clean(exclude=["periode", "layanan", "dimasukkan_oleh"], validate_constraints=False)
    return j


@transaction.atomic
def jawaban_online_create(
    *, periode: PeriodeSKM, layanan: Layanan, data: dict, ip: str, sudah_mengisi: bool
) -> JawabanSKM:
    """A citizen's questionnaire. One per visit: refused when the visitor's signed cookie
    says this period and service were answered already, and limited per address."""
    if sudah_mengisi:
        raise ValidationError(
            _("Anda sudah mengisi survei untuk layanan ini pada periode ini. Terima kasih."),
            code="sudah_mengisi",
        )
    _cek_terbuka_online(periode, layanan, timezone.localdate())
    limit, window = getattr(settings, "SKM_BATAS_PER_ALAMAT", BATAS_PER_ALAMAT)
    ratelimit.hit("skm-ip", ip, limit=limit, window=window)
    jawaban = _bangun(periode, layanan, data, kanal=Kanal.ONLINE)
    jawaban.save()
    return jawaban


@dataclass(frozen=True)
class GalatBaris:
    """One problem of one row of a paper batch or CSV file."""

    baris: int
    kolom: str
    pesan: str


class ImporGagal(ValidationError):
    """Rows with errors: nothing was saved. `galat` lists each problem with its row."""

    def __init__(self, galat: list[GalatBaris]):
        self.galat = galat
        super().__init__(
            _("%(n)s kesalahan ditemukan; tidak ada jawaban yang disimpan. Perbaiki lalu kirim lagi.")
            % {"n": len(galat)},
            code="impor_gagal",
        )


def _simpan_kertas(periode: PeriodeSKM, baris: list[tuple[int, Layanan, dict]], oleh, sumber: str) -> int:
    """Validate every row, then save all of them or none (bulk insert)."""
    galat: list[GalatBaris] = []
    objek = []
    now = timezone.now()
    for nomor, layanan, data in baris:
        if not periode.mencakup(layanan):
            galat.append(GalatBaris(nomor, "layanan", _("Layanan ini tidak termasuk periode survei.")))
            continue
        try:
            objek.append(
                _bangun(periode, layanan, data, kanal=Kanal.KERTAS, dimasukkan_oleh=oleh, dibuat_pada=now)
            )
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                galat.extend(GalatBaris(nomor, kolom, p) for p in pesan)
    if galat:
        raise ImporGagal(galat)
    if not objek:
        raise ValidationError(_("Tidak ada baris yang diisi."))
    JawabanSKM.objects.bulk_create(objek, batch_size=1000)
    audit_record(
        aktor=oleh, aksi="skm.jawaban_kertas", objek=periode, data={"jumlah": len(objek), "sumber": sumber}
    )
    return len(objek)


@transaction.atomic
def jawaban_kertas_batch(*, periode: PeriodeSKM, layanan: Layanan, baris: list[dict], oleh) -> int:
    """Paper questionnaires of one service typed into the batch grid: each row a dict with
    u1..u9 (1..4) and the optional profile; all rows are saved or none."""
    policy.require(oleh, "skm.kelola", periode)
    periode = _kunci(periode)
    _cek_terbuka_petugas(periode)
    if len(baris) > KERTAS_MAKS_BARIS:
        raise ValidationError(_("Paling banyak %(n)s lembar sekali kirim.") % {"n": KERTAS_MAKS_BARIS})
    return _simpan_kertas(periode, [(i, layanan, d) for i, d in enumerate(baris, start=1)], oleh, "formulir")


# CSV columns: the answers by U-code (never by question position), the profile, extras.
KOLOM_CSV = ("layanan", *unsur.KOLOM, *PROFIL, "saran", "nomor_lembar")


def _teks_csv(berkas: bytes) -> str:
    if len(berkas) > IMPOR_MAKS_BYTE:
        raise ValidationError(_("Berkas terlalu besar (paling besar 2 MB)."))
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return berkas.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Berkas tidak dapat dibaca. Simpan sebagai CSV UTF-8."))


def _pilihan(choices, teks: str) -> str | None:
    """A profile value given by its code or its label (case-insensitive)."""
    t = " ".join(teks.split()).casefold()
    for value, label in choices.choices:
        if t in (str(value).casefold(), str(label).casefold()):
            return value
    return None


def _baca_baris(row: dict[str, str], nomor: int, layanan_map: dict, layanan_default) -> tuple:
    galat, data = [], {}
    nama_layanan = (row.get("layanan") or "").strip()
    layanan = layanan_default
    if nama_layanan:
        layanan = layanan_map.get(" ".join(nama_layanan.split()).casefold())
        if layanan is None:
            galat.append(
                GalatBaris(nomor, "layanan", _("Layanan “%(l)s” tidak dikenal.") % {"l": nama_layanan})
            )
    elif layanan is None:
        galat.append(GalatBaris(nomor, "layanan", _("Isi nama atau kode layanan.")))
    for u in unsur.UNSUR:
        teks = (row.get(u.kolom) or "").strip()
        if teks not in {"1", "2", "3", "4"}:
            galat.append(
                GalatBaris(
                    nomor,
                    u.kolom,
                    _("%(u)s harus 1, 2, 3 atau 4 (tertulis “%(t)s”).") % {"u": u.kode, "t": teks},
                )
            )
        else:
            data[u.kolom] = int(teks)
    for kolom, choices in PROFIL.items():
        teks = (row.get(kolom) or "").strip()
        if teks:
            nilai = _pilihan(choices, teks)
            if nilai is None:
                galat.append(GalatBaris(nomor, kolom, _("Nilai “%(t)s” tidak dikenal.") % {"t": teks}))
            data[kolom] = nilai or ""
    data["saran"] = (row.get("saran") or "").strip()
    data["nomor_lembar"] = (row.get("nomor_lembar") or "").strip()
    return layanan, data, galat


@transaction.atomic
def jawaban_impor_csv(
    *, periode: PeriodeSKM, berkas: bytes, oleh, layanan_default: Layanan | None = None
) -> int:
    """Import paper questionnaires from a CSV file (comma, semicolon or tab separated, header
    row with KOLOM_CSV names). Every problem is reported with its line; one problem and
    nothing is saved."""
    policy.require(oleh, "skm.kelola", periode)
    periode = _kunci(periode)
    _cek_terbuka_petugas(periode)
    teks = _teks_csv(berkas)
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = max(",;\t", key=baris_pertama.count)
    reader = csv.DictReader(io.StringIO(teks, newline=""), delimiter=pemisah)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if not header:
        raise ValidationError(_("Berkas kosong."))
    reader.fieldnames = header
    galat: list[GalatBaris] = []
    asing = [h for h in header if h not in KOLOM_CSV]
    if asing:
        galat.append(GalatBaris(1, ", ".join(asing), _("Kolom tidak dikenal.")))
    kurang = [k for k in unsur.KOLOM if k not in header]
    if kurang:
        galat.append(GalatBaris(1, ", ".join(kurang), _("Kolom wajib tidak ada.")))
    if galat:
        raise ImporGagal(galat)
    cakupan = list(periode.layanan.all()) or list(periode.unit.layanan_set.filter(aktif=True))
    layanan_map = {}
    for lay in cakupan:
        layanan_map[lay.slug.casefold()] = lay
        layanan_map[" ".join(lay.nama.split()).casefold()] = lay
        layanan_map[str(lay.pk)] = lay
    baris = []
    for row in reader:
        if reader.line_num - 1 > IMPOR_MAKS_BARIS:
            raise ValidationError(_("Paling banyak %(n)s baris sekali impor.") % {"n": IMPOR_MAKS_BARIS})
        if None in row:
            galat.append(
                GalatBaris(reader.line_num, "", _("Baris ini berisi lebih banyak kolom dari judulnya."))
            )
            continue
        if not any((v or "").strip() for v in row.values()):
            continue
        layanan, data, g = _baca_baris(row, reader.line_num, layanan_map, layanan_default)
        galat.extend(g)
        if not g:
            baris.append((reader.line_num, layanan, data))
    if galat:
        raise ImporGagal(galat)
    try:
        return _simpan_kertas(periode, baris, oleh, "csv")
    except ImporGagal:
        raise
    except ValidationError:
        raise ValidationError(_("Berkas tidak berisi baris jawaban.")) from None


def contoh_csv(periode: PeriodeSKM) -> str:
    """A template file for the import: the header and two example rows."""
    lay = (list(periode.layanan.all()) or list(periode.unit.layanan_set.filter(aktif=True)) or [None])[0]
    nama = lay.nama if lay else ""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(KOLOM_CSV)
    w.writerow(
        [
            nama,
            4,
            3,
            3,
            4,
            3,
            4,
            4,
            3,
            3,
            "30-39",
            "P",
            "sma",
            "wirausaha",
            "Antrean perlu dipercepat",
            "K-001",
        ]
    )
    w.writerow([nama, 3, 3, 2, 4, 3, 3, 4, 3, 3, "", "", "", "", "", "K-002"])
    return out.getvalue()


# --- follow-up actions (rencana tindak lanjut) and the review flags -------------------------

TRANSISI_RTL = {
    StatusTindakLanjut.DIRENCANAKAN: {StatusTindakLanjut.DIKERJAKAN, StatusTindakLanjut.SELESAI},
    StatusTindakLanjut.DIKERJAKAN: {StatusTindakLanjut.SELESAI},
    StatusTindakLanjut.SELESAI: set(),
}


def unsur_perlu_tindak_lanjut(hasil: ikm.HasilIKM) -> list[ikm.NilaiUnsur]:
    """The unsur a follow-up should address: the weakest one (lowest NRR), and every unsur
    whose NRR × 25 is below the expectation of "Baik" (settings.SKM_HARAPAN)."""
    if not hasil.ada:
        return []
    harapan = tinjauan.harapan_default()
    urut = hasil.terlemah()
    return [n for i, n in enumerate(urut) if i == 0 or n.nrr * ikm.KONVERSI < harapan]


@transaction.atomic
def rtl_create(
    *, periode: PeriodeSKM, unsur_kode: str, tindakan: str, penanggung_jawab: str, batas_waktu: date, oleh
) -> RencanaTindakLanjut:
    policy.require(oleh, "skm.kelola", periode)
    if not periode.jawaban_set.exists():
        raise ValidationError(_("Belum ada hasil survei pada periode ini."))
    rtl = RencanaTindakLanjut(
        periode=periode,
        unsur=unsur_kode,
        tindakan=tindakan.strip(),
        penanggung_jawab=penanggung_jawab.strip(),
        batas_waktu=batas_waktu,
        dibuat_oleh=oleh,
    )
    rtl.full_clean(exclude=["periode", "dibuat_oleh"], validate_constraints=False)
    rtl.save()
    audit_record(aktor=oleh, aksi="skm.rtl_dibuat", objek=rtl, data={"unsur": unsur_kode})
    return rtl


@transaction.atomic
def rtl_update(
    *, rtl: RencanaTindakLanjut, status: str, catatan: str = "", selesai_pada: date | None = None, oleh
) -> RencanaTindakLanjut:
    """Move a follow-up on (planned -> in progress -> done); a done one stays done."""
    policy.require(oleh, "skm.kelola", rtl)
    rtl = RencanaTindakLanjut.objects.select_for_update(of=("self",)).get(pk=rtl.pk)
    if status != rtl.status and status not in TRANSISI_RTL[StatusTindakLanjut(rtl.status)]:
        raise ValidationError(
            {"status": _("Status tidak dapat diubah dari %(s)s.") % {"s": rtl.get_status_display()}}
        )
    today = timezone.localdate()
    fields = ["status", "catatan", "diubah_pada"]
    if status == StatusTindakLanjut.SELESAI and rtl.status != StatusTindakLanjut.SELESAI:
        selesai_pada = selesai_pada or today
        if selesai_pada > today:
            raise ValidationError({"selesai_pada": _("Tanggal selesai tidak boleh di masa depan.")})
        rtl.selesai_pada = selesai_pada
        fields.append("selesai_pada")
    rtl.status = status
    rtl.catatan = catatan.strip()
    rtl.full_clean(exclude=["periode", "dibuat_oleh"], validate_constraints=False)
    rtl.save(update_fields=fields)
    audit_record(aktor=oleh, aksi="skm.rtl_diubah", objek=rtl, data={"status": status})
    return rtl
