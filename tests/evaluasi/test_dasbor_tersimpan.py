"""The dashboard's figures kept in the cache (evaluasi.dasbor.dasbor_instansi_tersimpan): a
second read costs no query, and every change of what they are read from shows on the next
read once its transaction has committed (the `dasbor` generation, pelayanan.tembolok). The
report job's own updates are in tests/evaluasi/test_kompilasi.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluasi import dasbor
from evaluasi.models import RingkasanUnit, ZonaKepatuhan
from tests.evaluasi.dasbor_helpers import dunia, laporan_selesai, rekomendasi_baru, ringkasan

pytestmark = pytest.mark.django_db

# dasbor_instansi's own queries (evaluasi/dasbor.py: "Nine queries").
QUERIES_DASBOR = 9


@pytest.fixture
def d(settings):
    settings.TEMBOLOK_DASBOR = True
    d = dunia(3)  # (the cache starts empty: tests/conftest.py)
    ringkasan(d.units[0], "88.25", ikm="81.00")
    ringkasan(d.units[1], "45.00", ikm="72.50")
    return d


def baca(d):
    return dasbor.dasbor_instansi_tersimpan(d.instansi)


def test_a_second_read_costs_no_query(d, django_assert_num_queries):
    with django_assert_num_queries(QUERIES_DASBOR):
        pertama = baca(d)
    with django_assert_num_queries(0):
        kedua = baca(d)
    assert kedua.sidik == pertama.sidik == dasbor.dasbor_instansi(d.instansi).sidik
    assert [b.unit.nama for b in kedua.baris] == ["Unit 01", "Unit 02", "Unit 03"]
    assert kedua.total.dihitung == 2


def test_off_every_read_goes_to_the_database(d, settings, django_assert_num_queries):
    settings.TEMBOLOK_DASBOR = False
    baca(d)
    with django_assert_num_queries(QUERIES_DASBOR):
        baca(d)


def _ubah_ringkasan(d):
    row = RingkasanUnit.objects.get(unit=d.units[0])
    row.ikm = Decimal("81.01")
    row.save()


def _hapus_ringkasan(d):
    RingkasanUnit.objects.get(unit=d.units[1]).delete()


def _ubah_unit(d):
    d.units[2].nama = "Unit 03 Baru"
    d.units[2].save()


def _nonaktifkan_unit(d):
    d.units[2].aktif = False
    d.units[2].save()


def _rekomendasi(d):
    rekomendasi_baru(d.units[1], d.pembina)


def _ubah_zona(d):
    zona = ZonaKepatuhan.objects.get(kode="hijau")
    zona.predikat = "Kepatuhan sangat tinggi"
    zona.save()


def _laporan(d):
    laporan_selesai(d.instansi, ikm="80.00", mutu="B", tepat="90.00")


@pytest.mark.parametrize(
    "ubah",
    [_ubah_ringkasan, _hapus_ringkasan, _ubah_unit, _nonaktifkan_unit, _rekomendasi, _ubah_zona, _laporan],
)
def test_every_change_shows_on_the_next_read(d, ubah, django_capture_on_commit_callbacks):
    awal = baca(d)
    with django_capture_on_commit_callbacks(execute=True):
        ubah(d)
    baru = baca(d)
    segar = dasbor.dasbor_instansi(d.instansi)
    assert (baru.sidik, baru.total, baru.laporan_terbaru) == (segar.sidik, segar.total, segar.laporan_terbaru)
    assert (baru.sidik, baru.total, baru.laporan_terbaru) != (awal.sidik, awal.total, awal.laporan_terbaru)


def test_until_the_commit_the_figures_read_are_the_committed_ones(d, django_capture_on_commit_callbacks):
    """Bumped before the commit, a read in between could keep the new generation with the old
    rows; bumped after it, the kept entry is at worst newer than its generation."""
    awal = baca(d)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _ubah_ringkasan(d)
    assert baca(d).sidik == awal.sidik  # not committed yet: other readers still see the old
    for callback in callbacks:
        callback()
    assert baca(d).sidik != awal.sidik


def test_tomorrow_is_another_entry(d):
    """The overdue recommendations change with the date alone: the date is in the key."""
    rekomendasi_baru(d.units[1], d.pembina, hari=1)
    hari_ini = baca(d)
    assert hari_ini.total.rekomendasi_lewat == 0
    lusa = timezone.localdate() + timedelta(days=2)
    with mock.patch("evaluasi.dasbor.timezone.localdate", return_value=lusa):
        assert baca(d).total.rekomendasi_lewat == 1


def test_each_instansi_and_period_has_its_own_entry(d):
    ringkasan(d.unit_lain, "70.00", ikm="75.00")
    ringkasan(d.units[0], "60.00", ikm="70.00", ke=3)
    sini, sana = baca(d), dasbor.dasbor_instansi_tersimpan(d.lain)
    assert [b.unit.pk for b in sana.baris] == [d.unit_lain.pk]
    assert d.unit_lain.pk not in [b.unit.pk for b in sini.baris]
    q3 = dasbor.dasbor_instansi_tersimpan(d.instansi, "triwulan", 2025, 3)
    assert (sini.periode.ke, q3.periode.ke) == (4, 3)
    assert q3.baris[0].ringkasan.skor_kepatuhan == Decimal("60.00")


def test_the_page_reads_the_kept_figures(d, client):
    client.force_login(d.pembina)
    url = reverse("evaluasi:dasbor", kwargs={"instansi": d.instansi.slug})
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ditangkap:
        halaman = client.get(url)
    assert halaman.status_code == 200
    assert "Unit 01" in halaman.content.decode()
    sql = " ".join(q["sql"] for q in ditangkap.captured_queries)
    assert "evaluasi_ringkasanunit" not in sql
    assert "evaluasi_rekomendasi" not in sql
