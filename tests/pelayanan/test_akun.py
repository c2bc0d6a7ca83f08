"""Accounts: registration with e-mail confirmation, login by e-mail, password reset."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from pelayanan import akun
from pelayanan.models import JejakAudit, Pengguna
from tests.factories import TEST_PASSWORD, InstansiFactory, user_factory

pytestmark = pytest.mark.django_db


def _register(client, django_capture_on_commit_callbacks, **overrides):
    data = {
        "nama_lengkap": "Siti Aminah",
        "email": "Siti.Aminah@Contoh.example",
        "password1": "bunga-melati-77",
        "password2": "bunga-melati-77",
        **overrides,
    }
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("pelayanan:daftar"), data)


def test_registration_creates_unconfirmed_citizen_and_mails_the_link(
    client, django_capture_on_commit_callbacks
):
    response = _register(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    user = Pengguna.objects.get(email="siti.aminah@contoh.example")
    assert not user.email_terkonfirmasi
    assert not user.is_staff
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti.aminah@contoh.example"]
    assert "Konfirmasi" in mail.outbox[0].subject
    assert JejakAudit.objects.filter(aksi="akun.daftar", object_id=str(user.pk)).exists()


def test_confirmation_link_from_the_mail_confirms_the_address(client, django_capture_on_commit_callbacks):
    _register(client, django_capture_on_commit_callbacks)
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[1]

    response = client.get(path, follow=True)

    assert response.status_code == 200
    assert "sudah dikonfirmasi" in response.content.decode()
    assert Pengguna.objects.get(email="siti.aminah@contoh.example").email_terkonfirmasi


def test_confirmation_is_idempotent_and_audited_once(warga):
    token = akun.email_confirmation_token(warga)
    first = akun.email_confirm(token=token).email_dikonfirmasi_pada
    second = akun.email_confirm(token=token).email_dikonfirmasi_pada
    assert first == second
    assert JejakAudit.objects.filter(aksi="akun.email_dikonfirmasi").count() == 1


@pytest.mark.parametrize("mangle", ["tamper", "other-email", "expired"])
def test_bad_confirmation_links_are_refused_with_a_clear_page(client, warga, settings, mangle):
    token = akun.email_confirmation_token(warga)
    if mangle == "tamper":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif mangle == "other-email":
        token = signing.dumps({"id": warga.pk, "email": "lain@contoh.example"}, salt=akun._SALT)
    else:
        settings.EMAIL_CONFIRMATION_MAX_AGE = -1

    response = client.get(reverse("pelayanan:konfirmasi_email", kwargs={"token": token}))

    assert response.status_code == 400
    assert "Konfirmasi e-mail gagal" in response.content.decode()
    warga.refresh_from_db()
    assert not warga.email_terkonfirmasi


def test_duplicate_email_is_refused_case_insensitively_and_input_is_kept(
    client, warga, django_capture_on_commit_callbacks
):
    response = _register(client, django_capture_on_commit_callbacks, email="WARGA.UJI@contoh.example")

    assert response.status_code == 200
    body = response.content.decode()
    assert "sudah terdaftar" in body
    assert 'value="Siti Aminah"' in body
    assert Pengguna.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password2": "lain-sekali-99"}, "Kedua kata sandi tidak sama."),
        ({"password1": "12345678901", "password2": "12345678901"}, "seluruhnya terdiri dari angka"),
        ({"password1": "pendek", "password2": "pendek"}, "terlalu pendek"),
        ({"email": "bukan-email"}, "alamat email"),
        ({"nama_lengkap": ""}, "Bidang ini"),
    ],
)
def test_invalid_registration_shows_indonesian_errors_and_saves_nothing(
    client, django_capture_on_commit_callbacks, overrides, message
):
    response = _register(client, django_capture_on_commit_callbacks, **overrides)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Pengguna.objects.count() == 0


def test_login_by_email_is_case_insensitive(client, warga):
    response = client.post(
        reverse("pelayanan:login"), {"username": "Warga.Uji@CONTOH.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(warga.pk)


def test_wrong_password_is_refused_in_indonesian(client, warga):
    response = client.post(reverse("pelayanan:login"), {"username": warga.email, "password": "salah"})
    assert response.status_code == 200
    assert "Masukkan e-mail dan kata sandi yang benar" in response.content.decode()


def test_password_reset_by_email_round_trip(client, warga):
    client.post(reverse("pelayanan:password_reset"), {"email": warga.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/akun/reset/\S+/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]

    form_page = client.get(path, follow=True)
    post_url = form_page.redirect_chain[-1][0]
    done = client.post(post_url, {"new_password1": "rahasia-baru-2026", "new_password2": "rahasia-baru-2026"})

    assert done.status_code == 302
    warga.refresh_from_db()
    assert warga.check_password("rahasia-baru-2026")


def test_logout_requires_post_and_ends_the_session(client, warga):
    client.force_login(warga)
    assert client.get(reverse("pelayanan:logout")).status_code == 405
    client.post(reverse("pelayanan:logout"))
    assert "_auth_user_id" not in client.session


def test_password_change_requires_login(client):
    response = client.get(reverse("pelayanan:password_change"))
    assert response.status_code == 302
    assert reverse("pelayanan:login") in response["Location"]


def test_staff_account_created_by_superuser_in_admin_with_an_audited_role(admin_client_portal):
    instansi = InstansiFactory()
    response = admin_client_portal.post(
        reverse("admin:pelayanan_pengguna_add"),
        {
            "email": "petugas.baru@uji.example",
            "nama_lengkap": "Petugas Baru",
            "password1": "petugas-kuat-2026",
            "password2": "petugas-kuat-2026",
            "usable_password": "true",
            "penugasan-TOTAL_FORMS": "1",
            "penugasan-INITIAL_FORMS": "0",
            "penugasan-0-peran": "pembina",
            "penugasan-0-instansi": str(instansi.pk),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = Pengguna.objects.get(email="petugas.baru@uji.example")
    assert user.check_password("petugas-kuat-2026")
    assert list(user.penugasan.values_list("peran", "instansi")) == [("pembina", instansi.pk)]
    assert JejakAudit.objects.filter(aksi="peran.beri", object_id=str(user.pk)).count() == 1


@pytest.fixture
def admin_client_portal(client):
    admin = user_factory(email="super@uji.example", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client
