"""Public pages of consultation rounds (UU 25/2009 Pasal 20(2); PP 96/2012 Pasal 26–27):
the list of rounds, a round's page (the draft with its comments while open; after closing,
what was asked, what was said and what the unit did), the berita acara, "setuju", reports,
and the citizen's own comments.

A draft is shown only as the version of a round. Views parse the request, call one service
of standar.konsultasi, and render; the rules live in the services.
"""

from __future__ import annotations

import functools
from urllib.parse import unquote_to_bytes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pelayanan import policy, ratelimit, tembolok
from pelayanan.ratelimit import RateLimited
from standar import komponen, konsultasi
from standar import selectors_konsultasi as selectors
from standar.forms_konsultasi import KomentarForm, LaporanForm, UrutForm
from standar.models import Komentar, PutaranKonsultasi

TEMPLATE_DIR = "standar/konsultasi/publik/"
# Room kept around the typed text shown back when a comment could not be sent.
TEKS_TERTAHAN_MAKS = 2100


# --- helpers ------------------------------------------------------------------------------


def _cek_isi_post(request) -> None:
    """Read the POST body now: BadRequest when it is too large, has too many fields or files,
    is malformed multipart, or is not UTF-8 (Django would otherwise decode it with
    replacement characters)."""
    try:
        request.POST  # noqa: B018 - parses the body (RequestDataTooBig, TooManyFieldsSent)
        if request.content_type == "application/x-www-form-urlencoded":
            unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
    except (
        RequestDataTooBig,
        TooManyFieldsSent,
        TooManyFilesSent,
        MultiPartParserError,
        UnicodeDecodeError,
    ) as exc:
        raise BadRequest(str(exc)) from exc


def _tolak_permintaan_rusak(view):
    """Answer 400 with a readable page to a POST body the portal cannot read."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            try:
                _cek_isi_post(request)
            except BadRequest:
                return render(request, TEMPLATE_DIR + "permintaan_tidak_sah.html", status=400)
        return view(request, *args, **kwargs)

    return wrapper


def _putaran_or_404(pk: int) -> PutaranKonsultasi:
    try:
        return selectors.putaran(pk)
    except PutaranKonsultasi.DoesNotExist:
        raise Http404 from None


def _komentar_tampak_or_404(pk: int) -> Komentar:
    """A comment shown on the public pages (not hidden by a moderator)."""
    try:
        return Komentar.objects.select_related("putaran").get(pk=pk, disembunyikan_pada__isnull=True)
    except Komentar.DoesNotExist:
        raise Http404 from None


def _url_komentar(komentar: Komentar) -> str:
    return f"{komentar.putaran.get_absolute_url()}#komentar-{komentar.pk}"


def _auto_id(prefix: str) -> str:
    return f"id_{prefix}_%s"


def _konteks_umum(putaran: PutaranKonsultasi) -> dict:
    versi = putaran.versi
    layanan = versi.standar.layanan
    return {
        "putaran": putaran,
        "versi": versi,
        "layanan": layanan,
        "unit": layanan.unit,
        "instansi": layanan.unit.instansi,
    }


def _partisipasi(putaran: PutaranKonsultasi) -> dict:
    angka = konsultasi.partisipasi(putaran)
    return {"partisipasi": angka, "jumlah_tersembunyi": sum(n for _alasan, n in angka["tersembunyi"])}


# --- list ---------------------------------------------------------------------------------


@require_safe
@tembolok.halaman_publik(lambda: [tembolok.KONSULTASI])
def daftar(request):
    return render(request, TEMPLATE_DIR + "daftar.html", selectors.daftar_putaran())


# --- one round ----------------------------------------------------------------------------


class _Kiriman:
    """The outcome of a posted comment that could not be saved: the bound form, where it
    belongs (a component key or the replied comment's id), errors for the top of the page."""

    def __init__(self):
        self.form: KomentarForm | None = None
        self.kunci = ""
        self.induk_id: int | None = None
        self.galat: list[str] = []
        self.teks = ""
        self.status = 400


def _kirim_komentar(request, putaran: PutaranKonsultasi, isi: dict):
    """Handle a posted comment or reply: a redirect on success, else a _Kiriman."""
    if not request.user.is_authenticated:
        raise PermissionDenied(_("Masuk dulu untuk memberi komentar."))
    data = request.POST
    kiriman = _Kiriman()
    kiriman.teks = (data.get("isi") or "")[:TEKS_TERTAHAN_MAKS]
    induk = None
    if data.get("induk"):
        try:
            induk = Komentar.objects.get(
                pk=int(data["induk"]), putaran=putaran, disembunyikan_pada__isnull=True
            )
        except (ValueError, Komentar.DoesNotExist):
            kiriman.galat.append(_("Komentar yang hendak Anda balas tidak ditemukan pada putaran ini."))
            return kiriman
        kiriman.induk_id = induk.induk_id or induk.pk
        form = KomentarForm(data, balasan=True, auto_id=_auto_id(f"b{kiriman.induk_id}"))
        kunci = induk.kunci
    else:
        kunci = data.get("kunci") or ""
        if kunci not in komponen.KUNCI:
            kiriman.galat.append(_("Komponen yang dikomentari tidak dikenal."))
            return kiriman
        k = komponen.get(kunci)
        kiriman.kunci = kunci
        form = KomentarForm(
            data, k=k, butir=selectors.pilihan_butir(k, isi.get(kunci)), auto_id=_auto_id(kunci)
        )
    kiriman.form = form
    if not form.is_valid():
        return kiriman
    try:
        komentar = konsultasi.komentar_create(
            putaran=putaran,
            penulis=request.user,
            kunci=kunci,
            isi=form.cleaned_data["isi"],
            kategori=form.cleaned_data["kategori"],
            item_id=form.cleaned_data.get("item_id") or "",
            induk=induk,
            ip=ratelimit.client_ip(request),
        )
    except RateLimited as exc:
        form.add_service_error(exc)
        kiriman.status = 429
        return kiriman
    except ValidationError as exc:
        form.add_service_error(exc)
        return kiriman
    messages.success(
        request,
        _("Balasan Anda telah dikirim.") if induk else _("Komentar Anda telah dikirim. Terima kasih."),
    )
    query = request.GET.urlencode()
    return HttpResponseRedirect(
        f"{putaran.get_absolute_url()}{'?' + query if query else ''}#komentar-{komentar.pk}"
    )


def _bagian(ks, isi, per_kunci, urut_komponen, bisa_komentar, kiriman, butir_pilihan):
    bagian = []
    for k in ks:
        form = None
        if bisa_komentar:
            if kiriman is not None and kiriman.form is not None and kiriman.kunci == k.kunci:
                form = kiriman.form
            else:
                form = KomentarForm(k=k, butir=butir_pilihan(k), auto_id=_auto_id(k.kunci))
        daftar = per_kunci.get(k.kunci, [])
        bagian.append(
            {
                "k": k,
                "isi": isi.get(k.kunci) or k.jenis.empty(),
                "komentar": daftar if urut_komponen else None,
                "jumlah": sum(1 for x in daftar if not x.tersembunyi),
                "form": form,
            }
        )
    return bagian


@require_http_methods(["GET", "HEAD", "POST"])
@_tolak_permintaan_rusak
@tembolok.halaman_publik(lambda pk: [tembolok.putaran(pk)])
def putaran_detail(request, pk):
    putaran = _putaran_or_404(pk)
    isi = selectors.muat_isi(putaran)
    kiriman = None
    if request.method == "POST":
        hasil = _kirim_komentar(request, putaran, isi)
        if isinstance(hasil, HttpResponseRedirect):
            return hasil
        kiriman = hasil

    now = timezone.now()
    user = request.user
    terbuka = putaran.terbuka(now)
    bisa_komentar = terbuka and user.is_authenticated and user.email_terkonfirmasi
    urut, kunci = UrutForm(request.GET or None).pilihan()
    urut_form = UrutForm(initial={"urut": urut, "komponen": kunci})

    utama = selectors.komentar_putaran(putaran, user=user, kunci=kunci, urut=urut)
    selectors.lengkapi(utama, putaran, selectors.teks_butir(isi), selectors.nomor_terbit(putaran))
    for k in utama:
        k.form_balasan = None
        if bisa_komentar and not k.tersembunyi:
            if kiriman is not None and kiriman.form is not None and kiriman.induk_id == k.pk:
                k.form_balasan = kiriman.form
            else:
                k.form_balasan = KomentarForm(
                    balasan=True, initial={"induk": k.pk}, auto_id=_auto_id(f"b{k.pk}")
                )

    ks = [komponen.get(kunci)] if kunci else list(komponen.KOMPONEN)
    galat = []
    teks_tertahan = ""
    if kiriman is not None:
        galat = list(kiriman.galat)
        form = kiriman.form
        # The bound form is shown where it was filled in, if that place is on the page (the user
        # may comment, the component or the comment is not filtered out); else its errors go on top.
        ditempatkan = bisa_komentar and (
            (kiriman.kunci and any(k.kunci == kiriman.kunci for k in ks))
            or any(k.pk == kiriman.induk_id and not k.tersembunyi for k in utama)
        )
        if form is not None and not ditempatkan:
            galat += [str(e) for errors in form.errors.values() for e in errors]
        if galat and kiriman.teks.strip():
            teks_tertahan = kiriman.teks

    def butir_pilihan(k):
        return selectors.pilihan_butir(k, isi.get(k.kunci))

    urut_komponen = urut == selectors.URUT_KOMPONEN
    per_kunci = selectors.per_komponen(utama)
    bagian = _bagian(ks, isi, per_kunci, urut_komponen, bisa_komentar, kiriman, butir_pilihan)
    ctx = {
        **_konteks_umum(putaran),
        "terbuka": terbuka,
        "belum_mulai": not putaran.ditutup and now < putaran.mulai,
        # The draft as it was put to the public (the round keeps a copy), once the round began.
        "tampil_isi": putaran.mulai <= now and (bool(putaran.isi_awal) or not putaran.ditutup),
        "perubahan": konsultasi.perubahan_setelah_konsultasi(putaran) if putaran.ditutup else [],
        "bisa_komentar": bisa_komentar,
        "perlu_konfirmasi": terbuka and user.is_authenticated and not user.email_terkonfirmasi,
        "urut": urut,
        "urut_komponen": urut_komponen,
        "kunci_terpilih": kunci,
        "komponen_terpilih": komponen.get(kunci) if kunci else None,
        "urut_form": urut_form,
        "bagian_sd": [b for b in bagian if b["k"].service_delivery],
        "bagian_mf": [b for b in bagian if not b["k"].service_delivery],
        "label_sd": komponen.Kelompok.LABELS[komponen.Kelompok.SERVICE_DELIVERY],
        "label_mf": komponen.Kelompok.LABELS[komponen.Kelompok.MANUFACTURING],
        "komentar_list": utama,
        **_partisipasi(putaran),
        "pertemuan_list": selectors.pertemuan_ringkas(putaran),
        "boleh_berita_acara": putaran.ditutup or policy.may(user, "standar.lihat_draf", putaran),
        "galat": galat,
        "teks_tertahan": teks_tertahan,
    }
    status = kiriman.status if kiriman is not None else 200
    return render(request, TEMPLATE_DIR + "putaran_detail.html", ctx, status=status)


@require_safe
@tembolok.halaman_publik(lambda pk: [tembolok.putaran(pk)])
def berita_acara(request, pk):
    putaran = _putaran_or_404(pk)
    if not putaran.ditutup and not policy.may(request.user, "standar.lihat_draf", putaran):
        raise Http404
    isi = selectors.muat_isi(putaran)
    pertemuan = selectors.pertemuan_lengkap(putaran)
    baris = selectors.matriks(putaran, selectors.teks_butir(isi))
    ctx = {
        **_konteks_umum(putaran),
        "pratinjau": not putaran.ditutup,
        "pertemuan_list": pertemuan,
        "peserta_kategori": selectors.peserta_per_kategori(putaran, pertemuan),
        **_partisipasi(putaran),
        "matriks": baris,
        "perpanjangan_list": list(putaran.perpanjangan_set.all()),
    }
    return render(request, TEMPLATE_DIR + "berita_acara.html", ctx)


# --- actions on a comment -----------------------------------------------------------------


@require_POST
@_tolak_permintaan_rusak
def komentar_setuju(request, pk):
    komentar = _komentar_tampak_or_404(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_url_komentar(komentar))
    try:
        didukung = konsultasi.komentar_support(komentar=komentar, pengguna=request.user)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
    else:
        if didukung:
            messages.success(request, _("Anda menyatakan setuju dengan komentar ini."))
        else:
            messages.info(request, _("Pernyataan setuju Anda dibatalkan."))
    return HttpResponseRedirect(_url_komentar(komentar))


@require_http_methods(["GET", "HEAD", "POST"])
@_tolak_permintaan_rusak
def komentar_laporkan(request, pk):
    komentar = _komentar_tampak_or_404(pk)
    putaran = _putaran_or_404(komentar.putaran_id)
    form = LaporanForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                konsultasi.komentar_report(
                    komentar=komentar,
                    pelapor=request.user,
                    alasan=form.cleaned_data["alasan"],
                    catatan=form.cleaned_data["catatan"],
                    ip=ratelimit.client_ip(request),
                )
            except RateLimited as exc:
                form.add_service_error(exc)
                status = 429
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Terima kasih, laporan diteruskan ke moderator."))
                return HttpResponseRedirect(_url_komentar(komentar))
    ctx = {**_konteks_umum(putaran), "komentar": komentar, "form": form}
    return render(request, TEMPLATE_DIR + "laporkan.html", ctx, status=status)


# --- the citizen's own comments -----------------------------------------------------------


@login_required
@require_safe
def komentar_saya(request):
    paginator = Paginator(selectors.komentar_milik(request.user), selectors.KOMENTAR_SAYA_PER_HALAMAN)
    page = paginator.get_page(request.GET.get("halaman"))
    page.object_list = list(page.object_list)
    for k in page.object_list:
        k.jawaban_ada = selectors.jawaban_dari(k)
    return render(
        request,
        TEMPLATE_DIR + "komentar_saya.html",
        {"page_obj": page, "komentar_list": page.object_list},
    )
