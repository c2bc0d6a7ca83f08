"""Two-factor login (pelayanan.dua_langkah): enrolment, verification, refusal without a code."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pelayanan import dua_langkah
from pelayanan.choices import Peran
from pelayanan.models import JejakAudit
from tests.factories import TEST_PASSWORD, InstansiFactory, UnitFactory, grant, user_factory

LOGIN = "/akun/masuk/"
VERIFIKASI = "/akun/dua-langkah/"
DAFTAR = "/akun/dua-langkah/daftar/"


@pytest.fixture
def wajib(settings):
    settings.OTP_WAJIB = True
    return settings


def kode(perangkat: TOTPDevice, langkah: int = 0) -> str:
    """The code the app shows now (or `langkah` time steps later); the app knows no drift."""
    perangkat.refresh_from_db()
    totp = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits, 0)
    totp.time = time.time() + langkah * perangkat.step
    return f"{totp.token():06d}"


def pembina():
    user = user_factory(email="bupati@uji.example")
    grant(user, Peran.PEMBINA, instansi=InstansiFactory())
    return user


def admin_unit():
    user = user_factory(email="admin@uji.example")
    grant(user, Peran.ADMIN_UNIT, unit=UnitFactory())
    return user


def masuk(client, user):
    response = client.post(LOGIN, {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def enrol(client, user) -> TOTPDevice:
    client.get(DAFTAR)
    perangkat = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(DAFTAR, {"kode": kode(perangkat)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return TOTPDevice.objects.get(user=user, confirmed=True)


# --- who must, who may ----------------------------------------------------------------------


@pytest.mark.django_db
def test_rules(wajib):
    superuser = user_factory(email="root@uji.example", is_superuser=True, is_staff=True)
    warga = user_factory(email="warga@uji.example")
    assert dua_langkah.wajib(pembina())
    assert dua_langkah.wajib(superuser)
    admin = admin_unit()
    assert not dua_langkah.wajib(admin)
    assert not dua_langkah.wajib(warga)
    assert dua_langkah.tersedia(admin)
    assert dua_langkah.tersedia(superuser)
    assert not dua_langkah.tersedia(warga)
    wajib.OTP_WAJIB = False
    assert not dua_langkah.wajib(superuser)


# --- required: enrol before anything else ---------------------------------------------------


@pytest.mark.django_db
def test_a_pembina_without_an_app_must_enrol_before_any_page(client, wajib):
    user = pembina()
    masuk(client, user)
    for url in [reverse("pelayanan:ruang_kerja"), "/", reverse("pelayanan:akun_saya")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(DAFTAR + "?next=")
    page = client.get(DAFTAR)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    assert 'class="qr"' in html
    assert dua_langkah.kunci_base32(TOTPDevice.objects.get(user=user)) in html
    assert "wajib" in html


@pytest.mark.django_db
def test_enrolment_needs_the_right_code_and_is_audited(client, wajib):
    user = pembina()
    masuk(client, user)
    client.get(DAFTAR)
    perangkat = TOTPDevice.objects.get(user=user)
    assert "otpauth://totp/" in perangkat.config_url
    assert "Portal" in perangkat.config_url
    # The same QR code on the next visit (one pending device, not one per visit).
    client.get(DAFTAR)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    salah = "000000" if kode(perangkat) != "000000" else "111111"
    response = client.post(DAFTAR, {"kode": salah})
    assert response.status_code == 200
    assert "Kode tidak cocok" in response.content.decode()
    assert not TOTPDevice.objects.get(pk=perangkat.pk).confirmed
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 302
    # django-otp makes the next try wait (1 s after one wrong code, doubling): right away, even
    # the right code is refused; after the wait it is taken.
    response = client.post(DAFTAR, {"kode": kode(perangkat)})
    assert "Terlalu banyak kode yang salah" in response.content.decode()
    TOTPDevice.objects.filter(pk=perangkat.pk).update(throttling_failure_timestamp=None)

    response = client.post(DAFTAR + "?next=/ruang-kerja/", {"kode": kode(perangkat), "next": "/ruang-kerja/"})
    assert response.status_code == 302
    assert response["Location"] == "/ruang-kerja/"
    assert TOTPDevice.objects.get(pk=perangkat.pk).confirmed
    assert JejakAudit.objects.filter(aksi="akun.dua_langkah_aktif", aktor=user).count() == 1
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 200


@pytest.mark.django_db
def test_a_superuser_is_refused_the_admin_without_a_code(client, wajib):
    user = user_factory(email="root@uji.example", is_superuser=True, is_staff=True)
    masuk(client, user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(DAFTAR)


# --- enrolled: a code at every login --------------------------------------------------------


@pytest.mark.django_db
def test_an_enrolled_user_gives_a_code_after_the_password(client, wajib):
    user = pembina()
    masuk(client, user)
    perangkat = enrol(client, user)
    client.logout()

    masuk(client, user)
    response = client.get(reverse("pelayanan:ruang_kerja"))
    assert response.status_code == 302
    assert response["Location"] == VERIFIKASI + "?next=/ruang-kerja/"
    assert client.get(VERIFIKASI).status_code == 200

    response = client.post(VERIFIKASI + "?next=/ruang-kerja/", {"kode": "12345", "next": "/ruang-kerja/"})
    assert response.status_code == 200
    assert "Masukkan 6 angka" in response.content.decode()
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 302

    response = client.post(VERIFIKASI, {"kode": kode(perangkat, 1), "next": "/ruang-kerja/"})
    assert response.status_code == 302
    assert response["Location"] == "/ruang-kerja/"
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 200


@pytest.mark.django_db
def test_a_used_code_is_not_accepted_twice(client, wajib):
    user = pembina()
    masuk(client, user)
    perangkat = enrol(client, user)
    client.logout()
    masuk(client, user)
    assert client.post(VERIFIKASI, {"kode": kode(perangkat, 1)}).status_code == 302
    client.logout()
    masuk(client, user)
    response = client.post(VERIFIKASI, {"kode": kode(perangkat, 1)})
    assert response.status_code == 200
    assert "Kode tidak cocok" in response.content.decode()


@pytest.mark.django_db
def test_next_never_leads_off_site(client, wajib):
    user = pembina()
    masuk(client, user)
    perangkat = enrol(client, user)
    client.logout()
    masuk(client, user)
    response = client.post(VERIFIKASI, {"kode": kode(perangkat, 1), "next": "https://jahat.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("pelayanan:ruang_kerja")


@pytest.mark.django_db
def test_wrong_codes_are_limited_per_account(client, wajib):
    user = pembina()
    masuk(client, user)
    perangkat = enrol(client, user)
    client.logout()
    masuk(client, user)
    salah = "000000" if kode(perangkat, 1) != "000000" else "111111"
    for _ in range(dua_langkah.KODE_PER_AKUN[0]):
        client.post(VERIFIKASI, {"kode": salah})
    response = client.post(VERIFIKASI, {"kode": kode(perangkat, 1)})
    assert response.status_code == 200
    assert "Terlalu banyak" in response.content.decode()
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 302


# --- available, not required ----------------------------------------------------------------


@pytest.mark.django_db
def test_staff_not_required_are_not_asked_and_may_enrol_and_switch_off(client, wajib):
    user = admin_unit()
    masuk(client, user)
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 200
    halaman = client.get(reverse("pelayanan:akun_saya")).content.decode()
    assert "Aktifkan verifikasi dua langkah" in halaman

    perangkat = enrol(client, user)
    client.logout()
    masuk(client, user)  # enrolled: now asked, like anyone with an app
    assert client.get(reverse("pelayanan:ruang_kerja"))["Location"].startswith(VERIFIKASI)
    assert client.post(VERIFIKASI, {"kode": kode(perangkat, 1)}).status_code == 302

    response = client.post(reverse("pelayanan:dua_langkah_nonaktifkan"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert JejakAudit.objects.filter(aksi="akun.dua_langkah_nonaktif", aktor=user).exists()
    client.logout()
    masuk(client, user)
    assert client.get(reverse("pelayanan:ruang_kerja")).status_code == 200


@pytest.mark.django_db
def test_a_pembina_cannot_switch_it_off_while_required(client, wajib):
    user = pembina()
    masuk(client, user)
    enrol(client, user)
    client.post(reverse("pelayanan:dua_langkah_nonaktifkan"))
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not JejakAudit.objects.filter(aksi="akun.dua_langkah_nonaktif").exists()


@pytest.mark.django_db
def test_citizens_have_no_second_factor_page(client, wajib):
    warga = user_factory(email="warga@uji.example")
    masuk(client, warga)
    assert client.get(DAFTAR).status_code == 403
    assert not TOTPDevice.objects.exists()
    assert "dua langkah" not in client.get(reverse("pelayanan:akun_saya")).content.decode()


@pytest.mark.django_db
def test_logout_stays_possible_before_the_code(client, wajib):
    user = pembina()
    masuk(client, user)
    response = client.post(reverse("pelayanan:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# --- switched off (development) -------------------------------------------------------------


@pytest.mark.django_db
def test_without_otp_wajib_a_pembina_signs_in_with_the_password_and_sees_a_notice(client, settings):
    settings.OTP_WAJIB = False
    user = pembina()
    masuk(client, user)
    response = client.get(reverse("pelayanan:ruang_kerja"))
    assert response.status_code == 200
    assert "OTP_WAJIB mati" in response.content.decode()
    # An admin unit would not be asked in production either: no notice for them.
    client.logout()
    other = admin_unit()
    masuk(client, other)
    assert "OTP_WAJIB mati" not in client.get(reverse("pelayanan:ruang_kerja")).content.decode()


@pytest.mark.django_db
def test_the_middleware_costs_no_query_for_users_who_owe_nothing(client, wajib, django_assert_num_queries):
    from django.test import RequestFactory

    from pelayanan.middleware import DuaLangkahMiddleware

    user = admin_unit()
    masuk(client, user)
    request = RequestFactory().get("/ruang-kerja/")
    request.session = client.session
    request.session.get("dimuat")  # the session is loaded by then in a real request
    request.user = user
    with django_assert_num_queries(0):
        assert DuaLangkahMiddleware(lambda r: None).process_view(request, None, (), {}) is None
