"""The compliance index (indeks kepatuhan): rules computed from the portal's own evidence.

Each rule is a function registered in ATURAN under the code its AturanKepatuhan row uses.
"""

from __future__ import annotations

ATURAN: dict = {}
