"""Standar services: drafting, editing, every workflow step by every role, immutability."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from pelayanan.choices import Peran
from pelayanan.models import JejakAudit
from standar import services
from standar.choices import StatusVersi
from standar.models import KomponenStandar, VersiStandar
from tests.factories import LayananFactory, UnitFactory, grant, user_factory
from tests.standar.helpers import buka_putaran, isi_lengkap, sampai, staf_unit, standar_terbit

pytestmark = pytest.mark.django_db

STEPS = ["ajukan_konsultasi", "tetapkan", "terbitkan", "cabut"]
# The legal (status, step, role) triples; everything else is refused. "ajukan_konsultasi"
# is taken by opening a round (also a second round after the first closed); the round's
# closing is a system step (tested in test_konsultasi).
LEGAL = {
    ("draf", "ajukan_konsultasi", "admin_unit"),
    ("perbaikan", "ajukan_konsultasi", "admin_unit"),
    ("perbaikan", "tetapkan", "kepala_unit"),
    ("ditetapkan", "terbitkan", "kepala_unit"),
    ("terbit", "cabut", "kepala_unit"),
}
ROLES = ["admin_unit", "kepala_unit", "admin_lain", "pembina", "warga"]


def _run(step, versi, user):
    if step == "ajukan_konsultasi":
        return buka_putaran(versi, user).versi
    if step == "tetapkan":
        return services.versi_decree(
            versi=versi,
            sk_nomor="188/1/2026",
            sk_tanggal=date(2026, 2, 2),
            berlaku_mulai=date(2026, 2, 9),
            oleh=user,
        )
    if step == "terbitkan":
        return services.versi_publish(versi=versi, oleh=user)
    return services.versi_revoke(versi=versi, alasan="Layanan dihapus oleh peraturan baru", oleh=user)


@pytest.fixture
def dunia():
    layanan = LayananFactory()
    admin, kepala = staf_unit(layanan.unit)
    admin_lain = user_factory()
    grant(admin_lain, Peran.ADMIN_UNIT, unit=UnitFactory(instansi=layanan.unit.instansi))
    pembina = user_factory()
    grant(pembina, Peran.PEMBINA, instansi=layanan.unit.instansi)
    users = {
        "admin_unit": admin,
        "kepala_unit": kepala,
        "admin_lain": admin_lain,
        "pembina": pembina,
        "warga": user_factory(),
    }
    return layanan, users


@pytest.mark.parametrize("status", ["draf", "konsultasi", "perbaikan", "ditetapkan", "terbit"])
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("role", ROLES)
def test_every_status_step_and_role(dunia, status, step, role):
    """Each step by each role from each status: legal ones move and are audited, the rest are
    refused with nothing changed."""
    layanan, users = dunia
    admin, kepala = users["admin_unit"], users["kepala_unit"]
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    versi = sampai(versi, status, admin, kepala)
    audit_before = JejakAudit.objects.count()

    if (status, step, role) in LEGAL:
        result = _run(step, versi, users[role])
        assert result.status != status
        assert JejakAudit.objects.count() > audit_before
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            _run(step, versi, users[role])
        assert (
            not versi.putaran_set.filter(ditutup_pada__isnull=True)
            .exclude(versi__status="konsultasi")
            .exists()
        )
        versi.refresh_from_db()
        assert versi.status == status
        assert JejakAudit.objects.count() == audit_before


@pytest.mark.parametrize("step", ["ajukan_konsultasi", "tetapkan"])
def test_incomplete_version_cannot_go_to_consultation_or_be_decreed(dunia, step):
    layanan, users = dunia
    admin, kepala = users["admin_unit"], users["kepala_unit"]
    versi = isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin)
    if step == "tetapkan":
        versi = sampai(versi, "perbaikan", admin, kepala)
    row = versi.komponen_set.get(kunci="biaya")
    KomponenStandar.objects.filter(pk=row.pk).update(isi={"gratis": False, "items": []})

    with pytest.raises(services.TransitionRefused) as exc:
        _run(step, versi, admin if step == "ajukan_konsultasi" else kepala)
    assert "Biaya/tarif" in exc.value.messages[0]


def test_completeness_counts_registry_components(dunia):
    layanan, users = dunia
    versi = services.versi_draft_create(layanan=layanan, oleh=users["admin_unit"])
    assert services.kelengkapan(versi).jumlah_lengkap == 0
    assert versi.komponen_set.count() == 14
    isi_lengkap(versi, users["admin_unit"])
    k = services.kelengkapan(versi)
    assert (k.jumlah_lengkap, k.jumlah, k.selesai) == (14, 14, True)


def test_publishing_supersedes_the_previous_version_and_new_draft_copies_it():
    v1, admin, kepala = standar_terbit()
    v2 = services.versi_draft_create(layanan=v1.standar.layanan, oleh=admin)
    assert v2.revisi_dari == v1
    assert v2.nomor == 2
    assert {r.kunci: r.isi for r in v2.komponen_set.all()} == {r.kunci: r.isi for r in v1.komponen_set.all()}

    row = v2.komponen_set.get(kunci="jangka_waktu")
    services.komponen_update(
        versi=v2,
        kunci="jangka_waktu",
        isi={"jumlah": 1, "satuan": "hari_kerja"},
        revisi_dasar=row.revisi,
        oleh=admin,
    )
    v2 = sampai(v2, "terbit", admin, kepala, sk_nomor="188/2/2026")

    v1.refresh_from_db()
    assert (v1.status, v1.digantikan_oleh, v2.status) == ("digantikan", v2, "terbit")
    assert v1.digantikan_pada is not None
    assert JejakAudit.objects.filter(aksi="standar.digantikan", object_id=str(v1.pk)).exists()


def test_only_one_version_in_preparation_and_one_published():
    v1, admin, _kepala = standar_terbit()
    services.versi_draft_create(layanan=v1.standar.layanan, oleh=admin)
    with pytest.raises(ValidationError, match="sedang disusun"):
        services.versi_draft_create(layanan=v1.standar.layanan, oleh=admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        VersiStandar.objects.create(standar=v1.standar, nomor=9, status="draf", dibuat_oleh=admin)
    with pytest.raises(IntegrityError), transaction.atomic():
        VersiStandar.objects.create(
            standar=v1.standar,
            nomor=10,
            status="terbit",
            dibuat_oleh=admin,
            sk_nomor="x",
            sk_tanggal=date(2026, 1, 1),
            diterbitkan_pada=v1.diterbitkan_pada,
        )


def test_published_version_is_immutable_in_services_and_model():
    versi, admin, _kepala = standar_terbit()
    row = versi.komponen_set.get(kunci="jangka_waktu")
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.komponen_update(
            versi=versi,
            kunci="jangka_waktu",
            isi={"jumlah": 1, "satuan": "hari"},
            revisi_dasar=row.revisi,
            oleh=admin,
        )
    row.isi = {"jumlah": 1, "satuan": "hari"}
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()
    row.refresh_from_db()
    assert row.isi == {"jumlah": 3, "satuan": "hari_kerja"}


def test_published_version_is_read_only_in_the_admin(client):
    versi, _admin, _kepala = standar_terbit()
    superuser = user_factory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:standar_versistandar_change", args=[versi.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # view-only: no save button
    response = client.post(url, {"sk_nomor": "DIUBAH", "status": "draf"})
    assert response.status_code == 403
    versi.refresh_from_db()
    assert (versi.sk_nomor, versi.status) == ("100.3.3/12/2026", "terbit")
    delete = client.post(reverse("admin:standar_versistandar_delete", args=[versi.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert VersiStandar.objects.filter(pk=versi.pk).exists()


def test_stale_save_is_refused_and_keeps_the_other_change(dunia):
    layanan, users = dunia
    admin = users["admin_unit"]
    other = user_factory(nama_lengkap="Admin Kedua")
    grant(other, Peran.ADMIN_UNIT, unit=layanan.unit)
    versi = services.versi_draft_create(layanan=layanan, oleh=admin)
    opened = versi.komponen_set.get(kunci="jangka_waktu").revisi

    services.komponen_update(
        versi=versi,
        kunci="jangka_waktu",
        isi={"jumlah": 5, "satuan": "hari"},
        revisi_dasar=opened,
        oleh=other,
    )
    with pytest.raises(services.StaleEdit) as exc:
        services.komponen_update(
            versi=versi,
            kunci="jangka_waktu",
            isi={"jumlah": 9, "satuan": "hari"},
            revisi_dasar=opened,
            oleh=admin,
        )

    assert "Admin Kedua" in exc.value.messages[0]
    assert exc.value.current.isi == {"jumlah": 5, "satuan": "hari"}
    row = versi.komponen_set.get(kunci="jangka_waktu")
    assert (row.isi, row.revisi) == ({"jumlah": 5, "satuan": "hari"}, opened + 1)


def test_editing_needs_the_admin_role_of_that_unit(dunia):
    layanan, users = dunia
    versi = services.versi_draft_create(layanan=layanan, oleh=users["admin_unit"])
    for role in ["kepala_unit", "admin_lain", "pembina", "warga"]:
        with pytest.raises(PermissionDenied):
            services.komponen_update(
                versi=versi, kunci="pengawasan", isi={"teks": "x"}, revisi_dasar=0, oleh=users[role]
            )
    with pytest.raises(PermissionDenied):
        services.versi_draft_create(layanan=LayananFactory(), oleh=users["admin_unit"])


def test_invalid_content_saves_nothing(dunia):
    layanan, users = dunia
    versi = services.versi_draft_create(layanan=layanan, oleh=users["admin_unit"])
    with pytest.raises(ValidationError):
        services.komponen_update(
            versi=versi,
            kunci="biaya",
            isi={"gratis": False, "items": [{"uraian": "A", "jumlah": -1, "dasar_hukum": "B"}]},
            revisi_dasar=0,
            oleh=users["admin_unit"],
        )
    row = versi.komponen_set.get(kunci="biaya")
    assert (row.isi, row.revisi) == ({"gratis": False, "items": []}, 0)


@pytest.mark.parametrize(
    ("sk_nomor", "sk_tanggal", "berlaku_mulai", "field"),
    [
        ("", date(2026, 1, 5), date(2026, 1, 6), "sk_nomor"),
        ("188/1", date(2099, 1, 5), date(2099, 1, 6), "sk_tanggal"),
        ("188/1", date(2026, 1, 5), date(2026, 1, 1), "berlaku_mulai"),
        ("188/1", None, date(2026, 1, 6), "sk_tanggal"),
    ],
)
def test_decree_needs_a_valid_sk(dunia, sk_nomor, sk_tanggal, berlaku_mulai, field):
    layanan, users = dunia
    admin, kepala = users["admin_unit"], users["kepala_unit"]
    versi = sampai(
        isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin),
        "perbaikan",
        admin,
        kepala,
    )
    with pytest.raises(ValidationError) as exc:
        services.versi_decree(
            versi=versi, sk_nomor=sk_nomor, sk_tanggal=sk_tanggal, berlaku_mulai=berlaku_mulai, oleh=kepala
        )
    assert field in exc.value.message_dict
    versi.refresh_from_db()
    assert versi.status == "perbaikan"


def test_revoke_needs_a_reason_and_is_recorded():
    versi, _admin, kepala = standar_terbit()
    with pytest.raises(ValidationError):
        services.versi_revoke(versi=versi, alasan="singkat", oleh=kepala)
    services.versi_revoke(versi=versi, alasan="Layanan dialihkan ke Mal Pelayanan Publik", oleh=kepala)
    versi.refresh_from_db()
    assert versi.status == StatusVersi.DICABUT
    assert versi.alasan_pencabutan.startswith("Layanan dialihkan")


def test_copy_from_another_units_published_standard():
    sumber, _a, _k = standar_terbit()
    layanan = LayananFactory(nama="Akta Kelahiran")
    admin, _kepala = staf_unit(layanan.unit)
    draft = services.versi_copy_from_other(layanan=layanan, sumber=sumber, oleh=admin)
    assert draft.status == "draf"
    assert draft.disalin_dari == sumber
    assert draft.komponen_set.get(kunci="persyaratan").isi == sumber.komponen_set.get(kunci="persyaratan").isi
    with pytest.raises(ValidationError):
        services.versi_copy_from_other(layanan=sumber.standar.layanan, sumber=sumber, oleh=_a)


def test_review_schedule_of_a_published_version():
    versi, _admin, _kepala = standar_terbit()
    assert versi.berlaku_sejak == date(2026, 1, 12)
    assert versi.evaluasi_jatuh_tempo == date(2027, 1, 12)
    assert versi.peninjauan_jatuh_tempo == date(2029, 1, 12)


def test_system_step_cannot_be_taken_by_a_user(dunia):
    layanan, users = dunia
    admin, kepala = users["admin_unit"], users["kepala_unit"]
    versi = sampai(
        isi_lengkap(services.versi_draft_create(layanan=layanan, oleh=admin), admin),
        "konsultasi",
        admin,
        kepala,
    )
    with pytest.raises(PermissionDenied):
        services._step(versi, "tutup_konsultasi", admin)
    assert "tutup_konsultasi" not in [
        t.nama for t in __import__("standar.workflow").workflow.available(versi)
    ]
