"""Tracking codes: unguessable, and easy to read out on the phone or copy from paper.

10 characters from an alphabet without 0/O, 1/I/L (31 symbols): 31^10 ≈ 8·10^14 codes
(about 2^49), drawn with `secrets`. With lookups rate-limited per address, guessing one is
hopeless. Written as "ADU-7KQ4M-X9PAB"; stored without prefix and dashes.
"""

from __future__ import annotations

import re
import secrets

ALFABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PANJANG = 10
AWALAN = "ADU"
_POLA = re.compile(rf"^[{ALFABET}]{{{PANJANG}}}$")


def baru() -> str:
    return "".join(secrets.choice(ALFABET) for _ in range(PANJANG))


def tampil(kode: str) -> str:
    """ "7KQ4MX9PAB" -> "ADU-7KQ4M-X9PAB"."""
    return f"{AWALAN}-{kode[:5]}-{kode[5:]}" if kode else ""


def normalisasi(teks: str) -> str | None:
    """What a person typed ("adu-7kq4m x9pab") as a stored code, or None when it cannot be
    one (the caller then answers exactly as for an unknown code)."""
    bersih = "".join(c for c in (teks or "")[:40].upper() if c.isalnum())
    if bersih.startswith(AWALAN) and len(bersih) == PANJANG + len(AWALAN):
        bersih = bersih[len(AWALAN) :]
    return bersih if _POLA.match(bersih) else None
