"""Read-side queries of the complaint pages, each in a fixed number of queries.

Which units a user may see is decided by pelayanan.policy (`unit_ids`): the grants only
narrow the candidate units, `policy.may` decides each of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from pelayanan import policy
from pelayanan.masukan import bilangan
from pelayanan.models import Unit
from pengaduan import privasi, tenggat
from pengaduan.choices import JenisRiwayat, StatusPengaduan
from pengaduan.models import Eskalasi, Pengaduan, Riwayat

PER_HALAMAN = 25
Q_MAX = 40


def unit_ids(user, aksi: str) -> list[int] | None:
    """Ids of the units on which `user` may `aksi` (None: every unit, for a superuser)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return None
    grants = policy.grants_of(user)
    kandidat = Q(pk__in={g.unit_id for g in grants if g.unit_id}) | Q(
        instansi_id__in={g.instansi_id for g in grants if g.instansi_id}
    )
    if any(g.unit_id is None and g.instansi_id is None for g in grants):
        kandidat = Q()
    return [
        u.pk for u in Unit.objects.filter(kandidat).only("pk", "instansi_id") if policy.may(user, aksi, u)
    ]


def unit_pilihan(user, aksi: str = "pengaduan.lihat") -> list[Unit]:
    ids = unit_ids(user, aksi)
    qs = Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)
    return list(qs.select_related("instansi").order_by("instansi__nama", "nama"))


def _dalam_lingkup(qs: QuerySet, ids: list[int] | None) -> QuerySet:
    return qs if ids is None else qs.filter(unit_id__in=ids)


@dataclass
class Saring:
    """The inbox filters, parsed from the query string."""

    unit: int | None = None
    status: str = ""
    terlambat: bool = False
    saya: bool = False
    q: str = ""

    @classmethod
    def dari(cls, params) -> Saring:
        unit = params.get("unit", "")
        status = params.get("status", "")
        return cls(
            unit=bilangan(unit),
            status=status if status in StatusPengaduan.values else "",
            terlambat=params.get("terlambat") == "1",
            saya=params.get("saya") == "1",
            q=params.get("q", "").strip()[:Q_MAX],
        )

    @property
    def aktif(self) -> bool:
        return bool(self.unit or self.status or self.terlambat or self.saya or self.q)


def kotak_masuk(user, saring: Saring, *, hari: date | None = None) -> QuerySet[Pengaduan]:
    """The complaints `user` may read on the staff pages, filtered; newest first."""
    from pengaduan import kode as kode_mod

    hari = hari or tenggat.hari_ini()
    qs = _dalam_lingkup(Pengaduan.objects.all(), unit_ids(user, privasi.AKSI_ISI_STAF))
    if saring.unit:
        qs = qs.filter(unit_id=saring.unit)
    if saring.status:
        qs = qs.filter(status=saring.status)
    if saring.terlambat:
        qs = qs.filter(tenggat.q_terlambat(hari))
    if saring.saya:
        qs = qs.filter(petugas=user)
    if saring.q:
        kode = kode_mod.normalisasi(saring.q)
        nomor = saring.q.upper().removeprefix("PGD-").split("-")[-1]
        cari = Q(kode=kode) if kode else Q(pk__in=[])
        if (pk := bilangan(nomor)) is not None:
            cari |= Q(pk=pk)
        qs = qs.filter(cari)
    return (
        qs.select_related("unit", "layanan", "petugas")
        .annotate(tingkat_eskalasi=Max("eskalasi_set__tingkat"))
        .order_by("-diterima_pada", "-pk")
    )


def pengaduan_staf(pk: int) -> Pengaduan:
    """One complaint with everything its staff page shows (Pengaduan.DoesNotExist)."""
    return (
        Pengaduan.objects.select_related("unit__instansi", "layanan", "petugas")
        .prefetch_related(
            Prefetch("riwayat_set", queryset=Riwayat.objects.select_related("oleh")),
            "catatan_set__oleh",
            "lampiran_set",
            "penilaian_set",
            "eskalasi_set",
        )
        .get(pk=pk)
    )


def pengaduan_pengadu(kode: str) -> Pengaduan:
    """One complaint by its tracking code, with what the complainant sees (no internal notes,
    no internal timeline steps)."""
    return (
        Pengaduan.objects.select_related("unit__instansi", "layanan")
        .prefetch_related(
            Prefetch("riwayat_set", queryset=Riwayat.objects.filter(publik=True)),
            "lampiran_set",
            "penilaian_set",
        )
        .get(kode=kode)
    )


def daftar_publik(unit: Unit) -> QuerySet[Pengaduan]:
    """The unit's complaints whose content the public may read, with the staff's public
    responses (never the complainant's own later texts, never internal steps)."""
    return (
        Pengaduan.objects.filter(privasi.q_publik(), unit=unit)
        .select_related("layanan")
        .prefetch_related(
            Prefetch(
                "riwayat_set",
                queryset=Riwayat.objects.filter(
                    publik=True, pelaku="petugas", jenis__in=[JenisRiwayat.TRANSISI, JenisRiwayat.TANGGAPAN]
                ).exclude(teks=""),
                to_attr="tanggapan_publik",
            )
        )
        .order_by("-diterima_pada", "-pk")
    )


def terlambat(user, *, unit: int | None = None, jenis: str = "", hari: date | None = None) -> list[Pengaduan]:
    """Complaints past one of the unit's deadlines that `user` may read, most overdue first,
    each with `tenggat_jenis`, `tenggat_batas`, `terlambat_hari` and `tingkat_eskalasi`."""
    hari = hari or tenggat.hari_ini()
    qs = _dalam_lingkup(Pengaduan.objects.all(), unit_ids(user, privasi.AKSI_ISI_STAF))
    qs = qs.filter(tenggat.q_terlambat(hari, jenis or None))
    if unit:
        qs = qs.filter(unit_id=unit)
    rows = list(
        qs.select_related("unit", "petugas").annotate(
            tingkat_eskalasi=Max("eskalasi_set__tingkat"),
            ke_pembina=Exists(
                Eskalasi.objects.filter(pengaduan=OuterRef("pk"), tingkat=Eskalasi.TINGKAT_PEMBINA)
            ),
        )
    )
    for p in rows:
        p.tenggat_jenis, p.tenggat_batas = tenggat.tenggat_berjalan(p)
        p.terlambat_hari = (hari - p.tenggat_batas).days
    rows.sort(key=lambda p: (-p.terlambat_hari, p.pk))
    return rows


def ringkasan_kotak(user) -> dict:
    """Counts for the inbox header: open, overdue, assigned to me (one query)."""
    qs = _dalam_lingkup(Pengaduan.objects.all(), unit_ids(user, privasi.AKSI_ISI_STAF))
    return qs.aggregate(
        terbuka=Count("id", filter=~Q(status__in=[StatusPengaduan.BATAL, StatusPengaduan.DIBERITAHUKAN])),
        terlambat=Count("id", filter=tenggat.q_terlambat()),
        saya=Count(
            "id",
            filter=Q(petugas=user) & ~Q(status__in=[StatusPengaduan.BATAL, StatusPengaduan.DIBERITAHUKAN]),
        ),
    )


# --- the standard beside the complaint form -----------------------------------------------


@dataclass
class Acuan:
    """What the unit promised for the breached part: shown beside the complaint form."""

    judul: str
    baris: list[str]
    sumber: str
    url: str = ""


def acuan(unit: Unit, layanan, bagian: str) -> Acuan | None:
    """The unit's published promise for `bagian`: the component of the service's standard in
    force (rendered by its kind's `lines()`), or the maklumat for perilaku petugas."""
    from pengaduan.choices import PERILAKU_PETUGAS
    from standar import komponen
    from standar.choices import StatusVersi
    from standar.models import KomponenStandar
    from standar.selectors import maklumat_terbit

    if bagian in komponen.KUNCI:
        if layanan is None:
            return None
        row = (
            KomponenStandar.objects.filter(
                versi__standar__layanan=layanan, versi__status=StatusVersi.TERBIT, kunci=bagian
            )
            .select_related("versi__standar__layanan__unit")
            .first()
        )
        if row is None:
            return None
        k = komponen.get(bagian)
        versi = row.versi
        return Acuan(
            judul=k.label,
            baris=k.jenis.lines(row.isi or k.jenis.empty()),
            sumber=f"{layanan.nama} — versi {versi.nomor}, SK {versi.sk_nomor}",
            url=versi.get_absolute_url(),
        )
    if bagian == PERILAKU_PETUGAS:
        maklumat = maklumat_terbit(unit)
        if maklumat is None:
            return None
        return Acuan(
            judul=str(_("Maklumat pelayanan")),
            baris=[b for b in maklumat.teks.splitlines() if b.strip()],
            sumber=f"{unit.nama} — {maklumat.tempat}, {maklumat.tanggal:%d-%m-%Y}",
        )
    return None
