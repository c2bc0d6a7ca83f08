"""Staff pages of the maklumat pelayanan (to be written)."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


daftar = baru = ubah = langkah = _todo
