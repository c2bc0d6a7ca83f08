"""Personal data encrypted at rest (UU 27/2022 Pasal 16(2), 35-39): a model field that stores
its text as a Fernet token and gives the code the plain text back.

Keys come from settings.PII_KEYS (environment DJANGO_PII_KEY: one or more Fernet keys,
comma-separated). The first key encrypts; every key listed decrypts, so a key is rotated by
putting the new key first, keeping the old one after it, and running
`manage.py pii_rotasi`, which re-encrypts every value with the new key; then the old key can
be dropped. Development and tests use an embedded key; production refuses to start without
its own (pelayanan/settings/production.py).

What the field does and does not do:
- Fernet is AES-128-CBC with HMAC-SHA256 and a random IV: the same text gives a different
  token every time, so the column cannot be searched or compared. Lookups other than
  `isnull` are refused (FieldError) instead of silently matching nothing.
- The empty string is stored as the empty string (an optional field left blank holds no
  personal data; "has an e-mail address or not" is all it tells).
- Validation (max_length, validators) applies to the plain text, as for a CharField.
- A token that no configured key opens raises TokenTidakSah: a wrong or missing key is a
  configuration error and must not pass for empty data.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import validators
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver


class TokenTidakSah(ImproperlyConfigured):
    """A stored value that none of the configured PII keys decrypts."""


def kunci_sah(kunci: str) -> bool:
    try:
        Fernet(kunci.encode())
    except (ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    kunci = [k.strip() for k in settings.PII_KEYS if k and k.strip()]
    if not kunci:
        raise ImproperlyConfigured("PII_KEYS is empty: set DJANGO_PII_KEY.")
    try:
        return MultiFernet([Fernet(k.encode()) for k in kunci])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "DJANGO_PII_KEY must be Fernet keys (32 url-safe base64-encoded bytes), comma-separated."
        ) from exc


@receiver(setting_changed)
def _kunci_berubah(*, setting, **kwargs):
    if setting == "PII_KEYS":
        _fernet.cache_clear()


def enkripsi(teks: str) -> str:
    """The token of `teks` under the current (first) key; "" stays ""."""
    if teks == "":
        return ""
    return _fernet().encrypt(teks.encode()).decode("ascii")


def dekripsi(token: str) -> str:
    if token == "":
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise TokenTidakSah(
            "A personal-data value cannot be decrypted with the configured DJANGO_PII_KEY "
            "(wrong key, or a value that was never encrypted)."
        ) from exc


def rotasi(token: str) -> str:
    """The same value re-encrypted under the current key."""
    if token == "":
        return ""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


class TeksTerenkripsi(models.TextField):
    """A CharField-like field (max_length and validators check the plain text) stored as a
    Fernet token in a text column."""

    description = "Teks terenkripsi"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return dekripsi(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return enkripsi(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None  # encrypted: no comparisons (FieldError "Unsupported lookup")

    def formfield(self, **kwargs):
        # A one-line input, as for the CharField it replaces.
        from django import forms

        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EmailTerenkripsi(TeksTerenkripsi):
    default_validators = [validators.validate_email]
    description = "E-mail terenkripsi"

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.EmailField, **kwargs})
