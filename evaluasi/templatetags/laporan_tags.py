"""Template helpers of the compiled reports: numbers of the snapshot for display."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def angka(nilai):
    """A snapshot number ("87.50") as a Decimal, so the template localises it ("87,50");
    "–" when there is none."""
    if nilai is None or nilai == "":
        return "–"
    try:
        return Decimal(str(nilai))
    except InvalidOperation:
        return nilai
