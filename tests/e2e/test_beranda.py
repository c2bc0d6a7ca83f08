"""A first browser journey: the home page, a login, the role's navigation."""

import pytest
from playwright.sync_api import expect

from tests.conftest import note_service

pytestmark = [pytest.mark.e2e, pytest.mark.services]


@pytest.mark.django_db(transaction=True)
def test_admin_unit_logs_in_and_sees_the_unit_navigation(live_server, page, screenshot, demo):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Standar pelayanan publik")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    screenshot("beranda")

    page.get_by_role("link", name="Masuk").click()
    page.get_by_label("E-mail").fill("admin.dukcapil@sukamajukab.example")
    page.get_by_label("Kata sandi").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    nav = page.get_by_role("navigation", name="Navigasi utama")
    expect(nav.get_by_role("link", name="Unit saya")).to_be_visible()
    expect(nav).not_to_contain_text("Pemantauan instansi")
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()
    expect(page.get_by_text("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju")).to_be_visible()
    screenshot("ruang-kerja-admin-unit")
    note_service("chromium-playwright", "home page, login, role navigation")


@pytest.mark.django_db(transaction=True)
def test_keyboard_user_reaches_the_content_through_the_skip_link(live_server, page, demo):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke konten utama")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/#konten")


@pytest.mark.django_db(transaction=True)
def test_search_on_a_phone_sized_screen(live_server, browser, demo):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Cari layanan atau unit").fill("rawat jalan")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.get_by_text("Pelayanan Rawat Jalan")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways on a phone: {width}px"
    context.close()
