"""Public pages of standards: the service catalogue, a service's standard in force, each
published version by its permanent link, and the changes between two published versions.

Drafts and versions in preparation never appear here (standar.selectors.STATUS_PUBLIK);
asking for one gives 404, as for an unknown number.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pelayanan import policy
from pelayanan.models import Layanan
from pelayanan.tembolok import halaman_publik
from standar import komponen, selectors
from standar.choices import StatusVersi
from standar.diff import versi_diff as hitung_diff

SLUG_MAX = 120


def _param(request, name: str, max_length: int) -> str:
    return request.GET.get(name, "").strip()[:max_length]


def _layanan_or_404(request, unit: str, layanan: str, **kwargs) -> Layanan:
    try:
        obj = selectors.layanan_publik(unit, layanan, **kwargs)
    except Layanan.DoesNotExist:
        raise Http404 from None
    policy.require(request.user, "layanan.lihat", obj)
    return obj


def _kelompok_labels() -> dict:
    labels = komponen.Kelompok.LABELS
    return {
        "label_sd": labels[komponen.Kelompok.SERVICE_DELIVERY],
        "label_mf": labels[komponen.Kelompok.MANUFACTURING],
    }


@require_safe
@halaman_publik()
def katalog(request):
    q = _param(request, "q", selectors.QUERY_MAX)
    instansi = _param(request, "instansi", SLUG_MAX)
    unit = _param(request, "unit", SLUG_MAX)
    paginator = Paginator(selectors.katalog(q, instansi, unit), selectors.KATALOG_PER_HALAMAN)
    page = paginator.get_page(request.GET.get("halaman"))
    # The other filters, kept in the pagination links.
    params = request.GET.copy()
    params.pop("halaman", None)
    return render(
        request,
        "standar/publik/katalog.html",
        {
            "q": q,
            "instansi_terpilih": instansi,
            "unit_terpilih": unit,
            "instansi_list": selectors.katalog_pilihan_instansi(),
            "unit_list": selectors.katalog_pilihan_unit(instansi),
            "page_obj": page,
            "layanan_list": page.object_list,
            "filter_aktif": bool(q or instansi or unit),
            "params": params.urlencode(),
        },
    )


@require_safe
@halaman_publik()
def layanan_detail(request, unit, layanan):
    layanan = _layanan_or_404(request, unit, layanan, dengan_kanal=True)
    versi_list = selectors.versi_publik(layanan)
    versi = selectors.versi_berlaku(versi_list)
    context = {
        "layanan": layanan,
        "unit": layanan.unit,
        "versi": versi,
        "versi_list": versi_list,
        "versi_berlaku": versi,
        "maklumat": selectors.maklumat_terbit(layanan.unit),
        "putaran_list": selectors.putaran_publik(layanan),
        **_kelompok_labels(),
    }
    if versi is not None:
        selectors.muat_komponen(versi)
        context.update(selectors.isi_per_kelompok(versi))
    return render(request, "standar/publik/layanan_detail.html", context)


@require_safe
@halaman_publik()
def versi_detail(request, unit, layanan, nomor):
    layanan = _layanan_or_404(request, unit, layanan)
    versi_list = selectors.versi_publik(layanan)
    versi = next((v for v in versi_list if v.nomor == nomor), None)
    if versi is None:
        raise Http404
    selectors.muat_komponen(versi)
    return render(
        request,
        "standar/publik/versi_detail.html",
        {
            "layanan": layanan,
            "unit": layanan.unit,
            "versi": versi,
            "versi_list": versi_list,
            "versi_berlaku": selectors.versi_berlaku(versi_list),
            "digantikan": versi.status == StatusVersi.DIGANTIKAN,
            "dicabut": versi.status == StatusVersi.DICABUT,
            **selectors.isi_per_kelompok(versi),
            **_kelompok_labels(),
        },
    )


@require_safe
@halaman_publik()
def versi_diff(request, unit, layanan, dari, ke):
    if dari >= ke:
        raise Http404
    layanan = _layanan_or_404(request, unit, layanan)
    versi_list = selectors.versi_publik(layanan)
    by_nomor = {v.nomor: v for v in versi_list}
    lama, baru = by_nomor.get(dari), by_nomor.get(ke)
    if lama is None or baru is None:
        raise Http404
    selectors.muat_komponen(lama, baru)
    return render(
        request,
        "standar/publik/versi_diff.html",
        {
            "layanan": layanan,
            "unit": layanan.unit,
            "lama": lama,
            "baru": baru,
            "perubahan_list": hitung_diff(lama, baru),
            "versi_list": versi_list,
            "versi_berlaku": selectors.versi_berlaku(versi_list),
        },
    )
