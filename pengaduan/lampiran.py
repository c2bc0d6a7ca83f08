"""Attachments of a complaint: checked by content, images re-encoded without metadata.

- the first bytes decide the kind (pelayanan.unggahan.check_upload): JPEG, PNG or PDF only,
  whatever the extension or the browser's content type say; at most 10 MB each, 5 per
  submission (and MAKS_TOTAL per complaint);
- images are decoded by Pillow and saved again from their pixels: EXIF (GPS location, camera,
  time), XMP, comments and anything appended after the image data (a polyglot's PDF or HTML
  payload) are gone; the orientation is applied first so the photo stays upright;
- a PDF must end with %%EOF (nothing appended) and may not carry scripts, launch actions or
  embedded files;
- names are sanitised (pelayanan.unggahan.safe_name) and the file is stored under a random
  name in the private folder (pengaduan.models.LampiranStorage), never under static.

`periksa` only reads; `siapkan` builds the clean bytes in memory; `simpan` writes the rows and
files last, in the caller's transaction, and removes written files again if anything fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from pelayanan.unggahan import MB, check_upload, safe_name

MAKS_UKURAN = 10 * MB
MAKS_JUMLAH = 5  # per submission (filing, completing)
MAKS_TOTAL = 10  # per complaint
MAKS_PIKSEL = 40_000_000  # larger images are refused (decompression bombs)
JENIS = ("pdf", "png", "jpeg")
MIME = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
# Markers of active content in a PDF (names as they appear in the file, any case of escape).
_PDF_BERBAHAYA = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b")
_HTML = re.compile(rb"<\s*(html|script|body|iframe|svg)", re.IGNORECASE)


@dataclass
class BerkasSiap:
    """A checked attachment, ready to store: clean bytes, its kind and display name."""

    isi: bytes
    jenis: str
    nama_asli: str
    nama_simpan: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.isi).hexdigest()


def _nama_tampil(upload, jenis: str) -> str:
    stem = get_valid_filename(upload.name.rsplit(".", 1)[0])[:60] or "berkas"
    return f"{stem}.{'jpg' if jenis == 'jpeg' else jenis}"


def periksa(upload) -> str:
    """Validate one upload by content; return its kind. ValidationError with the reason."""
    jenis = check_upload(upload, allowed=JENIS, max_bytes=MAKS_UKURAN)
    if jenis == "pdf":
        _periksa_pdf(upload)
    return jenis


def _periksa_pdf(upload) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    akhir = data[-1024:].rstrip(b"\r\n\t \x00")
    if not akhir.endswith(b"%%EOF"):
        raise ValidationError(
            _("Berkas %(nama)s bukan PDF yang utuh (ada data tambahan setelah akhir dokumen).")
            % {"nama": upload.name}
        )
    if _PDF_BERBAHAYA.search(data) or _HTML.search(data):
        raise ValidationError(
            _("Berkas %(nama)s memuat skrip atau berkas tersemat; kirim PDF biasa tanpa skrip.")
            % {"nama": upload.name}
        )


def _gambar_bersih(upload, jenis: str) -> bytes:
    """The image saved again from its pixels only (no EXIF/XMP/text chunks, nothing appended)."""
    from PIL import Image, ImageOps

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAKS_PIKSEL:
                raise ValidationError(
                    _("Gambar %(nama)s terlalu besar (paling besar %(mp)s megapiksel).")
                    % {"nama": upload.name, "mp": MAKS_PIKSEL // 1_000_000}
                )
            image.load()
            icc = image.info.get("icc_profile")  # colours, not personal data
            transparansi = image.info.get("transparency")
            tegak = ImageOps.exif_transpose(image)
            tegak.info = {}  # Pillow would write comments, EXIF, XMP and text chunks back from here
            tambahan = {"icc_profile": icc} if icc else {}
            out = io.BytesIO()
            if jenis == "jpeg":
                if tegak.mode not in ("RGB", "L"):
                    tegak = tegak.convert("RGB")
                tegak.save(out, format="JPEG", quality=88, optimize=True, **tambahan)
            else:
                if tegak.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                    tegak = tegak.convert("RGBA")
                if transparansi is not None:
                    tambahan["transparency"] = transparansi
                tegak.save(out, format="PNG", optimize=True, **tambahan)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("Gambar %(nama)s rusak atau tidak sah.") % {"nama": upload.name}) from None
    finally:
        upload.seek(0)
    return out.getvalue()


def siapkan(upload) -> BerkasSiap:
    """Check one upload and build its clean content in memory (nothing written)."""
    jenis = periksa(upload)
    if jenis == "pdf":
        upload.seek(0)
        isi = upload.read()
        upload.seek(0)
    else:
        isi = _gambar_bersih(upload, jenis)
    return BerkasSiap(
        isi=isi, jenis=jenis, nama_asli=_nama_tampil(upload, jenis), nama_simpan=safe_name(upload, jenis)
    )


def siapkan_semua(uploads, *, sudah_ada: int = 0) -> list[BerkasSiap]:
    """Check a submission's uploads (count, then each one); every problem is reported."""
    uploads = list(uploads or [])
    if len(uploads) > MAKS_JUMLAH:
        raise ValidationError(
            _("Paling banyak %(n)s lampiran sekali kirim (Anda memilih %(m)s).")
            % {"n": MAKS_JUMLAH, "m": len(uploads)}
        )
    if sudah_ada + len(uploads) > MAKS_TOTAL:
        raise ValidationError(_("Satu pengaduan paling banyak memiliki %(n)s lampiran.") % {"n": MAKS_TOTAL})
    errors, siap = [], []
    for upload in uploads:
        try:
            siap.append(siapkan(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return siap


def simpan(pengaduan, berkas: list[BerkasSiap], *, pada=None) -> list:
    """Write the prepared files and their rows. Services call it as their last write, so a
    failure before it leaves no file behind; a failure inside it removes what it wrote."""
    from django.utils import timezone

    from pengaduan.models import Lampiran

    pada = pada or timezone.now()
    rows, ditulis = [], []
    try:
        for b in berkas:
            row = Lampiran(
                pengaduan=pengaduan,
                nama=b.nama_asli,
                jenis=b.jenis,
                ukuran=len(b.isi),
                sha256=b.sha256,
                diunggah_pada=pada,
            )
            row.berkas.save(b.nama_simpan, ContentFile(b.isi), save=False)
            ditulis.append(row.berkas.name)
            row.save()
            rows.append(row)
    except Exception:
        hapus_berkas(ditulis)
        raise
    return rows


def hapus_berkas(names) -> None:
    from pengaduan.models import lampiran_storage

    storage = lampiran_storage()
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)
