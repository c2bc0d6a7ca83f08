"""Browser tests: Playwright drives Debian's Chromium (no browser download is possible).

Shared by every journey (tests/e2e/test_perjalanan_*.py):
- `masuk(email)`: a logged-in page of a demo account, in its own browser context;
- `periksa(page, nama)`: what a journey does on each page it wants looked at — a desktop
  screenshot, an axe-core check (no serious or critical violation), and for public pages the
  same URL at 360 px (screenshot, nothing scrolls sideways);
- `tab_ke(page, target)`: the keyboard-only user's Tab, until `target` has the focus, which
  must be visible;
- `demo_portal`: the demo data of every app that a journey needs, as `make run` loads it.

axe-core is vendored (tests/e2e/vendor/axe.min.js, MPL-2.0, from the npm package axe-core)
and injected from disk: nothing is downloaded at run time. Results of every check are written
to tests/e2e/_layar/axe/ and summed up at the end of the run.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the
# test body are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Git-ignored. Not under test-results/: pytest-playwright empties that folder when a run starts.
HASIL = Path(__file__).resolve().parent / "_layar"
SCREENSHOTS = HASIL
AXE_HASIL = HASIL / "axe"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

DESKTOP = {"width": 1280, "height": 900}
PONSEL = {"width": 360, "height": 740}
# WCAG 2.1 A and AA rules plus axe's best practices; serious and critical ones fail a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_GAGAL = ("serious", "critical")

_axe_ringkasan: dict[str, Counter] = {}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot into tests/e2e/_layar/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# --- data -----------------------------------------------------------------------------------


@pytest.fixture
def demo_portal(demo):
    """The demo data of the core, standards and complaints (a journey that needs the
    evaluation's demo too loads evaluasi.demo on top of this)."""
    from pengaduan import demo as demo_pengaduan
    from standar import demo as demo_standar

    demo_standar.load()
    demo_pengaduan.load()
    return demo


# --- accounts -------------------------------------------------------------------------------


@pytest.fixture
def konteks(browser):
    """`konteks(viewport=..., **options)`: a new browser context, closed after the test."""
    dibuka = []

    def buka(viewport=None, **options):
        ctx = browser.new_context(viewport=viewport or DESKTOP, locale="id-ID", **options)
        dibuka.append(ctx)
        return ctx

    yield buka
    for ctx in dibuka:
        ctx.close()


@pytest.fixture
def masuk(konteks, live_server):
    """`masuk(email, viewport=DESKTOP) -> Page`: a demo account logged in through the form."""
    from pelayanan.demo import DEMO_PASSWORD

    def login(email: str, *, viewport=None, password: str = DEMO_PASSWORD) -> Page:
        page = konteks(viewport).new_page()
        page.goto(live_server.url + "/akun/masuk/")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Kata sandi").fill(password)
        page.locator("main").get_by_role("button", name="Masuk").click()
        expect(page.locator("header")).to_contain_text("Keluar")
        return page

    return login


# --- looking at a page ----------------------------------------------------------------------


def _nama_berkas(nama: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", nama.lower()).strip("-")


def axe_jalankan(page: Page) -> dict:
    """Run the vendored axe-core on the page as it is now; returns axe's results."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: no <script> tag, so a strict CSP is no bar.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )


def axe_periksa(page: Page, nama: str) -> list[dict]:
    """Check the page with axe; record every violation; fail on serious or critical ones."""
    hasil = axe_jalankan(page)
    pelanggaran = hasil["violations"]
    AXE_HASIL.mkdir(parents=True, exist_ok=True)
    ringkas = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "summary": " ".join((n.get("failureSummary") or "").split())[:300]}
                for n in v["nodes"][:10]
            ],
        }
        for v in pelanggaran
    ]
    (AXE_HASIL / f"{_nama_berkas(nama)}.json").write_text(
        json.dumps({"url": page.url, "violations": ringkas}, indent=2, ensure_ascii=False)
    )
    _axe_ringkasan[nama] = Counter(v["impact"] for v in pelanggaran)
    berat = [v for v in ringkas if v["impact"] in AXE_GAGAL]
    assert not berat, f"axe on {nama} ({page.url}): " + json.dumps(berat, indent=2, ensure_ascii=False)
    return ringkas


# The deepest elements without which the page would fit: hide each child in turn, go down
# into the ones that matter (text nodes overflow too, so bounding boxes alone do not tell).
_TERLALU_LEBAR = """w => {
  const hasil = [];
  const muat = () => document.documentElement.scrollWidth <= w;
  function turun(el, jalur) {
    let ada = false;
    for (const c of el.children) {
      const semula = c.style.display;
      c.style.display = 'none';
      const cukup = muat();
      c.style.display = semula;
      if (cukup) {
        ada = true;
        const klas = typeof c.className === 'string' ? c.className.trim() : '';
        const nama = c.tagName.toLowerCase() + (c.id ? '#' + c.id : '')
          + (klas ? '.' + klas.split(/\\s+/).join('.') : '');
        turun(c, jalur + ' > ' + nama);
      }
    }
    if (!ada && jalur) hasil.push(jalur + ': ' + (el.textContent || '').trim().slice(0, 60));
  }
  turun(document.body, '');
  return hasil.slice(0, 5);
}"""


def tidak_melebar(page: Page, nama: str) -> None:
    """Nothing on the page scrolls sideways; else say which elements stick out."""
    lebar = page.viewport_size["width"]
    isi = page.evaluate("document.documentElement.scrollWidth")
    if isi > lebar:
        raise AssertionError(
            f"{nama} scrolls sideways at {lebar}px ({isi}px): {page.evaluate(_TERLALU_LEBAR, lebar)}"
        )


@pytest.fixture
def periksa(konteks):
    """`periksa(page, nama, publik=False, axe=True)`: screenshot, axe check and, for a
    public page, the same URL on a 360-px phone (screenshot; nothing scrolls sideways; axe
    again, as tables that scroll there must take the keyboard focus)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ponsel_ctx = []

    def lihat(page: Page, nama: str, *, publik: bool = False, axe: bool = True) -> None:
        page.wait_for_load_state("load")
        berkas = _nama_berkas(nama)
        page.screenshot(path=str(SCREENSHOTS / f"{berkas}.png"), full_page=True)
        tidak_melebar(page, nama)
        if axe:
            axe_periksa(page, nama)
        if publik:
            if not ponsel_ctx:
                ponsel_ctx.append(konteks(PONSEL, is_mobile=True, has_touch=True))
            ctx = ponsel_ctx[0]
            ctx.clear_cookies()
            ctx.add_cookies(page.context.cookies())
            hp = ctx.new_page()
            hp.goto(page.url)
            hp.screenshot(path=str(SCREENSHOTS / f"{berkas}-360.png"), full_page=True)
            tidak_melebar(hp, f"{nama} (360 px)")
            if axe:
                axe_periksa(hp, f"{nama}-360")
            hp.close()

    return lihat


def label(teks: str) -> re.Pattern:
    """A field's label exactly as shown, with or without the asterisk of a required field
    (for get_by_label, where a plain string would also match longer labels)."""
    return re.compile(rf"^\s*{re.escape(teks)}\s*\*?\s*$")


# --- keyboard -------------------------------------------------------------------------------

_FOKUS_TAMPAK = """el => {
  const s = getComputedStyle(el);
  const garis = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return garis || (s.boxShadow && s.boxShadow !== 'none');
}"""


def tab_ke(page: Page, target: Locator, *, maks: int = 80, mundur: bool = False) -> None:
    """Press Tab (Shift+Tab when `mundur`) until `target` has the focus; its focus must show."""
    tombol = "Shift+Tab" if mundur else "Tab"
    for _ in range(maks):
        if target.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press(tombol)
    else:
        aktif = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
        raise AssertionError(f"{maks}× {tombol} never reached {target}; focus is on {aktif}")
    assert target.evaluate(_FOKUS_TAMPAK), f"the focus on {target} is not visible"


def ketik_tanggal(page: Page, kolom: Locator, tanggal: date) -> None:
    """Type a date into a date field from the keyboard, in the order the browser shows its
    parts (dd/mm/yyyy in an Indonesian browser, mm/dd/yyyy in headless Chromium's en-US):
    a probe date tells the order, then the real date goes in from the first part."""
    tab_ke(page, kolom)
    page.keyboard.type("01022003")
    hari_dulu = kolom.input_value() == "2003-02-01"
    for _ in range(2):  # Shift+Tab moves between the parts of a date field
        page.keyboard.press("Shift+Tab")
    assert kolom.evaluate("el => el === document.activeElement")
    hari, bulan = f"{tanggal.day:02d}", f"{tanggal.month:02d}"
    page.keyboard.type((hari + bulan if hari_dulu else bulan + hari) + str(tanggal.year))
    assert kolom.input_value() == tanggal.isoformat()


def pytest_terminal_summary(terminalreporter):
    if not _axe_ringkasan:
        return
    terminalreporter.write_sep(
        "-", "axe-core: violations by impact per page (details in tests/e2e/_layar/axe/)"
    )
    for nama, hitung in sorted(_axe_ringkasan.items()):
        teks = ", ".join(f"{k} {n}" for k, n in sorted(hitung.items())) or "none"
        terminalreporter.write_line(f"{nama}: {teks}")
