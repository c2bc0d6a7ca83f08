"""Pages of the compiled reports: who sees and does what (a Pembina of another instansi
nothing), the start form, live status, failure and restart, downloads through the policy,
the reporting line, no inline script or style, and exact query counts."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.urls import reverse

from evaluasi import kompilasi
from evaluasi.choices import StatusLaporan, SumberLaporan
from evaluasi.models import LaporanEvaluasi, PengantarLaporan, TinjauanPembina
from tests.evaluasi.laporan_helpers import JENIS, KE, TAHUN, dunia_laporan, kepatuhan_tetap
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

# Queries per page, whatever the number of reports and units. A signed-in request reads its
# session and user (2) and runs in a savepoint pair (ATOMIC_REQUESTS, 2); the policy reads
# the user's grants once (1). List: the instansi, the page count, the page of reports (with
# unit, cover note and review joined), the units of the start form = 4 + 5. Detail: the
# report with its instansi, unit, requester, cover note, review and their authors (1) + 5;
# everything shown comes from the frozen snapshot.
LIST_QUERIES = 9
DETAIL_QUERIES = 6


@pytest.fixture
def dunia(monkeypatch):
    d = dunia_laporan()
    monkeypatch.setattr(
        kompilasi,
        "kepatuhan_per_unit",
        kepatuhan_tetap({d.a.pk: ("87.50", "hijau"), d.b.pk: ("40.00", "merah")}),
    )
    return d


def login(client, user):
    assert client.login(username=user.email, password=TEST_PASSWORD)


def laporan_selesai(dunia, ke=KE, unit=None) -> LaporanEvaluasi:
    laporan, _ = kompilasi.laporan_minta(
        instansi=dunia.x, unit=unit, jenis=JENIS, tahun=TAHUN, ke=ke, sumber=SumberLaporan.JADWAL
    )
    assert kompilasi.laporan_susun(laporan.pk)
    laporan.refresh_from_db()
    return laporan


def list_url(dunia):
    return reverse("evaluasi:laporan_list", kwargs={"instansi": dunia.x.slug})


def url(nama, laporan, **kw):
    return reverse(f"evaluasi:{nama}", kwargs={"pk": laporan.pk, **kw})


# --- access ----------------------------------------------------------------------------------


def test_visitors_are_sent_to_login(client, dunia):
    laporan = laporan_selesai(dunia)
    for u in (
        list_url(dunia),
        url("laporan", laporan),
        url("laporan_unduh", laporan, format="pdf"),
    ):
        r = client.get(u)
        assert r.status_code == 302
        assert reverse("pelayanan:login") in r["Location"]
    assert client.get(url("laporan_status", laporan)).status_code == 403


@pytest.mark.parametrize("peran", ["pembina_instansi_lain", "admin_unit", "kepala_unit", "warga"])
def test_others_get_nothing_anywhere(client, dunia, peran):
    laporan = laporan_selesai(dunia)
    login(client, dunia[peran])
    gets = [
        list_url(dunia),
        url("laporan", laporan),
        url("laporan_status", laporan),
        url("laporan_unduh", laporan, format="pdf"),
        url("laporan_unduh", laporan, format="xlsx"),
    ]
    for u in gets:
        assert client.get(u).status_code in (403, 404), u
    posts = [
        (list_url(dunia), {"jenis": JENIS, "tahun": TAHUN, "ke": 2}),
        (url("laporan_ulang", laporan), {}),
        (url("laporan_ajukan", laporan), {"ajukan-catatan": "x"}),
        (url("laporan_tinjau", laporan), {"tinjau-catatan": "x"}),
    ]
    for u, data in posts:
        assert client.post(u, data).status_code in (403, 404), u
    assert LaporanEvaluasi.objects.count() == 1
    assert not PengantarLaporan.objects.exists()
    assert not TinjauanPembina.objects.exists()


def test_evaluator_reads_but_does_not_start(client, dunia):
    laporan_selesai(dunia)
    login(client, dunia["evaluator"])
    r = client.get(list_url(dunia))
    assert r.status_code == 200
    assert "Triwulan III 2026" in r.content.decode()
    assert 'name="jenis"' not in r.content.decode()
    assert client.post(list_url(dunia), {"jenis": JENIS, "tahun": TAHUN, "ke": 2}).status_code == 403


# --- the list and the start form -------------------------------------------------------------


def test_start_form_creates_one_report_and_a_second_click_finds_it(
    client, dunia, django_capture_on_commit_callbacks
):
    login(client, dunia["penanggung_jawab"])
    r = client.get(list_url(dunia))
    html = r.content.decode()
    assert r.status_code == 200
    assert 'name="jenis"' in html
    assert "Seluruh unit instansi" in html
    data = {"jenis": JENIS, "tahun": TAHUN, "ke": KE, "unit": ""}
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(list_url(dunia), data)
    laporan = LaporanEvaluasi.objects.get()
    assert r.status_code == 302
    assert r["Location"] == url("laporan", laporan)
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.SELESAI
    assert laporan.dimulai_oleh == dunia["penanggung_jawab"]
    r = client.post(list_url(dunia), data, follow=True)
    assert r.redirect_chain[-1][0] == url("laporan", laporan)
    assert "sudah ada" in r.content.decode()
    assert LaporanEvaluasi.objects.count() == 1
    # One unit only.
    client.post(list_url(dunia), {**data, "unit": dunia.b.pk})
    assert LaporanEvaluasi.objects.filter(unit=dunia.b).count() == 1


def test_start_form_errors_in_indonesian(client, dunia):
    login(client, dunia["pembina"])
    r = client.post(list_url(dunia), {"jenis": "bulan", "tahun": 2099, "ke": 1})
    assert r.status_code == 400
    assert "belum dimulai" in r.content.decode()
    r = client.post(list_url(dunia), {"jenis": "triwulan", "tahun": 2026, "ke": 7})
    assert r.status_code == 400
    assert "ke-1 sampai ke-4" in r.content.decode()
    r = client.post(list_url(dunia), {"jenis": "triwulan", "tahun": 2026, "ke": 1, "unit": dunia.c.pk})
    assert r.status_code == 400  # a unit of another instansi is not a choice
    assert not LaporanEvaluasi.objects.exists()


def test_list_shows_status_and_reporting_line(client, dunia):
    selesai = laporan_selesai(dunia)
    kompilasi.pengantar_ajukan(laporan=selesai, catatan="Terlampir.", oleh=dunia["penanggung_jawab"])
    kompilasi.laporan_minta(instansi=dunia.x, unit=dunia.a, jenis=JENIS, tahun=TAHUN, ke=2, sumber="jadwal")
    login(client, dunia["pembina"])
    html = client.get(list_url(dunia)).content.decode()
    assert "Diajukan kepada Pembina" in html
    assert "Dalam antrean" in html
    assert "Dinas A" in html


# --- one report ------------------------------------------------------------------------------


def test_running_report_page_polls_its_status(client, dunia):
    laporan, _ = kompilasi.laporan_minta(instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=KE, sumber="jadwal")
    LaporanEvaluasi.objects.filter(pk=laporan.pk).update(status="berjalan", progres=45, langkah="pengaduan")
    login(client, dunia["penanggung_jawab"])
    html = client.get(url("laporan", laporan)).content.decode()
    assert f'data-laporan-status-url="{url("laporan_status", laporan)}"' in html
    assert '<progress id="progres-laporan" class="laporan-bar" max="100" value="45">' in html
    assert "Menghitung pengaduan" in html
    assert 'aria-live="polite"' in html
    assert "Muat ulang" in html
    assert "js/laporan-progres.js" in html
    data = client.get(url("laporan_status", laporan)).json()
    assert data == {
        "status": "berjalan",
        "status_label": "Sedang disusun",
        "progres": 45,
        "langkah": "Menghitung pengaduan",
        "selesai": False,
    }
    r = client.get(url("laporan_status", laporan))
    assert r["Cache-Control"] == "private, no-store"
    assert client.get(url("laporan_unduh", laporan, format="pdf")).status_code == 404


def test_failed_report_shows_the_reason_and_susun_ulang(
    client, dunia, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(kompilasi, "buat_pdf", lambda c: 1 / 0)
    laporan, _ = kompilasi.laporan_minta(instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=KE, sumber="jadwal")
    kompilasi.laporan_susun(laporan.pk)
    login(client, dunia["evaluator"])
    html = client.get(url("laporan", laporan)).content.decode()
    assert "Laporan gagal disusun" in html
    assert "Menyusun berkas PDF" in html
    assert "Susun ulang" not in html  # the evaluator may not restart it
    assert client.get(url("laporan_status", laporan)).json()["selesai"] is True
    client.logout()
    login(client, dunia["penanggung_jawab"])
    html = client.get(url("laporan", laporan)).content.decode()
    assert url("laporan_ulang", laporan) in html
    assert "Susun ulang" in html
    monkeypatch.undo()
    monkeypatch.setattr(
        kompilasi,
        "kepatuhan_per_unit",
        kepatuhan_tetap({dunia.a.pk: ("87.50", "hijau"), dunia.b.pk: ("40.00", "merah")}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url("laporan_ulang", laporan))
    assert r.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.SELESAI
    assert laporan.percobaan == 2
    # A second "Susun ulang" on a finished report is refused with a message.
    r = client.post(url("laporan_ulang", laporan), follow=True)
    assert "Hanya laporan yang gagal" in r.content.decode()


def test_finished_report_page_shows_the_snapshot_and_downloads(client, dunia):
    laporan = laporan_selesai(dunia)
    login(client, dunia["evaluator"])
    r = client.get(url("laporan", laporan))
    html = r.content.decode()
    assert r.status_code == 200
    assert r["Cache-Control"] == "private, no-store"
    for teks in ("63,75", "75,00", "87,50", "66,67%", "Zona hijau", "Zona merah", "Dinas A", "Dinas B"):
        assert teks in html, teks
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img"' in html
    assert url("laporan_unduh", laporan, format="pdf") in html
    assert url("laporan_unduh", laporan, format="xlsx") in html
    assert "/media/" not in html
    assert "laporan-progres.js" not in html
    # The evaluator reads; neither step of the reporting line is offered to them.
    assert url("laporan_ajukan", laporan) not in html
    assert url("laporan_tinjau", laporan) not in html


def test_pages_have_no_inline_script_or_style(client, dunia):
    laporan = laporan_selesai(dunia)
    berjalan, _ = kompilasi.laporan_minta(instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=2, sumber="jadwal")
    login(client, dunia["penanggung_jawab"])
    for u in (list_url(dunia), url("laporan", laporan), url("laporan", berjalan)):
        html = client.get(u).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert " style=" not in main, u
        assert "<style" not in main, u
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), u


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_download_streams_the_stored_file(client, dunia, fmt):
    laporan = laporan_selesai(dunia)
    login(client, dunia["pembina"])
    r = client.get(url("laporan_unduh", laporan, format=fmt))
    assert r.status_code == 200
    isi = b"".join(r.streaming_content)
    assert hashlib.sha256(isi).hexdigest() == getattr(laporan, f"sha256_{fmt}")
    assert r["Content-Type"] == kompilasi.FORMAT[fmt]
    nama = f"laporan-evaluasi-{dunia.x.slug}-triwulan-2026-3.{fmt}"
    assert r["Content-Disposition"] == f'attachment; filename="{nama}"'
    assert r["Cache-Control"] == "private, no-store"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_download_of_an_unknown_format_or_missing_file_is_404(client, dunia):
    from django.core.files.storage import default_storage

    laporan = laporan_selesai(dunia)
    login(client, dunia["pembina"])
    assert client.get(url("laporan_unduh", laporan, format="docx")).status_code == 404
    default_storage.delete(laporan.berkas_xlsx.name)
    assert client.get(url("laporan_unduh", laporan, format="xlsx")).status_code == 404


# --- the reporting line ----------------------------------------------------------------------


def test_reporting_line_through_the_pages(client, dunia):
    laporan = laporan_selesai(dunia)
    pj, pembina = dunia["penanggung_jawab"], dunia["pembina"]
    # The Pembina sees no review form before the cover note.
    login(client, pembina)
    html = client.get(url("laporan", laporan)).content.decode()
    assert url("laporan_tinjau", laporan) not in html
    assert url("laporan_ajukan", laporan) not in html
    assert (
        client.post(url("laporan_tinjau", laporan), {"tinjau-catatan": "Baik."}, follow=True).status_code
        == 200
    )
    assert not TinjauanPembina.objects.exists()
    client.logout()
    # The penanggung jawab submits; an empty note is an error in the form.
    login(client, pj)
    html = client.get(url("laporan", laporan)).content.decode()
    assert url("laporan_ajukan", laporan) in html
    assert "Ajukan kepada Pembina" in html
    r = client.post(url("laporan_ajukan", laporan), {"ajukan-catatan": ""})
    assert r.status_code == 400
    assert "Bidang ini harus diisi" in r.content.decode()
    r = client.post(url("laporan_ajukan", laporan), {"ajukan-catatan": "Dengan hormat, terlampir laporan."})
    assert r.status_code == 302
    html = client.get(url("laporan", laporan)).content.decode()
    assert "Dengan hormat, terlampir laporan." in html
    assert pj.nama_lengkap in html
    assert url("laporan_ajukan", laporan) not in html
    r = client.post(url("laporan_ajukan", laporan), {"ajukan-catatan": "Lagi."}, follow=True)
    assert "sudah diajukan" in r.content.decode()
    assert client.post(url("laporan_tinjau", laporan), {"tinjau-catatan": "x"}).status_code == 403
    client.logout()
    # The Pembina reviews, once.
    login(client, pembina)
    html = client.get(url("laporan", laporan)).content.decode()
    assert url("laporan_tinjau", laporan) in html
    r = client.post(url("laporan_tinjau", laporan), {"tinjau-catatan": "Tindak lanjuti zona merah."})
    assert r.status_code == 302
    html = client.get(url("laporan", laporan)).content.decode()
    assert "Tindak lanjuti zona merah." in html
    assert pembina.nama_lengkap in html
    assert url("laporan_tinjau", laporan) not in html
    assert PengantarLaporan.objects.get().oleh == pj
    assert TinjauanPembina.objects.get().oleh == pembina


# --- query counts ----------------------------------------------------------------------------


def test_list_query_count_is_constant(client, dunia, django_assert_num_queries):
    login(client, dunia["penanggung_jawab"])
    laporan_selesai(dunia)
    client.get(list_url(dunia))  # warm caches (content types, ...)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(list_url(dunia)).status_code == 200
    for ke in (1, 2):
        kompilasi.laporan_minta(instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=ke, sumber="jadwal")
        kompilasi.laporan_minta(
            instansi=dunia.x, unit=dunia.a, jenis=JENIS, tahun=TAHUN, ke=ke, sumber="jadwal"
        )
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(list_url(dunia)).status_code == 200


def test_detail_query_count_is_constant(client, dunia, django_assert_num_queries):
    from tests.factories import UnitFactory

    laporan = laporan_selesai(dunia)
    kompilasi.pengantar_ajukan(laporan=laporan, catatan="Terlampir.", oleh=dunia["penanggung_jawab"])
    kompilasi.tinjauan_simpan(laporan=laporan, catatan="Baik.", oleh=dunia["pembina"])
    login(client, dunia["pembina"])
    client.get(url("laporan", laporan))
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url("laporan", laporan)).status_code == 200
    # Ten more units in the next report: the same number of queries.
    for i in range(10):
        UnitFactory(instansi=dunia.x, nama=f"Dinas Tambahan {i}")
    lain = laporan_selesai(dunia, ke=2)
    assert len(lain.snapshot["unit"]) == 12
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(url("laporan", lain)).status_code == 200
