"""The one PDF renderer: what its URL fetcher serves and refuses, fonts, page footer."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from pelayanan import pdf


def _url(path: str) -> str:
    return pdf.site_url() + path


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/style.css",
        "file:///etc/passwd",
        "file:///work/main/static/fonts/DejaVuSans.ttf",
        "ftp://example.com/x",
        "data:text/css,body{}",
        "http://169.254.169.254/latest/meta-data/",
        "/static/fonts/DejaVuSans.ttf",  # not absolute: WeasyPrint always joins with the base
        _url("/admin/"),
        _url("/static/../../etc/passwd"),
        _url("/static/%2e%2e/%2e%2e/etc/passwd"),
        _url("/media/../pelayanan/settings/base.py"),
        _url("/media/%2e%2e/db.sqlite3"),
        "http://evil.example" + "/static/fonts/DejaVuSans.ttf",
    ],
)
def test_fetcher_refuses_everything_but_our_static_and_media(url):
    with pytest.raises((pdf.FetchRefused, ValueError)):
        pdf.PortalURLFetcher().fetch(url)


def test_fetcher_reads_static_files_from_disk():
    response = pdf.PortalURLFetcher().fetch(_url("/static/fonts/DejaVuSans.ttf"))
    body = response.read()
    assert body[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert response.content_type == "font/ttf" or response.content_type.startswith("application/")


def test_fetcher_reads_media_through_the_storage_api(settings, tmp_path):
    name = default_storage.save("uji/logo.svg", ContentFile(b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    response = pdf.PortalURLFetcher().fetch(_url(f"/media/{name}"))
    assert response.read().startswith(b"<svg")
    assert response.content_type == "image/svg+xml"


def test_fetcher_missing_static_file_is_an_error_not_a_fetch():
    with pytest.raises(FileNotFoundError):
        pdf.PortalURLFetcher().fetch(_url("/static/fonts/TidakAda.ttf"))


def test_raw_html_with_remote_and_local_urls_fetches_nothing_of_them(monkeypatch):
    """Even HTML that was not escaped cannot make the renderer read a local file or the
    network: the fetcher is asked and refuses (WeasyPrint logs a warning)."""
    diminta: list[str] = []
    asli = pdf.PortalURLFetcher.fetch

    def catat(self, url, headers=None):
        diminta.append(url)
        return asli(self, url, headers)

    monkeypatch.setattr(pdf.PortalURLFetcher, "fetch", catat)
    hasil = pdf.render_string(
        '<html><head><link rel="stylesheet" href="http://example.com/x.css"></head><body>'
        '<img src="file:///etc/passwd"><p style="background: url(http://example.com/x.png)">Halo</p>'
        "</body></html>"
    )
    assert hasil.pdf.startswith(b"%PDF")
    assert set(diminta) == {"http://example.com/x.css", "file:///etc/passwd", "http://example.com/x.png"}


def test_base_template_has_fonts_footer_and_page_numbers():
    hasil = pdf.render(
        "pdf/base.html",
        {"kode": "ABCDE-FGHJK", "url_verifikasi": _url("/verifikasi/ABCDEFGHJK/"), "qr_verifikasi": ""},
    )
    reader = PdfReader(io.BytesIO(hasil.pdf))
    text = reader.pages[0].extract_text()
    assert "Halaman 1 dari 1" in text
    assert "ABCDE-FGHJK" in text
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
        if "/BaseFont" in f.get_object()
    }
    assert any("Dokumen-Sans" in f for f in fonts), fonts  # the bundled DejaVu, embedded


def test_template_version_changes_with_the_templates(monkeypatch, tmp_path):
    versi = pdf.template_version()
    assert len(versi) == 64
    assert pdf.template_version() == versi  # cached, stable
    pdf.template_version.cache_clear()
    monkeypatch.setattr(pdf, "RENDERER_VERSION", "uji")
    try:
        assert pdf.template_version() != versi
    finally:
        pdf.template_version.cache_clear()


def test_qr_svg_is_inline_svg():
    svg = pdf.qr_svg("http://127.0.0.1:8000/verifikasi/ABCDEFGHJK/")
    assert svg.startswith("<svg")
    assert "<path" in svg
