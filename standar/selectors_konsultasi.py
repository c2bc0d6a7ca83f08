"""Read-side queries of the public consultation pages, each in a fixed number of queries.

A draft is public only as the version of a comment round: every page here starts from a
round. Support counts are aggregated in the database (Count), authors, participants and
answers come with their comment (select_related), and the anchored items are resolved
from the round's version rows loaded once, so a page costs the same number of queries
whatever the number of comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.urls import reverse
from django.utils import timezone

from standar import komponen
from standar.konsultasi import rounds_open_q
from standar.models import (
    DukunganKomentar,
    KategoriPemangku,
    Komentar,
    PertemuanFKP,
    PutaranKonsultasi,
    VersiStandar,
)
from standar.selectors import STATUS_PUBLIK

# Recently finished rounds listed under the open ones.
SELESAI_TERAKHIR = 10
KOMENTAR_SAYA_PER_HALAMAN = 25

URUT_KOMPONEN, URUT_TERBARU, URUT_DIDUKUNG = "komponen", "terbaru", "didukung"

_URUTAN_KOMPONEN = {k.kunci: k.urutan for k in komponen.KOMPONEN}


# --- rounds -------------------------------------------------------------------------------


def putaran_qs() -> QuerySet[PutaranKonsultasi]:
    """Rounds with their version, standard, service, unit and instansi in the same query."""
    return PutaranKonsultasi.objects.select_related("versi__standar__layanan__unit__instansi")


def dengan_jumlah_komentar(qs: QuerySet[PutaranKonsultasi]) -> QuerySet[PutaranKonsultasi]:
    """Annotate visible top-level comments (`jumlah_komentar`) and replies (`jumlah_balasan`)."""
    tampak = Q(komentar_set__disembunyikan_pada__isnull=True)
    return qs.annotate(
        jumlah_komentar=Count("komentar_set", filter=tampak & Q(komentar_set__induk__isnull=True)),
        jumlah_balasan=Count("komentar_set", filter=tampak & Q(komentar_set__induk__isnull=False)),
    )


def hari_terakhir(putaran: PutaranKonsultasi) -> date:
    """The last local day on which comments are accepted (an end at 00.00 ends the day before)."""
    return timezone.localtime(putaran.selesai - timedelta(microseconds=1)).date()


def sisa_hari(putaran: PutaranKonsultasi, hari_ini: date | None = None) -> int:
    """Whole days from today to the last day of the round: 0 on the last day."""
    return (hari_terakhir(putaran) - (hari_ini or timezone.localdate())).days


def kategori_label(values) -> list[str]:
    """Labels of stakeholder category values (unknown values are skipped)."""
    labels = dict(KategoriPemangku.choices)
    return [str(labels[v]) for v in values or [] if v in labels]


def _siapkan(putaran_list: list[PutaranKonsultasi], hari_ini: date) -> list[PutaranKonsultasi]:
    for p in putaran_list:
        p.sisa_hari = sisa_hari(p, hari_ini)
        p.hari_terakhir = hari_terakhir(p)
        p.kategori_diundang_label = kategori_label(p.kategori_diundang)
    return putaran_list


def daftar_putaran(now=None) -> dict[str, list[PutaranKonsultasi]]:
    """Open rounds (ending soonest first), scheduled ones, and recently finished ones: three
    queries, each round with its service and comment counts."""
    now = now or timezone.now()
    hari_ini = timezone.localdate(now)
    base = dengan_jumlah_komentar(putaran_qs())
    terbuka = list(base.filter(rounds_open_q(now)).order_by("selesai", "pk"))
    dijadwalkan = list(base.filter(ditutup_pada__isnull=True, mulai__gt=now).order_by("mulai", "pk"))
    selesai = list(
        base.filter(Q(ditutup_pada__isnull=False) | Q(selesai__lte=now)).order_by("-selesai", "-pk")[
            :SELESAI_TERAKHIR
        ]
    )
    return {
        "terbuka": _siapkan(terbuka, hari_ini),
        "dijadwalkan": _siapkan(dijadwalkan, hari_ini),
        "selesai": _siapkan(selesai, hari_ini),
    }


def putaran(pk: int) -> PutaranKonsultasi:
    """One round with its service (PutaranKonsultasi.DoesNotExist otherwise)."""
    obj = putaran_qs().get(pk=pk)
    _siapkan([obj], timezone.localdate())
    return obj


def muat_isi(putaran: PutaranKonsultasi) -> dict[str, dict]:
    """The draft as it was put to the public, by component key (the round's copy; rounds
    opened before the copy existed read the version, one query)."""
    if putaran.isi_awal:
        return putaran.isi_awal
    return {row.kunci: row.isi or {} for row in putaran.versi.komponen_set.all()}


def teks_butir(isi: dict[str, dict]) -> dict[tuple[str, str], str]:
    """(component key, item id) -> the item's text, for quoting anchored items."""
    result = {}
    for k in komponen.KOMPONEN:
        for item in k.jenis.items(isi.get(k.kunci) or {}):
            if item.get("id"):
                result[(k.kunci, item["id"])] = k.jenis.item_text(item)
    return result


def pilihan_butir(k: komponen.Komponen, isi: dict) -> list[tuple[str, str]]:
    """The items of one component as (id, text) choices."""
    return [(i["id"], k.jenis.item_text(i)) for i in k.jenis.items(isi or {}) if i.get("id")]


# --- comments -----------------------------------------------------------------------------


def komentar_qs(user=None) -> QuerySet[Komentar]:
    """Comments with author, FKP participant, answer and the answer's version, the number of
    "setuju" (`jumlah_setuju`) and whether `user` supports it (`saya_setuju`)."""
    qs = Komentar.objects.select_related("penulis", "peserta", "jawaban__versi_perubahan").annotate(
        jumlah_setuju=Count("dukungan_set")
    )
    if getattr(user, "is_authenticated", False):
        return qs.annotate(
            saya_setuju=Exists(DukunganKomentar.objects.filter(komentar=OuterRef("pk"), pengguna=user))
        )
    return qs.annotate(saya_setuju=Value(False))


def jawaban_dari(k: Komentar):
    """The answer of a comment loaded with select_related, or None."""
    try:
        return k.jawaban
    except Komentar.jawaban.RelatedObjectDoesNotExist:
        return None


def komentar_putaran(putaran: PutaranKonsultasi, *, user=None, kunci: str = "", urut: str = URUT_KOMPONEN):
    """The top-level comments of a round in the requested order, each with `balasan` (its
    replies, oldest first), `jawaban_ada` (its answer or None): one query."""
    qs = komentar_qs(user).filter(putaran=putaran)
    if kunci:
        qs = qs.filter(kunci=kunci)
    if urut == URUT_DIDUKUNG:
        qs = qs.order_by("-jumlah_setuju", "-dibuat_pada", "-id")
    elif urut == URUT_TERBARU:
        qs = qs.order_by("-dibuat_pada", "-id")
    else:
        qs = qs.order_by("dibuat_pada", "id")
    semua = list(qs)
    utama = [k for k in semua if k.induk_id is None]
    by_id = {k.pk: k for k in utama}
    for k in semua:
        k.balasan = []
        k.jawaban_ada = jawaban_dari(k)
    for k in sorted((k for k in semua if k.induk_id is not None), key=lambda k: (k.dibuat_pada, k.pk)):
        induk = by_id.get(k.induk_id)
        if induk is not None:
            induk.balasan.append(k)
    if urut == URUT_KOMPONEN:
        utama.sort(key=lambda k: _URUTAN_KOMPONEN.get(k.kunci, 99))  # stable: chronological within
    return utama


def per_komponen(utama: list[Komentar]) -> dict[str, list[Komentar]]:
    """Top-level comments grouped by component key (order kept)."""
    result: dict[str, list[Komentar]] = {}
    for k in utama:
        result.setdefault(k.kunci, []).append(k)
    return result


@dataclass
class TautanPerubahan:
    """Where an answer's change can be seen: a public page (url) or only the version number."""

    nomor: int
    url: str = ""
    diff: bool = False


def nomor_terbit(putaran: PutaranKonsultasi) -> list[int]:
    """Numbers of the published (public) versions of the round's standard, ascending."""
    return list(
        VersiStandar.objects.filter(standar_id=putaran.versi.standar_id, status__in=STATUS_PUBLIK)
        .order_by("nomor")
        .values_list("nomor", flat=True)
    )


def tautan_perubahan(jawaban, putaran: PutaranKonsultasi, terbit: list[int]) -> TautanPerubahan | None:
    """The link to the change an answer made: the public diff from the previous published
    version when the changed version is published (its page when it is the first one);
    just the number when it is not published yet."""
    versi = getattr(jawaban, "versi_perubahan", None)
    if versi is None:
        return None
    tautan = TautanPerubahan(nomor=versi.nomor)
    if versi.status not in STATUS_PUBLIK or versi.nomor not in terbit:
        return tautan
    layanan = putaran.versi.standar.layanan
    kw = {"unit": layanan.unit.slug, "layanan": layanan.slug}
    sebelumnya = [n for n in terbit if n < versi.nomor]
    if sebelumnya:
        tautan.url = reverse("standar:versi_diff", kwargs={**kw, "dari": sebelumnya[-1], "ke": versi.nomor})
        tautan.diff = True
    else:
        tautan.url = reverse("standar:versi_detail", kwargs={**kw, "nomor": versi.nomor})
    return tautan


def lengkapi(
    utama: list[Komentar], putaran: PutaranKonsultasi, butir: dict, terbit: list[int] | None
) -> None:
    """Attach the quoted item (`teks_butir`: text, None when the item no longer exists, ""
    when the comment is on the whole component) and the change link of the answer."""
    for k in utama:
        for x in [k, *k.balasan]:
            x.teks_butir = butir.get((x.kunci, x.item_id)) if x.item_id else ""
        k.tautan_perubahan = (
            tautan_perubahan(k.jawaban_ada, putaran, terbit) if terbit is not None and k.jawaban_ada else None
        )


# --- FKP meetings and the berita acara -----------------------------------------------------


def pertemuan_ringkas(putaran: PutaranKonsultasi) -> list[PertemuanFKP]:
    """The round's FKP meetings with their number of participants (one query)."""
    return list(
        PertemuanFKP.objects.filter(putaran=putaran)
        .annotate(jumlah_peserta=Count("peserta_set"))
        .order_by("tanggal", "pk")
    )


def pertemuan_lengkap(putaran: PutaranKonsultasi) -> list[PertemuanFKP]:
    """The round's FKP meetings with their participants, ordered by category and name."""
    return list(
        PertemuanFKP.objects.filter(putaran=putaran).prefetch_related("peserta_set").order_by("tanggal", "pk")
    )


@dataclass
class BarisKategori:
    label: str
    daring: int = 0
    luring: int = 0
    nama_luring: list[str] = field(default_factory=list)


def peserta_per_kategori(putaran: PutaranKonsultasi, pertemuan: list[PertemuanFKP]) -> list[BarisKategori]:
    """Per stakeholder category: online commenters (distinct accounts with a visible comment)
    and the FKP participants (from the prefetched meetings); one query."""
    daring = dict(
        Komentar.objects.filter(putaran=putaran, disembunyikan_pada__isnull=True, penulis__isnull=False)
        .values_list("kategori")
        .annotate(n=Count("penulis", distinct=True))
        .order_by()
    )
    rows = {
        value: BarisKategori(str(label), daring.get(value, 0)) for value, label in KategoriPemangku.choices
    }
    for p in pertemuan:
        for peserta in p.peserta_set.all():
            row = rows.get(peserta.kategori)
            if row is not None:
                row.luring += 1
                row.nama_luring.append(peserta.nama)
    return list(rows.values())


def matriks(putaran: PutaranKonsultasi, butir: dict) -> list[Komentar]:
    """Every top-level comment of the round with its answer, in registry order of the
    components, then chronologically: the disposition matrix (one query)."""
    utama = komentar_putaran(putaran, urut=URUT_KOMPONEN)
    lengkapi(utama, putaran, butir, None)
    return utama


# --- the citizen's own comments -----------------------------------------------------------


def komentar_milik(user) -> QuerySet[Komentar]:
    """The user's own comments and replies across rounds, newest first, with the round, its
    service and the answer."""
    return (
        Komentar.objects.filter(penulis=user)
        .select_related(
            "putaran__versi__standar__layanan__unit",
            "jawaban__versi_perubahan",
            "induk__penulis",
            "induk__peserta",
        )
        .order_by("-dibuat_pada", "-id")
    )
