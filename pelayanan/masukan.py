"""Reading numbers typed by visitors (query strings, search boxes) without trusting them.

`str.isdigit()` is true for "²" and "٣", which `int()` refuses or reads, and a number of four
hundred digits overflows the database's integer: a page would answer 500. `bilangan` is the
one parser of such input.
"""

from __future__ import annotations

INT_MAKS = 2**31 - 1  # the largest value of a database integer column (and of an id)


def bilangan(teks, *, maks: int = INT_MAKS) -> int | None:
    """A non-negative whole number written in ASCII digits, at most `maks`; else None."""
    teks = (teks or "").strip() if isinstance(teks, str) else ""
    if not teks or len(teks) > len(str(maks)) or not (teks.isascii() and teks.isdigit()):
        return None
    nilai = int(teks)
    return nilai if nilai <= maks else None
