"""The one PDF renderer of the portal (WeasyPrint).

Every official PDF (standards, posters, berita acara, later complaint receipts and
evaluation reports) goes through `render_pdf()`: a print template under templates/pdf/
rendered with Django's auto-escaping, laid out by WeasyPrint with

- `PortalURLFetcher`: reads STATIC_URL files through the staticfiles finders (or
  STATIC_ROOT) and MEDIA_URL files through default_storage, and refuses everything else
  (http/https to any other place, file:, data:, ftp:, ...). No network, no local files
  outside static/media: text a citizen typed can never make the renderer fetch anything,
  even if it reached the HTML unescaped;
- one FontConfiguration and one image cache shared by every render of the process (the
  bundled fonts in static/fonts/ are loaded once), guarded by a lock because they are not
  thread-safe (a threads-pool worker renders one document at a time);
- WeasyPrint's warnings logged (a refused URL is a warning, never a silent success).

Rendering is CPU- and memory-heavy: call it from a Celery task (queue "pdf"), never from
a request.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import posixpath
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Bump when the renderer itself changes the output (not needed for template edits: the
# template files are hashed, see template_version()).
RENDERER_VERSION = "1"
TEMPLATE_DIR = "pdf"
# At most this many decoded images are kept in the shared cache.
CACHE_MAX = 64

_lock = threading.Lock()
_font_config: FontConfiguration | None = None
cache: dict = {}


class FetchRefused(ValueError):
    """The print renderer asked for a URL it may not read."""


def site_url() -> str:
    """SITE_URL without a trailing slash: the base of every link printed in a PDF."""
    return settings.SITE_URL.rstrip("/")


def _clean_relative(path: str) -> str:
    """A relative path inside a static/media root, or FetchRefused."""
    path = unquote(path)
    if "\x00" in path or "\\" in path:
        raise FetchRefused(f"invalid path: {path!r}")
    normal = posixpath.normpath(path)
    if normal.startswith(("/", "..")) or normal in (".", "") or "/../" in f"/{normal}/":
        raise FetchRefused(f"path outside the root: {path!r}")
    return normal


class PortalURLFetcher(URLFetcher):
    """Serves /static/ and /media/ of this portal from disk/storage; refuses the rest.

    URLs reach the fetcher absolute: the templates write root-relative URLs ("/static/..."),
    which WeasyPrint joins with the base URL (SITE_URL). Only that origin is accepted.
    """

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=("http", "https"), allow_redirects=False)
        origin = urlsplit(site_url())
        self._origin = (origin.scheme, origin.netloc)
        self.fetched: list[str] = []  # what was served, for tests and logs

    def _route(self, url: str) -> tuple[str, str]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != self._origin:
            raise FetchRefused(f"refused (not a static/media file of this portal): {url[:200]}")
        path = parts.path
        for kind, prefix in (("static", settings.STATIC_URL), ("media", settings.MEDIA_URL)):
            prefix = "/" + prefix.strip("/") + "/"
            if path.startswith(prefix):
                return kind, _clean_relative(path[len(prefix) :])
        raise FetchRefused(f"refused (not under STATIC_URL or MEDIA_URL): {url[:200]}")

    @staticmethod
    def _read_static(relative: str) -> bytes:
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation as exc:
            raise FetchRefused(str(exc)) from exc
        if found:
            return Path(found).read_bytes()
        try:
            if staticfiles_storage.exists(relative):
                with staticfiles_storage.open(relative, "rb") as fh:
                    return fh.read()
        except SuspiciousFileOperation as exc:
            raise FetchRefused(str(exc)) from exc
        raise FileNotFoundError(f"static file not found: {relative}")

    @staticmethod
    def _read_media(relative: str) -> bytes:
        try:
            with default_storage.open(relative, "rb") as fh:
                return fh.read()
        except SuspiciousFileOperation as exc:
            raise FetchRefused(str(exc)) from exc

    def fetch(self, url, headers=None):
        kind, relative = self._route(url)
        body = self._read_static(relative) if kind == "static" else self._read_media(relative)
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        self.fetched.append(url)
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


@lru_cache(maxsize=1)
def _template_root() -> Path:
    for entry in settings.TEMPLATES:
        for directory in entry.get("DIRS", []):
            candidate = Path(directory) / TEMPLATE_DIR
            if candidate.is_dir():
                return candidate
    raise RuntimeError("templates/pdf/ not found")


@lru_cache(maxsize=1)
def template_version() -> str:
    """A hash of every print template, print stylesheet and bundled font, plus the renderer
    version: part of each document's input fingerprint, so a template change re-renders."""
    digest = hashlib.sha256(f"renderer {RENDERER_VERSION} weasyprint {weasyprint.__version__}".encode())
    roots = [_template_root()]
    fonts = finders.find("fonts")
    if fonts:
        roots.append(Path(fonts))
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _fonts() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


@dataclass
class Hasil:
    """A rendered PDF and its number of pages."""

    pdf: bytes
    halaman: int


def render_html(template_name: str, context: dict) -> str:
    """The print template as HTML, in Indonesian (official documents), auto-escaped."""
    with translation.override("id"):
        return render_to_string(template_name, context)


def render(
    template_name: str, context: dict, *, base_url: str | None = None, max_halaman: int | None = None
) -> Hasil:
    """Render a print template to PDF. With `max_halaman`, raise TerlaluPanjang (carrying
    the page count) instead of writing a PDF that has more pages."""
    html = render_html(template_name, context)
    return render_string(html, base_url=base_url, max_halaman=max_halaman)


class TerlaluPanjang(Exception):
    def __init__(self, halaman: int):
        self.halaman = halaman
        super().__init__(f"{halaman} halaman")


def render_string(html: str, *, base_url: str | None = None, max_halaman: int | None = None) -> Hasil:
    fetcher = PortalURLFetcher()
    with _lock:
        if len(cache) > CACHE_MAX:
            cache.clear()
        fonts = _fonts()
        document = weasyprint.HTML(
            string=html, base_url=(base_url or site_url()) + "/", url_fetcher=fetcher
        ).render(font_config=fonts, cache=cache)
        halaman = len(document.pages)
        if max_halaman is not None and halaman > max_halaman:
            raise TerlaluPanjang(halaman)
        pdf = document.write_pdf()
    logger.debug("PDF rendered: %s pages, %s bytes, fetched %s", halaman, len(pdf), fetcher.fetched)
    return Hasil(pdf=pdf, halaman=halaman)


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render a print template under templates/pdf/ to PDF bytes."""
    return render(template_name, context, base_url=base_url).pdf


def qr_svg(data: str, *, warna: str = "#000") -> SafeString:
    """A QR code as inline SVG markup (sized by CSS), error correction M, safe to put in a
    template: segno writes only paths and attributes of its own; `data` is encoded in the
    modules, never written as text."""
    import segno

    svg = segno.make(data, error="m", micro=False).svg_inline(
        border=0, dark=warna, omitsize=True, svgclass="qr"
    )
    return mark_safe(svg)  # segno output holds no caller text  # nosec B308, B703
