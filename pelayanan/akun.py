"""Account services: citizen registration and e-mail confirmation, staff accounts.

Confirmation links carry a signed, time-limited token (no table needed); the token
includes the address, so a link stops working if the address changes.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pelayanan import ratelimit
from pelayanan.antrean import antrekan
from pelayanan.audit import audit_record
from pelayanan.models import Pengguna

_SALT = "pelayanan.akun.konfirmasi-email"


def email_confirmation_token(pengguna: Pengguna) -> str:
    return signing.dumps({"id": pengguna.pk, "email": pengguna.email}, salt=_SALT)


def email_confirmation_url(pengguna: Pengguna) -> str:
    path = reverse("pelayanan:konfirmasi_email", kwargs={"token": email_confirmation_token(pengguna)})
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def warga_register(*, email: str, nama_lengkap: str, password: str, ip: str = "") -> Pengguna:
    """Create a citizen account (unconfirmed) and send the confirmation e-mail after commit.

    Registrations are limited per address (`ip`, AKUN_DAFTAR_BATAS an hour), counted before
    the address is looked up, so that the limit also slows probing for registered e-mails."""
    from pelayanan.tasks import kirim_email_konfirmasi

    ratelimit.hit("daftar-ip", ip, limit=settings.AKUN_DAFTAR_BATAS, window=3600)

    email = Pengguna.objects.normalize_email(email).strip().lower()
    if Pengguna.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Alamat e-mail ini sudah terdaftar.")})
    pengguna = Pengguna.objects.create_user(email=email, password=password, nama_lengkap=nama_lengkap.strip())
    audit_record(aktor=pengguna, aksi="akun.daftar", objek=pengguna)
    antrekan(kirim_email_konfirmasi, pengguna.pk)
    return pengguna


@transaction.atomic
def email_confirm(*, token: str) -> Pengguna:
    """Mark the address confirmed. Raises ValidationError for a bad or expired link."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(_("Tautan konfirmasi sudah kedaluwarsa. Minta tautan baru.")) from None
    except signing.BadSignature:
        raise ValidationError(_("Tautan konfirmasi tidak sah.")) from None
    pengguna = (
        Pengguna.objects.select_for_update().filter(pk=payload.get("id"), email=payload.get("email")).first()
    )
    if pengguna is None:
        raise ValidationError(_("Tautan konfirmasi tidak sah."))
    if pengguna.email_dikonfirmasi_pada is None:
        pengguna.email_dikonfirmasi_pada = timezone.now()
        pengguna.save(update_fields=["email_dikonfirmasi_pada"])
        audit_record(aktor=pengguna, aksi="akun.email_dikonfirmasi", objek=pengguna)
    return pengguna


def email_confirmation_resend(*, pengguna: Pengguna) -> None:
    from pelayanan.tasks import kirim_email_konfirmasi

    if pengguna.email_dikonfirmasi_pada is None:
        antrekan(kirim_email_konfirmasi, pengguna.pk)
