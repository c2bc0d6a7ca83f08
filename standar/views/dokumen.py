"""Public pages of the official PDFs: the downloads and the verification page.

A download never renders: when the stored file is ready it is streamed from storage;
otherwise a small page says the document is being prepared and refreshes itself (a render
is enqueued by standar.dokumen.minta). Only published versions (terbit, digantikan,
dicabut) and closed consultation rounds have PDFs; anything else is 404.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponseNotModified, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from pelayanan import policy, ratelimit
from pelayanan.models import Layanan
from standar import dokumen, selectors
from standar.choices import StatusVersi
from standar.models import DokumenPDF, JenisDokumen, PutaranKonsultasi, StatusDokumen, VersiStandar

TEMPLATE_DIR = "standar/dokumen/"
SEGARKAN_DETIK = 5
UNGGAH_MAKS = 20 * 1024 * 1024
# Current documents may still be re-rendered (stamped when superseded): cache briefly.
CACHE_TERKINI = "public, max-age=3600"
CACHE_ARSIP = "public, max-age=86400"
POSTER = {"a4": JenisDokumen.POSTER_A4, "a3": JenisDokumen.POSTER_A3}


def _layanan_or_404(request, unit: str, layanan: str) -> Layanan:
    try:
        obj = selectors.layanan_publik(unit, layanan)
    except Layanan.DoesNotExist:
        raise Http404 from None
    policy.require(request.user, "layanan.lihat", obj)
    return obj


def _unduh(request, d: DokumenPDF, *, judul: str, kembali: str):
    """Stream the stored file, or say (202) that it is being prepared."""
    if not dokumen.berkas_terkini(d):
        response = render(
            request,
            TEMPLATE_DIR + "disiapkan.html",
            {
                "dokumen": d,
                "judul": judul,
                "kembali": kembali,
                "gagal": d.status == StatusDokumen.GAGAL,
                "segarkan": SEGARKAN_DETIK,
            },
            status=202,
        )
        response["Cache-Control"] = "no-store"
        response["Retry-After"] = str(SEGARKAN_DETIK)
        return response
    etag = f'"{d.sha256}"'
    arsip = d.versi_id is not None and d.versi.status != StatusVersi.TERBIT
    headers = {
        "ETag": etag,
        "Cache-Control": CACHE_ARSIP if arsip else CACHE_TERKINI,
        "Last-Modified": http_date(d.dirender_pada.timestamp()),
    }
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            dokumen.buka(d),
            content_type="application/pdf",
            as_attachment=True,
            filename=dokumen.nama_berkas(d),
        )
    for name, value in headers.items():
        response[name] = value
    return response


@require_safe
def versi_pdf(request, unit, layanan, nomor):
    layanan = _layanan_or_404(request, unit, layanan)
    versi = (
        VersiStandar.objects.select_related("standar__layanan__unit")
        .filter(standar__layanan=layanan, nomor=nomor, status__in=selectors.STATUS_PUBLIK)
        .first()
    )
    if versi is None:
        raise Http404
    d = dokumen.minta(JenisDokumen.STANDAR, versi=versi)
    return _unduh(
        request,
        d,
        judul=_("Standar pelayanan %(layanan)s, versi %(n)s") % {"layanan": layanan.nama, "n": versi.nomor},
        kembali=versi.get_absolute_url(),
    )


@require_safe
def poster_pdf(request, unit, layanan, ukuran):
    jenis = POSTER.get(ukuran)
    if jenis is None:
        raise Http404
    layanan = _layanan_or_404(request, unit, layanan)
    versi = (
        VersiStandar.objects.select_related("standar__layanan__unit")
        .filter(standar__layanan=layanan, status=StatusVersi.TERBIT)
        .first()
    )
    if versi is None:
        raise Http404
    d = dokumen.minta(jenis, versi=versi)
    return _unduh(
        request,
        d,
        judul=_("Poster loket %(layanan)s (%(ukuran)s)")
        % {"layanan": layanan.nama, "ukuran": ukuran.upper()},
        kembali=versi.standar.get_absolute_url(),
    )


@require_safe
def berita_acara_pdf(request, pk):
    putaran = (
        PutaranKonsultasi.objects.select_related("versi__standar__layanan__unit")
        .filter(pk=pk, ditutup_pada__isnull=False)
        .first()
    )
    if putaran is None:
        raise Http404
    policy.require(request.user, "layanan.lihat", putaran.versi.standar.layanan)
    d = dokumen.minta(JenisDokumen.BERITA_ACARA, putaran=putaran)
    return _unduh(
        request,
        d,
        judul=_("Berita acara konsultasi publik %(layanan)s")
        % {"layanan": putaran.versi.standar.layanan.nama},
        kembali=reverse("standar:berita_acara", kwargs={"pk": putaran.pk}),
    )


# --- verification -------------------------------------------------------------------------


@require_safe
def verifikasi_cari(request):
    """Type the code printed on a document."""
    kode = dokumen.normalisasi_kode(request.GET.get("kode", ""))
    galat = ""
    if "kode" in request.GET:
        if kode and DokumenPDF.objects.filter(kode=kode).exists():
            return HttpResponseRedirect(reverse("standar:verifikasi", kwargs={"kode": kode}))
        galat = _("Kode verifikasi tidak dikenal. Periksa lagi kode yang tercetak di kaki dokumen.")
    return render(
        request,
        TEMPLATE_DIR + "verifikasi_cari.html",
        {"kode": request.GET.get("kode", "")[:30], "galat": galat},
        status=404 if galat else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def verifikasi(request, kode):
    """Is this document current, superseded or revoked; does a file (or its hash) match."""
    normal = dokumen.normalisasi_kode(kode)
    if normal != kode:
        return HttpResponseRedirect(reverse("standar:verifikasi", kwargs={"kode": normal or "-"}))
    v = dokumen.verifikasi(kode)
    if v is None:
        return render(
            request,
            TEMPLATE_DIR + "verifikasi_cari.html",
            {"kode": kode, "galat": _("Kode verifikasi tidak dikenal.")},
            status=404,
        )
    # Each refusal is shown under the field it is about (galat_berkas, galat_sha256), and the
    # typed SHA-256 is put back in its field.
    sha_diperiksa, cocok, riwayat, galat_berkas, galat_sha256 = "", "", None, "", ""
    sha256_isian = request.GET.get("sha256", "")[:80]
    if request.method == "POST":
        ratelimit.hit("verifikasi-ip", ratelimit.client_ip(request), limit=30, window=600)
        berkas = request.FILES.get("berkas")
        if berkas is None:
            galat_berkas = _("Pilih berkas PDF yang akan diperiksa.")
        elif berkas.size > UNGGAH_MAKS:
            galat_berkas = _("Berkas terlalu besar (paling besar 20 MB).")
        else:
            sha_diperiksa = dokumen.sha256_berkas(berkas)
    elif sha256_isian:
        sha_diperiksa = dokumen.normalisasi_sha256(sha256_isian)
        if not sha_diperiksa:
            galat_sha256 = _("SHA-256 terdiri atas 64 karakter heksadesimal (0–9, a–f).")
    if sha_diperiksa:
        cocok, riwayat = dokumen.cocokkan(v.dokumen, sha_diperiksa)
    layanan = v.layanan
    return render(
        request,
        TEMPLATE_DIR + "verifikasi.html",
        {
            "v": v,
            "d": v.dokumen,
            "layanan": layanan,
            "unit": layanan.unit,
            "berkas_url": _url_unduh(v),
            "sha_diperiksa": sha_diperiksa,
            "sha256_isian": sha256_isian,
            "cocok": cocok,
            "riwayat": riwayat,
            "galat_berkas": galat_berkas,
            "galat_sha256": galat_sha256,
        },
        status=400 if galat_berkas or galat_sha256 else 200,
    )


def _url_unduh(v: dokumen.Verifikasi) -> str:
    d = v.dokumen
    if d.jenis == JenisDokumen.BERITA_ACARA:
        return reverse("standar:berita_acara_pdf", kwargs={"pk": d.putaran_id})
    layanan = v.layanan
    kw = {"unit": layanan.unit.slug, "layanan": layanan.slug}
    if d.jenis == JenisDokumen.STANDAR:
        return reverse("standar:versi_pdf", kwargs={**kw, "nomor": v.versi.nomor})
    if v.versi.status == StatusVersi.TERBIT:
        return reverse("standar:poster_pdf", kwargs={**kw, "ukuran": dokumen.UKURAN_POSTER[d.jenis].lower()})
    return ""
