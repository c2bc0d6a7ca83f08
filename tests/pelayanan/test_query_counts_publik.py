"""Query counts of the public pages that had none: the number is fixed, whatever the data.

Each page is fetched, more rows are added, and it is fetched again: both with exactly the
number below. (The other public pages have theirs beside their own tests: tests/standar/
test_publik.py, test_konsultasi_publik.py, tests/pelayanan/test_views.py, tests/pengaduan/
test_statistik.py, tests/evaluasi/test_views.py.) A page served from the whole-page cache
costs 0 queries (tests/test_cache_publik.py); these count the render, which the test
settings always do.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluasi.models import TautanSKM
from pelayanan.choices import Peran
from pengaduan.kode import tampil
from standar.models import DokumenPDF
from tests.evaluasi.helpers import admin_of, periode_berjalan
from tests.factories import InstansiFactory, LayananFactory, UnitFactory, grant, user_factory
from tests.pengaduan.helpers import ajukan, sampai
from tests.standar.helpers import standar_terbit

pytestmark = pytest.mark.django_db

# Each number includes the savepoint pair of ATOMIC_REQUESTS (2), as everywhere in the tests.
# Home: featured units with their service counts, instansi with their unit counts.
BERANDA_QUERIES = 4
# Search: matching services, matching units; the empty form reads nothing.
CARI_QUERIES = 4
CARI_KOSONG_QUERIES = 2
# Instansi list: instansi with their unit counts.
INSTANSI_LIST_QUERIES = 3
# One instansi: the instansi, its units with their service counts.
INSTANSI_QUERIES = 4
# Verification form: nothing to read. A document's page: the document with what it belongs
# to (one query).
VERIFIKASI_CARI_QUERIES = 2
VERIFIKASI_QUERIES = 3
# Complaints: the landing page (one list), the form (its unit and service choices), the
# tracking form (nothing), a tracked complaint (the session, the complaint with its unit and
# service, its timeline, attachments, rating and the rest of its page: 8).
PENGADUAN_BERANDA_QUERIES = 3
AJUKAN_QUERIES = 3
LACAK_QUERIES = 2
LACAK_DETAIL_QUERIES = 10
# SKM questionnaire: the link with its service and unit, the running period, its services.
KUESIONER_QUERIES = 5


def _banyak(instansi=None, n=3):
    instansi = instansi or InstansiFactory()
    for _ in range(n):
        unit = UnitFactory(instansi=instansi)
        for i in range(3):
            LayananFactory(unit=unit, nama=f"Layanan Akta Kelahiran {unit.pk}-{i}")
    return instansi


def _sama(client, django_assert_num_queries, url, n, tambah, status=200):
    with django_assert_num_queries(n):
        assert client.get(url).status_code == status
    tambah()
    with django_assert_num_queries(n):
        assert client.get(url).status_code == status


def test_home_search_and_instansi_pages(client, django_assert_num_queries):
    instansi = _banyak()
    tambah = lambda: _banyak(instansi, 5)  # noqa: E731
    _sama(client, django_assert_num_queries, reverse("pelayanan:beranda"), BERANDA_QUERIES, tambah)
    cari = reverse("pelayanan:cari")
    _sama(client, django_assert_num_queries, f"{cari}?q=akta+kelahiran", CARI_QUERIES, tambah)
    _sama(client, django_assert_num_queries, cari, CARI_KOSONG_QUERIES, tambah)
    _sama(
        client, django_assert_num_queries, reverse("pelayanan:instansi_list"), INSTANSI_LIST_QUERIES, tambah
    )
    url = reverse("pelayanan:instansi_detail", kwargs={"slug": instansi.slug})
    _sama(client, django_assert_num_queries, url, INSTANSI_QUERIES, tambah)


def test_verification_pages(client, django_assert_num_queries):
    versi, _admin, _kepala = standar_terbit()
    dokumen = DokumenPDF.objects.filter(versi=versi).first()
    assert dokumen is not None
    _sama(
        client,
        django_assert_num_queries,
        reverse("standar:verifikasi_cari"),
        VERIFIKASI_CARI_QUERIES,
        lambda: None,
    )
    url = reverse("standar:verifikasi", kwargs={"kode": dokumen.kode})
    _sama(client, django_assert_num_queries, url, VERIFIKASI_QUERIES, lambda: standar_terbit())


def test_complaint_pages(client, django_assert_num_queries):
    unit = UnitFactory()
    LayananFactory.create_batch(2, unit=unit)
    tambah = lambda: _banyak(unit.instansi, 3)  # noqa: E731
    _sama(client, django_assert_num_queries, reverse("pengaduan:beranda"), PENGADUAN_BERANDA_QUERIES, tambah)
    _sama(client, django_assert_num_queries, reverse("pengaduan:ajukan"), AJUKAN_QUERIES, tambah)
    _sama(client, django_assert_num_queries, reverse("pengaduan:lacak"), LACAK_QUERIES, tambah)
    p = ajukan(unit)
    assert client.post(reverse("pengaduan:lacak"), {"kode": tampil(p.kode)}).status_code == 302
    url = reverse("pengaduan:lacak_detail", kwargs={"kode": p.kode})
    _sama(
        client,
        django_assert_num_queries,
        url,
        LACAK_DETAIL_QUERIES,
        lambda: sampai(p, "diberitahukan", _petugas(unit)),
    )


def _petugas(unit):
    petugas = user_factory(nama_lengkap="Petugas Pengaduan")
    grant(petugas, Peran.PENGELOLA_PENGADUAN, unit=unit)
    return petugas


def test_skm_questionnaire(client, django_assert_num_queries):
    unit = UnitFactory()
    layanan = LayananFactory(unit=unit)
    admin = admin_of(unit)
    periode_berjalan(unit, admin, layanan=[layanan])
    tautan = TautanSKM.objects.get(layanan=layanan)
    url = reverse("evaluasi:kuesioner", kwargs={"kode": tautan.kode})
    _sama(
        client,
        django_assert_num_queries,
        url,
        KUESIONER_QUERIES,
        lambda: LayananFactory.create_batch(5, unit=unit),
    )
