"""Staff pages of the compiled evaluation reports: the instansi's reports with the start form,
one report (live progress, the reason of a failure, the frozen figures, downloads, the
reporting line), its status as JSON for the progress script, and the downloads.

Each view asks pelayanan.policy, calls one service of evaluasi.kompilasi, and renders.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from evaluasi import kompilasi
from evaluasi.choices import StatusLaporan, SumberLaporan
from evaluasi.forms_laporan import CatatanForm, LaporanMintaForm
from evaluasi.models import LaporanEvaluasi
from pelayanan import policy
from pelayanan.models import Instansi
from pelayanan.views.mixins import izin

DIR = "evaluasi/laporan/"
PER_HALAMAN = 25
LABEL_PENGANTAR = gettext_lazy("Catatan pengantar untuk Pembina")
LABEL_TINJAUAN = gettext_lazy("Catatan tinjauan Pembina")


def _laporan(pk) -> LaporanEvaluasi:
    return get_object_or_404(
        LaporanEvaluasi.objects.select_related(
            "instansi", "unit", "dimulai_oleh", "pengantar__oleh", "tinjauan__oleh"
        ),
        pk=pk,
    )


def _tambah_galat(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc)


def _galat_isian(request, form, exc: ValidationError) -> bool:
    """Field errors go to the form (True: show it again); a refusal of the step itself
    becomes a message (False: back to the report)."""
    if hasattr(exc, "error_dict"):
        _tambah_galat(form, exc)
        return True
    for m in exc.messages:
        messages.error(request, m)
    return False


def _tanpa_simpan(response):
    response["Cache-Control"] = "private, no-store"
    return response


# --- the instansi's reports -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def laporan_list(request, instansi):
    instansi = get_object_or_404(Instansi, slug=instansi)
    aksi = "laporan.susun" if request.method == "POST" else "laporan.lihat"
    if (tolak := izin(request, aksi, instansi)) is not None:
        return tolak
    boleh_susun = policy.may(request.user, "laporan.susun", instansi)
    form = LaporanMintaForm(request.POST or None, instansi=instansi) if boleh_susun else None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            laporan, baru = kompilasi.laporan_minta(
                instansi=instansi,
                unit=d["unit"],
                jenis=d["jenis"],
                tahun=d["tahun"],
                ke=d["ke"],
                oleh=request.user,
                sumber=SumberLaporan.TOMBOL,
            )
        except ValidationError as exc:
            _tambah_galat(form, exc)
        else:
            if baru:
                messages.success(request, _("Penyusunan laporan dimulai."))
            else:
                messages.info(request, _("Laporan untuk lingkup dan periode ini sudah ada."))
            return redirect(laporan)
    qs = LaporanEvaluasi.objects.filter(instansi=instansi).select_related("unit", "pengantar", "tinjauan")
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    response = render(
        request,
        DIR + "list.html",
        {"instansi": instansi, "halaman": halaman, "form": form},
        status=400 if form is not None and form.errors else 200,
    )
    return _tanpa_simpan(response)


# --- one report -------------------------------------------------------------------------------


def _detail(request, laporan, *, form_ajukan=None, form_tinjau=None, status=200):
    user = request.user
    pengantar = getattr(laporan, "pengantar", None)
    tinjauan = getattr(laporan, "tinjauan", None)
    selesai = laporan.status == StatusLaporan.SELESAI
    boleh_ajukan = selesai and pengantar is None and policy.may(user, "laporan.ajukan", laporan)
    boleh_tinjau = (
        selesai and pengantar is not None and tinjauan is None and policy.may(user, "laporan.tinjau", laporan)
    )
    if boleh_ajukan and form_ajukan is None:
        form_ajukan = CatatanForm(label=LABEL_PENGANTAR, prefix="ajukan")
    if boleh_tinjau and form_tinjau is None:
        form_tinjau = CatatanForm(label=LABEL_TINJAUAN, prefix="tinjau")
    ctx = {
        "laporan": laporan,
        "instansi": laporan.instansi,
        "langkah": kompilasi.label_langkah(laporan.langkah),
        "berjalan": laporan.status in (StatusLaporan.ANTRI, StatusLaporan.BERJALAN),
        "pengantar": pengantar,
        "tinjauan": tinjauan,
        "boleh_ulang": laporan.status == StatusLaporan.GAGAL and policy.may(user, "laporan.susun", laporan),
        "form_ajukan": form_ajukan if boleh_ajukan else None,
        "form_tinjau": form_tinjau if boleh_tinjau else None,
    }
    if selesai:
        ctx.update(kompilasi.konteks(laporan.snapshot))
    return _tanpa_simpan(render(request, DIR + "detail.html", ctx, status=status))


@require_safe
def laporan(request, pk):
    laporan = _laporan(pk)
    if (tolak := izin(request, "laporan.lihat", laporan)) is not None:
        return tolak
    return _detail(request, laporan)


@require_safe
def laporan_status(request, pk):
    laporan = get_object_or_404(
        LaporanEvaluasi.objects.only("pk", "instansi_id", "unit_id", "status", "progres", "langkah"), pk=pk
    )
    if not policy.may(request.user, "laporan.lihat", laporan):
        return _tanpa_simpan(JsonResponse({"galat": _("Tidak berwenang.")}, status=403))
    return _tanpa_simpan(
        JsonResponse(
            {
                "status": laporan.status,
                "status_label": laporan.get_status_display(),
                "progres": laporan.progres,
                "langkah": kompilasi.label_langkah(laporan.langkah),
                "selesai": laporan.status in (StatusLaporan.SELESAI, StatusLaporan.GAGAL),
            }
        )
    )


@require_POST
def laporan_ulang(request, pk):
    laporan = _laporan(pk)
    if (tolak := izin(request, "laporan.susun", laporan)) is not None:
        return tolak
    try:
        kompilasi.laporan_ulang(laporan=laporan, oleh=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Laporan dimasukkan kembali ke antrean penyusunan."))
    return redirect(laporan)


@require_safe
def laporan_unduh(request, pk, format):
    laporan = _laporan(pk)
    if (tolak := izin(request, "laporan.lihat", laporan)) is not None:
        return tolak
    berkas = kompilasi.berkas(laporan, format)
    if berkas is None:
        raise Http404
    try:
        fh = berkas.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        fh,
        content_type=kompilasi.FORMAT[format],
        as_attachment=True,
        filename=kompilasi.nama_unduhan(laporan, format),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _tanpa_simpan(response)


@require_POST
def laporan_ajukan(request, pk):
    laporan = _laporan(pk)
    if (tolak := izin(request, "laporan.ajukan", laporan)) is not None:
        return tolak
    form = CatatanForm(request.POST, label=LABEL_PENGANTAR, prefix="ajukan")
    if form.is_valid():
        try:
            kompilasi.pengantar_ajukan(
                laporan=laporan, catatan=form.cleaned_data["catatan"], oleh=request.user
            )
        except ValidationError as exc:
            if not _galat_isian(request, form, exc):
                return redirect(laporan)
        else:
            messages.success(request, _("Laporan diajukan kepada Pembina."))
            return redirect(laporan)
    return _detail(request, laporan, form_ajukan=form, status=400)


@require_POST
def laporan_tinjau(request, pk):
    laporan = _laporan(pk)
    if (tolak := izin(request, "laporan.tinjau", laporan)) is not None:
        return tolak
    form = CatatanForm(request.POST, label=LABEL_TINJAUAN, prefix="tinjau")
    if form.is_valid():
        try:
            kompilasi.tinjauan_simpan(
                laporan=laporan, catatan=form.cleaned_data["catatan"], oleh=request.user
            )
        except ValidationError as exc:
            if not _galat_isian(request, form, exc):
                return redirect(laporan)
        else:
            messages.success(request, _("Tinjauan Pembina disimpan."))
            return redirect(laporan)
    return _detail(request, laporan, form_tinjau=form, status=400)
