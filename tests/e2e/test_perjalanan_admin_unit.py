"""Journey 1, the admin unit: logs in, writes a complete standard component by component
(a procedure with its steps, a fee with the regulation that sets it), sees the completeness
reach 14 of 14, and opens a comment round. Every form on the way is checked with axe, and a
mistake in the fee is shown next to its field, where a screen reader announces it."""

import pytest
from playwright.sync_api import Page, expect

from standar.choices import StatusVersi
from standar.models import PutaranKonsultasi, VersiStandar
from tests.conftest import note_service
from tests.e2e.conftest import label

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ADMIN = "admin.dpmptsp@sukamajukab.example"
LAYANAN = "Izin Penyelenggaraan Reklame"


def _baris(page: Page, judul: str, n: int):
    """The n-th item row (1-based) of a component's list: a fieldset named after the item."""
    return page.get_by_role("group", name=judul).nth(n - 1)


def _simpan_lanjut(page: Page, berikut: str) -> None:
    page.get_by_role("button", name=f"Simpan, lanjut ke {berikut}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ubah komponen: {berikut}")


def _isi_baris(page: Page, judul: str, baris: list[dict]) -> None:
    for n, isian in enumerate(baris, start=1):
        kotak = _baris(page, judul, n)
        for field, nilai in isian.items():
            kontrol = kotak.get_by_label(label(field))
            if isinstance(nilai, bool):
                kontrol.set_checked(nilai)
            elif kontrol.evaluate("el => el.tagName") == "SELECT":
                kontrol.select_option(label=nilai)
            else:
                kontrol.fill(str(nilai))


@pytest.mark.django_db(transaction=True)
def test_admin_unit_writes_a_complete_standard_and_opens_a_comment_round(
    live_server, konteks, masuk, periksa, postgres, demo
):
    page = masuk(ADMIN)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Unit saya").click()
    expect(page.get_by_role("heading", name="Ruang kerja")).to_be_visible()
    periksa(page, "j1-ruang-kerja")

    page.locator("main").get_by_role("link", name="Standar pelayanan", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standar pelayanan")
    periksa(page, "j1-standar-unit")
    page.get_by_role("button", name=f"Buat draf baru — {LAYANAN}").click()
    expect(page.locator(".alert-success")).to_contain_text("Draf versi 1")
    expect(page.locator("#kelengkapan-teks")).to_contain_text("0 dari 14")
    periksa(page, "j1-draf-kosong")

    # Component by component, from the first, each time "save and go on to the next".
    page.get_by_role("link", name="Ubah Persyaratan").click()
    periksa(page, "j1-komponen-persyaratan")
    _isi_baris(
        page,
        "Persyaratan baru",
        [
            {"Persyaratan": "Formulir permohonan izin reklame", "Jenis": "Administratif"},
            {"Persyaratan": "Desain dan ukuran reklame", "Jenis": "Teknis"},
            {"Persyaratan": "Bukti kepemilikan atau sewa lahan titik reklame", "Jenis": "Administratif"},
        ],
    )
    _simpan_lanjut(page, "Sistem, mekanisme, dan prosedur")

    _isi_baris(
        page,
        "Langkah baru",
        [
            {
                "Pelaksana": "Pemohon",
                "Kegiatan": "Mengajukan permohonan melalui loket atau daring",
                "Durasi": 15,
                "Satuan durasi": "menit",
            },
            {
                "Pelaksana": "Petugas teknis",
                "Kegiatan": "Memeriksa lokasi dan desain reklame",
                "Durasi": 3,
                "Satuan durasi": "hari kerja",
            },
            {
                "Pelaksana": "Kepala Dinas",
                "Kegiatan": "Menandatangani izin secara elektronik",
                "Durasi": 1,
                "Satuan durasi": "hari kerja",
            },
        ],
    )
    periksa(page, "j1-komponen-prosedur")
    _simpan_lanjut(page, "Jangka waktu penyelesaian")

    page.get_by_label(label("Jumlah")).fill("5")
    page.get_by_label(label("Satuan")).select_option(label="hari kerja")
    _simpan_lanjut(page, "Biaya/tarif")

    # A fee without the regulation that sets it is refused, next to the field.
    _isi_baris(
        page,
        "Tarif baru",
        [{"Uraian": "Retribusi pemanfaatan aset daerah untuk titik reklame (per m² per tahun)"}],
    )
    _baris(page, "Tarif baru", 1).get_by_label(label("Jumlah (rupiah)")).fill("150000")
    page.get_by_role("button", name="Simpan", exact=True).click()
    dasar = _baris(page, "Tarif baru", 1).get_by_label(label("Dasar penetapan tarif"))
    expect(dasar).to_have_attribute("aria-invalid", "true")
    expect(dasar).to_be_focused()  # the correction starts where the problem is
    galat_id = dasar.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"[id='{galat_id}']")).to_have_text("Wajib diisi.")
    expect(page.get_by_role("alert").first).to_contain_text("Belum disimpan")
    periksa(page, "j1-komponen-biaya-galat")
    dasar.fill("Peraturan Daerah Kabupaten Sukamaju Nomor 1 Tahun 2024")
    _simpan_lanjut(page, "Produk pelayanan")

    _isi_baris(page, "Butir baru", [{"Uraian": "Surat Izin Penyelenggaraan Reklame"}])
    _simpan_lanjut(page, "Penanganan pengaduan, saran, dan masukan")

    _isi_baris(
        page,
        "Kanal baru",
        [
            {"Kanal": "Telepon", "Nomor, alamat, atau tautan": "0271 555 209"},
            {"Kanal": "SP4N-LAPOR!", "Nomor, alamat, atau tautan": "https://www.lapor.go.id"},
        ],
    )
    page.get_by_label(label("Tata cara penanganan pengaduan")).fill(
        "Pengaduan dijawab paling lambat 5 hari kerja."
    )
    _simpan_lanjut(page, "Dasar hukum")

    _isi_baris(
        page,
        "Peraturan baru",
        [
            {"Jenis peraturan": "Undang-Undang", "Nomor": "25", "Tahun": 2009, "Tentang": "Pelayanan Publik"},
            {
                "Jenis peraturan": "Peraturan Daerah",
                "Nomor": "1",
                "Tahun": 2024,
                "Tentang": "Pajak Daerah dan Retribusi Daerah",
            },
        ],
    )
    _simpan_lanjut(page, "Sarana, prasarana, dan/atau fasilitas")

    _isi_baris(
        page,
        "Sarana baru",
        [
            {"Sarana/prasarana/fasilitas": "Loket pelayanan di Mal Pelayanan Publik"},
            {"Sarana/prasarana/fasilitas": "Loket prioritas dan kursi roda", "Untuk kelompok rentan": True},
        ],
    )
    _simpan_lanjut(page, "Kompetensi pelaksana")

    _isi_baris(page, "Butir baru", [{"Uraian": "Memahami ketentuan penyelenggaraan reklame"}])
    _simpan_lanjut(page, "Pengawasan internal")

    page.get_by_label(label("Uraian")).fill("Pengawasan oleh Kepala Bidang Perizinan secara berkala.")
    _simpan_lanjut(page, "Jumlah pelaksana")

    page.get_by_label(label("Jumlah pelaksana")).fill("3")
    _isi_baris(
        page,
        "Rincian baru",
        [{"Peran/jabatan": "Petugas loket", "Jumlah": 2}, {"Peran/jabatan": "Petugas teknis", "Jumlah": 1}],
    )
    _simpan_lanjut(page, "Jaminan pelayanan")

    page.get_by_label(label("Uraian")).fill("Izin terbit paling lambat 5 hari kerja sejak berkas lengkap.")
    _simpan_lanjut(page, "Jaminan keamanan dan keselamatan pelayanan")

    page.get_by_label(label("Uraian")).fill("Data pemohon dijaga kerahasiaannya.")
    _simpan_lanjut(page, "Evaluasi kinerja pelaksana")

    page.get_by_label(label("Uraian")).fill("Evaluasi kinerja melalui survei kepuasan masyarakat.")
    page.get_by_label(label("Periode evaluasi")).select_option(label="6 bulan")
    periksa(page, "j1-komponen-evaluasi")
    page.get_by_role("button", name="Simpan", exact=True).click()

    # Back on the version: 14 of 14, the procedure and the fee as written.
    expect(page.locator("#kelengkapan-teks")).to_contain_text("14 dari 14")
    expect(page.locator(".badge", has_text="belum lengkap")).to_have_count(0)
    expect(page.locator("#komponen-prosedur")).to_contain_text("Petugas teknis: Memeriksa lokasi")
    expect(page.locator("#komponen-biaya")).to_contain_text("Rp 150.000")
    periksa(page, "j1-draf-lengkap")

    # Open the comment round, with the defaults offered (7 working days).
    page.get_by_role("link", name="Ajukan ke konsultasi publik").click()
    periksa(page, "j1-buka-konsultasi")
    page.get_by_label("Penjelasan untuk publik").fill(
        "Mohon tanggapan atas rancangan standar izin reklame, terutama retribusi dan jangka waktunya."
    )
    page.get_by_role("button", name="Buka putaran konsultasi").click()
    expect(page.locator(".alert-success")).to_contain_text("Putaran konsultasi dibuka")
    periksa(page, "j1-kelola-putaran")

    versi = VersiStandar.objects.get(standar__layanan__nama=LAYANAN)
    assert versi.status == StatusVersi.KONSULTASI
    putaran = PutaranKonsultasi.objects.get(versi=versi)
    assert putaran.ditutup_pada is None
    rows = {r.kunci: r.isi for r in versi.komponen_set.all()}
    assert [i["pelaksana"] for i in rows["prosedur"]["items"]] == [
        "Pemohon",
        "Petugas teknis",
        "Kepala Dinas",
    ]
    assert rows["biaya"]["items"][0]["jumlah"] == 150000

    # The public sees the draft in the list of open consultations.
    publik = konteks().new_page()
    publik.goto(live_server.url + "/konsultasi/")
    expect(publik.locator("main")).to_contain_text(LAYANAN)
    periksa(publik, "j1-konsultasi-publik", publik=True)
    note_service("chromium-playwright", "journeys with axe-core")
