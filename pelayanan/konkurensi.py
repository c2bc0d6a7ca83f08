"""Two staff saving the same object never silently overwrite each other (optimistic checks).

A form carries the fingerprint (`sidik`) of the object as it was when the page was opened,
in a hidden field named DASAR. The service locks the row, computes the fingerprint of what
is stored now and refuses the save when they differ (DiubahPihakLain, shown above the form
with the user's input kept). Saving again after reading the message is a deliberate choice:
the page then carries the new fingerprint.

No schema change: the fingerprint is a hash of the fields the form edits (and of the rows of
an inline formset), so it needs no version column. standar's components have their own
revision number (standar.services.StaleEdit); this is the same rule for everything else.
"""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DASAR = "dasar"  # the hidden field's name


class DiubahPihakLain(ValidationError):
    """The object changed since the form was opened; nothing was saved."""


def sidik(*bagian) -> str:
    """A short fingerprint of values (model fields, lists of rows), stable across processes."""
    teks = json.dumps(bagian, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(teks.encode()).hexdigest()[:32]


def sidik_objek(obj, fields) -> str:
    return sidik([getattr(obj, f"{f}_id" if _fk(obj, f) else f) for f in fields])


def _fk(obj, name: str) -> bool:
    field = obj._meta.get_field(name)
    return field.many_to_one or field.one_to_one


def periksa(dasar: str | None, sekarang: str, *, apa: str) -> None:
    """Refuse the save when the form was opened on another state (`dasar` None: no check,
    for callers that are not forms, such as tests and the demo)."""
    if dasar is None or dasar == sekarang:
        return
    raise DiubahPihakLain(
        _(
            "%(apa)s telah diubah oleh petugas lain sejak halaman ini Anda buka, sehingga isian Anda "
            "belum disimpan. Buka ulang halaman untuk melihat data terbaru, atau simpan lagi bila "
            "isian Anda memang harus menggantikannya."
        )
        % {"apa": apa},
        code="diubah_pihak_lain",
    )
