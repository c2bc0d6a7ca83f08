"""The one permission policy: may this user do this action on this object?

Every view and service asks `may()` (or `require()`); nothing else decides access.
A rule names the roles that may perform an action; a role counts only when its grant's
scope covers the object (the grant's unit, every unit of the grant's instansi, or the
whole portal for a platform-wide grant). Superusers may do everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from pelayanan.choices import Peran

UNIT, INSTANSI, GLOBAL = "unit", "instansi", "global"

# Which scopes a role may be granted on.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Peran.ADMIN_UNIT: frozenset({UNIT, INSTANSI}),
    Peran.KEPALA_UNIT: frozenset({UNIT}),
    Peran.PENGELOLA_PENGADUAN: frozenset({UNIT, INSTANSI}),
    Peran.PENANGGUNG_JAWAB: frozenset({INSTANSI}),
    Peran.PEMBINA: frozenset({INSTANSI}),
    Peran.EVALUATOR: frozenset({INSTANSI}),
    Peran.MODERATOR: frozenset({INSTANSI, GLOBAL}),
}

PUBLIC = "public"

# action -> roles that may perform it within their scope (PUBLIC: everyone, no account).
RULES: dict[str, frozenset[str] | str] = {
    "unit.lihat": PUBLIC,
    "layanan.lihat": PUBLIC,
    "unit.ubah_profil": frozenset({Peran.ADMIN_UNIT, Peran.KEPALA_UNIT}),
    "layanan.kelola": frozenset({Peran.ADMIN_UNIT, Peran.KEPALA_UNIT}),
    "unit.pantau": frozenset(
        {
            Peran.ADMIN_UNIT,
            Peran.KEPALA_UNIT,
            Peran.PENGELOLA_PENGADUAN,
            Peran.PENANGGUNG_JAWAB,
            Peran.PEMBINA,
            Peran.EVALUATOR,
        }
    ),
    "instansi.pantau": frozenset({Peran.PENANGGUNG_JAWAB, Peran.PEMBINA, Peran.EVALUATOR}),
    # Service standards and maklumat (standar app).
    "standar.susun": frozenset({Peran.ADMIN_UNIT}),
    "standar.tetapkan": frozenset({Peran.KEPALA_UNIT}),
    "standar.lihat_draf": frozenset(
        {
            Peran.ADMIN_UNIT,
            Peran.KEPALA_UNIT,
            Peran.PENANGGUNG_JAWAB,
            Peran.PEMBINA,
            Peran.EVALUATOR,
        }
    ),
    "maklumat.susun": frozenset({Peran.ADMIN_UNIT}),
    # Excel import of existing standards as drafts (standar/impor.py).
    "standar.impor": frozenset({Peran.ADMIN_UNIT}),
    # Public consultation.
    "komentar.moderasi": frozenset({Peran.MODERATOR}),
    "maklumat.tetapkan": frozenset({Peran.KEPALA_UNIT}),
    # Survei Kepuasan Masyarakat (evaluasi app): citizens answer and read published results;
    # the unit runs its periods, enters paper questionnaires and follow-ups; monitors read.
    "skm.isi": PUBLIC,
    "skm.lihat_hasil": PUBLIC,
    "skm.kelola": frozenset({Peran.ADMIN_UNIT, Peran.KEPALA_UNIT}),
    "skm.pantau": frozenset(
        {Peran.ADMIN_UNIT, Peran.KEPALA_UNIT, Peran.PENANGGUNG_JAWAB, Peran.PEMBINA, Peran.EVALUATOR}
    ),
    # Evaluation (evaluasi app): the yearly evaluation of a standard's application, the
    # compliance index, PEKPPP assessments, compiled reports, the reporting line
    # (penanggung jawab -> Pembina, UU 25/2009 Pasal 6-7) and recommendations to units.
    "standar.evaluasi": frozenset({Peran.ADMIN_UNIT, Peran.KEPALA_UNIT}),
    "kepatuhan.lihat": frozenset(
        {Peran.ADMIN_UNIT, Peran.KEPALA_UNIT, Peran.PENANGGUNG_JAWAB, Peran.PEMBINA, Peran.EVALUATOR}
    ),
    "pekppp.nilai": frozenset({Peran.EVALUATOR}),
    "pekppp.lihat": frozenset(
        {Peran.ADMIN_UNIT, Peran.KEPALA_UNIT, Peran.PENANGGUNG_JAWAB, Peran.PEMBINA, Peran.EVALUATOR}
    ),
    "laporan.susun": frozenset({Peran.PENANGGUNG_JAWAB, Peran.PEMBINA}),
    "laporan.lihat": frozenset({Peran.PENANGGUNG_JAWAB, Peran.PEMBINA, Peran.EVALUATOR}),
    "laporan.ajukan": frozenset({Peran.PENANGGUNG_JAWAB}),
    "laporan.tinjau": frozenset({Peran.PEMBINA}),
    "rekomendasi.tulis": frozenset({Peran.PEMBINA, Peran.PENANGGUNG_JAWAB}),
    "rekomendasi.lihat": frozenset(
        {Peran.ADMIN_UNIT, Peran.KEPALA_UNIT, Peran.PENANGGUNG_JAWAB, Peran.PEMBINA, Peran.EVALUATOR}
    ),
    "rekomendasi.tindak_lanjut": frozenset({Peran.ADMIN_UNIT, Peran.KEPALA_UNIT}),
    # Complaints (pengaduan app). Who sees a complainant's identity depends on the complaint's
    # privacy mode as well: pengaduan.privasi combines these actions with the mode.
    "pengaduan.ajukan": PUBLIC,
    "pengaduan.statistik": PUBLIC,
    "pengaduan.lihat": frozenset(
        {
            Peran.PENGELOLA_PENGADUAN,
            Peran.KEPALA_UNIT,
            Peran.ADMIN_UNIT,
            Peran.PENANGGUNG_JAWAB,
            Peran.PEMBINA,
        }
    ),
    "pengaduan.tangani": frozenset({Peran.PENGELOLA_PENGADUAN, Peran.KEPALA_UNIT, Peran.ADMIN_UNIT}),
    "pengaduan.tugaskan": frozenset({Peran.PENGELOLA_PENGADUAN, Peran.KEPALA_UNIT}),
    "pengaduan.atur": frozenset({Peran.KEPALA_UNIT, Peran.ADMIN_UNIT}),
    "pengaduan.lihat_identitas": frozenset({Peran.PENGELOLA_PENGADUAN, Peran.KEPALA_UNIT, Peran.ADMIN_UNIT}),
    # Asked on the complaint's *instansi*: only instansi-level grants cover it, so an anonymous
    # complainant stays unknown to the unit complained about.
    "pengaduan.lihat_identitas_anonim": frozenset({Peran.PENGELOLA_PENGADUAN}),
}


@dataclass(frozen=True)
class Scope:
    """Where an object lives: its unit (if any) and its instansi (if any)."""

    unit_id: int | None = None
    instansi_id: int | None = None


def scope_of(obj) -> Scope:
    """The scope of an Instansi, a Unit, or anything with a `unit` (Layanan, later standards)."""
    from pelayanan.models import Instansi, Unit

    if obj is None:
        return Scope()
    if isinstance(obj, Instansi):
        return Scope(instansi_id=obj.pk)
    if isinstance(obj, Unit):
        return Scope(unit_id=obj.pk, instansi_id=obj.instansi_id)
    if hasattr(obj, "policy_scope"):
        return obj.policy_scope()
    unit = getattr(obj, "unit", None)
    if unit is not None:
        return scope_of(unit)
    raise TypeError(f"No policy scope known for {type(obj).__name__}")


def grants_of(user) -> list:
    """The user's role grants, loaded once per user object (one query per request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_policy_grants", None)
    if cached is None:
        cached = list(user.penugasan.all())
        user._policy_grants = cached
    return cached


def roles_of(user) -> set[str]:
    return {g.peran for g in grants_of(user)}


def _covers(grant, scope: Scope) -> bool:
    if grant.unit_id is None and grant.instansi_id is None:
        return True
    if grant.unit_id is not None:
        return grant.unit_id == scope.unit_id
    return grant.instansi_id == scope.instansi_id


def may(user, action: str, obj=None) -> bool:
    """May `user` perform `action` on `obj`? Unknown actions are refused."""
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown policy action: {action}") from None
    if rule == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if obj is None:
        # Without an object: does the user hold the role anywhere?
        return any(g.peran in rule for g in grants_of(user))
    scope = scope_of(obj)
    return any(g.peran in rule and _covers(g, scope) for g in grants_of(user))


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied unless `may(user, action, obj)`."""
    if not may(user, action, obj):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def validate_grant_scope(grant) -> None:
    """A grant's scope must be one its role admits (ROLE_SCOPES)."""
    if grant.peran not in Peran.values:
        return  # the field's own validation reports a missing or unknown role
    if grant.unit_id and grant.instansi_id:
        raise ValidationError(_("Pilih unit atau instansi, tidak keduanya."))
    kind = UNIT if grant.unit_id else INSTANSI if grant.instansi_id else GLOBAL
    allowed = ROLE_SCOPES.get(grant.peran, frozenset())
    if kind not in allowed:
        labels = {UNIT: _("satu unit"), INSTANSI: _("satu instansi"), GLOBAL: _("seluruh portal")}
        raise ValidationError(
            _("Peran %(peran)s tidak dapat diberikan pada lingkup %(lingkup)s.")
            % {"peran": Peran(grant.peran).label, "lingkup": labels[kind]}
        )
