"""Template helpers that render a component's typed content (templates/standar/_komponen_isi.html).

They only delegate to the content kinds of the registry (standar.isi), so the partial never
needs to know how a kind formats its items: `{% butir_isi k isi as daftar %}`,
`{% teks_butir k item %}`, `{% nilai_butir k item "jenis" %}`, `{{ jumlah|rupiah }}`,
`{{ satuan|satuan_waktu }}`.
"""

from __future__ import annotations

from django import template

from standar import isi as jenis_isi

register = template.Library()


@register.filter
def rupiah(jumlah) -> str:
    """50000 -> "Rp 50.000" (the registry's format, independent of the active language)."""
    try:
        return jenis_isi.rupiah(int(jumlah))
    except (TypeError, ValueError):
        return ""


@register.filter
def satuan_waktu(kode) -> str:
    """ "hari_kerja" -> "hari kerja" (translated)."""
    return str(jenis_isi.SATUAN_WAKTU.get(kode, "")) if kode else ""


@register.filter
def periode_evaluasi(bulan) -> str:
    return str(jenis_isi.PERIODE_EVALUASI.get(bulan, "")) if bulan else ""


@register.simple_tag
def butir_isi(k, isi) -> list[dict]:
    """The items of the component's content (empty for kinds without items)."""
    return k.jenis.items(isi or {})


@register.simple_tag
def baris_isi(k, isi) -> list[str]:
    """The content as plain lines; empty when nothing has been filled in."""
    return k.jenis.lines(isi or {})


@register.simple_tag
def teks_butir(k, item) -> str:
    """One item as the kind writes it in text (labels of choices resolved)."""
    return k.jenis.item_text(item or {})


@register.simple_tag
def nilai_butir(k, item, nama: str) -> str:
    """The display value of one field of an item: the label of a choice, "" when empty."""
    for f in k.jenis.fields:
        if f.name == nama:
            value = (item or {}).get(nama)
            if value in (None, ""):
                return ""
            if f.choices is not None:
                return str(f.choices.get(value, value))
            return str(value)
    return ""
