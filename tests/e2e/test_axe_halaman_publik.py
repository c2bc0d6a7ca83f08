"""axe-core on every public page, not only on those the journeys pass through.

The pages are the access matrix's (tests/keamanan/test_matriks_akses.py): every URL that an
anonymous visitor gets with 200, or that is meant for visitors without an account (login,
registration), filled with the security world's objects (the demo data plus unit A's marked
objects, tests/keamanan/dunia.py). Each is opened in Chromium at desktop width and on a
360-px phone, where wide tables scroll and must take the keyboard focus. HTML pages only:
downloads, PDFs, attachments and the API's JSON are not pages. A new public URL is checked
here as soon as the matrix has it.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import DESKTOP, PONSEL, axe_periksa, tidak_melebar
from tests.keamanan.matriks import semua_pola
from tests.keamanan.test_matriks_akses import HARAPAN, url_dari

# Swagger UI (drf-spectacular's page of the API's documentation) is a third party's markup and
# script, for developers: axe finds no `lang`, nested buttons and low contrast in it. Left as
# it comes; the API itself is JSON.
BUKAN_HALAMAN_PORTAL = {"api:docs"}


_TABEL_GULIR = """() => [...document.querySelectorAll('.table-responsive')].map(el => ({
  meluap: el.scrollWidth > el.clientWidth + 1,
  fokus: el.tabIndex >= 0,
  nama: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || '',
}))"""


def tabel_gulir_terjangkau(page, nama: str) -> None:
    """static/js/portal.js: a table that scrolls sideways is a named focusable region; one that
    fits is no tab stop."""
    for t in page.evaluate(_TABEL_GULIR):
        assert t["fokus"] == t["meluap"], f"{nama}: {t}"
        assert not t["meluap"] or t["nama"], f"{nama}: a scrolling table without a name"


def _halaman_publik() -> list:
    """The matrix's patterns that an anonymous visitor may open (200), the portal's own."""
    return [
        p
        for p in semua_pola()
        if p.kunci in HARAPAN
        and HARAPAN[p.kunci].get.get("anonim") == 200
        and p.kunci not in BUKAN_HALAMAN_PORTAL
    ]


@pytest.mark.django_db(transaction=True)
def test_axe_on_every_public_page_at_desktop_and_phone_width(live_server, konteks, postgres, data_awal):
    from tests.keamanan import dunia as dunia_mod

    o = dunia_mod.bangun().o
    pola = _halaman_publik()
    assert len(pola) >= 30, [p.kunci for p in pola]
    layar = {"desktop": konteks(DESKTOP).new_page(), "360": konteks(PONSEL, is_mobile=True).new_page()}
    diperiksa, gagal = [], []
    for p in pola:
        url = live_server.url + url_dari(p, o)
        jawab = layar["desktop"].request.get(url)
        assert jawab.status == 200, (p.kunci, url, jawab.status)
        if not jawab.headers.get("content-type", "").startswith("text/html"):
            continue  # a download, a PDF or JSON: not a page
        for nama_layar, page in layar.items():
            page.goto(url)
            nama = f"publik-{p.kunci.replace(':', '-')}-{nama_layar}"
            diperiksa.append(nama)
            for periksa in (tidak_melebar, axe_periksa, tabel_gulir_terjangkau):
                try:
                    periksa(page, nama)
                except AssertionError as exc:  # every page is checked; all failures told at once
                    gagal.append(str(exc))
    assert not gagal, "\n\n".join(gagal)
    # Every public page kind is among them: at least 25 HTML pages, each at both widths.
    assert len(diperiksa) >= 50, diperiksa
