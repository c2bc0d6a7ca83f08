"""Two-factor login: a time-based code (TOTP, RFC 6238) from an authenticator app, django-otp.

Who:
- every staff account (a role grant, staff or superuser) may enrol an app on "Akun saya";
- Pembina and superusers *must* when settings.OTP_WAJIB is on (the production default): after
  the password they enrol (QR code of the otpauth URI) or give a code before any other page;
- once enrolled, anyone gives a code at every login.

At login the session records whether this user owes a second factor (SESI_PERLU), so the
middleware (pelayanan.middleware.DuaLangkahMiddleware) costs no query for anyone else. A lost
phone: a superuser deletes the user's device in the Django admin (OTP → TOTP devices), and the
user enrols again at the next login.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from pelayanan import policy, ratelimit
from pelayanan.audit import audit_record
from pelayanan.choices import Peran

SESI_PERLU = "dua_langkah_perlu"

# Code attempts per account per 10 minutes, on top of django-otp's own growing delay
# after each wrong code (OTP_TOTP_THROTTLE_FACTOR).
KODE_PER_AKUN = (10, 600)


def tersedia(pengguna) -> bool:
    """May this account use a second factor? Staff: a role grant, is_staff or superuser."""
    if not getattr(pengguna, "is_authenticated", False):
        return False
    return bool(pengguna.is_staff or pengguna.is_superuser or policy.grants_of(pengguna))


def wajib(pengguna) -> bool:
    """Must this account use a second factor (OTP_WAJIB on, and Pembina or superuser)?"""
    if not settings.OTP_WAJIB or not getattr(pengguna, "is_authenticated", False):
        return False
    return pengguna.is_superuser or Peran.PEMBINA in policy.roles_of(pengguna)


def wajib_di_produksi(pengguna) -> bool:
    """Would production ask this account for a second factor (whatever OTP_WAJIB says here)?"""
    return pengguna.is_superuser or Peran.PEMBINA in policy.roles_of(pengguna)


def terdaftar(pengguna) -> bool:
    """Has the account an enrolled (confirmed) authenticator app?"""
    return TOTPDevice.objects.filter(user=pengguna, confirmed=True).exists()


def halaman_wajib(pengguna) -> str | None:
    """The page a signed-in, unverified user must go to: the code if enrolled, enrolment if
    required, or None when no second factor is owed."""
    if terdaftar(pengguna):
        return "pelayanan:dua_langkah"
    if wajib(pengguna):
        return "pelayanan:dua_langkah_daftar"
    return None


@receiver(user_logged_in, dispatch_uid="pelayanan.dua_langkah.saat_masuk")
def _saat_masuk(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESI_PERLU] = halaman_wajib(user) is not None


def kunci_base32(perangkat: TOTPDevice) -> str:
    """The secret as an app expects it typed (RFC 4648 base32, in groups of four)."""
    teks = base64.b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(teks[i : i + 4] for i in range(0, len(teks), 4))


def totp_mulai(*, pengguna) -> TOTPDevice:
    """The not yet confirmed device to enrol: made on the first visit, the same one (the same
    QR code) on the next visits until the user confirms it with a code."""
    if not tersedia(pengguna):
        raise PermissionDenied(_("Verifikasi dua langkah tersedia untuk akun petugas."))
    perangkat = TOTPDevice.objects.filter(user=pengguna, confirmed=False).order_by("pk").first()
    if perangkat is None:
        perangkat = TOTPDevice.objects.create(
            user=pengguna, name=str(_("Aplikasi autentikator")), confirmed=False
        )
    return perangkat


def _periksa_kode(perangkat: TOTPDevice, kode: str) -> bool:
    boleh, _info = perangkat.verify_is_allowed()
    if not boleh:
        raise ValidationError(
            _("Terlalu banyak kode yang salah. Tunggu sebentar, lalu masukkan kode terbaru."),
            code="throttled",
        )
    return perangkat.verify_token(kode.replace(" ", ""))


def totp_aktifkan(*, pengguna, kode: str) -> TOTPDevice:
    """Confirm enrolment with a first code from the app. Returns the device, which the view
    then records in the session as verified."""
    ratelimit.hit("otp", f"u{pengguna.pk}", limit=KODE_PER_AKUN[0], window=KODE_PER_AKUN[1])
    perangkat = TOTPDevice.objects.filter(user=pengguna, confirmed=False).order_by("pk").first()
    if perangkat is None:
        raise ValidationError(_("Mulai lagi dari halaman pendaftaran aplikasi autentikator."))
    if not _periksa_kode(perangkat, kode):
        raise ValidationError(_("Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode terbaru."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=pengguna).exclude(pk=perangkat.pk).delete()
        perangkat.confirmed = True
        perangkat.save(update_fields=["confirmed"])
        audit_record(aktor=pengguna, aksi="akun.dua_langkah_aktif", objek=pengguna)
    return perangkat


def totp_verifikasi(*, pengguna, kode: str) -> TOTPDevice:
    """Check a code against the user's enrolled app; returns the device that accepted it.
    Wrong codes count (per account, and with django-otp's growing delay)."""
    ratelimit.hit("otp", f"u{pengguna.pk}", limit=KODE_PER_AKUN[0], window=KODE_PER_AKUN[1])
    for perangkat in TOTPDevice.objects.filter(user=pengguna, confirmed=True).order_by("pk"):
        if _periksa_kode(perangkat, kode):
            return perangkat
    raise ValidationError(_("Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode terbaru."))


@transaction.atomic
def totp_nonaktifkan(*, pengguna) -> None:
    """Remove the user's authenticator app; refused when the account must keep one."""
    if wajib(pengguna):
        raise ValidationError(_("Akun Anda wajib memakai verifikasi dua langkah."))
    jumlah, _rincian = TOTPDevice.objects.filter(user=pengguna).delete()
    if jumlah:
        audit_record(aktor=pengguna, aksi="akun.dua_langkah_nonaktif", objek=pengguna)
