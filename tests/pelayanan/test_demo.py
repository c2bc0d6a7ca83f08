"""The `demo_data` command: a believable data set, identical however often it is loaded."""

from io import StringIO

import pytest
from django.core.management import call_command

from pelayanan.choices import Peran
from pelayanan.demo import DEMO_PASSWORD, STAFF, SUPERUSER, WARGA
from pelayanan.models import (
    HariLibur,
    Instansi,
    KanalPengaduanUnit,
    Layanan,
    Pengguna,
    PenugasanPeran,
    Unit,
)

SNAPSHOT_MODELS = [Instansi, Unit, KanalPengaduanUnit, Layanan, Pengguna, PenugasanPeran, HariLibur]


def run_demo_data() -> str:
    out = StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the core models as a sorted list of value tuples (ids included, so a
    row deleted and created again shows), leaving out auto timestamps."""
    rows = {}
    for model in SNAPSHOT_MODELS:
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        ]
        rows[model.__name__] = sorted(model.objects.values_list(*fields), key=repr)
    return rows


@pytest.mark.django_db
def test_demo_data_twice_leaves_the_same_rows():
    run_demo_data()
    first = snapshot()
    assert all(first[model.__name__] for model in SNAPSHOT_MODELS), "every model has demo rows"
    assert "password" in [f.attname for f in Pengguna._meta.concrete_fields]
    run_demo_data()
    second = snapshot()
    for model in SNAPSHOT_MODELS:
        assert second[model.__name__] == first[model.__name__], model.__name__


@pytest.mark.django_db
def test_demo_data_has_a_kabupaten_with_at_least_four_units():
    run_demo_data()
    kabupaten = Instansi.objects.get(slug="kabupaten-sukamaju")
    assert kabupaten.unit_set.count() >= 4
    assert Layanan.objects.filter(unit__instansi=kabupaten).count() >= 4
    assert KanalPengaduanUnit.objects.filter(unit__instansi=kabupaten).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("peran", list(Peran))
def test_demo_data_has_a_user_for_every_role(peran):
    run_demo_data()
    grants = PenugasanPeran.objects.filter(peran=peran)
    assert grants.exists(), f"no demo account with role {peran}"
    for g in grants:
        g.full_clean()  # every demo grant is on a scope its role admits


@pytest.mark.django_db
def test_demo_data_has_a_citizen_and_a_superuser():
    run_demo_data()
    warga = Pengguna.objects.get(email=WARGA[0][0])
    assert not warga.penugasan.exists()
    assert not warga.is_staff
    superuser = Pengguna.objects.get(email=SUPERUSER[0])
    assert superuser.is_superuser
    assert superuser.is_staff


@pytest.mark.django_db
def test_demo_account_can_log_in(client):
    run_demo_data()
    email = "admin.dukcapil@sukamajukab.example"
    assert client.login(username=email, password=DEMO_PASSWORD)
    client.logout()
    # E-mail addresses are matched case-insensitively at login.
    assert client.login(username=email.upper(), password=DEMO_PASSWORD)
    client.logout()
    assert not client.login(username=email, password="salah-kata-sandi")


@pytest.mark.django_db
def test_demo_data_prints_every_account_and_the_password():
    output = run_demo_data()
    assert DEMO_PASSWORD in output
    emails = [row[0] for row in STAFF] + [row[0] for row in WARGA] + [SUPERUSER[0]]
    assert len(emails) >= 12
    for email in emails:
        assert email in output
    assert "Superuser (Django admin)" in output
    assert "Warga" in output
    # The second run prints the same list.
    assert run_demo_data() == output
