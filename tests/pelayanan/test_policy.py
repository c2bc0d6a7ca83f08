"""The permission policy (pelayanan.policy): who may do what, on which object.

The world: instansi X (Kabupaten) with units A and B, layanan L of unit A, and
instansi Y (Kota) with unit C. "Own unit" is unit A for every user; a user's grant is
on unit A or on instansi X unless the name says otherwise (pembina_lain: instansi Y).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from pelayanan.choices import Peran
from pelayanan.models import Pengguna, PenugasanPeran
from pelayanan.policy import grants_of, may, require, scope_of, validate_grant_scope
from tests.factories import InstansiFactory, LayananFactory, UnitFactory, grant, user_factory


@pytest.fixture
def world(db):
    x = InstansiFactory(nama="Pemerintah Kabupaten X")
    y = InstansiFactory(nama="Pemerintah Kota Y")
    a = UnitFactory(instansi=x, nama="Dinas A")
    b = UnitFactory(instansi=x, nama="Dinas B")
    c = UnitFactory(instansi=y, nama="Dinas C")
    layanan = LayananFactory(unit=a, nama="Layanan L")

    def staff(name, peran, **scope):
        user = user_factory(email=f"{name}@uji.example", nama_lengkap=name)
        grant(user, peran, **scope)
        return user

    inactive = user_factory(email="nonaktif@uji.example", is_active=False)
    grant(inactive, Peran.ADMIN_UNIT, unit=a)
    users = {
        "anonim": AnonymousUser(),
        "warga": user_factory(email="warga@uji.example", nama_lengkap="Warga"),
        "admin_unit_a": staff("admin_unit_a", Peran.ADMIN_UNIT, unit=a),
        "kepala_unit_a": staff("kepala_unit_a", Peran.KEPALA_UNIT, unit=a),
        "admin_unit_instansi": staff("admin_unit_instansi", Peran.ADMIN_UNIT, instansi=x),
        "pengelola_pengaduan_a": staff("pengelola_pengaduan_a", Peran.PENGELOLA_PENGADUAN, unit=a),
        "penanggung_jawab": staff("penanggung_jawab", Peran.PENANGGUNG_JAWAB, instansi=x),
        "pembina": staff("pembina", Peran.PEMBINA, instansi=x),
        "pembina_lain": staff("pembina_lain", Peran.PEMBINA, instansi=y),
        "evaluator": staff("evaluator", Peran.EVALUATOR, instansi=x),
        "moderator": staff("moderator", Peran.MODERATOR),
        "superuser": Pengguna.objects.create_superuser(
            email="super@uji.example", password="kata-sandi-uji-123", nama_lengkap="Super"
        ),
        "admin_unit_nonaktif": inactive,
    }
    targets = {
        "unit_sendiri": a,
        "layanan_unit_sendiri": layanan,
        "unit_lain_instansi_sama": b,
        "unit_instansi_lain": c,
        "instansi_x": x,
        "instansi_y": y,
    }
    return users, targets


# (user, action): expected for (own unit A, layanan of A, unit B of the same instansi,
# unit C of the other instansi). Read off RULES and ROLE_SCOPES by hand.
TABLE = {
    # No account: only the public action.
    ("anonim", "unit.ubah_profil"): (False, False, False, False),
    ("anonim", "layanan.kelola"): (False, False, False, False),
    ("anonim", "unit.pantau"): (False, False, False, False),
    ("anonim", "instansi.pantau"): (False, False, False, False),
    ("anonim", "unit.lihat"): (True, True, True, True),
    # An account without grants: the same.
    ("warga", "unit.ubah_profil"): (False, False, False, False),
    ("warga", "layanan.kelola"): (False, False, False, False),
    ("warga", "unit.pantau"): (False, False, False, False),
    ("warga", "instansi.pantau"): (False, False, False, False),
    ("warga", "unit.lihat"): (True, True, True, True),
    # Admin unit on unit A: unit A and its layanan only; never the instansi view.
    ("admin_unit_a", "unit.ubah_profil"): (True, True, False, False),
    ("admin_unit_a", "layanan.kelola"): (True, True, False, False),
    ("admin_unit_a", "unit.pantau"): (True, True, False, False),
    ("admin_unit_a", "instansi.pantau"): (False, False, False, False),
    ("admin_unit_a", "unit.lihat"): (True, True, True, True),
    # Kepala unit on unit A: the same rights as the admin of unit A.
    ("kepala_unit_a", "unit.ubah_profil"): (True, True, False, False),
    ("kepala_unit_a", "layanan.kelola"): (True, True, False, False),
    ("kepala_unit_a", "unit.pantau"): (True, True, False, False),
    ("kepala_unit_a", "instansi.pantau"): (False, False, False, False),
    ("kepala_unit_a", "unit.lihat"): (True, True, True, True),
    # Admin unit on instansi X: every unit of X, not Y; still no instansi view.
    ("admin_unit_instansi", "unit.ubah_profil"): (True, True, True, False),
    ("admin_unit_instansi", "layanan.kelola"): (True, True, True, False),
    ("admin_unit_instansi", "unit.pantau"): (True, True, True, False),
    ("admin_unit_instansi", "instansi.pantau"): (False, False, False, False),
    ("admin_unit_instansi", "unit.lihat"): (True, True, True, True),
    # Pengelola pengaduan on unit A: monitors unit A, edits nothing.
    ("pengelola_pengaduan_a", "unit.ubah_profil"): (False, False, False, False),
    ("pengelola_pengaduan_a", "layanan.kelola"): (False, False, False, False),
    ("pengelola_pengaduan_a", "unit.pantau"): (True, True, False, False),
    ("pengelola_pengaduan_a", "instansi.pantau"): (False, False, False, False),
    ("pengelola_pengaduan_a", "unit.lihat"): (True, True, True, True),
    # Penanggung jawab on X: monitors every unit of X and the instansi, edits nothing.
    ("penanggung_jawab", "unit.ubah_profil"): (False, False, False, False),
    ("penanggung_jawab", "layanan.kelola"): (False, False, False, False),
    ("penanggung_jawab", "unit.pantau"): (True, True, True, False),
    ("penanggung_jawab", "instansi.pantau"): (True, True, True, False),
    ("penanggung_jawab", "unit.lihat"): (True, True, True, True),
    # Pembina on X: as the penanggung jawab.
    ("pembina", "unit.ubah_profil"): (False, False, False, False),
    ("pembina", "layanan.kelola"): (False, False, False, False),
    ("pembina", "unit.pantau"): (True, True, True, False),
    ("pembina", "instansi.pantau"): (True, True, True, False),
    ("pembina", "unit.lihat"): (True, True, True, True),
    # Pembina on Y: only unit C.
    ("pembina_lain", "unit.ubah_profil"): (False, False, False, False),
    ("pembina_lain", "layanan.kelola"): (False, False, False, False),
    ("pembina_lain", "unit.pantau"): (False, False, False, True),
    ("pembina_lain", "instansi.pantau"): (False, False, False, True),
    ("pembina_lain", "unit.lihat"): (True, True, True, True),
    # Evaluator on X: as the penanggung jawab.
    ("evaluator", "unit.ubah_profil"): (False, False, False, False),
    ("evaluator", "layanan.kelola"): (False, False, False, False),
    ("evaluator", "unit.pantau"): (True, True, True, False),
    ("evaluator", "instansi.pantau"): (True, True, True, False),
    ("evaluator", "unit.lihat"): (True, True, True, True),
    # Moderator (whole portal): in no rule of these actions.
    ("moderator", "unit.ubah_profil"): (False, False, False, False),
    ("moderator", "layanan.kelola"): (False, False, False, False),
    ("moderator", "unit.pantau"): (False, False, False, False),
    ("moderator", "instansi.pantau"): (False, False, False, False),
    ("moderator", "unit.lihat"): (True, True, True, True),
    # Superuser: everything, everywhere.
    ("superuser", "unit.ubah_profil"): (True, True, True, True),
    ("superuser", "layanan.kelola"): (True, True, True, True),
    ("superuser", "unit.pantau"): (True, True, True, True),
    ("superuser", "instansi.pantau"): (True, True, True, True),
    ("superuser", "unit.lihat"): (True, True, True, True),
    # Deactivated admin of unit A: the grant no longer counts.
    ("admin_unit_nonaktif", "unit.ubah_profil"): (False, False, False, False),
    ("admin_unit_nonaktif", "layanan.kelola"): (False, False, False, False),
    ("admin_unit_nonaktif", "unit.pantau"): (False, False, False, False),
    ("admin_unit_nonaktif", "instansi.pantau"): (False, False, False, False),
    ("admin_unit_nonaktif", "unit.lihat"): (True, True, True, True),
}
TARGETS = ("unit_sendiri", "layanan_unit_sendiri", "unit_lain_instansi_sama", "unit_instansi_lain")


@pytest.mark.parametrize(
    ("user", "action", "expected"),
    [pytest.param(user, action, row, id=f"{user}-{action}") for (user, action), row in TABLE.items()],
)
def test_may(world, user, action, expected):
    users, targets = world
    actual = {target: may(users[user], action, targets[target]) for target in TARGETS}
    assert actual == dict(zip(TARGETS, expected, strict=True))


# instansi.pantau on the instansi objects themselves: (instansi X, instansi Y).
INSTANSI_TABLE = {
    "anonim": (False, False),
    "warga": (False, False),
    "admin_unit_a": (False, False),
    "kepala_unit_a": (False, False),
    "admin_unit_instansi": (False, False),
    "pengelola_pengaduan_a": (False, False),
    "penanggung_jawab": (True, False),
    "pembina": (True, False),
    "pembina_lain": (False, True),
    "evaluator": (True, False),
    "moderator": (False, False),
    "superuser": (True, True),
    "admin_unit_nonaktif": (False, False),
}


@pytest.mark.parametrize(("user", "expected"), list(INSTANSI_TABLE.items()), ids=list(INSTANSI_TABLE))
def test_may_pantau_instansi(world, user, expected):
    users, targets = world
    actual = {
        target: may(users[user], "instansi.pantau", targets[target])
        for target in ("instansi_x", "instansi_y")
    }
    assert actual == dict(zip(("instansi_x", "instansi_y"), expected, strict=True))


def test_tables_cover_every_user_and_action(world):
    users, _ = world
    actions = {"unit.ubah_profil", "layanan.kelola", "unit.pantau", "instansi.pantau", "unit.lihat"}
    assert set(TABLE) == {(u, a) for u in users for a in actions}
    assert set(INSTANSI_TABLE) == set(users)


@pytest.mark.parametrize(
    ("user", "action", "expected"),
    [
        ("pembina_lain", "instansi.pantau", True),
        ("admin_unit_a", "instansi.pantau", False),
        ("pengelola_pengaduan_a", "unit.pantau", True),
        ("pengelola_pengaduan_a", "layanan.kelola", False),
        ("warga", "unit.pantau", False),
        ("anonim", "unit.pantau", False),
        ("admin_unit_nonaktif", "unit.pantau", False),
        ("superuser", "instansi.pantau", True),
    ],
)
def test_may_without_object_asks_whether_the_role_is_held_anywhere(world, user, action, expected):
    users, _ = world
    assert may(users[user], action) is expected


def test_may_refuses_unknown_action(world):
    users, targets = world
    with pytest.raises(ValueError, match=r"unit\.hapus"):
        may(users["superuser"], "unit.hapus", targets["unit_sendiri"])


def test_require_raises_permission_denied(world):
    users, targets = world
    with pytest.raises(PermissionDenied):
        require(users["admin_unit_a"], "unit.ubah_profil", targets["unit_lain_instansi_sama"])
    with pytest.raises(PermissionDenied):
        require(users["anonim"], "unit.pantau", targets["unit_sendiri"])


def test_require_passes_silently_when_allowed(world):
    users, targets = world
    assert require(users["admin_unit_a"], "unit.ubah_profil", targets["unit_sendiri"]) is None


def test_scope_of_unknown_object_is_a_type_error():
    with pytest.raises(TypeError, match="object"):
        scope_of(object())


# --- Grant scopes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("peran", "lingkup"),
    [
        (Peran.KEPALA_UNIT, "instansi"),
        (Peran.PEMBINA, "unit"),
        (Peran.PENANGGUNG_JAWAB, "unit"),
        (Peran.EVALUATOR, "unit"),
        (Peran.ADMIN_UNIT, "global"),
        (Peran.KEPALA_UNIT, "global"),
        (Peran.MODERATOR, "unit"),
    ],
)
def test_grant_on_a_scope_its_role_does_not_admit_is_refused(world, peran, lingkup):
    _, targets = world
    scope = {
        "unit": {"unit": targets["unit_sendiri"]},
        "instansi": {"instansi": targets["instansi_x"]},
        "global": {},
    }[lingkup]
    g = PenugasanPeran(pengguna=user_factory(), peran=peran, **scope)
    with pytest.raises(ValidationError):
        validate_grant_scope(g)
    with pytest.raises(ValidationError) as excinfo:
        g.full_clean()
    assert "lingkup" in str(excinfo.value)


@pytest.mark.parametrize(
    ("peran", "lingkup"),
    [
        (Peran.MODERATOR, "global"),
        (Peran.MODERATOR, "instansi"),
        (Peran.ADMIN_UNIT, "unit"),
        (Peran.ADMIN_UNIT, "instansi"),
        (Peran.KEPALA_UNIT, "unit"),
        (Peran.PENGELOLA_PENGADUAN, "instansi"),
        (Peran.PEMBINA, "instansi"),
    ],
)
def test_grant_on_an_admitted_scope_is_accepted(world, peran, lingkup):
    _, targets = world
    scope = {
        "unit": {"unit": targets["unit_sendiri"]},
        "instansi": {"instansi": targets["instansi_x"]},
        "global": {},
    }[lingkup]
    g = PenugasanPeran(pengguna=user_factory(), peran=peran, **scope)
    validate_grant_scope(g)
    g.full_clean()  # raises on failure


def test_grant_with_both_unit_and_instansi_is_refused_by_validation(world):
    _, targets = world
    g = PenugasanPeran(
        pengguna=user_factory(),
        peran=Peran.ADMIN_UNIT,
        unit=targets["unit_sendiri"],
        instansi=targets["instansi_x"],
    )
    with pytest.raises(ValidationError, match="tidak keduanya"):
        validate_grant_scope(g)


def test_database_refuses_grant_with_both_unit_and_instansi(world):
    _, targets = world
    user = user_factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PenugasanPeran.objects.create(
            pengguna=user,
            peran=Peran.ADMIN_UNIT,
            unit=targets["unit_sendiri"],
            instansi=targets["instansi_x"],
        )
    assert not PenugasanPeran.objects.filter(pengguna=user).exists()


def test_grant_without_role_is_a_validation_error(world):
    _, targets = world
    g = PenugasanPeran(pengguna=user_factory(), unit=targets["unit_sendiri"])  # peran left empty
    with pytest.raises(ValidationError):
        g.full_clean()


# --- Query count ---------------------------------------------------------------------------


def test_grants_are_loaded_once_per_user_object(world, django_assert_num_queries):
    _, targets = world
    units = [targets["unit_sendiri"], targets["unit_lain_instansi_sama"], targets["unit_instansi_lain"]]
    user = Pengguna.objects.get(email="penanggung_jawab@uji.example")
    with django_assert_num_queries(1):
        for unit in units:
            for action in ("unit.ubah_profil", "unit.pantau", "instansi.pantau"):
                may(user, action, unit)
        assert len(grants_of(user)) == 1
    # A fresh object of the same user loads its grants again, once.
    again = Pengguna.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert may(again, "unit.pantau", units[0])
        assert not may(again, "unit.pantau", units[2])


def test_anonymous_user_needs_no_query(world, django_assert_num_queries):
    users, targets = world
    with django_assert_num_queries(0):
        assert grants_of(users["anonim"]) == []
        assert not may(users["anonim"], "unit.pantau", targets["unit_sendiri"])
