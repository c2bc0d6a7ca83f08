"""Journey 3, the complainant, done with the keyboard alone: from the unit's page the citizen
files an anonymous complaint with a photo about a fee above the tariff (Tab, typing, Space,
arrows, Enter; the photo through the file chooser opened from the keyboard), keeps the
tracking code from the receipt, follows it; the instansi's complaint officer sees the identity
(audited), marks the file complete, responds, decides; the citizen tracks the complaint again
and rates it, still without a mouse; the Pembina sees an overdue complaint escalated.

Real forms and real CSRF checks (the test client skips those); every page the citizen sees is
checked with axe, at 1280 and 360 px."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from pelayanan.models import JejakAudit
from pengaduan import kode as kode_mod
from pengaduan.models import Lampiran, Pengaduan, Penilaian
from tests.conftest import note_service
from tests.e2e.conftest import ketik_tanggal, label, tab_ke

pytestmark = [pytest.mark.e2e, pytest.mark.services]

PETUGAS_UNIT = "pengaduan.dukcapil@sukamajukab.example"
PETUGAS_INSTANSI = "pengaduan@sukamajukab.example"
PEMBINA = "bupati@sukamajukab.example"
HARI_LAYANAN = date(2026, 11, 20)


@pytest.fixture
def foto(tmp_path):
    from tests.pengaduan.helpers import jpeg_dengan_gps

    path = tmp_path / "kuitansi.jpg"
    path.write_bytes(jpeg_dengan_gps().read())
    return path


# --- the keyboard user's moves ----------------------------------------------------------------


def ketik(page: Page, kolom, teks: str) -> None:
    tab_ke(page, kolom)
    page.keyboard.type(teks)


def pilih_radio(page: Page, pilihan) -> None:
    """Tab into the radio group, then arrow to `pilihan` (arrows move and check)."""
    nama = pilihan.get_attribute("name")
    grup = page.locator(f"input[type=radio][name='{nama}']")
    for _ in range(80):
        if page.evaluate(f"document.activeElement.name === {nama!r}"):
            break
        page.keyboard.press("Tab")
    for _ in range(grup.count()):
        if pilihan.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(pilihan).to_be_checked()
    expect(pilihan).to_be_focused()


def centang(page: Page, kotak) -> None:
    tab_ke(page, kotak)
    page.keyboard.press("Space")
    expect(kotak).to_be_checked()


def tekan(page: Page, tombol) -> None:
    tab_ke(page, tombol)
    page.keyboard.press("Enter")


@pytest.mark.django_db(transaction=True)
def test_anonymous_complaint_filed_followed_and_rated_with_the_keyboard_alone(
    live_server, konteks, masuk, periksa, postgres, demo_portal, foto
):
    url = live_server.url

    # --- The citizen files the complaint: keyboard only, no click. -----------------------
    warga = konteks().new_page()
    warga.on("filechooser", lambda pemilih: pemilih.set_files(str(foto)))
    warga.goto(url + "/unit/rsud-sukamaju/")
    periksa(warga, "j3-unit-profil", publik=True)
    tekan(warga, warga.get_by_role("link", name="Ajukan pengaduan tentang unit ini"))

    expect(warga.get_by_role("heading", level=1)).to_have_text("Ajukan pengaduan")
    periksa(warga, "j3-ajukan-pilih", publik=True)
    tab_ke(warga, warga.get_by_label("Layanan yang Anda terima"))
    warga.keyboard.type("Pelayanan Rawat Jalan")  # type-ahead in the closed list
    expect(warga.get_by_label("Layanan yang Anda terima")).to_have_value(re.compile("rawat-jalan"))
    pilih_radio(warga, warga.get_by_label("Biaya/tarif"))
    tekan(warga, warga.get_by_role("button", name="Lanjut"))

    expect(warga.locator("#acuan")).to_contain_text("Rp 35.000")  # the tariff that should have applied
    periksa(warga, "j3-ajukan-form", publik=True)

    # Sent too early: the error is where the keyboard is taken, next to its field.
    tekan(warga, warga.get_by_role("button", name="Kirim pengaduan"))
    uraian = warga.get_by_label(label("Apa yang terjadi?"))
    expect(uraian).to_be_focused()
    expect(uraian).to_have_attribute("aria-invalid", "true")
    galat = uraian.get_attribute("aria-describedby").split()
    expect(warga.locator(f"[id='{galat[-1]}']")).to_contain_text("harus diisi")
    periksa(warga, "j3-ajukan-galat")

    warga.keyboard.type("Saya membayar Rp 75.000 untuk karcis poliklinik umum.")
    ketik_tanggal(warga, warga.get_by_label(label("Tanggal Anda menerima pelayanan")), HARI_LAYANAN)
    ketik(warga, warga.get_by_label("Kerugian yang Anda alami (opsional)"), "Rp 40.000")
    ketik(warga, warga.get_by_label(label("Penyelesaian yang Anda minta")), "Kelebihan bayar dikembalikan.")
    lampiran = warga.get_by_label("Lampiran (opsional)")
    tab_ke(warga, lampiran)
    warga.keyboard.press("Space")  # opens the file chooser; the photo is picked there
    expect(lampiran).to_have_value(re.compile(r"kuitansi\.jpg$"))
    pilih_radio(warga, warga.get_by_label(re.compile(r"^\s*Anonim — ")))
    expect(warga.get_by_label(label("Nama lengkap"))).to_have_attribute("autocomplete", "name")
    ketik(warga, warga.get_by_label(label("Nama lengkap")), "Hartono Uji")
    ketik(warga, warga.get_by_label(label("Alamat")), "Jl. Mawar No. 5, Sukamaju")
    ketik(warga, warga.get_by_label(label("E-mail")), "hartono.uji@contoh.example")
    centang(warga, warga.get_by_label(re.compile("Saya menyatakan keterangan")))
    tekan(warga, warga.get_by_role("button", name="Kirim pengaduan"))

    expect(warga.get_by_role("heading", name="Tanda terima pengaduan")).to_be_visible()
    expect(warga.locator("main")).to_contain_text("Hartono Uji")  # in the session that filed it
    kode = warga.locator(".kode-lacak").inner_text()
    periksa(warga, "j3-tanda-terima", publik=True)
    tab_ke(warga, warga.get_by_role("link", name="Unduh tanda terima (PDF)"))
    with warga.expect_download() as unduh:
        warga.keyboard.press("Enter")
    assert unduh.value.suggested_filename.startswith("tanda-terima-PGD-")

    p = Pengaduan.objects.get(kode=kode_mod.normalisasi(kode))  # the identity is encrypted: no lookup
    assert p.identitas.nama == "Hartono Uji"
    assert (p.mode_privasi, p.bagian, p.status) == ("anonim", "biaya", "diterima")
    assert Lampiran.objects.filter(pengaduan=p, jenis="jpeg").count() == 1
    assert p.tanggal_layanan == HARI_LAYANAN

    # --- Officers. Disdukcapil's cannot open an RSUD complaint; the instansi's officer sees
    # the anonymous complainant's identity after a deliberate (audited) click. -------------
    petugas = masuk(PETUGAS_UNIT)
    assert petugas.goto(url + f"/ruang-kerja/pengaduan/{p.pk}/").status == 403

    instansi = masuk(PETUGAS_INSTANSI)
    instansi.get_by_role("link", name="Aduan masuk").click()
    instansi.get_by_role("link", name=p.nomor).click()
    expect(instansi.locator("main")).not_to_contain_text("Hartono Uji")
    periksa(instansi, "j3-petugas-detail")
    instansi.get_by_role("button", name="Lihat identitas").click()
    expect(instansi.locator(".identitas-panel")).to_contain_text("Hartono Uji")
    dilihat = JejakAudit.objects.filter(aksi="pengaduan.lihat_identitas", object_id=str(p.pk))
    assert dilihat.filter(data__keperluan="halaman_staf").count() == 1

    def langkah(nama, teks=None, hasil=None):
        instansi.get_by_text(nama, exact=True).first.click()  # open its <details>
        kotak = instansi.locator("details[open]")
        if hasil:
            kotak.get_by_label(hasil).check()
        if teks:
            kotak.locator("textarea").fill(teks)
        kotak.get_by_role("button", name=nama).click()
        expect(instansi.locator(".alert-success")).to_be_visible()

    langkah("Nyatakan berkas lengkap", "Berkas lengkap, terima kasih atas fotonya.")
    langkah("Mulai tindak lanjut")
    instansi.locator("#tanggapan-teks").fill("Kami memeriksa kasir poliklinik umum.")
    instansi.get_by_role("button", name="Kirim tanggapan").click()
    langkah("Putuskan", "Kelebihan bayar Rp 40.000 dikembalikan; kasir ditegur.", hasil="Selesai")
    periksa(instansi, "j3-petugas-diputuskan")
    p.refresh_from_db()
    assert (p.status, p.hasil) == ("diputuskan", "selesai")

    # --- The citizen follows it with the code and rates it honestly, by keyboard. --------
    warga.goto(url + "/pengaduan/lacak/")
    periksa(warga, "j3-lacak", publik=True)
    ketik(warga, warga.get_by_label(label("Kode pelacakan")), kode.lower())
    warga.keyboard.press("Enter")  # submits the form from its field
    expect(warga.locator("main")).to_contain_text("Kami memeriksa kasir poliklinik umum.")
    expect(warga.locator("main")).to_contain_text("Kelebihan bayar Rp 40.000 dikembalikan")
    periksa(warga, "j3-lacak-detail", publik=True)
    pilih_radio(warga, warga.locator("#nilai").get_by_label("4", exact=True))
    pilih_radio(warga, warga.get_by_label("Tidak, masalah saya tidak terselesaikan"))
    tekan(warga, warga.get_by_role("button", name="Kirim penilaian"))
    expect(warga.locator(".alert-success")).to_contain_text("Terima kasih atas penilaian Anda")
    assert Penilaian.objects.filter(pengaduan=p, skor=4, terselesaikan="tidak").exists()

    # --- The Pembina sees the demo's overdue complaint, escalated to them. ---------------
    from pengaduan import demo as demo_pengaduan

    pembina = masuk(PEMBINA)
    pembina.get_by_role("link", name="Aduan masuk").click()
    pembina.get_by_role("link", name="Melewati batas waktu").click()
    terlambat = Pengaduan.objects.get(kode=demo_pengaduan.KODE["terlambat_pembina"])
    expect(pembina.locator("tr", has_text=terlambat.nomor)).to_contain_text("Pembina")
    periksa(pembina, "j3-pembina-terlambat")
    note_service("chromium-playwright", "journeys with axe-core; the complainant's by keyboard alone")
