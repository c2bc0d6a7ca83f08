"""Template helpers of the standar app. Access decisions still go through pelayanan.policy."""

from django import template

from pelayanan import policy

register = template.Library()


@register.simple_tag
def boleh(user, aksi: str, obj=None) -> bool:
    """`{% boleh user "standar.lihat_draf" unit as b %}`: policy.may() in a template."""
    return policy.may(user, aksi, obj)


@register.filter
def isi_baris(komponen, isi) -> list[str]:
    """The plain-text lines of a component's content (`{{ k|isi_baris:row.isi }}`)."""
    return komponen.jenis.lines(isi or komponen.jenis.empty())
