"""A database error gives the plain Indonesian error page (templates/500.html), never a stack
trace, with DEBUG off as in production; and the failed request's transaction is rolled back."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from pelayanan import selectors
from pelayanan.models import JejakAudit

pytestmark = pytest.mark.django_db


@pytest.fixture
def klien():
    return Client(raise_request_exception=False)


def test_operational_error_in_a_view_gives_the_indonesian_500_page(klien, settings, monkeypatch):
    settings.DEBUG = False

    def putus(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(selectors, "instansi_list", putus)
    r = klien.get(reverse("pelayanan:instansi_list"))
    body = r.content.decode()
    assert r.status_code == 500
    assert "Terjadi gangguan" in body
    assert "Silakan coba lagi beberapa saat lagi" in body
    for bocor in ("Traceback", "OperationalError", "server closed the connection", "selectors.py"):
        assert bocor not in body


def test_a_database_error_inside_a_write_leaves_nothing_half_done(klien, settings, monkeypatch, warga):
    """ATOMIC_REQUESTS: what the request wrote before the error is rolled back."""
    from pelayanan import audit

    settings.DEBUG = False
    asli = audit.audit_record

    def lalu_putus(**kwargs):
        asli(**kwargs)
        raise OperationalError("could not serialize access")

    monkeypatch.setattr("pelayanan.data_pribadi.audit_record", lalu_putus)
    klien.force_login(warga)
    r = klien.post(reverse("pelayanan:unduh_data"))
    assert r.status_code == 500
    assert "Terjadi gangguan" in r.content.decode()
    assert not JejakAudit.objects.filter(aksi="akun.unduh_data").exists()
