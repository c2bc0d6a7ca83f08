"""Public pages of standards (to be written)."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


katalog = layanan_detail = versi_detail = versi_diff = _todo
