"""Serving an attachment: after the caller's permission check, never by URL to the file."""

from __future__ import annotations

from django.http import FileResponse, Http404

from pengaduan.lampiran import MIME
from pengaduan.models import Lampiran


def kirim_lampiran(lampiran: Lampiran) -> FileResponse:
    try:
        fh = lampiran.berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        fh,
        content_type=MIME[lampiran.jenis],
        as_attachment=lampiran.jenis == "pdf",
        filename=lampiran.nama,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def pribadi(response):
    """Headers for pages that show a complaint to the holder of its code (or to staff): not
    cached, and the URL (which may carry the code) never sent to another site. "same-origin",
    not "no-referrer": with no-referrer browsers send `Origin: null` on the page's own forms
    and Django's CSRF check refuses them."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
