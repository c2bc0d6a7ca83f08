"""Checking uploaded files by content and size, and naming them safely.

The extension and the browser's content type are not trusted: the first bytes decide.
Images are also opened with Pillow (a polyglot or truncated file fails there).
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MB = 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}


def detect(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            return kind
    return None


def check_upload(upload, *, allowed=("pdf", "png", "jpeg"), max_bytes: int = 10 * MB) -> str:
    """Validate one uploaded file; return its detected kind ("pdf", "png", "jpeg")."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("Berkas %(nama)s terlalu besar (paling besar %(mb)s MB).")
            % {"nama": upload.name, "mb": max_bytes // MB}
        )
    if upload.size == 0:
        raise ValidationError(_("Berkas %(nama)s kosong.") % {"nama": upload.name})
    kind = detect(upload)
    if kind not in allowed:
        raise ValidationError(
            _("Berkas %(nama)s bukan PDF atau gambar (JPEG/PNG) yang sah.") % {"nama": upload.name}
        )
    if kind in ("png", "jpeg"):
        from PIL import Image

        try:
            with Image.open(upload) as image:
                image.verify()
        except Exception:
            raise ValidationError(
                _("Gambar %(nama)s rusak atau tidak sah.") % {"nama": upload.name}
            ) from None
        finally:
            upload.seek(0)
    return kind


def safe_name(upload, kind: str) -> str:
    """A random prefix, a cleaned stem and the extension of the detected kind."""
    stem = get_valid_filename(upload.name.rsplit(".", 1)[0])[:60] or "berkas"
    return f"{secrets.token_hex(8)}-{stem}.{EXTENSIONS[kind]}"
