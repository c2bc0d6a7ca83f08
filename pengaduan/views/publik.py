"""Public complaint pages: filing (no account), the receipt, tracking by code, the public list
and the statistics.

Filing works without JavaScript in three GET steps and one POST: choose the unit; choose the
service and the breached part; write the complaint, with the unit's published promise for that
part beside the form. The tracking code is the complainant's only key: every lookup of a code
not yet opened in this browser session is rate-limited per address *before* the lookup, and a
wrong or malformed code gets the same answer as an unknown one.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pelayanan import policy
from pelayanan.masukan import bilangan
from pelayanan.models import Instansi, Unit
from pelayanan.ratelimit import RateLimited, client_ip, hit
from pengaduan import kode as kode_mod
from pengaduan import penilaian, privasi, selectors, services, statistik, tenggat, workflow
from pengaduan.choices import STATUS_SELESAI, StatusPengaduan
from pengaduan.forms import (
    BukaKembaliForm,
    LacakForm,
    LengkapiForm,
    PengaduanForm,
    PenilaianForm,
    PilihBagianForm,
    PilihUnitForm,
)
from pengaduan.models import Pengaduan
from pengaduan.views.berkas import kirim_lampiran, pribadi

SESI_DIBUKA = "pengaduan_dibuka"  # codes opened in this session (no new lookup needed)
SESI_DIAJUKAN = "pengaduan_diajukan"  # codes filed in this session (full identity on receipt)
SESI_MAKS = 20
TEMPLAT_TANDA_TERIMA = "pdf/pengaduan/tanda_terima.html"
# The receipt is one page: the type shrinks by these steps until it fits.
UKURAN_HURUF_TANDA_TERIMA = ("9.5", "8.5", "7.5", "6.8", "6.2", "5.6")
TAHUN_STATISTIK = 5


def _ingat(request, kunci: str, kode: str) -> None:
    daftar = [k for k in request.session.get(kunci, []) if k != kode]
    request.session[kunci] = [*daftar, kode][-SESI_MAKS:]


# --- landing ------------------------------------------------------------------------------


@require_safe
def beranda(request):
    return render(
        request,
        "pengaduan/beranda.html",
        {"form_lacak": LacakForm(), "instansi_list": Instansi.objects.order_by("nama")},
    )


# --- filing -------------------------------------------------------------------------------


def _unit_aktif(slug: str) -> Unit | None:
    return Unit.objects.select_related("instansi").filter(slug=slug[:120], aktif=True).first()


@require_http_methods(["GET", "HEAD", "POST"])
def ajukan(request):
    slug = request.GET.get("unit", "")
    unit = _unit_aktif(slug) if slug else None
    if unit is None:
        form = PilihUnitForm(request.GET or None)
        if form.is_bound:
            form.is_valid()  # shows "pilih unit" / "pilihan tidak sah"
        return render(request, "pengaduan/ajukan_unit.html", {"form": form})
    policy.require(request.user, "pengaduan.ajukan", unit)

    pilih = PilihBagianForm(request.GET if "bagian" in request.GET else None, unit=unit)
    if not pilih.is_bound or not pilih.is_valid():
        return render(request, "pengaduan/ajukan_pilih.html", {"unit": unit, "form": pilih})
    layanan, bagian = pilih.cleaned_data["layanan"], pilih.cleaned_data["bagian"]

    if request.method == "POST":
        form = PengaduanForm(request.POST, request.FILES, unit=unit)
        if form.is_valid():
            p = _ajukan(request, form, unit)
            if p is not None:
                messages.success(
                    request, _("Pengaduan Anda sudah kami terima. Simpan kode pelacakan di bawah ini.")
                )
                return redirect("pengaduan:tanda_terima", kode=p.kode)
        status = 400
    else:
        form = PengaduanForm(
            unit=unit, initial={"layanan": layanan.slug if layanan else "", "bagian": bagian}
        )
        status = 200
    return render(
        request,
        "pengaduan/ajukan_form.html",
        {
            "unit": unit,
            "layanan": layanan,
            "bagian": bagian,
            "bagian_label": dict(PilihBagianForm.base_fields["bagian"].choices).get(bagian, bagian),
            "acuan": selectors.acuan(unit, layanan, bagian),
            "form": form,
            "pilih_ulang": reverse("pengaduan:ajukan") + f"?unit={unit.slug}",
        },
        status=status,
    )


def _ajukan(request, form: PengaduanForm, unit: Unit) -> Pengaduan | None:
    data = form.cleaned_data
    try:
        hit("pengaduan.ajukan", client_ip(request), limit=settings.PENGADUAN_AJUKAN_BATAS, window=3600)
        p = services.pengaduan_ajukan(
            unit=unit,
            layanan=data["layanan"],
            bagian=data["bagian"],
            uraian=data["uraian"],
            tanggal_layanan=data["tanggal_layanan"],
            kerugian=data["kerugian"],
            permintaan=data["permintaan"],
            mode_privasi=data["mode_privasi"],
            lapor_id=data["lapor_id"],
            identitas={k: data[k] for k in ("nama", "alamat", "email", "telepon", "nik")},
            lampiran=data["lampiran"],
            pengaju=request.user,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None
    _ingat(request, SESI_DIAJUKAN, p.kode)
    _ingat(request, SESI_DIBUKA, p.kode)
    return p


# --- the complainant: receipt and tracking ------------------------------------------------


def _tidak_ditemukan(request, form=None, status=404, pesan=None):
    """The one answer for a wrong, malformed or unknown code (it reveals nothing)."""
    return pribadi(
        render(
            request,
            "pengaduan/lacak.html",
            {
                "form": form or LacakForm(),
                "galat": pesan
                or _(
                    "Kode pelacakan tidak ditemukan. Periksa kembali kode pada tanda terima Anda "
                    "(contoh: ADU-7KQ4M-X9PAB)."
                ),
            },
            status=status,
        )
    )


def _buka(request, teks: str) -> Pengaduan:
    """The complaint of a code, for its holder. Http404 for anything else; RateLimited when
    this address looked up too many new codes."""
    kode = kode_mod.normalisasi(teks)
    if kode is None or kode not in request.session.get(SESI_DIBUKA, []):
        hit("pengaduan.lacak", client_ip(request), limit=settings.PENGADUAN_LACAK_BATAS, window=3600)
    if kode is None:
        raise Http404
    try:
        p = selectors.pengaduan_pengadu(kode)
    except Pengaduan.DoesNotExist:
        raise Http404 from None
    _ingat(request, SESI_DIBUKA, kode)
    return p


def _dengan_kode(view):
    """Decorate a view(request, p, ...) that receives the complaint of the URL's code."""

    def wrapper(request, kode, *args, **kwargs):
        try:
            p = _buka(request, kode)
        except RateLimited as exc:
            return _tidak_ditemukan(request, status=429, pesan=exc.messages[0])
        except Http404:
            return _tidak_ditemukan(request)
        return pribadi(view(request, p, *args, **kwargs))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_http_methods(["GET", "HEAD", "POST"])
def lacak(request):
    """The lookup form; a code found opens its tracking page."""
    if request.method != "POST":
        return pribadi(render(request, "pengaduan/lacak.html", {"form": LacakForm()}))
    form = LacakForm(request.POST)
    if not form.is_valid():
        return _tidak_ditemukan(request, form, status=400, pesan=_("Masukkan kode pelacakan."))
    try:
        p = _buka(request, form.cleaned_data["kode"])
    except RateLimited as exc:
        return _tidak_ditemukan(request, form, status=429, pesan=exc.messages[0])
    except Http404:
        return _tidak_ditemukan(request, form)
    return redirect("pengaduan:lacak_detail", kode=p.kode)


def _konteks_lacak(p: Pengaduan, **forms) -> dict:
    akhir_buka = tenggat.batas_buka_kembali(p)
    hari = tenggat.hari_ini()
    return {
        "p": p,
        "tenggat": tenggat.daftar(p),
        "riwayat": list(p.riwayat_set.all()),
        "lampiran": list(p.lampiran_set.all()),
        "bisa_lengkapi": p.status == StatusPengaduan.TIDAK_LENGKAP
        and (p.batas_kelengkapan is None or hari <= p.batas_kelengkapan),
        "bisa_nilai": penilaian.boleh_dinilai(p),
        "bisa_buka": p.status in STATUS_SELESAI and akhir_buka is not None and hari <= akhir_buka,
        "akhir_buka": akhir_buka,
        "penilaian": list(p.penilaian_set.all()),
        "form_lengkapi": forms.get("form_lengkapi") or LengkapiForm(),
        "form_nilai": forms.get("form_nilai") or PenilaianForm(),
        "form_buka": forms.get("form_buka") or BukaKembaliForm(),
        "label_riwayat": workflow.LABEL_RIWAYAT,
    }


@require_safe
@_dengan_kode
def lacak_detail(request, p):
    return render(request, "pengaduan/lacak_detail.html", _konteks_lacak(p))


def _kembali(p: Pengaduan, anchor: str = "") -> str:
    url = reverse("pengaduan:lacak_detail", kwargs={"kode": p.kode})
    return f"{url}#{anchor}" if anchor else url


@require_POST
@_dengan_kode
def lacak_lengkapi(request, p):
    form = LengkapiForm(request.POST, request.FILES, sudah_ada=len(p.lampiran_set.all()))
    if form.is_valid():
        try:
            services.pengaduan_transisi(
                pengaduan=p,
                nama="lengkapi",
                pelaku=workflow.PENGADU,
                teks=form.cleaned_data["teks"],
                lampiran=form.cleaned_data["lampiran"],
            )
        except ValidationError as exc:
            # Not possible in this state (already done, too late): say so on the tracking page.
            messages.error(request, " ".join(exc.messages))
            return redirect(_kembali(p))
        else:
            messages.success(request, _("Terima kasih, berkas pengaduan Anda sudah dilengkapi."))
            return redirect(_kembali(p))
    return render(request, "pengaduan/lacak_detail.html", _konteks_lacak(p, form_lengkapi=form), status=400)


@require_POST
@_dengan_kode
def lacak_nilai(request, p):
    form = PenilaianForm(request.POST)
    if form.is_valid():
        try:
            penilaian.penilaian_beri(pengaduan=p, **form.cleaned_data)
        except ValidationError as exc:
            # Not possible in this state (already done, too late): say so on the tracking page.
            messages.error(request, " ".join(exc.messages))
            return redirect(_kembali(p))
        else:
            messages.success(request, _("Terima kasih atas penilaian Anda."))
            return redirect(_kembali(p))
    return render(request, "pengaduan/lacak_detail.html", _konteks_lacak(p, form_nilai=form), status=400)


@require_POST
@_dengan_kode
def lacak_buka_kembali(request, p):
    form = BukaKembaliForm(request.POST)
    if form.is_valid():
        try:
            services.pengaduan_transisi(
                pengaduan=p, nama="buka_kembali", pelaku=workflow.PENGADU, teks=form.cleaned_data["alasan"]
            )
        except ValidationError as exc:
            # Not possible in this state (already done, too late): say so on the tracking page.
            messages.error(request, " ".join(exc.messages))
            return redirect(_kembali(p))
        else:
            messages.success(request, _("Pengaduan Anda dibuka kembali dan akan ditindaklanjuti."))
            return redirect(_kembali(p))
    return render(request, "pengaduan/lacak_detail.html", _konteks_lacak(p, form_buka=form), status=400)


@require_safe
@_dengan_kode
def lacak_lampiran(request, p, pk: int):
    lampiran = next((x for x in p.lampiran_set.all() if x.pk == pk), None)
    if lampiran is None:
        raise Http404
    return kirim_lampiran(lampiran)


def _konteks_tanda_terima(request, p: Pengaduan, keperluan: str = privasi.TANDA_TERIMA) -> dict:
    lengkap = p.kode in request.session.get(SESI_DIAJUKAN, [])
    return {
        "p": p,
        "identitas": privasi.identitas_untuk_pengadu(
            p, lengkap=lengkap, keperluan=keperluan, aktor=request.user
        ),
        "lampiran": list(p.lampiran_set.all()),
        "url_lacak": settings.SITE_URL.rstrip("/") + reverse("pengaduan:lacak"),
        "url_lacak_kode": settings.SITE_URL.rstrip("/")
        + reverse("pengaduan:lacak_detail", kwargs={"kode": p.kode}),
        "dicetak_pada": timezone.now(),
    }


@require_safe
@_dengan_kode
def tanda_terima(request, p):
    return render(request, "pengaduan/tanda_terima.html", _konteks_tanda_terima(request, p))


@require_safe
@_dengan_kode
def tanda_terima_pdf(request, p):
    """The receipt as a one-page PDF, rendered on request: it carries the complainant's
    identity, so it is never stored (see docs/decisions.md)."""
    from pelayanan import pdf

    context = _konteks_tanda_terima(request, p, privasi.TANDA_TERIMA_PDF)
    context["qr"] = pdf.qr_svg(context["url_lacak_kode"])  # safe markup: generated SVG, no user text
    isi = None
    for ukuran in UKURAN_HURUF_TANDA_TERIMA:
        context["ukuran_huruf"] = ukuran
        try:
            isi = pdf.render(TEMPLAT_TANDA_TERIMA, context, max_halaman=1).pdf
            break
        except pdf.TerlaluPanjang:
            continue
    if isi is None:  # a very long complaint: the smallest type, on as many pages as it takes
        isi = pdf.render(TEMPLAT_TANDA_TERIMA, context).pdf
    response = HttpResponse(isi, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{p.nomor}.pdf"'
    return response


# --- public list and statistics -----------------------------------------------------------


@require_safe
def daftar_publik(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=slug, aktif=True)
    halaman = Paginator(selectors.daftar_publik(unit), selectors.PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "pengaduan/publik_daftar.html",
        {
            "unit": unit,
            "page_obj": halaman,
            "pengaduan_list": halaman,
            "label_riwayat": workflow.LABEL_RIWAYAT,
        },
    )


def _tahun(request) -> int | None:
    sekarang = timezone.localdate().year
    nilai = bilangan(request.GET.get("tahun", ""))
    if nilai is not None and sekarang - TAHUN_STATISTIK < nilai <= sekarang:
        return nilai
    return None


def _statistik(request, *, unit=None, instansi=None):
    policy.require(request.user, "pengaduan.statistik", unit or instansi)
    tahun = _tahun(request)
    mulai = date(tahun, 1, 1) if tahun else None
    sampai = date(tahun, 12, 31) if tahun else None
    s = statistik.hitung(statistik.lingkup(unit=unit, instansi=instansi), mulai=mulai, sampai=sampai)
    if instansi is not None:
        s.per_unit = statistik.per_unit(instansi, mulai=mulai, sampai=sampai)
    sekarang = timezone.localdate().year
    return render(
        request,
        "pengaduan/statistik.html",
        {
            "unit": unit,
            "instansi": instansi or unit.instansi,
            "s": s,
            "tahun": tahun,
            "tahun_pilihan": list(range(sekarang, sekarang - TAHUN_STATISTIK, -1)),
        },
    )


@require_safe
def statistik_unit(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=slug, aktif=True)
    return _statistik(request, unit=unit)


@require_safe
def statistik_instansi(request, slug):
    return _statistik(request, instansi=get_object_or_404(Instansi, slug=slug))
