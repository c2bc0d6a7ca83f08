"""Public pages: home with search, the instansi list, an instansi, a unit's profile."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from pelayanan import selectors
from pelayanan.models import Instansi, Unit
from pelayanan.tembolok import halaman_publik

QUERY_MAX = 100


def _query(request) -> str:
    return request.GET.get("q", "").strip()[:QUERY_MAX]


@halaman_publik()
def beranda(request):
    return render(
        request,
        "pelayanan/beranda.html",
        {"unit_list": selectors.units_featured(), "instansi_list": selectors.instansi_list()},
    )


@halaman_publik()
def cari(request):
    q = _query(request)
    context = {"q": q, "layanan_list": [], "unit_list": []}
    if q:
        context["layanan_list"] = selectors.layanan_search(q)
        context["unit_list"] = selectors.unit_search(q)
    return render(request, "pelayanan/cari.html", context)


@halaman_publik()
def instansi_list(request):
    return render(request, "pelayanan/instansi_list.html", {"instansi_list": selectors.instansi_list()})


@halaman_publik()
def instansi_detail(request, slug):
    instansi = get_object_or_404(Instansi, slug=slug)
    return render(
        request,
        "pelayanan/instansi_detail.html",
        {"instansi": instansi, "unit_list": selectors.instansi_units(instansi)},
    )


@halaman_publik()
def unit_profil(request, slug):
    try:
        unit = selectors.unit_profile(slug)
    except Unit.DoesNotExist:
        raise Http404 from None
    return render(request, "pelayanan/unit_profil.html", {"unit": unit})
