"""The Content Security Policy in a real browser: pages load with no violation, and the
scripts the portal needs (Bootstrap's, its own) still run under it."""

import pytest
from playwright.sync_api import expect

from tests.conftest import note_service

pytestmark = [pytest.mark.e2e, pytest.mark.services]

HALAMAN_PUBLIK = ["/", "/layanan/", "/akun/masuk/", "/akun/daftar/", "/pengaduan/", "/api/v1/docs/"]


def pelanggaran(page):
    """Collect CSP violations the page reports (console messages and DOM events)."""
    temuan = []
    page.on("console", lambda m: temuan.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return temuan


@pytest.mark.django_db(transaction=True)
def test_public_pages_load_without_csp_violations(live_server, page, demo):
    temuan = pelanggaran(page)
    for url in HALAMAN_PUBLIK:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert not temuan, temuan
    note_service("chromium-playwright", "CSP: public pages, Swagger UI")


@pytest.mark.django_db(transaction=True)
def test_bootstrap_menu_works_under_the_csp_on_a_phone(live_server, browser, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    temuan = pelanggaran(page)
    page.goto(live_server.url + "/")
    menu = page.get_by_role("link", name="Katalog layanan")
    expect(menu).not_to_be_visible()
    page.get_by_role("button", name="Buka menu").click()
    expect(menu).to_be_visible()
    assert not temuan, temuan
    context.close()


@pytest.mark.django_db(transaction=True)
def test_staff_pages_and_enrolment_load_without_csp_violations(live_server, page, demo):
    temuan = pelanggaran(page)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("E-mail").fill("admin.dukcapil@sukamajukab.example")
    page.get_by_label("Kata sandi").fill(demo.DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()
    page.goto(live_server.url + "/akun/")
    page.get_by_role("link", name="Aktifkan verifikasi dua langkah").click()
    expect(page.locator(".dua-langkah-qr svg")).to_be_visible()
    box = page.locator(".dua-langkah-qr svg").bounding_box()
    assert box["width"] > 100  # sized by the stylesheet, not by an inline style
    assert not temuan, temuan
