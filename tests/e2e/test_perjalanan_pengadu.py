"""The journey of the issue in a browser (Playwright, Debian Chromium): a citizen files an
anonymous complaint with a photo about a fee above the tariff, gets the receipt and the code,
follows it; the instansi's complaint officer sees the identity (audited), marks the file
complete, responds, decides; the citizen rates it; the Pembina sees an overdue complaint
escalated. Real forms, real CSRF checks (the test client skips those)."""

import os

import pytest
from playwright.sync_api import expect

from pelayanan.models import JejakAudit
from pengaduan import kode as kode_mod
from pengaduan.models import Lampiran, Pengaduan, Penilaian
from tests.conftest import note_service

pytestmark = [pytest.mark.e2e, pytest.mark.services]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path,
        "args": ["--no-sandbox", "--disable-gpu"],
    }


@pytest.fixture
def foto(tmp_path):
    from tests.pengaduan.helpers import jpeg_dengan_gps

    path = tmp_path / "kuitansi.jpg"
    path.write_bytes(jpeg_dengan_gps().read())
    return path


def _masuk(browser, url, email, password):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(url + "/akun/masuk/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main").get_by_role("button", name="Masuk").click()
    return ctx, page


@pytest.mark.django_db(transaction=True)
def test_anonymous_complaint_from_filing_to_rating(live_server, browser, demo, foto):
    from pengaduan import demo as demo_pengaduan
    from standar import demo as demo_standar

    demo_standar.load()
    demo_pengaduan.load()
    url = live_server.url

    # The citizen, on a phone, from the unit's profile.
    warga_ctx = browser.new_context(viewport={"width": 360, "height": 800})
    warga = warga_ctx.new_page()
    warga.goto(url + "/unit/rsud-sukamaju/")
    warga.get_by_role("link", name="Ajukan pengaduan tentang unit ini").click()
    warga.get_by_label("Layanan yang Anda terima").select_option(label="Pelayanan Rawat Jalan")
    warga.get_by_label("Biaya/tarif").check()
    warga.get_by_role("button", name="Lanjut").click()
    expect(warga.locator("#acuan")).to_contain_text("Rp 35.000")  # the tariff that should have applied
    warga.get_by_label("Apa yang terjadi?").fill("Saya membayar Rp 75.000 untuk karcis poliklinik umum.")
    warga.get_by_label("Tanggal Anda menerima pelayanan").fill("2026-11-20")
    warga.get_by_label("Kerugian yang Anda alami (opsional)").fill("Rp 40.000")
    warga.get_by_label("Penyelesaian yang Anda minta").fill("Kelebihan bayar dikembalikan.")
    warga.get_by_label("Lampiran (opsional)").set_input_files(str(foto))
    warga.get_by_label("Anonim", exact=False).check()
    warga.get_by_label("Nama lengkap").fill("Hartono Uji")
    warga.get_by_label("Alamat").fill("Jl. Mawar No. 5, Sukamaju")
    warga.get_by_label("E-mail").fill("hartono.uji@contoh.example")
    warga.get_by_label("Saya menyatakan keterangan").check()
    warga.get_by_role("button", name="Kirim pengaduan").click()

    expect(warga.get_by_role("heading", name="Tanda terima pengaduan")).to_be_visible()
    expect(warga.locator("main")).to_contain_text("Hartono Uji")  # in the session that filed it
    kode = warga.locator(".kode-lacak").inner_text()
    with warga.expect_download() as unduh:
        warga.get_by_role("link", name="Unduh tanda terima (PDF)").click()
    assert unduh.value.suggested_filename.startswith("tanda-terima-PGD-")
    width = warga.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the receipt scrolls sideways on a phone: {width}px"

    p = Pengaduan.objects.get(kode=kode_mod.normalisasi(kode))  # the identity is encrypted: no lookup
    assert p.identitas.nama == "Hartono Uji"
    assert (p.mode_privasi, p.bagian, p.status) == ("anonim", "biaya", "diterima")
    assert Lampiran.objects.filter(pengaduan=p, jenis="jpeg").count() == 1

    # Disdukcapil's officer cannot open an RSUD complaint; the instansi's officer sees the
    # anonymous complainant's identity, after a deliberate (audited) click.
    petugas_ctx, petugas = _masuk(browser, url, "pengaduan.dukcapil@sukamajukab.example", demo.DEMO_PASSWORD)
    assert petugas.goto(url + f"/ruang-kerja/pengaduan/{p.pk}/").status == 403
    petugas_ctx.close()

    instansi_ctx, instansi = _masuk(browser, url, "pengaduan@sukamajukab.example", demo.DEMO_PASSWORD)
    instansi.get_by_role("link", name="Aduan masuk").click()
    instansi.get_by_role("link", name=p.nomor).click()
    expect(instansi.locator("main")).not_to_contain_text("Hartono Uji")
    instansi.get_by_role("button", name="Lihat identitas").click()
    expect(instansi.locator(".identitas-panel")).to_contain_text("Hartono Uji")
    dilihat = JejakAudit.objects.filter(aksi="pengaduan.lihat_identitas", object_id=str(p.pk))
    assert dilihat.filter(data__keperluan="halaman_staf").count() == 1

    def langkah(label, teks=None, hasil=None):
        instansi.get_by_text(label, exact=True).first.click()  # open its <details>
        kotak = instansi.locator("details[open]")
        if hasil:
            kotak.get_by_label(hasil).check()
        if teks:
            kotak.locator("textarea").fill(teks)
        kotak.get_by_role("button", name=label).click()
        expect(instansi.locator(".alert-success")).to_be_visible()

    langkah("Nyatakan berkas lengkap", "Berkas lengkap, terima kasih atas fotonya.")
    langkah("Mulai tindak lanjut")
    instansi.locator("#tanggapan-teks").fill("Kami memeriksa kasir poliklinik umum.")
    instansi.get_by_role("button", name="Kirim tanggapan").click()
    langkah("Putuskan", "Kelebihan bayar Rp 40.000 dikembalikan; kasir ditegur.", hasil="Selesai")
    p.refresh_from_db()
    assert (p.status, p.hasil) == ("diputuskan", "selesai")
    instansi_ctx.close()

    # The citizen follows it with the code and rates it honestly.
    warga.goto(url + "/pengaduan/lacak/")
    warga.get_by_label("Kode pelacakan").fill(kode.lower())
    warga.locator("main").get_by_role("button", name="Lacak").click()
    expect(warga.locator("main")).to_contain_text("Kami memeriksa kasir poliklinik umum.")
    expect(warga.locator("main")).to_contain_text("Kelebihan bayar Rp 40.000 dikembalikan")
    warga.locator("#nilai").get_by_label("4").check()
    warga.get_by_label("Tidak, masalah saya tidak terselesaikan").check()
    warga.get_by_role("button", name="Kirim penilaian").click()
    expect(warga.locator(".alert-success")).to_contain_text("Terima kasih atas penilaian Anda")
    assert Penilaian.objects.filter(pengaduan=p, skor=4, terselesaikan="tidak").exists()
    warga_ctx.close()

    # The Pembina sees the demo's overdue complaint, escalated to them.
    pembina_ctx, pembina = _masuk(browser, url, "bupati@sukamajukab.example", demo.DEMO_PASSWORD)
    pembina.get_by_role("link", name="Aduan masuk").click()
    pembina.get_by_role("link", name="Melewati batas waktu").click()
    terlambat = Pengaduan.objects.get(kode=demo_pengaduan.KODE["terlambat_pembina"])
    baris = pembina.locator("tr", has_text=terlambat.nomor)
    expect(baris).to_contain_text("Pembina")
    pembina_ctx.close()
    note_service("chromium-playwright", "complaint journey: filing, receipt, officer, rating, Pembina")
