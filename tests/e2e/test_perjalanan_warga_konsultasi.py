"""Journey 2, a citizen and the unit: a citizen registers and confirms the e-mail from the
mailbox, comments on two components of the draft in consultation (the demo's Kartu Keluarga
standard); the admin unit answers every comment; the round closes at its end (the beat job);
the head of the unit decrees and publishes; the citizen reads the answers, downloads the
official PDF, follows its QR code to the verification page and checks the file there.

Public pages are checked at 1280 and 360 px; every page and form with axe."""

import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from standar import konsultasi
from standar.choices import StatusVersi
from standar.models import Komentar, PutaranKonsultasi
from tests.conftest import need, note_service
from tests.e2e.conftest import label

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ADMIN = "admin.dukcapil@sukamajukab.example"
KEPALA = "kepala.dukcapil@sukamajukab.example"
WARGA = {"nama": "Rina Kartika", "email": "rina.kartika@contoh.example", "sandi": "Lembayung-senja-42"}
LAYANAN = "Penerbitan Kartu Keluarga"
SK = "400.12/31/Disdukcapil/2026"


def qr_dari_pdf(data: bytes, tmp_path) -> list[str]:
    """The texts of the QR codes on the first page of a PDF (poppler renders, zxing reads)."""
    need(shutil.which("pdftoppm") is not None, "needs pdftoppm (poppler-utils; `make test` installs it)")
    import zxingcpp
    from PIL import Image

    (tmp_path / "standar.pdf").write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", "standar.pdf", "hal"],
        cwd=tmp_path,
        check=True,
    )
    return [b.text for b in zxingcpp.read_barcodes(Image.open(tmp_path / "hal.png"))]


@pytest.mark.django_db(transaction=True)
def test_citizen_comments_unit_answers_head_publishes_citizen_verifies_the_pdf(
    live_server, konteks, masuk, periksa, postgres, demo_portal, settings, tmp_path
):
    # Links in e-mails and PDFs point at the portal that sent them: here, the live server.
    settings.SITE_URL = live_server.url
    url = live_server.url
    putaran = PutaranKonsultasi.objects.get(versi__standar__layanan__nama=LAYANAN, ditutup_pada__isnull=True)

    # --- The citizen registers and confirms the address from the mailbox. ---------------
    warga = konteks().new_page()
    warga.goto(url + "/konsultasi/")
    periksa(warga, "j2-konsultasi-daftar", publik=True)
    warga.get_by_role("link", name=re.compile(LAYANAN)).first.click()
    expect(warga.get_by_role("heading", level=1)).to_contain_text(LAYANAN)
    periksa(warga, "j2-putaran-tamu", publik=True)
    warga.locator(".ajakan-masuk").get_by_role("link", name="daftar sebagai warga").click()
    periksa(warga, "j2-daftar", publik=True)
    expect(warga.get_by_label("Nama lengkap")).to_have_attribute("autocomplete", "name")
    warga.get_by_label("Nama lengkap").fill(WARGA["nama"])
    warga.get_by_label("E-mail").fill(WARGA["email"])
    warga.get_by_label(label("Kata sandi")).fill(WARGA["sandi"])
    warga.get_by_label("Ulangi kata sandi").fill(WARGA["sandi"])
    warga.locator("main").get_by_role("button", name="Daftar").click()
    expect(warga.locator(".alert-success")).to_contain_text("Kami mengirim tautan konfirmasi")
    periksa(warga, "j2-akun-baru")

    surat = [m for m in mail.outbox if WARGA["email"] in m.to]
    assert len(surat) == 1
    tautan = re.search(r"https?://\S+/akun/konfirmasi/\S+/", surat[0].body).group(0)
    assert tautan.startswith(url)
    warga.goto(tautan)
    expect(warga.locator(".alert-success")).to_contain_text("sudah dikonfirmasi")

    # --- Two comments, on two components. -----------------------------------------------
    warga.goto(url + putaran.get_absolute_url())
    periksa(warga, "j2-putaran-warga", publik=True)

    def komentar(judul: str, teks: str, bagian: str | None = None) -> None:
        blok = warga.locator("section.komponen-konsultasi", has=warga.get_by_role("heading", name=judul))
        blok.get_by_text(f"Beri komentar tentang {judul}").click()
        if bagian:
            blok.get_by_label("Bagian yang dikomentari").select_option(label=bagian)
        blok.get_by_label("Anda memberi komentar sebagai").select_option(index=1)
        blok.get_by_label(label("Komentar")).fill(teks)
        blok.get_by_role("button", name="Kirim komentar").click()
        expect(warga.locator(".alert-success")).to_contain_text("Komentar Anda telah dikirim")

    komentar(
        "Jangka waktu penyelesaian",
        "Satu hari kerja sudah baik; mohon dicantumkan juga bila berkas diserahkan sore hari.",
    )
    komentar("Persyaratan", "Mohon fotokopi tidak diwajibkan bila KTP-el sudah dipindai petugas.")
    mine = list(Komentar.objects.filter(putaran=putaran, penulis__email=WARGA["email"]).order_by("pk"))
    assert [k.kunci for k in mine] == ["jangka_waktu", "persyaratan"]

    # --- The admin unit answers every comment of the round. -----------------------------
    admin = masuk(ADMIN)
    admin.goto(url + f"/ruang-kerja/konsultasi/{putaran.pk}/")
    expect(admin.get_by_role("heading", level=1)).to_be_visible()
    periksa(admin, "j2-kelola-putaran")
    jawaban = {
        mine[0].pk: ("Diterima", "Ditambahkan: berkas yang diterima setelah pukul 14.00 diproses esok hari."),
        mine[1].pk: ("Ditolak", "Fotokopi tetap diperlukan untuk arsip fisik sesuai ketentuan arsip daerah."),
    }
    for k in Komentar.objects.filter(putaran=putaran, induk__isnull=True).exclude(pk__in=jawaban):
        jawaban[k.pk] = ("Di luar lingkup", "Pencetakan mandiri KK diatur Kementerian Dalam Negeri.")
    for pk, (keputusan, alasan) in jawaban.items():
        form = admin.get_by_role("form", name=f"Jawaban atas komentar #{pk}")
        form.get_by_label("Keputusan").select_option(label=keputusan)
        form.get_by_label("Alasan/tindak lanjut").fill(alasan)
        form.get_by_role("button", name="Simpan jawaban").click()
        expect(admin.locator(".alert-success")).to_be_visible()
    expect(admin.locator("main")).not_to_contain_text("Belum dijawab")

    # --- The round ends: the beat job closes it, the version goes to "perbaikan". -------
    assert konsultasi.putaran_close_due(now=putaran.selesai) == 1
    putaran.versi.refresh_from_db()
    assert putaran.versi.status == StatusVersi.PERBAIKAN

    # --- The head decrees and publishes. --------------------------------------------------
    kepala = masuk(KEPALA)
    kepala.goto(url + f"/ruang-kerja/versi/{putaran.versi_id}/")
    periksa(kepala, "j2-versi-perbaikan")
    kepala.get_by_label("Nomor SK").fill(SK)
    hari_ini = timezone.localdate()
    kepala.get_by_label("Tanggal SK").fill(hari_ini.isoformat())
    kepala.get_by_label("Berlaku mulai").fill((hari_ini + timedelta(days=7)).isoformat())
    kepala.get_by_role("button", name="Tetapkan (penetapan oleh kepala unit)").click()
    expect(kepala.locator(".alert-success")).to_contain_text("Ditetapkan")
    kepala.get_by_role("button", name="Terbitkan").click()
    expect(kepala.locator(".alert-success")).to_contain_text("Terbit")
    periksa(kepala, "j2-versi-terbit")

    # --- The citizen reads the answers, downloads the PDF, follows its QR code. ---------
    warga.goto(url + putaran.get_absolute_url())
    for pk, (_keputusan, alasan) in jawaban.items():
        expect(warga.locator(f"#komentar-{pk}")).to_contain_text(alasan)
    periksa(warga, "j2-putaran-hasil", publik=True)
    warga.get_by_role("link", name="Komentar saya").click()
    expect(warga.locator("main")).to_contain_text(jawaban[mine[1].pk][1])
    periksa(warga, "j2-komentar-saya", publik=True)

    warga.goto(url + putaran.versi.standar.get_absolute_url())
    expect(warga.locator("main")).to_contain_text(SK)
    periksa(warga, "j2-standar-terbit", publik=True)
    with warga.expect_download() as unduh:
        warga.get_by_role("link", name="Unduh PDF resmi").click()
    pdf = Path(unduh.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    berkas_pdf = tmp_path / unduh.value.suggested_filename
    berkas_pdf.write_bytes(pdf)

    qr = [t for t in qr_dari_pdf(pdf, tmp_path) if "/verifikasi/" in t]
    assert len(qr) == 1, qr
    assert qr[0].startswith(url), qr
    warga.goto(qr[0])
    expect(warga.locator("#status-dokumen")).to_contain_text("Berlaku (versi terkini)")
    expect(warga.locator("main")).to_contain_text(SK)
    periksa(warga, "j2-verifikasi", publik=True)
    warga.get_by_label("Berkas PDF").set_input_files(str(berkas_pdf))
    warga.get_by_role("button", name="Periksa berkas").click()
    expect(warga.locator("#hasil-periksa")).to_contain_text("Cocok.")
    note_service("chromium-playwright", "journeys with axe-core")
