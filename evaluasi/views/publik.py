"""Public SKM pages: the questionnaire of a service (short link /skm/<kode>/, QR code), the
thank-you page, and the published results (publication is required by PermenPANRB 14/2017).

Views parse the request, call one service or selector, and render.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from evaluasi import ikm, sampel, selectors, services, unsur
from evaluasi.forms import KuesionerForm
from evaluasi.models import PeriodeSKM, TautanSKM
from pelayanan import policy, ratelimit
from pelayanan.ratelimit import RateLimited

HASIL_PER_HALAMAN = 20
DIR = "evaluasi/publik/"


def _tautan(kode: str) -> TautanSKM:
    try:
        return selectors.tautan_get(kode)
    except TautanSKM.DoesNotExist:
        raise Http404 from None


def _sudah_mengisi(request, periode, layanan) -> bool:
    nilai = request.get_signed_cookie(
        services.nama_cookie(periode, layanan), default=None, salt=services.COOKIE_SALT
    )
    return nilai == services.nilai_cookie(periode, layanan)


@require_http_methods(["GET", "HEAD", "POST"])
def kuesioner(request, kode):
    policy.require(request.user, "skm.isi")
    tautan = _tautan(kode)
    layanan = tautan.layanan
    context = {"tautan": tautan, "layanan": layanan, "unit": layanan.unit}
    periode = selectors.periode_aktif(layanan)
    if periode is None:
        return render(request, DIR + "tutup.html", context)
    context["periode"] = periode
    sudah = _sudah_mengisi(request, periode, layanan)
    if sudah:
        return render(request, DIR + "sudah.html", context)
    form = KuesionerForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                services.jawaban_online_create(
                    periode=periode,
                    layanan=layanan,
                    data=form.cleaned_data,
                    ip=ratelimit.client_ip(request),
                    sudah_mengisi=sudah,
                )
            except RateLimited as exc:
                form.add_error(None, exc)
                status = 429
            except ValidationError as exc:
                if exc.code == "tutup":
                    return render(request, DIR + "tutup.html", context)
                form.add_error(None, exc)
            else:
                response = redirect("evaluasi:terima_kasih", kode=tautan.kode)
                hari = (periode.selesai - timezone.localdate()).days + 1
                response.set_signed_cookie(
                    services.nama_cookie(periode, layanan),
                    services.nilai_cookie(periode, layanan),
                    salt=services.COOKIE_SALT,
                    max_age=max(1, hari) * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
                return response
    context["form"] = form
    return render(request, DIR + "kuesioner.html", context, status=status)


@require_safe
def terima_kasih(request, kode):
    tautan = _tautan(kode)
    return render(request, DIR + "terima_kasih.html", {"tautan": tautan, "layanan": tautan.layanan})


@require_safe
def hasil_list(request):
    """Published results of every unit, newest first, with the pooled IKM of each."""
    policy.require(request.user, "skm.lihat_hasil")
    instansi = request.GET.get("instansi", "").strip()[:120]
    page = Paginator(selectors.periode_terbit_list(instansi), HASIL_PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    periode_list = list(page.object_list)
    hasil = ikm.hasil_per_periode([p.pk for p in periode_list])
    rtl = selectors.rtl_ringkas(hasil)
    baris = [(p, hasil[p.pk], rtl.get(p.pk)) for p in periode_list]
    return render(
        request,
        DIR + "hasil_list.html",
        {
            "page": page,
            "baris": baris,
            "instansi": instansi,
            "instansi_list": selectors.instansi_dengan_hasil(),
        },
    )


@require_safe
def hasil(request, pk):
    """A published period: the unit's pooled IKM and mutu, each unsur (bars and a table),
    each service, the method (population, sample) and the follow-ups."""
    policy.require(request.user, "skm.lihat_hasil")
    try:
        periode = selectors.periode_terbit_get(pk)
    except PeriodeSKM.DoesNotExist:
        raise Http404 from None
    hasil_periode = ikm.hasil_periode(periode)
    layanan = [(r.layanan, hasil_periode.per_layanan[r.layanan_id]) for r in periode.ringkasan_set.all()]
    return render(
        request,
        DIR + "hasil.html",
        {
            "periode": periode,
            "unit": periode.unit,
            "hasil": hasil_periode.unit,
            "layanan_list": layanan,
            "kecukupan": sampel.kecukupan(periode.populasi, hasil_periode.unit.jumlah),
            "rtl_list": periode.rtl_set.all(),
            "interval": ikm.INTERVAL,
            "unsur_list": unsur.UNSUR,
            "boleh_kelola": policy.may(request.user, "skm.pantau", periode),
        },
    )
