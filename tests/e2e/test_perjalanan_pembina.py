"""Journey 4, the Pembina: the bupati opens the dashboard from the navigation, starts the
compilation of last year's annual report (the demo has only the last four quarters), watches
the progress bar while a real Celery worker (threads pool, Redis broker, PostgreSQL) compiles
it, sees it reach 100 %, downloads the PDF and the XLSX, goes back to the dashboard, drills
into a unit and writes a recommendation, which the unit's list then shows.

The request is enqueued after the commit (pelayanan.antrean.antrekan) and waits on the broker
until the worker starts: the page shows the report queued, then its progress, then the
finished report. The dashboard, the reports, the progress, the finished report and the unit's
page are checked with axe."""

import re
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from playwright.sync_api import expect

from evaluasi.choices import StatusLaporan
from evaluasi.models import LaporanEvaluasi, Rekomendasi
from pelayanan.celery import app
from pelayanan.models import JejakAudit
from tests.conftest import note_service
from tests.e2e.conftest import label

pytestmark = [pytest.mark.e2e, pytest.mark.services]

PEMBINA = "bupati@sukamajukab.example"
INSTANSI = "Kabupaten Sukamaju"
UNIT = "Rumah Sakit Umum Daerah Sukamaju"
REKOMENDASI = (
    "Waktu tunggu poliklinik rawat jalan agar diturunkan: terapkan antrean daring dan laporkan "
    "hasilnya pada laporan triwulan berikutnya."
)


def _kosongkan_antrean():
    """Purge both queues: a message left by an earlier run would compile another test's ids."""
    with app.connection_for_write() as conn:
        for nama in ("celery", "pdf"):
            conn.default_channel.queue_purge(nama)


@pytest.mark.django_db(transaction=True)
def test_pembina_compiles_a_report_with_a_real_worker_and_recommends_to_a_unit(
    live_server, masuk, periksa, postgres, redis_url, data_awal, demo_portal, tmp_path
):
    from evaluasi import demo as demo_evaluasi

    demo_evaluasi.load()
    tahun = timezone.localdate().year - 1
    assert not LaporanEvaluasi.objects.filter(jenis="tahun", tahun=tahun).exists()

    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    with ExitStack() as tumpukan:
        tumpukan.callback(_kosongkan_antrean)
        tumpukan.callback(app.conf.update, task_always_eager=eager)
        _kosongkan_antrean()

        # --- The dashboard, from the navigation. ------------------------------------------
        page = masuk(PEMBINA)
        page.locator("header").get_by_role("link", name="Dasbor", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kinerja pelayanan")
        expect(page.locator("main .lead")).to_contain_text(INSTANSI)
        periksa(page, "j4-dasbor")

        # --- A compilation started from the reports page. ---------------------------------
        page.locator("main").get_by_role("link", name="Susun laporan").last.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Laporan evaluasi kinerja pelayanan publik")
        periksa(page, "j4-laporan-daftar")
        form = page.locator("form", has=page.get_by_role("button", name="Susun laporan"))
        form.get_by_label(label("Jenis periode")).select_option(label="Tahunan")
        form.get_by_label(label("Ke-")).fill("1")
        form.get_by_label(label("Tahun")).fill(str(tahun))
        form.get_by_role("button", name="Susun laporan").click()
        expect(page.locator(".alert-success")).to_contain_text("Penyusunan laporan dimulai.")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Laporan evaluasi Tahun {tahun}")
        laporan = LaporanEvaluasi.objects.get(jenis="tahun", tahun=tahun, unit__isnull=True)
        assert laporan.status == StatusLaporan.ANTRI  # on the broker, no worker yet
        bar = page.get_by_label("Kemajuan")
        expect(bar).to_have_js_property("value", 0)
        periksa(page, "j4-laporan-antri")

        # --- The worker starts; the page polls status.json until the report is done. -------
        dilihat = []

        def catat(route):
            # Read on the way to the page: the last answer makes it reload, its body then gone.
            jawaban = route.fetch()
            if jawaban.ok:
                dilihat.append(jawaban.json())
            route.fulfill(response=jawaban)

        page.route("**/status.json", catat)
        tumpukan.enter_context(
            # Both queues, as `make worker` runs them (compilation goes to "pdf").
            start_worker(
                app,
                pool="threads",
                concurrency=2,
                perform_ping_check=False,
                shutdown_timeout=60,
                queues=["celery", "pdf"],
            )
        )
        # The script reloads the page when status.json says the report is finished.
        unduh_pdf = page.get_by_role("link", name="Unduh PDF")
        expect(unduh_pdf).to_be_visible(timeout=90_000)
        expect(page.locator("main .badge").first).to_have_text("Selesai")
        assert dilihat, "the page never polled status.json"
        progres = [d["progres"] for d in dilihat]
        assert progres == sorted(progres), progres  # never backwards
        assert (dilihat[-1]["status"], dilihat[-1]["selesai"]) == ("selesai", True), dilihat[-1]
        assert progres[-1] == 100, progres
        laporan.refresh_from_db()
        assert (laporan.status, laporan.progres, laporan.percobaan) == (StatusLaporan.SELESAI, 100, 1)
        assert laporan.dimulai_oleh.email == PEMBINA
        periksa(page, "j4-laporan-selesai")

        # --- The downloads: a PDF, and a workbook openpyxl reads. --------------------------
        with page.expect_download() as unduh:
            unduh_pdf.click()
        assert Path(unduh.value.path()).read_bytes()[:4] == b"%PDF"
        assert unduh.value.suggested_filename.endswith(".pdf")
        with page.expect_download() as unduh:
            page.get_by_role("link", name="Unduh XLSX").click()
        assert unduh.value.suggested_filename.endswith(".xlsx")
        xlsx = tmp_path / unduh.value.suggested_filename
        unduh.value.save_as(xlsx)
        import openpyxl

        buku = openpyxl.load_workbook(xlsx, read_only=True)
        assert buku.sheetnames
        isi = " ".join(
            str(sel)
            for lembar in buku.worksheets
            for baris in lembar.iter_rows(values_only=True)
            for sel in baris
        )
        buku.close()
        assert UNIT in isi

        # --- Back to the dashboard, into one unit, a recommendation. -----------------------
        page.locator("header").get_by_role("link", name="Dasbor", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor kinerja pelayanan")
        page.locator("#tabel-unit").get_by_role("link", name=UNIT).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(UNIT)
        periksa(page, "j4-dasbor-unit")
        tulis = page.get_by_role("form", name="Tulis rekomendasi")
        tulis.get_by_label(label("Rekomendasi")).fill(REKOMENDASI)
        batas = timezone.localdate() + timedelta(days=30)
        tulis.get_by_label(label("Batas waktu")).fill(batas.isoformat())
        tulis.get_by_role("button", name="Kirim rekomendasi").click()
        expect(page.locator(".alert-success")).to_contain_text("Rekomendasi dikirim ke unit.")
        rek = Rekomendasi.objects.get(teks=REKOMENDASI)
        kartu = page.locator(f"#rekomendasi-{rek.pk}")
        expect(kartu).to_contain_text(REKOMENDASI[:40])
        expect(kartu).to_contain_text(re.compile(r"Batas waktu \d+ \w+ \d{4}"))
        assert (rek.unit.nama, rek.dibuat_oleh.email, rek.batas_waktu) == (UNIT, PEMBINA, batas)
        periksa(page, "j4-dasbor-unit-rekomendasi")

    assert JejakAudit.objects.filter(aksi="laporan.selesai", object_id=str(laporan.pk)).count() == 1
    note_service("celery-laporan", "journey 4: report compiled by a real worker behind the browser")
    note_service("chromium-playwright", "journeys with axe-core")
