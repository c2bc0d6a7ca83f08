"""Services of public consultation: rounds, FKP meetings, comments, answers, moderation,
and the decree gate (PP 96/2012 Pasal 26–27; UU 25/2009 Pasal 20(2)).

A round opens on a complete draft (moving the version to "konsultasi") and closes by
itself at its end (`putaran_close_due`, a beat job; idempotent), moving the version to
"perbaikan". A version can be decreed only after a round on it, or on the version it
revises, has closed with every comment answered (`gate_penetapan`).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan import policy, ratelimit
from pelayanan.audit import audit_record
from pelayanan.hari_kerja import add_working_days
from pelayanan.notifikasi import notify
from pelayanan.unggahan import check_upload, safe_name
from standar import dokumen, komponen, services
from standar.choices import StatusVersi
from standar.isi import _CONTROL_RE
from standar.models import (
    DukunganKomentar,
    JawabanKomentar,
    KategoriPemangku,
    Keputusan,
    Komentar,
    LaporanKomentar,
    PerpanjanganPutaran,
    PertemuanFKP,
    PesertaFKP,
    PutaranKonsultasi,
    VersiStandar,
)
from standar.models.konsultasi import KOMENTAR_MAKS

HARI_TANGGAPAN = 7  # PP 96/2012 Pasal 27(2): responses within 7 working days
KOMENTAR_PER_AKUN = (10, 600)  # at most 10 comments per 10 minutes per account
KOMENTAR_PER_ALAMAT = (30, 600)
LAPORAN_PER_ALAMAT = (10, 600)


def default_end(mulai: datetime, instansi_id=None) -> datetime:
    """The end of the 7th working day after the opening day (local time)."""
    day = add_working_days(timezone.localtime(mulai).date(), HARI_TANGGAPAN, instansi_id)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _clean_isi(text: str, label: str, minimum: int = 1, maximum: int = KOMENTAR_MAKS) -> str:
    text = _CONTROL_RE.sub("", text or "").strip()
    if len(text) < minimum:
        raise ValidationError({label: _("Terlalu pendek (paling sedikit %(n)s karakter).") % {"n": minimum}})
    if len(text) > maximum:
        raise ValidationError({label: _("Terlalu panjang (paling banyak %(n)s karakter).") % {"n": maximum}})
    return text


# --- rounds -------------------------------------------------------------------------------


@transaction.atomic
def putaran_open(
    *, versi: VersiStandar, penjelasan: str, kategori_diundang: list[str], oleh, mulai=None, selesai=None
) -> PutaranKonsultasi:
    """Open a comment round on a complete draft; the version goes to "konsultasi"."""
    now = timezone.now()
    mulai = mulai or now
    if mulai < now - timedelta(minutes=5):
        raise ValidationError({"mulai": _("Waktu mulai tidak boleh di masa lalu.")})
    versi_locked = VersiStandar.objects.select_related("standar__layanan__unit").get(pk=versi.pk)
    selesai = selesai or default_end(mulai, versi_locked.standar.layanan.unit.instansi_id)
    if selesai <= mulai:
        raise ValidationError({"selesai": _("Waktu berakhir harus setelah waktu mulai.")})
    kategori = sorted(set(kategori_diundang or []))
    if not kategori or not set(kategori) <= set(KategoriPemangku.values):
        raise ValidationError(
            {"kategori_diundang": _("Pilih paling sedikit satu kategori pemangku kepentingan.")}
        )
    penjelasan = _clean_isi(penjelasan, "penjelasan", minimum=10)
    versi = services.versi_submit_consultation(versi=versi, oleh=oleh)
    putaran = PutaranKonsultasi.objects.create(
        versi=versi,
        penjelasan=penjelasan,
        kategori_diundang=kategori,
        mulai=mulai,
        selesai=selesai,
        dibuka_oleh=oleh,
        isi_awal={row.kunci: row.isi for row in versi.komponen_set.all()},
    )
    audit_record(
        aktor=oleh,
        aksi="konsultasi.buka",
        objek=putaran,
        data={"versi": versi.nomor, "mulai": mulai.isoformat(), "selesai": selesai.isoformat()},
    )
    return putaran


@transaction.atomic
def putaran_extend(
    *, putaran: PutaranKonsultasi, selesai_baru: datetime, alasan: str, oleh
) -> PutaranKonsultasi:
    """Extend a round before it ends, with a recorded reason."""
    putaran = (
        PutaranKonsultasi.objects.select_for_update(of=("self",)).select_related("versi").get(pk=putaran.pk)
    )
    policy.require(oleh, "standar.susun", putaran)
    if putaran.ditutup or timezone.now() >= putaran.selesai:
        raise ValidationError(_("Putaran yang sudah berakhir tidak dapat diperpanjang."))
    if not selesai_baru or selesai_baru <= putaran.selesai:
        raise ValidationError({"selesai_baru": _("Akhir baru harus setelah akhir semula.")})
    alasan = _clean_isi(alasan, "alasan", minimum=10, maximum=1000)
    PerpanjanganPutaran.objects.create(
        putaran=putaran, selesai_lama=putaran.selesai, selesai_baru=selesai_baru, alasan=alasan, oleh=oleh
    )
    lama, putaran.selesai = putaran.selesai, selesai_baru
    putaran.save(update_fields=["selesai"])
    audit_record(
        aktor=oleh,
        aksi="konsultasi.perpanjang",
        objek=putaran,
        data={"dari": lama.isoformat(), "ke": selesai_baru.isoformat(), "alasan": alasan[:200]},
    )
    return putaran


@transaction.atomic
def putaran_close(*, putaran: PutaranKonsultasi) -> bool:
    """Close a round (system step, by the beat job). Idempotent: False if already closed."""
    putaran = PutaranKonsultasi.objects.select_for_update(of=("self",)).get(pk=putaran.pk)
    if putaran.ditutup:
        return False
    putaran.ditutup_pada = timezone.now()
    putaran.save(update_fields=["ditutup_pada"])
    services.versi_close_consultation(versi=putaran.versi)
    audit_record(
        aktor=None,
        aksi="konsultasi.tutup",
        objek=putaran,
        data={"komentar": putaran.komentar_set.count()},
    )
    dokumen.jadwalkan_berita_acara(putaran)  # the berita acara PDF, after commit
    return True


def putaran_close_due(now: datetime | None = None) -> int:
    """Close every round whose end has passed; safe to run twice or concurrently."""
    now = now or timezone.now()
    closed = 0
    for pk in PutaranKonsultasi.objects.filter(ditutup_pada__isnull=True, selesai__lte=now).values_list(
        "pk", flat=True
    ):
        closed += putaran_close(putaran=PutaranKonsultasi(pk=pk))
    return closed


def gate_penetapan(versi: VersiStandar) -> list[str]:
    """Decree gate: a closed round on this version (or the one it revises), all answered."""
    versi_ids = [versi.pk] + ([versi.revisi_dari_id] if versi.revisi_dari_id else [])
    rounds = PutaranKonsultasi.objects.filter(versi_id__in=versi_ids)
    terbuka = rounds.filter(ditutup_pada__isnull=True).first()
    if terbuka is not None:
        return [
            _("Putaran konsultasi masih berlangsung sampai %(t)s.")
            % {"t": timezone.localtime(terbuka.selesai).strftime("%d-%m-%Y %H.%M")}
        ]
    closed = list(rounds.filter(versi=versi, ditutup_pada__isnull=False)) or list(
        rounds.filter(ditutup_pada__isnull=False)
    )
    if not closed:
        return [
            _("Belum ada putaran konsultasi publik yang ditutup untuk versi ini atau versi yang direvisinya.")
        ]
    belum = Komentar.objects.filter(
        putaran__in=closed, induk__isnull=True, disembunyikan_pada__isnull=True, jawaban__isnull=True
    ).count()
    if belum:
        return [_("%(n)s komentar dari konsultasi publik belum dijawab.") % {"n": belum}]
    return []


# --- FKP meetings -------------------------------------------------------------------------


@transaction.atomic
def pertemuan_record(
    *,
    putaran: PutaranKonsultasi,
    tanggal,
    tempat: str,
    ringkasan: str,
    peserta: list[dict],
    oleh,
    daftar_hadir=None,
) -> PertemuanFKP:
    """Record an FKP meeting with its participants (each: nama, lembaga, kategori)."""
    policy.require(oleh, "standar.susun", putaran)
    if putaran.ditutup:
        raise ValidationError(_("Putaran sudah ditutup; catat pertemuan sebelum putaran berakhir."))
    errors = {}
    if not tanggal or tanggal > timezone.localdate():
        errors["tanggal"] = _("Isi tanggal pertemuan (tidak di masa depan).")
    tempat = (tempat or "").strip()
    if not tempat:
        errors["tempat"] = _("Wajib diisi.")
    rows = []
    for n, p in enumerate(peserta or [], start=1):
        nama = _CONTROL_RE.sub("", p.get("nama") or "").strip()[:150]
        if not nama:
            continue
        if p.get("kategori") not in KategoriPemangku.values:
            errors["peserta"] = _("Peserta %(n)s: pilih kategori pemangku.") % {"n": n}
            continue
        rows.append((nama, (p.get("lembaga") or "").strip()[:200], p["kategori"]))
    if not rows:
        errors.setdefault("peserta", _("Catat paling sedikit satu peserta."))
    if daftar_hadir is not None:
        try:
            kind = check_upload(daftar_hadir)
        except ValidationError as exc:
            errors["daftar_hadir"] = exc.messages[0]
        else:
            daftar_hadir.name = safe_name(daftar_hadir, kind)
    if errors:
        raise ValidationError(errors)
    pertemuan = PertemuanFKP.objects.create(
        putaran=putaran,
        tanggal=tanggal,
        tempat=tempat[:200],
        ringkasan=_CONTROL_RE.sub("", ringkasan or "").strip()[:5000],
        daftar_hadir=daftar_hadir or "",
        dicatat_oleh=oleh,
    )
    PesertaFKP.objects.bulk_create(
        PesertaFKP(pertemuan=pertemuan, nama=n, lembaga=lembaga, kategori=k) for n, lembaga, k in rows
    )
    audit_record(aktor=oleh, aksi="konsultasi.fkp_catat", objek=pertemuan, data={"peserta": len(rows)})
    return pertemuan


# --- comments -----------------------------------------------------------------------------


def _check_anchor(putaran: PutaranKonsultasi, kunci: str, item_id: str) -> str:
    try:
        definisi = komponen.get(kunci)
    except KeyError:
        raise ValidationError({"kunci": _("Komponen yang dikomentari tidak dikenal.")}) from None
    item_id = (item_id or "").strip()
    if item_id:
        row = putaran.versi.komponen_set.filter(kunci=kunci).first()
        ids = {i.get("id") for i in definisi.jenis.items(row.isi if row else {})}
        if item_id not in ids:
            raise ValidationError({"item_id": _("Butir yang dikomentari tidak ada pada komponen ini.")})
    return item_id


@transaction.atomic
def komentar_create(
    *,
    putaran: PutaranKonsultasi,
    penulis,
    kunci: str,
    isi: str,
    kategori: str,
    item_id: str = "",
    induk=None,
    ip="",
) -> Komentar:
    """A citizen's comment (or reply) in an open round."""
    if not getattr(penulis, "is_authenticated", False):
        raise PermissionDenied(_("Masuk dulu untuk memberi komentar."))
    if penulis.email_dikonfirmasi_pada is None:
        raise ValidationError(_("Konfirmasi alamat e-mail Anda dulu sebelum memberi komentar."))
    ratelimit.hit("komentar", f"u{penulis.pk}", limit=KOMENTAR_PER_AKUN[0], window=KOMENTAR_PER_AKUN[1])
    ratelimit.hit("komentar-ip", ip, limit=KOMENTAR_PER_ALAMAT[0], window=KOMENTAR_PER_ALAMAT[1])
    putaran = PutaranKonsultasi.objects.select_related("versi").get(pk=putaran.pk)
    if not putaran.terbuka():
        raise ValidationError(_("Putaran konsultasi ini tidak sedang terbuka untuk komentar."))
    if induk is not None:
        if induk.putaran_id != putaran.pk:
            raise ValidationError(_("Balasan harus pada putaran yang sama."))
        if induk.tersembunyi or (induk.induk_id and induk.induk.tersembunyi):
            raise ValidationError(_("Komentar ini disembunyikan moderator dan tidak dapat dibalas."))
        induk = induk.induk or induk  # one level of threading: replies attach to the top comment
        kunci, item_id = induk.kunci, induk.item_id
    item_id = _check_anchor(putaran, kunci, item_id)
    if kategori not in KategoriPemangku.values:
        raise ValidationError({"kategori": _("Pilih kategori pemangku kepentingan Anda.")})
    komentar = Komentar.objects.create(
        putaran=putaran,
        kunci=kunci,
        item_id=item_id,
        induk=induk,
        penulis=penulis,
        kategori=kategori,
        isi=_clean_isi(isi, "isi"),
    )
    return komentar


@transaction.atomic
def komentar_offline_create(
    *, pertemuan: PertemuanFKP, peserta: PesertaFKP, kunci: str, isi: str, oleh, item_id=""
) -> Komentar:
    """Staff enter the input an FKP participant gave, marked offline."""
    policy.require(oleh, "standar.susun", pertemuan)
    putaran = pertemuan.putaran
    if putaran.ditutup:
        raise ValidationError(_("Putaran sudah ditutup."))
    if peserta.pertemuan_id != pertemuan.pk:
        raise ValidationError({"peserta": _("Peserta tidak tercatat pada pertemuan ini.")})
    item_id = _check_anchor(putaran, kunci, item_id)
    komentar = Komentar.objects.create(
        putaran=putaran,
        kunci=kunci,
        item_id=item_id,
        peserta=peserta,
        dicatat_oleh=oleh,
        kategori=peserta.kategori,
        isi=_clean_isi(isi, "isi"),
    )
    audit_record(aktor=oleh, aksi="konsultasi.komentar_luring", objek=komentar, data={"peserta": peserta.pk})
    return komentar


@transaction.atomic
def komentar_support(*, komentar: Komentar, pengguna) -> bool:
    """Toggle a "setuju"; returns True when the user now supports the comment."""
    if not getattr(pengguna, "is_authenticated", False):
        raise PermissionDenied(_("Masuk dulu untuk menyatakan setuju."))
    if not komentar.putaran.terbuka():
        raise ValidationError(_("Putaran konsultasi ini sudah tidak terbuka."))
    if komentar.tersembunyi:
        raise ValidationError(_("Komentar ini disembunyikan moderator."))
    if komentar.penulis_id == pengguna.pk:
        raise ValidationError(_("Anda tidak dapat menyetujui komentar Anda sendiri."))
    deleted, _rows = DukunganKomentar.objects.filter(komentar=komentar, pengguna=pengguna).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            DukunganKomentar.objects.create(komentar=komentar, pengguna=pengguna)
    except IntegrityError:
        pass  # a double click raced us; the support stands
    return True


@transaction.atomic
def komentar_report(*, komentar: Komentar, pelapor, alasan: str, catatan: str = "", ip="") -> LaporanKomentar:
    """Anyone may report a comment to the moderators."""
    ratelimit.hit("lapor-ip", ip, limit=LAPORAN_PER_ALAMAT[0], window=LAPORAN_PER_ALAMAT[1])
    if getattr(pelapor, "is_authenticated", False):
        ratelimit.hit("lapor", f"u{pelapor.pk}", limit=LAPORAN_PER_ALAMAT[0], window=LAPORAN_PER_ALAMAT[1])
    if alasan not in LaporanKomentar.Alasan.values:
        raise ValidationError({"alasan": _("Pilih alasan laporan.")})
    if komentar.tersembunyi:
        raise ValidationError(_("Komentar ini sudah disembunyikan moderator."))
    return LaporanKomentar.objects.create(
        komentar=komentar,
        pelapor=pelapor if getattr(pelapor, "is_authenticated", False) else None,
        alasan=alasan,
        catatan=_CONTROL_RE.sub("", catatan or "").strip()[:500],
    )


@transaction.atomic
def komentar_hide(*, komentar: Komentar, alasan: str, oleh) -> Komentar:
    """A moderator hides a comment with a reason; it is never deleted."""
    policy.require(oleh, "komentar.moderasi", komentar)
    alasan = _clean_isi(alasan, "alasan", minimum=3, maximum=300)
    komentar = Komentar.objects.select_for_update().get(pk=komentar.pk)
    if komentar.tersembunyi:
        return komentar
    komentar.disembunyikan_pada, komentar.disembunyikan_oleh = timezone.now(), oleh
    komentar.alasan_disembunyikan = alasan
    komentar.save(update_fields=["disembunyikan_pada", "disembunyikan_oleh", "alasan_disembunyikan"])
    audit_record(aktor=oleh, aksi="konsultasi.komentar_sembunyikan", objek=komentar, data={"alasan": alasan})
    return komentar


@transaction.atomic
def komentar_answer(
    *, komentar: Komentar, keputusan: str, alasan: str, oleh, versi_perubahan: VersiStandar | None = None
) -> JawabanKomentar:
    """The unit's answer to a top-level comment; the commenter is notified."""
    komentar = Komentar.objects.select_related("putaran__versi__standar", "penulis").get(pk=komentar.pk)
    policy.require(oleh, "standar.susun", komentar)
    if komentar.induk_id:
        raise ValidationError(_("Jawaban diberikan pada komentar utama, bukan pada balasan."))
    versi = komentar.putaran.versi
    if versi.status not in (StatusVersi.KONSULTASI, StatusVersi.PERBAIKAN, StatusVersi.DRAF):
        raise ValidationError(_("Versi ini sudah ditetapkan; matriks tanggapan tidak dapat diubah lagi."))
    if keputusan not in Keputusan.values:
        raise ValidationError({"keputusan": _("Pilih keputusan.")})
    alasan = _clean_isi(alasan, "alasan", minimum=5)
    if versi_perubahan is not None and (
        versi_perubahan.standar_id != versi.standar_id or versi_perubahan.nomor < versi.nomor
    ):
        raise ValidationError({"versi_perubahan": _("Pilih versi standar yang sama atau sesudahnya.")})
    jawaban, created = JawabanKomentar.objects.update_or_create(
        komentar=komentar,
        defaults={
            "keputusan": keputusan,
            "alasan": alasan,
            "versi_perubahan": versi_perubahan,
            "dijawab_oleh": oleh,
        },
    )
    audit_record(
        aktor=oleh,
        aksi="konsultasi.jawab",
        objek=komentar,
        data={"keputusan": keputusan, "baru": created},
    )
    if komentar.penulis_id:
        notify(
            penerima=[komentar.penulis],
            judul=_("Komentar Anda telah dijawab"),
            pesan=_("Unit %(unit)s menjawab komentar Anda tentang %(komponen)s: %(keputusan)s. %(alasan)s")
            % {
                "unit": versi.standar.layanan.unit.nama,
                "komponen": komponen.get(komentar.kunci).label,
                "keputusan": jawaban.get_keputusan_display(),
                "alasan": alasan,
            },
            tautan=komentar.putaran.get_absolute_url(),
        )
    return jawaban


def notify_commenters(versi: VersiStandar, judul: str, pesan: str) -> int:
    """Tell everyone who commented on a round of this version (or the one it revises)."""
    from pelayanan.models import Pengguna

    versi_ids = [versi.pk] + ([versi.revisi_dari_id] if versi.revisi_dari_id else [])
    users = Pengguna.objects.filter(komentar_set__putaran__versi_id__in=versi_ids).distinct()
    return len(notify(penerima=users, judul=judul, pesan=pesan, tautan=versi.get_absolute_url()))


# --- daily digest -------------------------------------------------------------------------

DIGEST_HARI_KERJA = 2  # rounds ending within the next 2 working days are announced


def digest_harian(now: datetime | None = None) -> int:
    """Tell each unit's admins, once a day, about new comments of the last 24 hours and the
    rounds ending within the next 2 working days. Safe to run twice (one message per admin
    per unit per day). Returns the number of notifications created."""
    from collections import defaultdict

    from django.urls import reverse

    from pelayanan.choices import Peran
    from pelayanan.models import Pengguna

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    rounds = (
        PutaranKonsultasi.objects.filter(ditutup_pada__isnull=True, mulai__lte=now)
        .select_related("versi__standar__layanan__unit")
        .annotate(
            baru=Count("komentar_set", filter=Q(komentar_set__dibuat_pada__gte=now - timedelta(days=1)))
        )
    )
    per_unit = defaultdict(list)
    for putaran in rounds:
        unit = putaran.versi.standar.layanan.unit
        batas = add_working_days(today, DIGEST_HARI_KERJA, unit.instansi_id)
        segera = timezone.localtime(putaran.selesai).date() <= batas
        if putaran.baru or segera:
            per_unit[unit].append((putaran, segera))
    created = 0
    for unit, items in per_unit.items():
        admins = Pengguna.objects.filter(
            Q(penugasan__unit=unit) | Q(penugasan__instansi_id=unit.instansi_id),
            penugasan__peran=Peran.ADMIN_UNIT,
        ).distinct()
        lines = []
        for putaran, segera in items:
            line = _("%(layanan)s: %(n)s komentar baru") % {
                "layanan": putaran.versi.standar.layanan.nama,
                "n": putaran.baru,
            }
            if segera:
                line += _("; putaran berakhir %(t)s") % {
                    "t": timezone.localtime(putaran.selesai).strftime("%d-%m-%Y %H.%M")
                }
            lines.append("- " + line)
        created += len(
            notify(
                penerima=admins,
                judul=_("Ringkasan harian konsultasi publik: %(unit)s") % {"unit": unit.nama},
                pesan="\n".join(lines),
                tautan=reverse("standar:staf_unit_standar", kwargs={"unit": unit.slug}),
                kunci=f"digest-konsultasi:{unit.pk}:{today.isoformat()}",
            )
        )
    return created


# --- reading ------------------------------------------------------------------------------


KOMENTAR, PESERTA = "komentar", "peserta"


def kategori_per_putaran(putaran_ids) -> dict[int, dict[str, dict[str, int]]]:
    """Who took part in each round, by stakeholder category, in ONE grouped query:
    {putaran_id: {"komentar": {kategori: visible comments}, "peserta": {kategori: FKP
    participants}}}. Rounds without any are absent. The one definition of participation by
    category: `partisipasi` and the compliance index (evaluasi.kepatuhan) both read it."""
    ids = list(putaran_ids)
    hasil: dict[int, dict[str, dict[str, int]]] = {}
    if not ids:
        return hasil
    komentar = (
        Komentar.objects.filter(putaran_id__in=ids, disembunyikan_pada__isnull=True)
        .order_by()
        .values_list("putaran_id", "kategori")
        .annotate(sumber=Value(KOMENTAR), n=Count("id"))
    )
    peserta = (
        PesertaFKP.objects.filter(pertemuan__putaran_id__in=ids)
        .order_by()
        .values_list("pertemuan__putaran_id", "kategori")
        .annotate(sumber=Value(PESERTA), n=Count("id"))
    )
    for putaran_id, kategori, sumber, n in komentar.union(peserta, all=True):
        hasil.setdefault(putaran_id, {KOMENTAR: {}, PESERTA: {}})[sumber][kategori] = n
    return hasil


def kategori_terwakili(angka: dict[str, dict[str, int]] | None) -> set[str]:
    """The categories represented in a round (an entry of `kategori_per_putaran`)."""
    if not angka:
        return set()
    return set(angka[KOMENTAR]) | set(angka[PESERTA])


def partisipasi(putaran: PutaranKonsultasi) -> dict:
    """Participation figures of a round, aggregated in the database."""
    visible = putaran.komentar_set.filter(disembunyikan_pada__isnull=True)
    daring = visible.filter(penulis__isnull=False).values("penulis").distinct().count()
    per_komponen = dict(visible.values_list("kunci").annotate(n=Count("id")).order_by())
    angka = kategori_per_putaran([putaran.pk]).get(putaran.pk)
    per_kategori = angka[KOMENTAR] if angka else {}
    peserta_kategori = angka[PESERTA] if angka else {}
    luring = sum(peserta_kategori.values())
    kategori_terwakili_set = kategori_terwakili(angka)
    return {
        "peserta_daring": daring,
        "peserta_luring": luring,
        "peserta": daring + luring,
        "komentar": visible.filter(induk__isnull=True).count(),
        "balasan": visible.filter(induk__isnull=False).count(),
        "per_komponen": [(k, per_komponen.get(k.kunci, 0)) for k in komponen.KOMPONEN],
        "per_kategori": [(label, per_kategori.get(value, 0)) for value, label in KategoriPemangku.choices],
        "peserta_per_kategori": [
            (label, peserta_kategori.get(value, 0)) for value, label in KategoriPemangku.choices
        ],
        "jumlah_kategori": len(kategori_terwakili_set),
        "tersembunyi": list(
            putaran.komentar_set.filter(disembunyikan_pada__isnull=False)
            .values_list("alasan_disembunyikan")
            .annotate(n=Count("id"))
            .order_by("-n")
        ),
    }


def perubahan_setelah_konsultasi(putaran: PutaranKonsultasi):
    """What the unit changed in the draft after the round: the draft as it was put to the
    public against the version's content now (per component, registry order)."""
    from standar.diff import KomponenDiff

    now = {row.kunci: row.isi for row in putaran.versi.komponen_set.all()}
    result = []
    for k in komponen.KOMPONEN:
        asked = putaran.isi_awal.get(k.kunci) or k.jenis.empty()
        changes = k.jenis.diff(asked, now.get(k.kunci) or k.jenis.empty())
        if changes:
            result.append(KomponenDiff(k, changes))
    return result


def anchor_text(komentar: Komentar, versi: VersiStandar | None = None) -> str | None:
    """The text of the commented item in `versi` (default: the round's version); None when
    the item no longer exists there."""
    if not komentar.item_id:
        return ""
    versi = versi or komentar.putaran.versi
    definisi = komponen.get(komentar.kunci)
    row = versi.komponen_set.filter(kunci=komentar.kunci).first()
    for item in definisi.jenis.items(row.isi if row else {}):
        if item.get("id") == komentar.item_id:
            return definisi.jenis.item_text(item)
    return None


def komentar_unanswered(putaran: PutaranKonsultasi):
    return putaran.komentar_set.filter(
        induk__isnull=True, disembunyikan_pada__isnull=True, jawaban__isnull=True
    ).select_related("penulis", "peserta")


def rounds_open_q(now=None) -> Q:
    now = now or timezone.now()
    return Q(ditutup_pada__isnull=True, mulai__lte=now, selesai__gt=now)
