"""The whole-page cache of public pages (pelayanan/tembolok.py), on the real pages.

These tests commit their transactions (django_db(transaction=True)): the cache is
invalidated after the commit, as in production. The test settings switch the page cache
off for every other test; the `tembolok` fixture switches it on here.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pelayanan import tembolok
from pelayanan.models import Unit
from standar import konsultasi, services
from tests.factories import LayananFactory, UnitFactory, user_factory
from tests.standar.helpers import buka_putaran, isi_lengkap, sampai, staf_unit, standar_terbit
from tests.standar.test_konsultasi_publik import komentar, warga_baru
from tests.standar.test_publik import bagian, teks, terbitkan_maklumat, url_layanan, url_versi, versi_baru

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def tembolok_aktif(settings):
    settings.TEMBOLOK_HALAMAN = True
    cache.clear()
    yield
    cache.clear()


def _tarif(jumlah: int) -> dict:
    return {"jangka_waktu": {"jumlah": jumlah, "satuan": "hari_kerja"}}


# --- a published standard is never shown stale -----------------------------------------------


def test_publishing_v2_shows_v2_at_once_and_revoking_removes_it(client, django_assert_num_queries):
    versi, admin, kepala = standar_terbit(LayananFactory(nama="Penerbitan Akta Kelahiran"))
    layanan = versi.standar.layanan
    versi_baru(layanan, admin, kepala, status="ditetapkan", **_tarif(11))
    halaman = url_layanan(layanan)
    pertama = client.get(halaman)
    assert "3 hari kerja" in bagian(pertama, "jangka_waktu")  # version 1 in force
    with django_assert_num_queries(0):  # from the cache: no query, the same page
        again = client.get(halaman)
    assert teks(again) == teks(pertama)

    v2 = versi.standar.versi_set.get(nomor=2)
    services.versi_publish(versi=v2, oleh=kepala)
    response = client.get(halaman)
    assert "11 hari kerja" in bagian(response, "jangka_waktu")
    assert "Versi 2" in teks(response)
    # The superseded version's permanent link says so at once as well.
    assert "digantikan" in teks(client.get(url_versi(layanan, 1))).lower()

    services.versi_revoke(versi=v2, alasan="Dicabut karena layanan dihapus.", oleh=kepala)
    body = teks(client.get(halaman))
    assert "11 hari kerja" not in body
    assert "Belum ada standar pelayanan yang berlaku" in body


def test_catalogue_and_unit_profile_follow_publication_and_the_maklumat(client):
    layanan = LayananFactory(nama="Izin Reklame")
    katalog = reverse("standar:katalog")
    profil = reverse("pelayanan:unit_profil", kwargs={"slug": layanan.unit.slug})
    assert "Belum ada" in teks(client.get(katalog))
    assert "Belum ada" in teks(client.get(profil))
    _versi, admin, kepala = standar_terbit(layanan)
    assert "Versi 1" in teks(client.get(katalog))
    assert "Versi 1" in teks(client.get(profil))
    assert "Kami siap melayani Reklame." not in teks(client.get(profil))
    terbitkan_maklumat(layanan.unit, admin, kepala, teks_maklumat="Kami siap melayani Reklame.")
    assert "Kami siap melayani Reklame." in teks(client.get(profil))


def test_an_edit_of_the_unit_shows_at_once(client):
    unit = UnitFactory(nama="Dinas Lama")
    url = reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug})
    assert "Dinas Lama" in teks(client.get(url))
    assert "Dinas Lama" in teks(client.get(reverse("pelayanan:beranda")))
    unit.nama = "Dinas Baru"
    unit.save()
    assert "Dinas Baru" in teks(client.get(url))
    assert "Dinas Baru" in teks(client.get(reverse("pelayanan:beranda")))


def test_a_bump_waits_for_the_commit(client):
    """Bumped before the commit, a request could store the old page under the new key."""
    layanan = LayananFactory()
    (gen,) = tembolok.generasi(tembolok.PUBLIK)
    with transaction.atomic():
        layanan.nama = "Nama Baru"
        layanan.save()
        assert tembolok.generasi(tembolok.PUBLIK) == [gen]
    assert tembolok.generasi(tembolok.PUBLIK) == [gen + 1]
    with transaction.atomic():
        layanan.nama = "Dibatalkan"
        layanan.save()
        transaction.set_rollback(True)
    assert tembolok.generasi(tembolok.PUBLIK) == [gen + 1]


def test_a_lost_generation_counter_never_serves_an_old_page(client):
    """Redis may evict the counter: a new one starts at a random value, and an entry keeps
    the generations it was rendered under, so an old entry does not match it."""
    unit = UnitFactory(nama="Dinas Semula")
    url = reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug})
    client.get(url)
    cache.delete(tembolok._kunci_generasi(tembolok.PUBLIK))
    Unit.objects.filter(pk=unit.pk).update(nama="Dinas Sesudah")  # no signal, no bump
    assert "Dinas Sesudah" in teks(client.get(url))


# --- consultation rounds: their own scope ---------------------------------------------------


def test_a_comment_shows_at_once_and_other_rounds_stay_cached(client, django_assert_num_queries):
    versi, admin, _kepala = _draf()
    putaran = buka_putaran(versi, admin)
    lain_versi, lain_admin, _ = _draf()
    lain = buka_putaran(lain_versi, lain_admin)
    url = reverse("standar:putaran_detail", kwargs={"pk": putaran.pk})
    url_lain = reverse("standar:putaran_detail", kwargs={"pk": lain.pk})
    client.get(url)
    client.get(url_lain)
    komentar(putaran, warga_baru(), isi="Mohon loket dibuka hari Sabtu.")
    assert "Mohon loket dibuka hari Sabtu." in teks(client.get(url))
    with django_assert_num_queries(0):
        client.get(url_lain)
    daftar = teks(client.get(reverse("standar:konsultasi_daftar")))
    assert "1 komentar" in daftar or "1 comment" in daftar


def test_closing_a_round_shows_at_once(client):
    versi, admin, _kepala = _draf()
    putaran = buka_putaran(versi, admin)
    url = reverse("standar:putaran_detail", kwargs={"pk": putaran.pk})
    assert "Terbuka" in teks(client.get(url))
    konsultasi.putaran_close(putaran=putaran)
    assert "Ditutup" in teks(client.get(url))


def _draf():
    layanan = LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    return versi, admin, kepala


# --- who gets a cached page ------------------------------------------------------------------


def test_each_visitor_gets_a_working_token_of_their_own():
    versi, _admin, _kepala = standar_terbit()
    halaman = url_layanan(versi.standar.layanan)
    a, b = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_a = TOKEN_RE.search(a.get(halaman).content.decode()).group(1)
    body_b = b.get(halaman).content.decode()  # from the cache
    token_b = TOKEN_RE.search(body_b).group(1)
    assert "\x00" not in body_b
    assert token_a != token_b
    assert b.cookies["csrftoken"].value  # b got its own CSRF cookie
    # b's token from the cached page is accepted by the language switch (a CSRF-checked POST).
    response = b.post(
        reverse("set_language"), {"language": "en", "next": halaman, "csrfmiddlewaretoken": token_b}
    )
    assert response.status_code == 302
    inggris = b.get(halaman)
    assert inggris["Content-Language"] == "en"
    assert '<html lang="en">' in inggris.content.decode()  # not the cached Indonesian page


def test_signed_in_visitors_and_pending_messages_are_never_served_from_the_cache(
    client, django_assert_num_queries
):
    versi, _admin, _kepala = standar_terbit()
    halaman = url_layanan(versi.standar.layanan)
    client.get(halaman)
    with django_assert_num_queries(0):
        client.get(halaman)
    warga = user_factory(nama_lengkap="Sri Rahayu")
    masuk = Client()
    masuk.force_login(warga)
    keluar = f'action="{reverse("pelayanan:logout")}"'
    assert keluar in masuk.get(halaman).content.decode()  # the signed-in header: rendered for them
    # The anonymous page never carries a signed-in header.
    assert keluar not in client.get(halaman).content.decode()
    pesan = Client()
    pesan.cookies["messages"] = "x"
    with CaptureQueriesContext(connection) as queries:
        assert pesan.get(halaman).status_code == 200
    assert len(queries) > 0  # rendered, not served from the cache


def test_errors_are_not_cached(client):
    unit = UnitFactory(aktif=False)
    url = reverse("pelayanan:unit_profil", kwargs={"slug": unit.slug})
    assert client.get(url).status_code == 404
    Unit.objects.filter(pk=unit.pk).update(aktif=True)  # no signal: a stored 404 would stay
    assert client.get(url).status_code == 200


def test_the_cache_is_shared_through_redis(redis_url, settings, client, django_assert_num_queries):
    """What production runs: django-redis, counters incremented by Redis itself."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "uji-tembolok",
        }
    }
    cache.clear()
    try:
        versi, admin, kepala = standar_terbit()
        layanan = versi.standar.layanan
        versi_baru(layanan, admin, kepala, status="ditetapkan", **_tarif(9))
        halaman = url_layanan(layanan)
        client.get(halaman)
        with django_assert_num_queries(0):
            assert "3 hari kerja" in bagian(client.get(halaman), "jangka_waktu")
        services.versi_publish(versi=versi.standar.versi_set.get(nomor=2), oleh=kepala)
        assert "9 hari kerja" in bagian(client.get(halaman), "jangka_waktu")
    finally:
        cache.clear()


def test_a_draft_never_leaks_through_the_cache(client):
    versi, admin, kepala = standar_terbit()
    layanan = versi.standar.layanan
    halaman = url_layanan(layanan)
    client.get(halaman)
    draf = services.versi_draft_create(layanan=layanan, oleh=admin)
    isi_lengkap(draf, admin, {"jangka_waktu": {"jumlah": 77, "satuan": "hari_kerja"}})
    sampai(draf, "ditetapkan", admin, kepala)
    assert "77 hari kerja" not in teks(client.get(halaman))
    assert client.get(url_versi(layanan, 2)).status_code == 404
