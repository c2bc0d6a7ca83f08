"""Journey 5, the Survei Kepuasan Masyarakat: the admin of Disdukcapil Sukamaju opens the QR
codes printed for the counters; a citizen scans the one of the KTP-el service on a phone
(the test reads the code off the page, as a phone camera would) and answers the nine
questions, the profile and a suggestion, and is thanked; the same visit cannot answer twice.
The admin then enters the paper questionnaires: a CSV file with one bad row is refused row by
row and nothing is saved; the corrected file is saved; two more sheets go through the fast
grid from the keyboard. The admin ends the survey and publishes it; the citizen finds the
results among the published ones: the IKM and a bar per unsur, from every response.

On the way the citizen first overlooks a question (the error summary takes the focus and leads
to it), the import's row errors take the focus too, and the results table that is wider than
the phone is reached and scrolled from the keyboard. Every page is checked with axe; the
citizen's pages are seen on a 360-px phone."""

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from evaluasi import unsur
from evaluasi.choices import Kanal, StatusPeriode
from evaluasi.models import JawabanSKM, PeriodeSKM
from tests.conftest import note_service
from tests.e2e.conftest import PONSEL, label, tab_ke

pytestmark = [pytest.mark.e2e, pytest.mark.services]

ADMIN = "admin.dukcapil@sukamajukab.example"
UNIT = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sukamaju"
LAYANAN = "Penerbitan KTP Elektronik"
LAYANAN_KK = "Penerbitan Kartu Keluarga"

# The citizen's answers, by unsur, as the labels a citizen picks (and their values 1–4).
JAWABAN_WARGA = {
    "U1": ("Sesuai", 3),
    "U2": ("Sangat mudah", 4),
    "U3": ("Kurang cepat", 2),
    "U4": ("Gratis", 4),
    "U5": ("Sesuai", 3),
    "U6": ("Sangat kompeten", 4),
    "U7": ("Sopan dan ramah", 3),
    "U8": ("Berfungsi kurang maksimal", 3),
    "U9": ("Baik", 3),
}
PROFIL_WARGA = {
    "Usia": ("30–39 tahun", "30-39"),
    "Jenis kelamin": ("Perempuan", "P"),
    "Pendidikan terakhir": ("SMA/sederajat", "sma"),
    "Pekerjaan utama": ("Wirausaha", "wirausaha"),
}
SARAN = "Antrean perekaman KTP-el pagi hari panjang; mohon nomor antrean bisa diambil daring."

# Paper questionnaires in the CSV file (u1..u9 by unsur code, as the import page explains).
KERTAS_CSV = [
    {
        "layanan": LAYANAN,
        "u": (4, 3, 3, 4, 3, 4, 4, 3, 3),
        "usia": "40-49",
        "jenis_kelamin": "L",
        "nomor_lembar": "K-101",
    },
    {
        "layanan": LAYANAN,
        "u": (3, 3, 2, 4, 3, 3, 4, 3, 3),
        "pendidikan": "s1",
        "saran": "Ruang tunggu sejuk.",
        "nomor_lembar": "K-102",
    },
    {"layanan": LAYANAN_KK, "u": (4, 4, 3, 4, 4, 4, 4, 3, 4), "pekerjaan": "pns", "nomor_lembar": "K-103"},
]
# The same file with one mistake: the third sheet's U9 read as 5 (line 4 of the file).
BARIS_SALAH = 2
# Sheets typed into the grid, digits in the order of the printed questions (8 = U9, 9 = U8).
KERTAS_GRID = [("K-201", "443433434"), ("K-202", "332432323")]


def _teks_qr(png: bytes) -> list[str]:
    """The texts of the QR codes in a screenshot (zxing reads, as a phone camera would)."""
    import zxingcpp
    from PIL import Image

    return [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _pertanyaan(page: Page, nomor: int):
    """Question `nomor` of the questionnaire: a group named by its number and question."""
    return page.get_by_role("group", name=re.compile(rf"^{nomor}\. "))


def _isi_kuesioner(page: Page, lewati: str | None = None) -> None:
    """Answer the nine questions but the unsur `lewati` (checking each offers its unsur's
    four answers), the optional profile and the suggestion."""
    for nomor, u in enumerate(unsur.URUTAN_KUESIONER, start=1):
        grup = _pertanyaan(page, nomor)
        expect(grup).to_contain_text(str(u.pertanyaan))
        expect(grup.get_by_role("radio")).to_have_count(4)
        for teks in u.jawaban:
            expect(grup.get_by_role("radio", name=str(teks), exact=True)).to_have_count(1)
        if u.kode != lewati:
            grup.get_by_role("radio", name=JAWABAN_WARGA[u.kode][0], exact=True).check()
    for nama, (pilihan, _nilai) in PROFIL_WARGA.items():
        page.get_by_label(label(nama)).select_option(label=pilihan)
    page.get_by_label("Saran atau masukan untuk perbaikan pelayanan").fill(SARAN)


def _csv(header: list[str], baris: list[dict], salah: int | None = None) -> bytes:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, extrasaction="raise")
    w.writeheader()
    for i, b in enumerate(baris):
        nilai = list(b["u"])
        if i == salah:
            nilai[8] = 5  # U9
        w.writerow({**{k: v for k, v in b.items() if k != "u"}, **dict(zip(unsur.KOLOM, nilai, strict=True))})
    return out.getvalue().encode()


def _angka(d: Decimal) -> str:
    """A two-decimal number as the Indonesian pages show it."""
    return f"{d:.2f}".replace(".", ",")


def _dua_desimal(x: Fraction) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.django_db(transaction=True)
def test_citizen_answers_by_qr_staff_enter_paper_sheets_and_publish_the_ikm(
    live_server, konteks, masuk, periksa, postgres, demo_portal, tmp_path
):
    from evaluasi import demo as demo_evaluasi

    demo_evaluasi.load()
    url = live_server.url
    periode = PeriodeSKM.objects.get(unit__slug="disdukcapil-sukamaju", status=StatusPeriode.BERJALAN)
    jawaban = JawabanSKM.objects.filter(periode=periode)
    awal = jawaban.count()
    assert awal > 0  # the demo's survey is running, short of its sample

    # --- The admin opens the QR codes to print, from the unit's page. ---------------------
    staf = masuk(ADMIN)
    staf.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Unit saya").click()
    staf.locator("#unit").get_by_role("link", name=UNIT).click()
    staf.get_by_role("link", name="Kelola survei kepuasan").click()
    expect(staf.get_by_role("heading", level=1)).to_have_text("Survei Kepuasan Masyarakat")
    periksa(staf, "j5-skm-unit")
    staf.get_by_role("link", name="Kode QR kuesioner untuk dicetak").click()
    expect(staf.get_by_role("heading", level=1)).to_have_text("Kode QR kuesioner untuk dicetak")
    periksa(staf, "j5-skm-qr")
    kartu = staf.locator(".qr-kartu", has_text=LAYANAN)
    gambar = kartu.get_by_role("img", name=re.compile(r"^Kode QR menuju "))
    tautan = _teks_qr(gambar.screenshot())
    assert len(tautan) == 1, tautan
    tautan = tautan[0]
    kode = periode.unit.layanan_set.get(nama=LAYANAN).tautan_skm.kode
    assert tautan == f"{url}/skm/{kode}/", tautan
    expect(kartu.locator(".qr-kode")).to_have_text(tautan)  # the same link, printed to type
    expect(gambar).to_have_accessible_name(f"Kode QR menuju {tautan}")

    # --- A citizen scans it on a phone: the questionnaire of that service. ---------------
    ponsel = konteks(PONSEL, is_mobile=True, has_touch=True)
    warga = ponsel.new_page()
    warga.goto(tautan)
    expect(warga.get_by_role("heading", level=1)).to_have_text(LAYANAN)
    expect(warga.locator("main")).to_contain_text(f"{UNIT} · Periode {periode.label}")
    periksa(warga, "j5-kuesioner")
    # The same code scanned again a moment later: a second tab of the same visit.
    tab_lain = ponsel.new_page()
    tab_lain.goto(tautan)
    expect(tab_lain.get_by_role("button", name="Kirim jawaban")).to_be_visible()

    # Question 3 overlooked: the form comes back with the summary in focus, the question
    # described by its error, every other answer kept.
    _isi_kuesioner(warga, lewati="U3")
    warga.get_by_role("button", name="Kirim jawaban").click()
    ringkasan = warga.get_by_role("alert").filter(has_text="Periksa kembali isian Anda:")
    expect(ringkasan).to_be_focused()
    expect(ringkasan.get_by_role("link")).to_have_text(["Pertanyaan 3: Pilih salah satu jawaban."])
    periksa(warga, "j5-kuesioner-galat")
    ringkasan.get_by_role("link").click()
    soal_3 = _pertanyaan(warga, 3)
    expect(soal_3).to_have_accessible_description("Pilih salah satu jawaban.")
    expect(soal_3).to_be_in_viewport()
    expect(
        _pertanyaan(warga, 1).get_by_role("radio", name=JAWABAN_WARGA["U1"][0], exact=True)
    ).to_be_checked()
    expect(warga.get_by_label("Saran atau masukan untuk perbaikan pelayanan")).to_have_value(SARAN)
    assert jawaban.count() == awal
    soal_3.get_by_role("radio", name=JAWABAN_WARGA["U3"][0], exact=True).check()
    periksa(warga, "j5-kuesioner-terisi")
    warga.get_by_role("button", name="Kirim jawaban").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Terima kasih")
    expect(warga.locator("main")).to_contain_text(
        f"Jawaban Anda tentang layanan {LAYANAN} di {UNIT} telah kami terima."
    )
    periksa(warga, "j5-terima-kasih")
    assert jawaban.count() == awal + 1
    j = jawaban.order_by("-pk").first()
    assert (j.kanal, j.layanan.nama, j.saran, j.dimasukkan_oleh) == (Kanal.ONLINE, LAYANAN, SARAN, None)
    assert {u.kode: getattr(j, u.kolom) for u in unsur.UNSUR} == {
        k: v for k, (_t, v) in JAWABAN_WARGA.items()
    }
    assert [j.usia, j.jenis_kelamin, j.pendidikan, j.pekerjaan] == [v for _t, v in PROFIL_WARGA.values()]

    # The second tab sends its answers too: refused politely, nothing saved.
    _isi_kuesioner(tab_lain)
    tab_lain.get_by_role("button", name="Kirim jawaban").click()
    expect(tab_lain.get_by_role("status")).to_have_text(
        "Anda sudah mengisi survei untuk layanan ini pada periode ini. Terima kasih."
    )
    expect(tab_lain.get_by_role("button", name="Kirim jawaban")).to_have_count(0)
    assert jawaban.count() == awal + 1
    tab_lain.close()
    # Scanning once more shows the same, without the questionnaire.
    warga.goto(tautan)
    expect(warga.get_by_role("status")).to_contain_text("Anda sudah mengisi survei untuk layanan ini")
    expect(warga.get_by_role("radio")).to_have_count(0)
    periksa(warga, "j5-sudah-mengisi")

    # --- The admin opens the period: the response and its suggestion are there. ----------
    staf.get_by_role("navigation", name="Remah roti").get_by_role(
        "link", name=re.compile("^Survei kepuasan")
    ).click()
    staf.get_by_role("link", name=periode.label, exact=True).click()
    expect(staf.get_by_role("heading", level=1)).to_have_text(f"Survei kepuasan {periode.label}")
    responden = staf.locator("#metode dt", has_text="Responden sejauh ini").locator("+ dd")
    expect(responden).to_contain_text(f"{awal + 1} (")
    expect(staf.get_by_role("region", name="Saran terbaru dari responden")).to_contain_text(SARAN)
    periksa(staf, "j5-skm-periode")

    # --- Paper questionnaires by CSV: the template, a file with a bad row, the fix. -------
    staf.get_by_role("link", name="Impor CSV").click()
    expect(staf.get_by_role("heading", level=1)).to_have_text("Impor kuesioner kertas dari CSV")
    periksa(staf, "j5-impor")
    with staf.expect_download() as unduh:
        staf.get_by_role("link", name="Unduh contoh berkas").click()
    contoh = Path(unduh.value.path()).read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(contoh)))
    assert set(unsur.KOLOM) <= set(header), header
    salah = tmp_path / "kuesioner-kertas.csv"
    salah.write_bytes(_csv(header, KERTAS_CSV, salah=BARIS_SALAH))
    staf.get_by_label(label("Berkas CSV")).set_input_files(str(salah))
    staf.get_by_role("button", name="Impor", exact=True).click()
    galat = staf.get_by_role("alert").filter(has_text="tidak ada jawaban yang disimpan")
    expect(galat).to_contain_text("1 kesalahan; tidak ada jawaban yang disimpan.")
    expect(galat).to_be_focused()  # a keyboard or screen-reader user lands on the problem
    baris = galat.get_by_role("table", name="Kesalahan per baris").get_by_role("row")
    expect(baris).to_have_count(2)  # the header and one problem
    expect(baris.nth(1).get_by_role("cell")).to_have_text(
        [str(BARIS_SALAH + 2), "u9", "U9 harus 1, 2, 3 atau 4 (tertulis “5”)."]
    )
    periksa(staf, "j5-impor-galat")
    assert jawaban.count() == awal + 1  # nothing of the file was saved

    benar = tmp_path / "kuesioner-kertas-perbaikan.csv"
    benar.write_bytes(_csv(header, KERTAS_CSV))
    staf.get_by_label(label("Berkas CSV")).set_input_files(str(benar))
    staf.get_by_role("button", name="Impor", exact=True).click()
    expect(staf.locator(".alert-success")).to_contain_text(f"{len(KERTAS_CSV)} jawaban diimpor.")
    expect(staf.get_by_role("heading", level=1)).to_have_text(f"Survei kepuasan {periode.label}")
    n = awal + 1 + len(KERTAS_CSV)
    expect(responden).to_contain_text(f"{n} (")
    assert jawaban.count() == n
    impor = list(jawaban.filter(nomor_lembar__startswith="K-1").order_by("nomor_lembar"))
    assert [(x.nomor_lembar, x.layanan.nama, x.kanal, x.dimasukkan_oleh.email) for x in impor] == [
        (b["nomor_lembar"], b["layanan"], Kanal.KERTAS, ADMIN) for b in KERTAS_CSV
    ]
    assert [tuple(getattr(x, k) for k in unsur.KOLOM) for x in impor] == [b["u"] for b in KERTAS_CSV]

    # --- Two more sheets through the fast grid, from the keyboard. ------------------------
    staf.get_by_role("link", name="Masukkan kuesioner kertas").click()
    expect(staf.get_by_role("heading", level=1)).to_have_text("Masukkan kuesioner kertas")
    staf.get_by_label(label("Layanan")).select_option(label=LAYANAN)
    for i, (lembar, angka) in enumerate(KERTAS_GRID, start=1):
        staf.get_by_label(f"Baris {i}, nomor lembar").fill(lembar)
        staf.get_by_label(re.compile(rf"^Baris {i}, pertanyaan 1 ")).focus()
        staf.keyboard.type(angka)  # the focus moves on by itself after each answer
        terakhir = staf.get_by_label(re.compile(rf"^Baris {i}, pertanyaan 9 "))
        expect(terakhir).to_have_value(angka[-1])
        expect(terakhir).to_be_focused()
    periksa(staf, "j5-kertas")
    staf.get_by_role("button", name="Simpan semua lembar").click()
    expect(staf.locator(".alert-success")).to_contain_text(f"{len(KERTAS_GRID)} lembar kuesioner disimpan.")
    n += len(KERTAS_GRID)
    assert jawaban.count() == n
    for lembar, angka in KERTAS_GRID:
        x = jawaban.get(nomor_lembar=lembar)
        # Typed in the order of the printed questions: the 8th digit is U9, the 9th U8.
        assert {u.kode: getattr(x, u.kolom) for u in unsur.UNSUR} == {
            u.kode: int(angka[u.urutan_kuesioner - 1]) for u in unsur.UNSUR
        }
        assert (x.kanal, x.layanan.nama) == (Kanal.KERTAS, LAYANAN)

    # --- The admin ends the survey and publishes the results. ----------------------------
    staf.get_by_role("link", name="Kembali ke periode").click()
    expect(responden).to_contain_text(f"{n} (")
    staf.get_by_role("button", name="Akhiri survei").click()
    expect(staf.locator(".alert-success")).to_contain_text("Status periode kini: Selesai.")
    staf.get_by_role("button", name="Terbitkan hasil").click()
    expect(staf.get_by_role("status").first).to_have_text(
        "Hasil survei diterbitkan dan kini tampil di halaman publik."
    )
    expect(staf.get_by_role("link", name="Lihat halaman publik")).to_be_visible()
    periksa(staf, "j5-skm-periode-terbit")
    periode.refresh_from_db()
    assert (periode.status, periode.diterbitkan) == (StatusPeriode.SELESAI, True)

    # --- The citizen finds the published results: the IKM and a bar per unsur. ----------
    rows = list(jawaban.values_list(*unsur.KOLOM))
    assert len(rows) == n
    nrr = [Fraction(sum(r[i] for r in rows), n) for i in range(unsur.JUMLAH)]
    ikm = _dua_desimal(sum(nrr) / unsur.JUMLAH * 25)

    warga.get_by_role("link", name="Lihat hasil survei yang telah diumumkan").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Hasil Survei Kepuasan Masyarakat")
    baris_hasil = (
        warga.get_by_role("row")
        .filter(has=warga.get_by_role("link", name=UNIT))
        .filter(has_text=periode.label)
    )
    expect(baris_hasil).to_have_count(1)
    expect(baris_hasil).to_contain_text(_angka(ikm))
    periksa(warga, "j5-hasil-daftar", publik=True)
    baris_hasil.get_by_role("link", name=UNIT).click()
    expect(warga.get_by_role("heading", level=1)).to_have_text(UNIT)
    expect(warga.locator("main")).to_contain_text(f"Periode {periode.label}")
    expect(warga.locator(".skm-ikm")).to_have_text(_angka(ikm))
    mutu = next(
        h for batas, h in ((88.31, "A"), (76.61, "B"), (65, "C"), (0, "D")) if ikm >= Decimal(str(batas))
    )
    expect(warga.locator(".skm-mutu")).to_have_text(mutu)
    tabel_unsur = warga.get_by_role("table", name="Nilai rata-rata (NRR) per unsur pelayanan")
    expect(tabel_unsur.locator("tfoot")).to_contain_text(f"IKM ({n} responden)")
    batang = warga.locator(".skm-batang li")
    expect(batang).to_have_count(unsur.JUMLAH)
    for i, u in enumerate(unsur.UNSUR):
        konversi = _dua_desimal(nrr[i] * 25)
        b = batang.nth(i)
        expect(b.locator(".skm-batang-label")).to_have_text(f"{u.kode} {u.label}")
        expect(b.locator(".skm-batang-nilai")).to_have_text(
            f"{_angka(_dua_desimal(nrr[i]))} · {_angka(konversi)}"
        )
        isi = b.locator(".skm-batang-isi").bounding_box()["width"]
        jalur = b.locator(".skm-batang-jalur").bounding_box()["width"]
        assert abs(isi / jalur * 100 - float(konversi)) <= 1, (u.kode, isi, jalur, konversi)
    # The per-service table is wider than the phone: the keyboard reaches it and scrolls it.
    per_layanan = warga.get_by_role("region", name=re.compile(r"^IKM tiap layanan\."))
    assert per_layanan.evaluate("el => el.scrollWidth > el.clientWidth")
    tab_ke(warga, per_layanan)
    warga.keyboard.press("ArrowRight")
    expect(per_layanan).not_to_have_js_property("scrollLeft", 0)
    periksa(warga, "j5-hasil", publik=True)
    note_service("chromium-playwright", "journeys with axe-core")
