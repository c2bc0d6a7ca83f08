"""Staff SKM pages: a unit's periods, a new period, a period's page (population, sample size
and its warning, live results, steps, the components to review), the paper batch grid,
the CSV import with its row errors, follow-ups, and the QR codes to print.

Each view asks pelayanan.policy, calls one service or selector, and renders.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from evaluasi import ikm, selectors, services, tinjauan, unsur
from evaluasi.choices import StatusPeriode
from evaluasi.forms import ImporForm, LayananPilihForm, PeriodeForm, RtlForm, RtlStatusForm, kertas_formset
from evaluasi.models import PeriodeSKM, RencanaTindakLanjut
from pelayanan import policy
from pelayanan.models import Unit
from pelayanan.views.mixins import izin

DIR = "evaluasi/staf/"
BARIS_KERTAS_AWAL = 20


def _unit(slug) -> Unit:
    return get_object_or_404(Unit.objects.select_related("instansi"), slug=slug, aktif=True)


def _periode(pk) -> PeriodeSKM:
    try:
        return selectors.periode_staf_get(pk)
    except PeriodeSKM.DoesNotExist:
        raise Http404 from None


def _url(periode: PeriodeSKM, anchor: str = "") -> str:
    url = reverse("evaluasi:periode", kwargs={"pk": periode.pk})
    return f"{url}#{anchor}" if anchor else url


def _pesan_galat(request, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


# --- a unit's periods -------------------------------------------------------------------------


@require_safe
def unit_skm(request, unit):
    unit = _unit(unit)
    if (tolak := izin(request, "skm.pantau", unit)) is not None:
        return tolak
    periode_list = list(selectors.unit_periode_list(unit))
    for p in periode_list:
        p.kecukupan = selectors.kecukupan(p, p.jumlah_jawaban)
    return render(
        request,
        DIR + "unit.html",
        {
            "unit": unit,
            "periode_list": periode_list,
            "boleh_kelola": policy.may(request.user, "skm.kelola", unit),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def periode_baru(request, unit):
    unit = _unit(unit)
    if (tolak := izin(request, "skm.kelola", unit)) is not None:
        return tolak
    form = PeriodeForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            periode = services.periode_create(
                unit=unit,
                jenis=d["jenis"],
                tahun=d["tahun"],
                ke=d["ke"],
                populasi=d["populasi"],
                layanan=list(d["layanan"]),
                teknik_sampling=d["teknik_sampling"],
                oleh=request.user,
            )
        except ValidationError as exc:
            _tambah_galat(form, exc)
        else:
            messages.success(request, _("Periode %(p)s dibuat.") % {"p": periode.label})
            return redirect(_url(periode))
    return render(
        request, DIR + "periode_form.html", {"unit": unit, "form": form}, status=400 if form.errors else 200
    )


def _tambah_galat(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc)


# --- one period ---------------------------------------------------------------------------------


@require_safe
def periode(request, pk):
    periode = _periode(pk)
    if (tolak := izin(request, "skm.pantau", periode)) is not None:
        return tolak
    hasil_periode = ikm.hasil_periode(periode)
    layanan_list = selectors.layanan_periode(periode)
    per_layanan = [(lay, hasil_periode.per_layanan.get(lay.pk)) for lay in layanan_list]
    hasil = hasil_periode.unit
    rtl_list = list(selectors.rtl_list(periode))
    return render(
        request,
        DIR + "periode.html",
        {
            "periode": periode,
            "unit": periode.unit,
            "hasil": hasil,
            "per_layanan": per_layanan,
            "kecukupan": selectors.kecukupan(periode, hasil.jumlah),
            "perlu_rtl": services.unsur_perlu_tindak_lanjut(hasil),
            "rtl_list": rtl_list,
            "tanda_list": tinjauan.tanda_periode(hasil_periode, layanan_list),
            "tanda_min": tinjauan.min_responden(),
            "saran_list": selectors.saran_terbaru(periode),
            "boleh_kelola": policy.may(request.user, "skm.kelola", periode),
            "bisa_isi": periode.status != StatusPeriode.DRAF and not periode.diterbitkan,
            "langkah": [k for k, (dari, _ke) in services.TRANSISI.items() if dari == periode.status],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def periode_ubah(request, pk):
    periode = _periode(pk)
    if (tolak := izin(request, "skm.kelola", periode)) is not None:
        return tolak
    form = PeriodeForm(
        request.POST or None,
        unit=periode.unit,
        ubah=True,
        initial={
            "populasi": periode.populasi,
            "layanan": list(periode.layanan.all()),
            "teknik_sampling": periode.teknik_sampling,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.periode_update(
                periode=periode,
                populasi=d["populasi"],
                layanan=list(d["layanan"]),
                teknik_sampling=d["teknik_sampling"],
                oleh=request.user,
            )
        except ValidationError as exc:
            _tambah_galat(form, exc)
        else:
            messages.success(request, _("Periode disimpan."))
            return redirect(_url(periode, "metode"))
    return render(
        request,
        DIR + "periode_form.html",
        {"unit": periode.unit, "periode": periode, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def periode_langkah(request, pk, langkah):
    periode = _periode(pk)
    policy.require(request.user, "skm.kelola", periode)
    try:
        if langkah == "terbitkan":
            services.periode_publish(periode=periode, oleh=request.user)
            messages.success(request, _("Hasil survei diterbitkan dan kini tampil di halaman publik."))
        elif langkah in services.TRANSISI:
            periode = services.periode_transisi(periode=periode, langkah=langkah, oleh=request.user)
            messages.success(request, _("Status periode kini: %(s)s.") % {"s": periode.get_status_display()})
        else:
            raise Http404
    except ValidationError as exc:
        _pesan_galat(request, exc)
    return redirect(_url(periode))


# --- paper questionnaires -------------------------------------------------------------------


def _cek_bisa_isi(request, periode) -> bool:
    if periode.diterbitkan or periode.status == StatusPeriode.DRAF:
        messages.error(
            request,
            _(
                "Jawaban hanya dapat dimasukkan pada periode yang sudah dimulai "
                "dan hasilnya belum diterbitkan."
            ),
        )
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def kertas(request, pk):
    """The fast grid: one row per paper questionnaire, nine 1–4 inputs in the order of the
    printed form; blank rows are ignored; all rows are saved or none."""
    periode = _periode(pk)
    if (tolak := izin(request, "skm.kelola", periode)) is not None:
        return tolak
    if not _cek_bisa_isi(request, periode):
        return redirect(_url(periode))
    layanan_list = selectors.layanan_periode(periode)
    try:
        jumlah = int(request.GET.get("baris", BARIS_KERTAS_AWAL))
    except ValueError:
        jumlah = BARIS_KERTAS_AWAL
    FormSet = kertas_formset(jumlah)
    data = request.POST if request.method == "POST" else None
    pilih = LayananPilihForm(data, layanan_list=layanan_list, prefix="batch")
    formset = FormSet(data, prefix="lembar")
    status = 200
    if data is not None:
        status = 400
        if pilih.is_valid() and formset.is_valid():
            diisi = [f for f in formset.forms if f.has_changed() and f.cleaned_data]
            baris = [f.cleaned_data for f in diisi]
            try:
                n = services.jawaban_kertas_batch(
                    periode=periode, layanan=pilih.cleaned_data["layanan"], baris=baris, oleh=request.user
                )
            except services.ImporGagal as exc:
                for g in exc.galat:
                    diisi[g.baris - 1].add_error(None, f"{g.kolom}: {g.pesan}")
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(request, _("%(n)s lembar kuesioner disimpan.") % {"n": n})
                return redirect(reverse("evaluasi:kertas", kwargs={"pk": periode.pk}) + f"?baris={jumlah}")
    return render(
        request,
        DIR + "kertas.html",
        {
            "periode": periode,
            "unit": periode.unit,
            "pilih": pilih,
            "formset": formset,
            "urutan": unsur.URUTAN_KUESIONER,
            "jumlah_baris": len(formset.forms),
            "pilihan_baris": (10, 20, 50, 100),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def impor(request, pk):
    periode = _periode(pk)
    if (tolak := izin(request, "skm.kelola", periode)) is not None:
        return tolak
    if not _cek_bisa_isi(request, periode):
        return redirect(_url(periode))
    layanan_list = selectors.layanan_periode(periode)
    form = ImporForm(request.POST or None, request.FILES or None, layanan_list=layanan_list)
    galat = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                n = services.jawaban_impor_csv(
                    periode=periode,
                    berkas=form.cleaned_data["berkas"].read(),
                    layanan_default=form.cleaned_data["layanan"],
                    oleh=request.user,
                )
            except services.ImporGagal as exc:
                galat = exc.galat
                form.add_error(None, exc)
            except ValidationError as exc:
                form.add_error("berkas", exc)
            else:
                messages.success(request, _("%(n)s jawaban diimpor.") % {"n": n})
                return redirect(_url(periode))
    return render(
        request,
        DIR + "impor.html",
        {
            "periode": periode,
            "unit": periode.unit,
            "form": form,
            "galat": galat,
            "kolom": services.KOLOM_CSV,
            "unsur_list": unsur.UNSUR,
            "profil": services.PROFIL,
        },
        status=status,
    )


@require_safe
def impor_contoh(request, pk):
    periode = _periode(pk)
    policy.require(request.user, "skm.kelola", periode)
    response = HttpResponse(services.contoh_csv(periode), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contoh-impor-skm.csv"'
    return response


# --- follow-ups -----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def tindak_lanjut(request, pk):
    periode = _periode(pk)
    aksi = "skm.kelola" if request.method == "POST" else "skm.pantau"
    if (tolak := izin(request, aksi, periode)) is not None:
        return tolak
    hasil = ikm.hasil_periode(periode).unit
    perlu = services.unsur_perlu_tindak_lanjut(hasil)
    awal = {"unsur": perlu[0].unsur.kode} if perlu else {}
    if "unsur" in request.GET and request.GET["unsur"] in unsur.KODE:
        awal["unsur"] = request.GET["unsur"]
    form = RtlForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.rtl_create(
                periode=periode,
                unsur_kode=d["unsur"],
                tindakan=d["tindakan"],
                penanggung_jawab=d["penanggung_jawab"],
                batas_waktu=d["batas_waktu"],
                oleh=request.user,
            )
        except ValidationError as exc:
            _tambah_galat(form, exc)
        else:
            messages.success(request, _("Rencana tindak lanjut ditambahkan."))
            return redirect(reverse("evaluasi:tindak_lanjut", kwargs={"pk": periode.pk}))
    rtl_list = list(selectors.rtl_list(periode))
    return render(
        request,
        DIR + "tindak_lanjut.html",
        {
            "periode": periode,
            "unit": periode.unit,
            "hasil": hasil,
            "perlu": perlu,
            "form": form,
            "rtl_list": [
                (r, RtlStatusForm(initial={"status": r.status}, prefix=f"rtl{r.pk}")) for r in rtl_list
            ],
            "boleh_kelola": policy.may(request.user, "skm.kelola", periode),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def rtl_ubah(request, pk):
    rtl = get_object_or_404(RencanaTindakLanjut.objects.select_related("periode__unit"), pk=pk)
    policy.require(request.user, "skm.kelola", rtl)
    form = RtlStatusForm(request.POST, prefix=f"rtl{rtl.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.rtl_update(
                rtl=rtl,
                status=d["status"],
                catatan=d["catatan"],
                selesai_pada=d["selesai_pada"],
                oleh=request.user,
            )
        except ValidationError as exc:
            _pesan_galat(request, exc)
        else:
            messages.success(request, _("Status tindak lanjut disimpan."))
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
    return redirect(reverse("evaluasi:tindak_lanjut", kwargs={"pk": rtl.periode_id}) + f"#rtl-{rtl.pk}")


# --- QR codes to print ----------------------------------------------------------------------


def _qr_svg(url: str) -> str:
    """An inline SVG QR code (segno), without the XML declaration, scalable by CSS."""
    qr = segno.make(url, error="m")
    return qr.svg_inline(scale=4, border=2, omitsize=True, svgclass="qr-svg", title=url)


@require_safe
def qr(request, unit):
    unit = _unit(unit)
    if (tolak := izin(request, "skm.kelola", unit)) is not None:
        return tolak
    kartu = []
    for tautan in services.tautan_unit(unit):
        layanan = tautan.layanan
        url = request.build_absolute_uri(tautan.get_absolute_url())
        # segno's SVG: its own elements; the URL is in the modules and in an escaped <title>.
        svg = mark_safe(_qr_svg(url))  # nosec B308, B703
        kartu.append({"layanan": layanan, "tautan": tautan, "url": url, "svg": svg})
    return render(request, DIR + "qr.html", {"unit": unit, "kartu": kartu})
