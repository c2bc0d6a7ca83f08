"""Navigation by role for the base layout."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import DEVICE_ID_SESSION_KEY

from pelayanan import policy
from pelayanan.choices import Peran

_UNIT_ROLES = {Peran.ADMIN_UNIT, Peran.KEPALA_UNIT, Peran.PENGELOLA_PENGADUAN}
_INSTANSI_ROLES = {Peran.PEMBINA, Peran.PENANGGUNG_JAWAB, Peran.EVALUATOR}


def navigasi(request):
    user = getattr(request, "user", None)
    items = []
    roles: set[str] = set()
    if user is not None and user.is_authenticated:
        roles = policy.roles_of(user)
        if roles & _UNIT_ROLES:
            items.append({"label": _("Unit saya"), "url": reverse("pelayanan:ruang_kerja") + "#unit"})
        if roles & _INSTANSI_ROLES:
            # The Pembina dashboard is the instansi's monitoring page (its units are listed there
            # and in the workspace); one item, so the bar fits at 1280 px.
            items.append({"label": _("Dasbor"), "url": reverse("evaluasi:dasbor_saya")})
        if roles & policy.RULES["rekomendasi.tindak_lanjut"]:
            items.append({"label": _("Rekomendasi"), "url": reverse("evaluasi:rekomendasi_saya")})
        if Peran.EVALUATOR in roles:
            items.append({"label": _("Penilaian PEKPPP"), "url": reverse("evaluasi:pekppp_beranda")})
        if user.is_superuser or policy.may(user, "pengaduan.lihat"):
            items.append({"label": _("Aduan masuk"), "url": reverse("pengaduan:staf_kotak")})
        if Peran.MODERATOR in roles or user.is_superuser:
            items.append({"label": _("Moderasi"), "url": reverse("standar:moderasi")})
        if user.is_staff:
            items.append({"label": _("Admin Django"), "url": reverse("admin:index")})
    role_labels = [Peran(r).label for r in sorted(roles)]
    return {
        "nav_staf": items,
        "nav_peran": role_labels,
        "dua_langkah_catatan": _dua_langkah_catatan(request, user, roles),
    }


def _dua_langkah_catatan(request, user, roles) -> bool:
    """Show the notice that production would ask this account for a second factor: OTP_WAJIB
    is off here, the account is a Pembina or superuser, and it has not given one."""
    if settings.OTP_WAJIB or user is None or not user.is_authenticated:
        return False
    if not (user.is_superuser or Peran.PEMBINA in roles):
        return False
    return not request.session.get(DEVICE_ID_SESSION_KEY)
