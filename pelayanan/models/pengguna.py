"""The user model (e-mail login) and role grants on a scope."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pelayanan.choices import Peran

from .organisasi import Instansi, Unit


class PenggunaManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # E-mail addresses are matched case-insensitively at login.
        return self.get(email__iexact=username)

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("E-mail wajib diisi.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create(email, password, **extra)


class Pengguna(AbstractUser):
    """Anyone with an account: a citizen (warga) or staff with role grants."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail"), unique=True)
    nama_lengkap = models.CharField(_("nama lengkap"), max_length=150)
    telepon = models.CharField(_("telepon"), max_length=20, blank=True)
    email_dikonfirmasi_pada = models.DateTimeField(_("e-mail dikonfirmasi pada"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nama_lengkap"]

    objects = PenggunaManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = pgettext_lazy("jamak", "pengguna")
        ordering = ["nama_lengkap"]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} <{self.email}>"

    def get_full_name(self) -> str:
        return self.nama_lengkap

    def get_short_name(self) -> str:
        return self.nama_lengkap.split(" ")[0] if self.nama_lengkap else self.email

    @property
    def email_terkonfirmasi(self) -> bool:
        return self.email_dikonfirmasi_pada is not None


class PenugasanPeran(models.Model):
    """A role granted to a user on one unit, on one instansi (all its units), or platform-wide.

    Which scopes each role admits is a rule of the policy module (policy.ROLE_SCOPES),
    checked in clean(); the database only guarantees that at most one scope is set.
    """

    pengguna = models.ForeignKey(
        Pengguna, on_delete=models.CASCADE, related_name="penugasan", verbose_name=_("pengguna")
    )
    peran = models.CharField(_("peran"), max_length=30, choices=Peran.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="penugasan",
        verbose_name=_("unit"),
    )
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="penugasan",
        verbose_name=_("instansi"),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = pgettext_lazy("jamak", "penugasan peran")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(unit__isnull=False) & Q(instansi__isnull=False)),
                name="penugasan_satu_lingkup",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "peran", "unit"],
                condition=Q(unit__isnull=False),
                name="penugasan_unik_unit",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "peran", "instansi"],
                condition=Q(instansi__isnull=False),
                name="penugasan_unik_instansi",
            ),
            models.UniqueConstraint(
                fields=["pengguna", "peran"],
                condition=Q(unit__isnull=True, instansi__isnull=True),
                name="penugasan_unik_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_peran_display()} — {self.lingkup_label}"

    @property
    def lingkup_label(self) -> str:
        if self.unit_id:
            return str(self.unit)
        if self.instansi_id:
            return str(self.instansi)
        return str(_("seluruh portal"))

    def clean(self) -> None:
        from pelayanan.policy import validate_grant_scope

        validate_grant_scope(self)
