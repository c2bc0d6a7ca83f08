"""Compiled reports (evaluasi.kompilasi): one report per scope and period, the job's states
(claim, stale takeover, failure and restart, exactly one completion), progress that only
grows, figures equal to hand-computed ones, the files, immutability, the reporting line."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone

from evaluasi import kompilasi
from evaluasi.choices import JenisPeriodeLaporan, StatusLaporan, SumberLaporan
from evaluasi.models import LaporanEvaluasi, LaporanSudahFinal, RingkasanUnit
from pelayanan.models import JejakAudit, Notifikasi
from pengaduan import statistik
from tests.evaluasi.laporan_helpers import JENIS, KE, MULAI, SELESAI, TAHUN, dunia_laporan, kepatuhan_tetap

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia():
    return dunia_laporan()


@pytest.fixture
def kepatuhan(monkeypatch, dunia):
    """Compliance of A 87.50 (hijau) and B 40.00 (merah) (the rules are evaluasi.kepatuhan's)."""
    monkeypatch.setattr(
        kompilasi,
        "kepatuhan_per_unit",
        kepatuhan_tetap(
            {dunia.a.pk: ("87.50", "hijau"), dunia.b.pk: ("40.00", "merah"), dunia.c.pk: ("0.00", "merah")}
        ),
    )


def minta(dunia, *, unit=None, oleh=None, jenis=JENIS, tahun=TAHUN, ke=KE, callbacks=None):
    oleh = oleh if oleh is not None else dunia["penanggung_jawab"]
    return kompilasi.laporan_minta(
        instansi=dunia.x, unit=unit, jenis=jenis, tahun=tahun, ke=ke, oleh=oleh, sumber=SumberLaporan.TOMBOL
    )


def susun(dunia, django_capture_on_commit_callbacks, **kw) -> LaporanEvaluasi:
    """Request a report and run the enqueued task (eager) as the commit would."""
    with django_capture_on_commit_callbacks(execute=True):
        laporan, _baru = minta(dunia, **kw)
    laporan.refresh_from_db()
    return laporan


# --- requesting ----------------------------------------------------------------------------


def test_request_creates_one_report_and_enqueues_it_after_commit(
    dunia, django_capture_on_commit_callbacks, monkeypatch
):
    antre = []
    monkeypatch.setattr("evaluasi.tasks.susun_laporan.delay", lambda pk: antre.append(pk))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        laporan, baru = minta(dunia)
    assert baru
    assert len(callbacks) == 1
    assert antre == [laporan.pk]
    assert (laporan.status, laporan.mulai, laporan.selesai) == (StatusLaporan.ANTRI, MULAI, SELESAI)
    assert laporan.kunci == f"i{dunia.x.pk}-u0-triwulan-2026-3"
    assert JejakAudit.objects.filter(aksi="laporan.minta", object_id=str(laporan.pk)).count() == 1
    # A second click (another person too) gets the same report and enqueues nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        lagi, baru = minta(dunia, oleh=dunia["pembina"])
    assert (lagi.pk, baru, callbacks) == (laporan.pk, False, [])
    assert LaporanEvaluasi.objects.count() == 1


def test_request_race_on_the_unique_key_returns_the_existing_report(dunia, monkeypatch):
    laporan, _ = minta(dunia)
    # The look-up missed it (as a concurrent request would): the insert hits the unique key.
    asli = LaporanEvaluasi.objects.filter

    def filter_buta(*args, **kwargs):
        qs = asli(*args, **kwargs)
        return qs.none() if "kunci" in kwargs else qs

    monkeypatch.setattr(LaporanEvaluasi.objects, "filter", filter_buta)
    lagi, baru = minta(dunia)
    assert (lagi.pk, baru) == (laporan.pk, False)


def test_request_refusals(dunia):
    with pytest.raises(PermissionDenied):
        minta(dunia, oleh=dunia["evaluator"])  # reads reports, does not start them
    with pytest.raises(PermissionDenied):
        minta(dunia, oleh=dunia["pembina_instansi_lain"])
    with pytest.raises(PermissionDenied):
        minta(dunia, oleh=dunia["admin_unit"])
    with pytest.raises(ValidationError):
        minta(dunia, unit=dunia.c)  # a unit of another instansi
    depan = timezone.localdate() + timedelta(days=40)
    with pytest.raises(ValidationError) as exc:
        minta(dunia, jenis=JenisPeriodeLaporan.BULAN, tahun=depan.year, ke=depan.month)
    assert "belum dimulai" in str(exc.value)
    with pytest.raises(ValidationError):
        minta(dunia, ke=5)
    assert not LaporanEvaluasi.objects.exists()
    # The Pembina may start one; so may the schedule (no user).
    minta(dunia, oleh=dunia["pembina"])
    kompilasi.laporan_minta(instansi=dunia.x, jenis=JENIS, tahun=TAHUN, ke=2, sumber=SumberLaporan.JADWAL)
    assert LaporanEvaluasi.objects.count() == 2


def test_a_unit_report_and_the_instansi_report_are_different_reports(dunia):
    semua, _ = minta(dunia)
    satu, baru = minta(dunia, unit=dunia.a)
    assert baru
    assert satu.pk != semua.pk
    assert satu.unit == dunia.a


# --- the job and its figures ---------------------------------------------------------------


def test_snapshot_figures_equal_hand_computed_ones(dunia, kepatuhan, django_capture_on_commit_callbacks):
    laporan = susun(dunia, django_capture_on_commit_callbacks)
    assert laporan.status == StatusLaporan.SELESAI, laporan.galat
    assert (laporan.progres, laporan.percobaan, laporan.langkah) == (100, 1, "selesai")
    s = laporan.snapshot
    assert s["periode"]["label"] == "Triwulan III 2026"
    assert (s["periode"]["mulai"], s["periode"]["selesai"]) == ("2026-07-01", "2026-09-30")
    assert s["lingkup"]["instansi"]["id"] == dunia.x.pk
    assert s["lingkup"]["unit"] is None
    units = {u["nama"]: u for u in s["unit"]}
    assert set(units) == {"Dinas A", "Dinas B"}  # unit C is of instansi Y
    a, b = units["Dinas A"], units["Dinas B"]
    # IKM pooled per unit over the overlapping periods only.
    assert (a["ikm"]["nilai"], a["ikm"]["mutu"], a["ikm"]["responden"]) == ("87.50", "B", 2)
    assert a["ikm"]["nrr"] == {f"U{i}": "3.50" for i in range(1, 10)}
    assert (b["ikm"]["nilai"], b["ikm"]["mutu"], b["ikm"]["responden"]) == ("50.00", "D", 1)
    assert (s["total"]["ikm"], s["total"]["mutu"], s["total"]["responden"]) == ("75.00", "C", 3)
    # Complaints of the quarter.
    assert {k: a["pengaduan"][k] for k in ("jumlah", "tepat", "dinilai", "tepat_persen", "terlambat")} == {
        "jumlah": 2, "tepat": 2, "dinilai": 3, "tepat_persen": "66.67", "terlambat": 1
    }  # fmt: skip
    assert {k: b["pengaduan"][k] for k in ("jumlah", "tepat", "dinilai", "tepat_persen", "terlambat")} == {
        "jumlah": 1, "tepat": 1, "dinilai": 2, "tepat_persen": "50.00", "terlambat": 0
    }  # fmt: skip
    t = s["total"]
    assert (t["pengaduan"], t["pengaduan_tepat"], t["pengaduan_dinilai"]) == (3, 3, 5)
    assert (t["pengaduan_tepat_persen"], t["pengaduan_terlambat"]) == ("60.00", 1)
    # The same numbers as the public statistics compute unit by unit.
    for unit, x in ((dunia.a, a), (dunia.b, b)):
        st = statistik.hitung(statistik.lingkup(unit=unit), mulai=MULAI, sampai=SELESAI)
        assert x["pengaduan"]["jumlah"] == st.jumlah
        assert x["pengaduan"]["terlambat"] == st.terlambat_sekarang
        assert x["pengaduan"]["tepat"] == st.tanggapan_tepat + st.keputusan_tepat
        assert x["pengaduan"]["dinilai"] == st.tanggapan_dinilai + st.keputusan_dinilai
    # Compliance, zones, ranking, average.
    assert (a["kepatuhan"]["skor"], a["kepatuhan"]["zona"], a["peringkat"]) == ("87.50", "hijau", 1)
    assert (b["kepatuhan"]["skor"], b["kepatuhan"]["zona"], b["peringkat"]) == ("40.00", "merah", 2)
    assert s["peringkat"] == [dunia.a.pk, dunia.b.pk]
    assert {z["kode"]: z["jumlah"] for z in s["zona"]} == {"hijau": 1, "kuning": 0, "merah": 1}
    assert (t["kepatuhan_rata"], t["zona"]) == ("63.75", "kuning")
    assert (a["layanan_aktif"], b["layanan_aktif"], t["layanan_aktif"]) == (1, 1, 2)
    assert (a["standar"], t["standar_terlambat"]) == ({"evaluasi": 0, "peninjauan": 0, "terlambat": 0}, 0)


def test_summary_rows_are_written_for_every_unit_and_replaced(
    dunia, kepatuhan, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(
        kompilasi,
        "standar_terlambat_per_unit",
        lambda ids, hari: {dunia.a.pk: {"evaluasi": 2, "peninjauan": 1}},
    )
    # An older row of A for the same period is replaced, not duplicated.
    RingkasanUnit.objects.create(
        unit=dunia.a, jenis=JENIS, tahun=TAHUN, ke=KE, mulai=MULAI, selesai=SELESAI,
        skor_kepatuhan=Decimal("1.00"), zona="merah", dihitung_pada=timezone.now(),
    )  # fmt: skip
    laporan = susun(dunia, django_capture_on_commit_callbacks)
    assert laporan.status == StatusLaporan.SELESAI
    rows = {r.unit_id: r for r in RingkasanUnit.objects.filter(jenis=JENIS, tahun=TAHUN, ke=KE)}
    assert set(rows) == {dunia.a.pk, dunia.b.pk}
    a = rows[dunia.a.pk]
    assert (a.skor_kepatuhan, a.zona, a.ikm, a.mutu, a.responden) == (
        Decimal("87.50"),
        "hijau",
        Decimal("87.50"),
        "B",
        2,
    )
    assert (a.pengaduan, a.pengaduan_tepat_persen, a.pengaduan_terlambat) == (2, Decimal("66.67"), 1)
    assert (a.standar_terlambat, a.layanan_aktif, a.mulai, a.selesai) == (3, 1, MULAI, SELESAI)
    assert a.rincian_kepatuhan[0]["kode"] == "standar_terbit"
    assert rows[dunia.b.pk].pengaduan_tepat_persen == Decimal("50.00")


def test_the_jobs_updates_renew_the_dashboards_kept_figures(
    dunia, kepatuhan, django_capture_on_commit_callbacks, settings
):
    """The job writes the report's state and the summary rows with QuerySet.update and an
    upsert, which send no signal: it renews the dashboards' kept figures itself, after its
    commit (evaluasi.dasbor.dasbor_instansi_tersimpan)."""
    from evaluasi import dasbor

    settings.TEMBOLOK_DASBOR = True
    with django_capture_on_commit_callbacks(execute=False):  # requested, not yet run
        laporan, _baru = minta(dunia)
    sebelum = dasbor.dasbor_instansi_tersimpan(dunia.x)
    assert [lap.status for lap in sebelum.laporan_terbaru] == [StatusLaporan.ANTRI]
    assert sebelum.periode is None
    with django_capture_on_commit_callbacks(execute=True):
        assert kompilasi.laporan_susun(laporan.pk) is True
    sesudah = dasbor.dasbor_instansi_tersimpan(dunia.x)
    assert [lap.status for lap in sesudah.laporan_terbaru] == [StatusLaporan.SELESAI]
    assert (sesudah.periode.jenis, sesudah.periode.tahun, sesudah.periode.ke) == (JENIS, TAHUN, KE)
    assert sesudah.total.dihitung == 2
    assert sesudah.sidik == dasbor.dasbor_instansi(dunia.x).sidik


def test_a_unit_report_covers_only_that_unit(dunia, kepatuhan, django_capture_on_commit_callbacks):
    laporan = susun(dunia, django_capture_on_commit_callbacks, unit=dunia.b)
    assert [u["nama"] for u in laporan.snapshot["unit"]] == ["Dinas B"]
    assert laporan.snapshot["lingkup"]["unit"]["id"] == dunia.b.pk
    assert list(RingkasanUnit.objects.values_list("unit_id", flat=True)) == [dunia.b.pk]


def test_pdf_and_xlsx_are_stored_with_their_hashes(dunia, kepatuhan, django_capture_on_commit_callbacks):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    laporan = susun(dunia, django_capture_on_commit_callbacks)
    with default_storage.open(laporan.berkas_pdf.name, "rb") as fh:
        isi_pdf = fh.read()
    with default_storage.open(laporan.berkas_xlsx.name, "rb") as fh:
        isi_xlsx = fh.read()
    assert isi_pdf.startswith(b"%PDF")
    assert hashlib.sha256(isi_pdf).hexdigest() == laporan.sha256_pdf
    assert hashlib.sha256(isi_xlsx).hexdigest() == laporan.sha256_xlsx
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(isi_pdf)).pages)
    assert "LAPORAN EVALUASI KINERJA PELAYANAN PUBLIK" in teks
    assert "Triwulan III 2026" in teks
    assert "Dinas A" in teks
    assert "87,50" in teks
    assert "Halaman 1 dari" in teks
    wb = load_workbook(io.BytesIO(isi_xlsx), read_only=True)
    assert wb.sheetnames == ["Ringkasan", "Kepatuhan", "IKM", "Pengaduan", "Keterangan"]
    ringkasan = list(wb["Ringkasan"].iter_rows(values_only=True))
    assert ringkasan[1][:5] == (1, "Dinas A", 87.5, "Zona hijau", 87.5)
    assert ringkasan[-1][4] == 75
    pengaduan = list(wb["Pengaduan"].iter_rows(values_only=True))
    assert pengaduan[-1][1:] == (3, 3, 5, 60, 1)
    # Unguessable storage names under the report's folder.
    assert laporan.berkas_pdf.name.startswith(f"laporan/{dunia.x.pk}/{laporan.pk}/laporan-")
    assert len(laporan.berkas_pdf.name.rsplit("-", 1)[1]) == len("0123456789abcdef.pdf")


def test_a_finished_report_never_changes(dunia, kepatuhan, django_capture_on_commit_callbacks):
    laporan = susun(dunia, django_capture_on_commit_callbacks)
    sidik = (laporan.sha256_pdf, laporan.sha256_xlsx, laporan.berkas_pdf.name, laporan.snapshot)
    laporan.langkah = "diubah"
    with pytest.raises(LaporanSudahFinal):
        laporan.save()
    with pytest.raises(LaporanSudahFinal):
        laporan.delete()
    # Compiling again (a duplicate task, the sweep, beat) does nothing.
    assert kompilasi.laporan_susun(laporan.pk) is False
    _lagi, baru = minta(dunia)
    assert not baru
    laporan.refresh_from_db()
    assert (laporan.sha256_pdf, laporan.sha256_xlsx, laporan.berkas_pdf.name, laporan.snapshot) == sidik
    assert laporan.percobaan == 1
    with default_storage.open(laporan.berkas_pdf.name, "rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == laporan.sha256_pdf
    with pytest.raises(ValidationError):
        kompilasi.laporan_ulang(laporan=laporan, oleh=dunia["penanggung_jawab"])


def test_progress_only_grows_through_every_step(dunia, kepatuhan, monkeypatch):
    laporan, _ = minta(dunia)
    dilihat = []
    asli = kompilasi._maju

    def maju(laporan_id, percobaan, kode, progres):
        asli(laporan_id, percobaan, kode, progres)
        dilihat.append(LaporanEvaluasi.objects.values_list("progres", "langkah").get(pk=laporan_id))

    monkeypatch.setattr(kompilasi, "_maju", maju)
    assert kompilasi.laporan_susun(laporan.pk) is True
    laporan.refresh_from_db()
    dilihat.append((laporan.progres, laporan.langkah))
    nilai = [p for p, _l in dilihat]
    assert nilai == sorted(nilai)
    assert nilai[-1] == 100
    assert [lk for _p, lk in dilihat] == [lk.kode for lk in kompilasi.LANGKAH] + ["selesai"]
    # A progress write can never move the bar back.
    baru, _ = minta(dunia, ke=2)
    klaim = kompilasi._klaim(baru.pk)
    asli(baru.pk, klaim[1], "pdf", 90)
    asli(baru.pk, klaim[1], "ikm", 30)
    assert LaporanEvaluasi.objects.get(pk=baru.pk).progres == 90


def test_a_fresh_running_report_is_left_alone_and_a_stale_one_is_taken_over_once(dunia, kepatuhan, settings):
    settings.LAPORAN_BASI_DETIK = 900
    laporan, _ = minta(dunia)
    mulai = timezone.now() - timedelta(seconds=100)
    LaporanEvaluasi.objects.filter(pk=laporan.pk).update(
        status=StatusLaporan.BERJALAN, dimulai_pada=mulai, percobaan=1, progres=45, langkah="pengaduan"
    )
    assert kompilasi.laporan_susun(laporan.pk) is False  # a live worker is at it
    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan, laporan.dimulai_pada) == (StatusLaporan.BERJALAN, 1, mulai)
    # The worker died: after LAPORAN_BASI_DETIK the next attempt takes over and completes.
    LaporanEvaluasi.objects.filter(pk=laporan.pk).update(dimulai_pada=timezone.now() - timedelta(seconds=901))
    assert kompilasi.laporan_susun(laporan.pk) is True
    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan) == (StatusLaporan.SELESAI, 2)
    # Redelivered messages after that find it finished: exactly one completion.
    assert kompilasi.laporan_susun(laporan.pk) is False
    assert kompilasi.laporan_susun(laporan.pk) is False
    jejak = JejakAudit.objects.filter(object_id=str(laporan.pk))
    assert jejak.filter(aksi="laporan.selesai").count() == 1
    assert list(jejak.filter(aksi="laporan.mulai").values_list("data__ambil_alih", flat=True)) == [True]


def test_an_attempt_that_was_taken_over_cannot_finish(dunia, kepatuhan):
    """The old worker wakes up while the new attempt is still running: its progress and its
    completion are refused; the new attempt then completes."""
    laporan, _ = minta(dunia)
    lama, percobaan_lama = kompilasi._klaim(laporan.pk)
    data = kompilasi.Data(lama)
    for kode in ("unit", "kepatuhan", "ikm", "pengaduan", "standar", "ringkasan"):
        data.langkah(kode)
    LaporanEvaluasi.objects.filter(pk=laporan.pk).update(dimulai_pada=timezone.now() - timedelta(hours=1))
    baru, percobaan_baru = kompilasi._klaim(laporan.pk)  # the takeover
    assert (percobaan_lama, percobaan_baru) == (1, 2)
    with pytest.raises(kompilasi._BukanPemilik):
        kompilasi._maju(laporan.pk, percobaan_lama, "pdf", 90)
    nama = default_storage.save(f"laporan/{dunia.x.pk}/{laporan.pk}/lama.pdf", io.BytesIO(b"%PDF lama"))
    with pytest.raises(kompilasi._BukanPemilik):
        kompilasi._selesaikan(lama, percobaan_lama, data, [nama, nama], b"%PDF lama", b"x")
    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan, laporan.snapshot) == (StatusLaporan.BERJALAN, 2, None)
    assert not RingkasanUnit.objects.exists()
    kompilasi._maju(laporan.pk, percobaan_baru, "pdf", 90)
    kompilasi._selesaikan(baru, percobaan_baru, data, [nama, nama], b"%PDF baru", b"x")
    laporan.refresh_from_db()
    assert (laporan.status, laporan.sha256_pdf) == (
        StatusLaporan.SELESAI,
        hashlib.sha256(b"%PDF baru").hexdigest(),
    )


def test_a_failing_step_gives_a_readable_reason_and_susun_ulang_completes(
    dunia, kepatuhan, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def rusak(cuplikan):
        raise RuntimeError("fontconfig meledak /usr/lib/secret")

    disimpan = []
    simpan_asli = kompilasi._simpan

    def simpan(laporan, isi, ekstensi):
        disimpan.append(simpan_asli(laporan, isi, ekstensi))
        return disimpan[-1]

    monkeypatch.setattr(kompilasi, "buat_xlsx", rusak)
    monkeypatch.setattr(kompilasi, "_simpan", simpan)
    laporan = susun(dunia, django_capture_on_commit_callbacks)
    assert laporan.status == StatusLaporan.GAGAL
    assert "Menyusun berkas XLSX" in laporan.galat
    assert "RuntimeError" in laporan.galat
    assert "secret" not in laporan.galat
    assert "Traceback" not in laporan.galat
    assert "Traceback" in caplog.text or "fontconfig meledak" in caplog.text  # logged for operators
    assert laporan.snapshot is None
    assert not laporan.berkas_pdf
    # The PDF of the failed try was stored, then removed.
    assert len(disimpan) == 1
    assert not default_storage.exists(disimpan[0])
    assert not RingkasanUnit.objects.exists()
    assert JejakAudit.objects.filter(aksi="laporan.gagal", object_id=str(laporan.pk)).count() == 1
    # The job does not restart a failed report by itself; a person does.
    assert kompilasi.laporan_susun(laporan.pk) is False
    monkeypatch.undo()
    monkeypatch.setattr(
        kompilasi,
        "kepatuhan_per_unit",
        kepatuhan_tetap({dunia.a.pk: ("87.50", "hijau"), dunia.b.pk: ("40.00", "merah")}),
    )
    with pytest.raises(PermissionDenied):
        kompilasi.laporan_ulang(laporan=laporan, oleh=dunia["evaluator"])
    with django_capture_on_commit_callbacks(execute=True):
        kompilasi.laporan_ulang(laporan=laporan, oleh=dunia["penanggung_jawab"])
    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan, laporan.galat) == (StatusLaporan.SELESAI, 2, "")
    assert JejakAudit.objects.filter(aksi="laporan.ulang", object_id=str(laporan.pk)).count() == 1


def test_a_database_error_releases_the_attempt_for_a_retry(dunia, kepatuhan, monkeypatch):
    laporan, _ = minta(dunia)

    def putus(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(kompilasi, "ikm_per_unit", putus)
    with pytest.raises(OperationalError):
        kompilasi.laporan_susun(laporan.pk)
    laporan.refresh_from_db()
    assert (laporan.status, laporan.percobaan) == (StatusLaporan.ANTRI, 1)
    monkeypatch.undo()
    monkeypatch.setattr(
        kompilasi,
        "kepatuhan_per_unit",
        kepatuhan_tetap({dunia.a.pk: ("1.00", "merah"), dunia.b.pk: ("2.00", "merah")}),
    )
    assert kompilasi.laporan_susun(laporan.pk) is True


def test_the_sweep_enqueues_reports_left_behind(
    dunia, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.LAPORAN_BASI_DETIK = 900
    antre = []
    monkeypatch.setattr("evaluasi.tasks.susun_laporan.delay", lambda pk: antre.append(pk))
    lama, _ = minta(dunia, ke=1)
    baru, _ = minta(dunia, ke=2)
    jalan, _ = minta(dunia, ke=3)
    LaporanEvaluasi.objects.filter(pk=lama.pk).update(dibuat_pada=timezone.now() - timedelta(hours=1))
    LaporanEvaluasi.objects.filter(pk=jalan.pk).update(
        status=StatusLaporan.BERJALAN, dimulai_pada=timezone.now() - timedelta(hours=1)
    )
    antre.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert kompilasi.laporan_lanjutkan_tertunda() == 2
    assert sorted(antre) == sorted([lama.pk, jalan.pk])
    assert baru.pk not in antre


def test_scheduled_requests_cover_every_instansi_once(dunia, monkeypatch, django_capture_on_commit_callbacks):
    from evaluasi import tasks

    antre = []
    monkeypatch.setattr("evaluasi.tasks.susun_laporan.delay", lambda pk: antre.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.laporan_terjadwal(JenisPeriodeLaporan.BULAN) == 2
        assert tasks.laporan_terjadwal(JenisPeriodeLaporan.BULAN) == 0
    hari = timezone.localdate()
    tahun, ke = (hari.year - 1, 12) if hari.month == 1 else (hari.year, hari.month - 1)
    rows = LaporanEvaluasi.objects.order_by("instansi_id")
    assert [(r.instansi_id, r.jenis, r.tahun, r.ke, r.sumber, r.dimulai_oleh_id) for r in rows] == [
        (i, "bulan", tahun, ke, "jadwal", None) for i in sorted([dunia.x.pk, dunia.y.pk])
    ]
    assert len(antre) == 2


def test_beat_schedule_and_routing(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE
    assert jadwal["laporan-bulanan"]["args"] == ("bulan",)
    assert jadwal["laporan-triwulan"]["args"] == ("triwulan",)
    assert jadwal["laporan-tahunan"]["args"] == ("tahun",)
    triwulan = jadwal["laporan-triwulan"]["schedule"]
    assert triwulan.month_of_year == {1, 4, 7, 10}
    assert triwulan.day_of_month == {1}
    assert triwulan.hour == {3}
    tahunan = jadwal["laporan-tahunan"]["schedule"]
    assert tahunan.month_of_year == {1}
    assert tahunan.day_of_month == {1}
    assert tahunan.hour == {4}
    bulanan = jadwal["laporan-bulanan"]["schedule"]
    assert bulanan.day_of_month == {1}
    assert bulanan.hour == {2}
    assert bulanan.minute == {0}
    assert settings.CELERY_TASK_ROUTES["evaluasi.tasks.susun_laporan"] == {"queue": "pdf"}
    from evaluasi import tasks

    assert tasks.SUSUN_HARD_LIMIT < settings.LAPORAN_BASI_DETIK


# --- the reporting line --------------------------------------------------------------------


def test_reporting_line_order_is_enforced_and_audited(dunia, kepatuhan, django_capture_on_commit_callbacks):
    pj, pembina = dunia["penanggung_jawab"], dunia["pembina"]
    laporan, _ = minta(dunia)
    with pytest.raises(ValidationError):
        kompilasi.pengantar_ajukan(laporan=laporan, catatan="Terlampir.", oleh=pj)  # not finished yet
    kompilasi.laporan_susun(laporan.pk)
    laporan.refresh_from_db()
    with pytest.raises(ValidationError):
        kompilasi.tinjauan_simpan(laporan=laporan, catatan="Baik.", oleh=pembina)  # no cover note yet
    with pytest.raises(PermissionDenied):
        kompilasi.pengantar_ajukan(laporan=laporan, catatan="Terlampir.", oleh=pembina)
    with pytest.raises(ValidationError):
        kompilasi.pengantar_ajukan(laporan=laporan, catatan="   ", oleh=pj)
    pengantar = kompilasi.pengantar_ajukan(laporan=laporan, catatan="Dengan hormat, terlampir.", oleh=pj)
    assert (pengantar.oleh, pengantar.pada is not None) == (pj, True)
    with pytest.raises(ValidationError):
        kompilasi.pengantar_ajukan(laporan=laporan, catatan="Lagi.", oleh=pj)  # once
    assert list(
        Notifikasi.objects.filter(kunci=f"laporan-ajukan:{laporan.pk}").values_list("pengguna", flat=True)
    ) == [pembina.pk]
    with pytest.raises(PermissionDenied):
        kompilasi.tinjauan_simpan(laporan=laporan, catatan="Baik.", oleh=pj)
    with pytest.raises(PermissionDenied):
        kompilasi.tinjauan_simpan(laporan=laporan, catatan="Baik.", oleh=dunia["pembina_instansi_lain"])
    tinjauan = kompilasi.tinjauan_simpan(laporan=laporan, catatan="Perbaiki zona merah.", oleh=pembina)
    assert tinjauan.oleh == pembina
    with pytest.raises(ValidationError):
        kompilasi.tinjauan_simpan(laporan=laporan, catatan="Lagi.", oleh=pembina)  # once
    assert list(
        Notifikasi.objects.filter(kunci=f"laporan-tinjau:{laporan.pk}").values_list("pengguna", flat=True)
    ) == [pj.pk]
    aksi = list(
        JejakAudit.objects.filter(object_id=str(laporan.pk), aksi__in=["laporan.ajukan", "laporan.tinjau"])
        .order_by("pk")
        .values_list("aksi", "aktor")
    )
    assert aksi == [("laporan.ajukan", pj.pk), ("laporan.tinjau", pembina.pk)]
    # The report itself is untouched by the reporting line.
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.SELESAI


def test_chart_labels_fit_beside_the_bars():
    assert kompilasi.label_grafik(
        {"nama": "Dinas Kependudukan dan Pencatatan Sipil", "singkatan": "Disdukcapil"}
    ) == ("Disdukcapil")
    panjang = kompilasi.label_grafik({"nama": "Dinas Penanaman Modal dan Pelayanan Terpadu", "singkatan": ""})
    assert len(panjang) == kompilasi.PANJANG_LABEL
    assert panjang.endswith("…")
    assert kompilasi.label_grafik({"nama": "RSUD", "singkatan": ""}) == "RSUD"
