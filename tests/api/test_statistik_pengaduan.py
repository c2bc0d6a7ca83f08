"""Public complaint statistics in the API (from pengaduan.statistik), when the complaints app
has them: counts only, never a complaint's text or its complainant."""

import io

import pytest
from django.core.management import call_command

pytest.importorskip("pengaduan.statistik", reason="the complaints app has no statistics service yet")

from pelayanan.models import Instansi, Unit

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def demo_lengkap(db):
    call_command("demo_data", stdout=io.StringIO())


def test_statistics_of_the_portal_an_instansi_and_a_unit(client, demo_lengkap):
    from pengaduan.models import Pengaduan

    root = client.get("/api/v1/", **JSON).json()
    assert root["statistik-pengaduan"].endswith("/api/v1/statistik-pengaduan/")

    portal = client.get("/api/v1/statistik-pengaduan/", **JSON).json()
    assert portal["lingkup"]["jenis"] == "portal"
    assert portal["jumlah"] == Pengaduan.objects.count() > 0
    assert sum(r["jumlah"] for r in portal["per_mode_privasi"]) == portal["jumlah"]

    instansi = Instansi.objects.get(slug="kabupaten-sukamaju")
    data = client.get("/api/v1/statistik-pengaduan/", {"instansi": instansi.pk}, **JSON).json()
    assert data["lingkup"]["jenis"] == "instansi"
    assert data["jumlah"] == Pengaduan.objects.filter(unit__instansi=instansi).count()
    assert {r["unit"]["id"] for r in data["per_unit"]} == set(
        Unit.objects.filter(instansi=instansi, aktif=True).values_list("pk", flat=True)
    )

    unit = Unit.objects.get(slug="disdukcapil-sukamaju")
    response = client.get("/api/v1/statistik-pengaduan/", {"unit": unit.pk}, **JSON)
    assert response["Cache-Control"] == "public, max-age=300"
    data = response.json()
    assert data["jumlah"] == Pengaduan.objects.filter(unit=unit).count()
    assert data["url_halaman"].endswith(f"/pengaduan/statistik/unit/{unit.slug}/")
    assert [r["kunci"] for r in data["per_bagian"]][:3] == ["persyaratan", "prosedur", "jangka_waktu"]


def test_nothing_of_a_complaint_itself_appears(client, demo_lengkap):
    from pengaduan.models import Pengaduan

    bodies = [
        client.get("/api/v1/statistik-pengaduan/", params, **JSON).content.decode()
        for params in [{}, {"instansi": Instansi.objects.get(slug="kabupaten-sukamaju").pk}]
    ]
    teks = [
        f.name
        for f in Pengaduan._meta.fields
        if f.get_internal_type() in ("CharField", "TextField") and not f.choices
    ]
    assert teks
    checked = 0
    for p in Pengaduan.objects.all():
        for name in teks:
            value = getattr(p, name)
            if isinstance(value, str) and len(value) > 8:  # short codes ("publik", "diterima") are labels
                checked += 1
                for body in bodies:
                    assert value not in body, name
    assert checked


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"unit": 999999}, 404),
        ({"instansi": 999999}, 404),
        ({"unit": "x"}, 400),
        ({"diterima_dari": "kemarin"}, 400),
    ],
)
def test_bad_parameters(client, db, params, status):
    assert client.get("/api/v1/statistik-pengaduan/", params, **JSON).status_code == status
