"""Services of the official PDFs: the published standard, the counter posters (A4/A3) and the
berita acara of a consultation round, rendered once in the background, verifiable by code.

- Scheduling (`jadwalkan_versi`, `jadwalkan_berita_acara`, `minta`): make sure the document
  row exists and enqueue `standar.tasks.dokumen_render` after commit. Called by the
  workflow services (publish, supersede, revoke, round closing) and by the download views
  when a file is missing; the views themselves never render.
- Rendering (`dokumen_render`): collect the document's inputs as plain data, fingerprint
  them with the print templates (`sidik_isi`); when the fingerprint is unchanged and the file
  exists, do nothing. Otherwise render through pelayanan.pdf, store a new file with
  default_storage, record its SHA-256, and delete the replaced file after commit (its hash
  stays in RiwayatBerkas). A failure is recorded (status gagal, galat, percobaan) and raised
  again for the task to retry.
- Verification (`verifikasi`, `cocokkan`): what the QR code and the printed short code lead
  to: is this document current, superseded (by which version) or revoked, and does a
  file's SHA-256 match the stored file or an earlier rendering of the same document.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from pelayanan import pdf
from standar import komponen
from standar.choices import StatusMaklumat, StatusVersi
from standar.models import (
    DokumenPDF,
    JenisDokumen,
    Maklumat,
    PutaranKonsultasi,
    RiwayatBerkas,
    StatusDokumen,
    VersiStandar,
)

logger = logging.getLogger(__name__)

# Short verification codes: no 0/O, 1/I (easy to read out and type from paper).
ALFABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PANJANG_KODE = 10  # 32^10 = 2^50 codes: not guessable
# A document still pending (or failed) after this long is enqueued again when asked for.
ULANG_SETELAH = timedelta(minutes=10)
STATUS_PUBLIK = (StatusVersi.TERBIT, StatusVersi.DIGANTIKAN, StatusVersi.DICABUT)
CAP = {StatusVersi.DIGANTIKAN: "DIGANTIKAN", StatusVersi.DICABUT: "DICABUT"}
# Poster: one page, whatever the content; the type shrinks (down to half) until it fits.
SKALA_MIN = 0.5
POSTER_PERCOBAAN = 5
UKURAN_POSTER = {JenisDokumen.POSTER_A4: "A4", JenisDokumen.POSTER_A3: "A3"}
HURUF_POSTER = {JenisDokumen.POSTER_A4: 11.5, JenisDokumen.POSTER_A3: 16.3}  # pt, before shrinking


class RenderGagal(Exception):
    """Rendering or storing a document failed; recorded on the row, to be retried."""


# --- codes --------------------------------------------------------------------------------


def kode_baru() -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(PANJANG_KODE))


def normalisasi_kode(teks: str) -> str:
    """What a person typed ("abcde-fghjk ") as a stored code ("ABCDEFGHJK")."""
    return "".join(c for c in (teks or "").upper() if c.isalnum())[:16]


def url_verifikasi(kode: str) -> str:
    return pdf.site_url() + reverse("standar:verifikasi", kwargs={"kode": kode})


# --- scheduling ---------------------------------------------------------------------------


def _pastikan(jenis: str, *, versi=None, putaran=None) -> DokumenPDF:
    """The document row (created with a fresh code when missing)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                obj, _created = DokumenPDF.objects.get_or_create(
                    jenis=jenis, versi=versi, putaran=putaran, defaults={"kode": kode_baru()}
                )
            return obj
        except IntegrityError:  # a code collision (or a concurrent create): try again
            continue
    raise RuntimeError("Tidak dapat membuat kode verifikasi dokumen.")


def _jadwalkan(dokumen: DokumenPDF) -> None:
    """Enqueue a render of the document after the current transaction commits."""
    from pelayanan.antrean import antrekan
    from standar.tasks import dokumen_render

    now = timezone.now()
    fields = {"diminta_pada": now}
    if dokumen.status != StatusDokumen.PROSES:
        fields["status"] = StatusDokumen.ANTRE
    DokumenPDF.objects.filter(pk=dokumen.pk).update(**fields)
    for name, value in fields.items():
        setattr(dokumen, name, value)
    antrekan(dokumen_render, dokumen.pk)


def jadwalkan_versi(versi: VersiStandar) -> None:
    """After a version was published, superseded or revoked: render (again) its documents,
    those of the versions it superseded (now stamped DIGANTIKAN), and, on publication, the
    berita acara of its consultation rounds (the answers are final now)."""
    versi = VersiStandar.objects.get(pk=versi.pk)
    terkait = [versi, *VersiStandar.objects.filter(digantikan_oleh=versi, status=StatusVersi.DIGANTIKAN)]
    for v in terkait:
        if v.status not in STATUS_PUBLIK:
            continue
        wajib = [JenisDokumen.STANDAR]
        if v.status == StatusVersi.TERBIT:
            wajib += [JenisDokumen.POSTER_A4, JenisDokumen.POSTER_A3]
        for jenis in wajib:
            _pastikan(jenis, versi=v)
        for dokumen in DokumenPDF.objects.filter(versi=v):
            _jadwalkan(dokumen)
    if versi.status == StatusVersi.TERBIT:
        for putaran in versi.putaran_set.filter(ditutup_pada__isnull=False):
            jadwalkan_berita_acara(putaran)


def jadwalkan_berita_acara(putaran: PutaranKonsultasi) -> None:
    """After a round closed (or its version was published): render its berita acara."""
    if PutaranKonsultasi.objects.filter(pk=putaran.pk, ditutup_pada__isnull=False).exists():
        _jadwalkan(_pastikan(JenisDokumen.BERITA_ACARA, putaran=putaran))


def jadwalkan_unit(unit) -> None:
    """After the unit's maklumat changed: render again the standards in force of the unit
    (their last page is the maklumat). Unchanged documents are skipped by the fingerprint."""
    for dokumen in DokumenPDF.objects.filter(
        jenis=JenisDokumen.STANDAR, versi__standar__layanan__unit=unit, versi__status=StatusVersi.TERBIT
    ):
        _jadwalkan(dokumen)


def minta(jenis: str, *, versi: VersiStandar | None = None, putaran=None) -> DokumenPDF:
    """For a download: the document row; a render is enqueued when there is no file that
    shows the current status, unless one was enqueued recently (pages refresh every few
    seconds while they wait)."""
    dokumen = _pastikan(jenis, versi=versi, putaran=putaran)
    if berkas_terkini(dokumen):
        return dokumen
    baru_saja = dokumen.diminta_pada and timezone.now() - dokumen.diminta_pada < ULANG_SETELAH
    if not baru_saja:
        _jadwalkan(dokumen)
    return dokumen


def jadwalkan_ulang_tertunda(now=None) -> int:
    """Beat job: enqueue again documents left pending or failed for a while (a lost broker
    message, a worker killed, retries exhausted): a render is never silently lost."""
    now = now or timezone.now()
    n = 0
    for dokumen in DokumenPDF.objects.filter(
        status__in=[StatusDokumen.ANTRE, StatusDokumen.PROSES, StatusDokumen.GAGAL],
        diminta_pada__lt=now - ULANG_SETELAH,
    ):
        _jadwalkan(dokumen)
        n += 1
    return n


def berkas_terkini(dokumen: DokumenPDF) -> bool:
    """A stored file exists and shows the version's current status (not yet stamped
    files of a just-superseded version are not served)."""
    if not dokumen.ada_berkas:
        return False
    if dokumen.versi_id is not None:
        return dokumen.status_tercetak == dokumen.versi.status
    return True


# --- inputs -------------------------------------------------------------------------------


def _penetap(unit) -> str:
    """The head's title with the unit ("Kepala Dinas" + "Dinas Kependudukan ..." ->
    "Kepala Dinas Kependudukan ...")."""
    jabatan = (unit.penanggung_jawab_jabatan or "").strip()
    kata = jabatan.split()
    if kata and unit.nama.lower().startswith(kata[-1].lower()):
        return " ".join([*kata[:-1], unit.nama])
    return f"{jabatan} {unit.nama}".strip()


def _org(layanan) -> dict:
    unit = layanan.unit
    return {
        "layanan": layanan.nama,
        "layanan_url": pdf.site_url()
        + reverse("standar:layanan_detail", kwargs={"unit": unit.slug, "layanan": layanan.slug}),
        "unit": unit.nama,
        "unit_singkatan": unit.singkatan,
        "alamat": unit.alamat,
        "telepon": unit.telepon,
        "email": unit.email,
        "situs_web": unit.situs_web,
        "jam_layanan": unit.jam_layanan,
        "instansi": unit.instansi.nama,
        "penetap": _penetap(unit),
        "pimpinan_jabatan": unit.penanggung_jawab_jabatan,
        "pimpinan_nama": unit.penanggung_jawab_nama,
    }


def _data_versi(versi: VersiStandar, *, hanya_sd: bool = False) -> dict:
    layanan = versi.standar.layanan
    rows = {r.kunci: r.isi for r in versi.komponen_set.all()}
    daftar = komponen.service_delivery() if hanya_sd else komponen.KOMPONEN
    data = {
        **_org(layanan),
        "versi": versi.nomor,
        "status": versi.status,
        "sk_nomor": versi.sk_nomor,
        "sk_tanggal": versi.sk_tanggal,
        "berlaku_mulai": versi.berlaku_sejak,
        "diterbitkan_pada": timezone.localdate(versi.diterbitkan_pada) if versi.diterbitkan_pada else None,
        # The head who decreed it; an operator acting for the unit signs as the unit's head.
        "ditetapkan_oleh": (
            versi.ditetapkan_oleh.nama_lengkap
            if versi.ditetapkan_oleh_id and not versi.ditetapkan_oleh.is_superuser
            else layanan.unit.penanggung_jawab_nama
        ),
        "komponen": [
            {
                "kunci": k.kunci,
                "huruf": k.huruf,
                "label": k.label_id,
                "kelompok": k.kelompok,
                "isi": rows.get(k.kunci) or k.jenis.empty(),
            }
            for k in daftar
        ],
    }
    if versi.status == StatusVersi.DIGANTIKAN and versi.digantikan_oleh_id:
        data["pengganti"] = {
            "nomor": versi.digantikan_oleh.nomor,
            "sk_nomor": versi.digantikan_oleh.sk_nomor,
            "pada": timezone.localdate(versi.digantikan_pada) if versi.digantikan_pada else None,
        }
    if versi.status == StatusVersi.DICABUT:
        data["pencabutan"] = {
            "pada": timezone.localdate(versi.dicabut_pada) if versi.dicabut_pada else None,
            "alasan": versi.alasan_pencabutan,
        }
    return data


def _data_maklumat(unit) -> dict | None:
    m = Maklumat.objects.filter(unit=unit, status=StatusMaklumat.TERBIT).first()
    if m is None:
        return None
    return {
        "teks": m.teks,
        "tempat": m.tempat,
        "tanggal": m.tanggal,
        "nama": m.penandatangan_nama,
        "jabatan": m.penandatangan_jabatan,
        "nip": m.penandatangan_nip,
        "nomor": m.nomor,
    }


def _sidik_konten(data: dict) -> str:
    """Hash of the standard's content (components and decree), printed in the footer: the
    same on every rendering of the version, stamped or not."""
    inti = {k: data.get(k) for k in ("layanan", "unit", "versi", "sk_nomor", "sk_tanggal", "komponen")}
    return hashlib.sha256(_json(inti).encode()).hexdigest()


def _json(data) -> str:
    return json.dumps(data, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))


def _data_berita_acara(putaran: PutaranKonsultasi) -> dict:
    from standar import konsultasi
    from standar import selectors_konsultasi as sel

    putaran = sel.putaran(putaran.pk)
    versi = putaran.versi
    pertemuan = sel.pertemuan_lengkap(putaran)
    matriks = sel.matriks(putaran, sel.teks_butir(sel.muat_isi(putaran)))
    angka = konsultasi.partisipasi(putaran)
    return {
        **_org(versi.standar.layanan),
        "versi": versi.nomor,
        "versi_status": versi.status,
        "putaran": {
            "mulai": timezone.localtime(putaran.mulai),
            "selesai": timezone.localtime(putaran.selesai),
            "ditutup_pada": timezone.localtime(putaran.ditutup_pada) if putaran.ditutup_pada else None,
            "penjelasan": putaran.penjelasan,
            "kategori_diundang": putaran.kategori_diundang_label,
            "perpanjangan": [
                {
                    "lama": timezone.localtime(x.selesai_lama),
                    "baru": timezone.localtime(x.selesai_baru),
                    "alasan": x.alasan,
                }
                for x in putaran.perpanjangan_set.all()
            ],
        },
        "pertemuan": [
            {
                "tanggal": p.tanggal,
                "tempat": p.tempat,
                "ringkasan": p.ringkasan,
                "peserta": [
                    {"nama": x.nama, "lembaga": x.lembaga, "kategori": str(x.get_kategori_display())}
                    for x in p.peserta_set.all()
                ],
            }
            for p in pertemuan
        ],
        "peserta_kategori": [
            {"label": r.label, "daring": r.daring, "luring": r.luring, "nama": r.nama_luring}
            for r in sel.peserta_per_kategori(putaran, pertemuan)
        ],
        "angka": {
            "peserta_daring": angka["peserta_daring"],
            "peserta_luring": angka["peserta_luring"],
            "komentar": angka["komentar"],
            "balasan": angka["balasan"],
            "per_komponen": [(k.label_id, n) for k, n in angka["per_komponen"]],
            "tersembunyi": [(alasan, n) for alasan, n in angka["tersembunyi"]],
        },
        "matriks": [
            {
                "komponen": komponen.get(k.kunci).label_id,
                "tersembunyi": k.tersembunyi,
                "alasan_disembunyikan": k.alasan_disembunyikan,
                "butir": k.teks_butir if k.item_id else "",
                "butir_hilang": bool(k.item_id) and k.teks_butir is None,
                "isi": k.isi,
                "penulis": k.nama_penulis,
                "luring": k.luring,
                "kategori": str(k.get_kategori_display()),
                "keputusan": str(k.jawaban_ada.get_keputusan_display()) if k.jawaban_ada else "",
                "alasan": k.jawaban_ada.alasan if k.jawaban_ada else "",
                "versi_perubahan": (
                    k.jawaban_ada.versi_perubahan.nomor
                    if k.jawaban_ada and k.jawaban_ada.versi_perubahan_id
                    else None
                ),
            }
            for k in matriks
        ],
        "belum_dijawab": sum(1 for k in matriks if not k.tersembunyi and not k.jawaban_ada),
        "final": versi.status not in (StatusVersi.DRAF, StatusVersi.KONSULTASI, StatusVersi.PERBAIKAN),
    }


@dataclass
class Masukan:
    """Everything one rendering is made from."""

    template: str
    data: dict
    sidik: str
    status_tercetak: str = ""
    konteks: dict = field(default_factory=dict)


def masukan(dokumen: DokumenPDF) -> Masukan:
    """The inputs of a document now, and their fingerprint (data + templates + code)."""
    with translation.override("id"):
        if dokumen.jenis == JenisDokumen.BERITA_ACARA:
            data = _data_berita_acara(dokumen.putaran)
            template, status = "pdf/berita_acara.html", ""
        else:
            versi = VersiStandar.objects.select_related(
                "standar__layanan__unit__instansi", "digantikan_oleh", "ditetapkan_oleh"
            ).get(pk=dokumen.versi_id)
            poster = dokumen.jenis != JenisDokumen.STANDAR
            data = _data_versi(versi, hanya_sd=poster)
            status = versi.status
            if poster:
                template = "pdf/poster.html"
                data["ukuran"] = UKURAN_POSTER[dokumen.jenis]
            else:
                template = "pdf/standar.html"
                data["maklumat"] = _data_maklumat(versi.standar.layanan.unit)
        data["kode"] = dokumen.kode
        data["url_verifikasi"] = url_verifikasi(dokumen.kode)
    sidik = hashlib.sha256(
        _json({"jenis": dokumen.jenis, "template": template, "data": data}).encode()
        + pdf.template_version().encode()
    ).hexdigest()
    return Masukan(template=template, data=data, sidik=sidik, status_tercetak=status)


def _konteks(dokumen: DokumenPDF, m: Masukan) -> dict:
    data = m.data
    ctx = {
        "d": data,
        "jenis": dokumen.jenis,
        "kode": dokumen.kode_tercetak,
        "url_verifikasi": data["url_verifikasi"],
        "qr_verifikasi": pdf.qr_svg(data["url_verifikasi"]),
        "cap": CAP.get(m.status_tercetak, ""),
    }
    if "komponen" in data:
        registry = {k.kunci: k for k in komponen.KOMPONEN}
        pasangan = [(registry[c["kunci"]], c) for c in data["komponen"]]
        ctx["kelompok"] = [
            (
                str(komponen.Kelompok.LABELS[kelompok]),
                [(k, c["isi"]) for k, c in pasangan if k.kelompok == kelompok],
            )
            for kelompok in (komponen.Kelompok.SERVICE_DELIVERY, komponen.Kelompok.MANUFACTURING)
        ]
        ctx["kelompok"] = [(label, isi) for label, isi in ctx["kelompok"] if isi]
        ctx["sidik_konten"] = _sidik_konten(data)[:12]
    if dokumen.jenis in UKURAN_POSTER:
        ctx["qr_layanan"] = pdf.qr_svg(data["layanan_url"])
    return ctx


def _render(dokumen: DokumenPDF, m: Masukan) -> pdf.Hasil:
    ctx = _konteks(dokumen, m)
    if dokumen.jenis not in UKURAN_POSTER:
        return pdf.render(m.template, ctx)
    # A poster is one page: shrink the type until it fits. The area of the text grows with
    # the square of the type size, so n pages ask for about 1/sqrt(n) of the size.
    dasar, skala = HURUF_POSTER[dokumen.jenis], 1.0
    for _attempt in range(POSTER_PERCOBAAN):
        try:
            return pdf.render(m.template, {**ctx, "ukuran_huruf": f"{dasar * skala:.2f}pt"}, max_halaman=1)
        except pdf.TerlaluPanjang as exc:
            skala = max(SKALA_MIN, min(skala * 0.9, skala * 0.97 / math.sqrt(exc.halaman)))
    return pdf.render(m.template, {**ctx, "ukuran_huruf": f"{dasar * SKALA_MIN:.2f}pt"})


# --- rendering ----------------------------------------------------------------------------


def _nama_baru(dokumen: DokumenPDF, sidik: str) -> str:
    tanggal = timezone.localdate()
    return f"dokumen/{tanggal:%Y/%m}/{dokumen.kode}-{sidik[:10]}-{secrets.token_hex(3)}.pdf"


def _file_ada(dokumen: DokumenPDF) -> bool:
    try:
        return bool(dokumen.berkas) and default_storage.exists(dokumen.berkas.name)
    except OSError:
        return False


def dokumen_render(dokumen: DokumenPDF) -> bool:
    """Render and store the document if its inputs changed or its file is missing.
    Returns True when a new file was stored, False when there was nothing to do."""
    nama, dihitung = "", False
    try:
        with transaction.atomic():
            dokumen = DokumenPDF.objects.select_for_update().get(pk=dokumen.pk)
            m = masukan(dokumen)
            if dokumen.sidik_isi == m.sidik and _file_ada(dokumen):
                if dokumen.status != StatusDokumen.SIAP:
                    dokumen.status, dokumen.galat = StatusDokumen.SIAP, ""
                    dokumen.save(update_fields=["status", "galat"])
                return False
            dokumen.status = StatusDokumen.PROSES
            dokumen.percobaan += 1
            dokumen.save(update_fields=["status", "percobaan"])
            dihitung = True
        hasil = _render(dokumen, m)
        nama = default_storage.save(_nama_baru(dokumen, m.sidik), ContentFile(hasil.pdf))
        with transaction.atomic():
            d = DokumenPDF.objects.select_for_update().get(pk=dokumen.pk)
            if d.sidik_isi == m.sidik and d.berkas and d.berkas.name != nama and _file_ada(d):
                # A concurrent run stored the same rendering first: keep it, drop ours.
                transaction.on_commit(lambda: default_storage.delete(nama))
                return False
            lama = d.berkas.name if d.berkas else ""
            if d.sha256:
                RiwayatBerkas.objects.create(
                    dokumen=d,
                    sha256=d.sha256,
                    sidik_isi=d.sidik_isi,
                    status_tercetak=d.status_tercetak,
                    dirender_pada=d.dirender_pada,
                )
            d.berkas.name = nama
            d.sha256 = hashlib.sha256(hasil.pdf).hexdigest()
            d.ukuran, d.halaman = len(hasil.pdf), hasil.halaman
            d.sidik_isi, d.status_tercetak = m.sidik, m.status_tercetak
            d.status, d.galat, d.dirender_pada = StatusDokumen.SIAP, "", timezone.now()
            d.save()
            if lama and lama != nama:
                transaction.on_commit(lambda: _hapus(lama))
    except Exception as exc:
        logger.exception("Render dokumen %s gagal", dokumen.pk)
        if nama:
            _hapus(nama)
        DokumenPDF.objects.filter(pk=dokumen.pk).update(
            status=StatusDokumen.GAGAL,
            galat=f"{type(exc).__name__}: {exc}"[:2000],
            percobaan=F("percobaan") + (0 if dihitung else 1),
        )
        raise RenderGagal(str(exc)) from exc
    return True


def dokumen_render_id(dokumen_id: int) -> bool:
    """The task's entry: render the document with this id (False if it no longer exists)."""
    try:
        dokumen = DokumenPDF.objects.get(pk=dokumen_id)
    except DokumenPDF.DoesNotExist:
        return False
    return dokumen_render(dokumen)


def _hapus(nama: str) -> None:
    try:
        default_storage.delete(nama)
    except OSError:
        logger.warning("Berkas lama %s tidak dapat dihapus", nama)


# --- download -----------------------------------------------------------------------------


def nama_berkas(dokumen: DokumenPDF) -> str:
    """A clean download file name, e.g. standar-pelayanan-penerbitan-akta-kelahiran-v2.pdf."""
    if dokumen.jenis == JenisDokumen.BERITA_ACARA:
        putaran = dokumen.putaran
        layanan = putaran.versi.standar.layanan
        tanggal = timezone.localtime(putaran.mulai).date()
        return f"berita-acara-konsultasi-{layanan.slug}-{tanggal:%Y%m%d}.pdf"
    versi = dokumen.versi
    slug = versi.standar.layanan.slug
    if dokumen.jenis == JenisDokumen.STANDAR:
        return f"standar-pelayanan-{slug}-v{versi.nomor}.pdf"
    return f"poster-{slug}-v{versi.nomor}-{UKURAN_POSTER[dokumen.jenis].lower()}.pdf"


def buka(dokumen: DokumenPDF):
    """The stored file, opened for reading (streamed by the download view)."""
    return default_storage.open(dokumen.berkas.name, "rb")


# --- verification -------------------------------------------------------------------------


@dataclass
class Verifikasi:
    dokumen: DokumenPDF
    keadaan: str  # "berlaku" | "digantikan" | "dicabut" | "sah" (berita acara)
    versi: VersiStandar | None = None
    pengganti: VersiStandar | None = None
    layanan: object = None
    putaran: PutaranKonsultasi | None = None


def verifikasi(kode: str) -> Verifikasi | None:
    """What the verification page says about the document with this code (None: unknown)."""
    dokumen = (
        DokumenPDF.objects.select_related(
            "versi__standar__layanan__unit__instansi",
            "versi__digantikan_oleh",
            "putaran__versi__standar__layanan__unit__instansi",
        )
        .filter(kode=normalisasi_kode(kode))
        .first()
    )
    if dokumen is None:
        return None
    if dokumen.versi_id:
        versi = dokumen.versi
        keadaan = {StatusVersi.TERBIT: "berlaku", StatusVersi.DIGANTIKAN: "digantikan"}.get(
            versi.status, "dicabut"
        )
        return Verifikasi(
            dokumen,
            keadaan,
            versi=versi,
            pengganti=versi.digantikan_oleh if keadaan == "digantikan" else None,
            layanan=versi.standar.layanan,
        )
    return Verifikasi(dokumen, "sah", putaran=dokumen.putaran, layanan=dokumen.putaran.versi.standar.layanan)


def sha256_berkas(berkas) -> str:
    """SHA-256 of an uploaded file, read in chunks."""
    digest = hashlib.sha256()
    for chunk in berkas.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def normalisasi_sha256(teks: str) -> str:
    teks = "".join((teks or "").split()).lower()
    return teks if len(teks) == 64 and all(c in "0123456789abcdef" for c in teks) else ""


def cocokkan(dokumen: DokumenPDF, sha256: str) -> tuple[str, RiwayatBerkas | None]:
    """("terkini", None) when it is the stored file, ("sebelumnya", row) when it was an
    earlier rendering of this document, ("tidak", None) otherwise."""
    if dokumen.sha256 and secrets.compare_digest(dokumen.sha256, sha256):
        return "terkini", None
    lama = dokumen.riwayat_set.filter(sha256=sha256).first()
    return ("sebelumnya", lama) if lama else ("tidak", None)
