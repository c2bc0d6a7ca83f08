"""Template helpers of the SKM: the unit profile's survey section, numbers for CSS."""

from decimal import Decimal

from django import template

from evaluasi import selectors

register = template.Library()


@register.simple_tag
def skm_unit(unit):
    """`{% skm_unit unit as skm %}`: the unit's latest published results and the links to
    its open questionnaires (evaluasi.selectors.skm_unit)."""
    return selectors.skm_unit(unit)


@register.filter
def persen_css(nilai) -> str:
    """A number as a CSS percentage with a dot, whatever the locale ("82.5%")."""
    if nilai is None:
        return "0%"
    v = max(Decimal(0), min(Decimal(100), Decimal(str(nilai))))
    return f"{v:.2f}%"


@register.simple_tag
def boleh_skm(user, unit) -> bool:
    """May `user` see the unit's staff survey pages? (pelayanan.policy, "skm.pantau")."""
    from pelayanan import policy

    return policy.may(user, "skm.pantau", unit)
