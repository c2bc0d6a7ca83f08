"""Staff authoring pages of standards (to be written)."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


unit_standar = draf_baru = salin = versi = versi_ubah_semua = komponen_ubah = transisi = _todo
