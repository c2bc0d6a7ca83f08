"""Exports (public) and the Excel import of existing standards (admin unit).

Exports: the catalogue (with the catalogue page's filters), a unit's standards in force in
the import template layout, and a unit's service-delivery components in the SIPPN layout;
each as CSV or XLSX, public like the pages they come from.

Import: the admin unit downloads the template, uploads the filled workbook, sees a preview
(row by row: the service, the draft that will be created and the parsed components, or the
errors with their column), and confirms; standar.impor.simpan then creates every draft or
none. The file waits between preview and confirmation in a temporary file (standar.impor).
"""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_safe

from pelayanan.models import Unit
from pelayanan.views.mixins import PolicyRequiredMixin
from standar import ekspor, impor

TEMPLATE_DIR = "standar/ekspor_impor/"
SESI = "impor_standar"
SLUG_MAX = 120


def _fmt(fmt: str) -> str:
    if fmt not in ekspor.FORMAT:
        raise Http404
    return fmt


def _unduhan(data: bytes, nama: str, fmt: str, *, publik: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type=ekspor.FORMAT[fmt])
    response["Content-Disposition"] = f'attachment; filename="{nama}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    if publik:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _unit_aktif(slug: str) -> Unit:
    return get_object_or_404(Unit.objects.select_related("instansi"), slug=slug, aktif=True)


def _tanggal() -> str:
    return timezone.localdate().strftime("%Y%m%d")


# --- public exports -----------------------------------------------------------------------


@require_safe
def unduh_katalog(request, fmt):
    fmt = _fmt(fmt)
    tabel = ekspor.katalog(
        q=request.GET.get("q", "").strip()[:100],
        instansi=request.GET.get("instansi", "").strip()[:SLUG_MAX],
        unit=request.GET.get("unit", "").strip()[:SLUG_MAX],
        absolute=request.build_absolute_uri,
    )
    return _unduhan(ekspor.berkas([tabel], fmt), f"katalog-layanan-{_tanggal()}", fmt)


@require_safe
def unduh_unit_standar(request, unit, fmt):
    fmt = _fmt(fmt)
    unit = _unit_aktif(unit)
    tabel = ekspor.unit_standar(unit, absolute=request.build_absolute_uri)
    return _unduhan(ekspor.berkas([tabel], fmt), f"standar-{unit.slug}-{_tanggal()}", fmt)


@require_safe
def unduh_unit_sippn(request, unit, fmt):
    fmt = _fmt(fmt)
    unit = _unit_aktif(unit)
    return _unduhan(ekspor.berkas([ekspor.sippn(unit)], fmt), f"sippn-{unit.slug}-{_tanggal()}", fmt)


# --- import -------------------------------------------------------------------------------


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"),
        help_text=gettext_lazy("Templat yang sudah diisi; paling besar 5 MB, paling banyak 500 layanan."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > impor.MAKS_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": impor.MAKS_BYTES // impor.MB}
            )
        return upload


class _ImporMixin(PolicyRequiredMixin):
    policy_action = "standar.impor"

    def get_policy_object(self):
        self.unit = _unit_aktif(self.kwargs["unit"])
        return self.unit

    def _url(self) -> str:
        return reverse("standar:impor", kwargs={"unit": self.unit.slug})

    def _render(self, template: str, context: dict, status: int = 200):
        return render(
            self.request,
            TEMPLATE_DIR + template,
            {
                "unit": self.unit,
                "maks_baris": impor.MAKS_BARIS,
                "maks_mb": impor.MAKS_BYTES // impor.MB,
                **context,
            },
            status=status,
        )

    def _lupakan(self) -> None:
        sesi = self.request.session.pop(SESI, None)
        if sesi:
            impor.hapus_sementara(sesi.get("token", ""))


class ImporView(_ImporMixin, View):
    """GET: the explanation, the template link and the upload form. POST: upload, preview."""

    def get(self, request, unit):
        return self._render("impor.html", {"form": UnggahForm()})

    def post(self, request, unit):
        form = UnggahForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render("impor.html", {"form": form}, status=400)
        upload = form.cleaned_data["berkas"]
        data = upload.read(impor.MAKS_BYTES + 1)
        hasil = impor.pratinjau(data, self.unit)
        self._lupakan()
        token = ""
        if hasil.siap:
            token = impor.simpan_sementara(data)
            request.session[SESI] = {
                "token": token,
                "unit": self.unit.pk,
                "sha256": hashlib.sha256(data).hexdigest(),
                "nama": upload.name[:200],
            }
        return self._render(
            "pratinjau.html",
            {"hasil": hasil, "token": token, "nama_berkas": upload.name[:200], "form": UnggahForm()},
            status=200 if hasil.siap else 400,
        )


class ImporKonfirmasiView(_ImporMixin, View):
    """POST: save the previewed file as drafts (all or nothing), or cancel."""

    http_method_names = ["post"]

    def post(self, request, unit):
        sesi = request.session.get(SESI) or {}
        if "batal" in request.POST:
            self._lupakan()
            messages.info(request, _("Impor dibatalkan; tidak ada yang disimpan."))
            return redirect(self._url())
        data = None
        if sesi.get("unit") == self.unit.pk and sesi.get("token") == request.POST.get("token", ""):
            data = impor.muat_sementara(sesi["token"], sesi.get("sha256", ""))
        if data is None:
            messages.error(
                request,
                _(
                    "Pratinjau impor ini sudah tidak berlaku (kedaluwarsa "
                    "atau diganti unggahan lain). Unggah lagi."
                ),
            )
            return redirect(self._url())
        try:
            dibuat = impor.simpan(unit=self.unit, data=data, oleh=request.user)
        except impor.ImporDitolak as exc:
            return self._render(
                "pratinjau.html",
                {
                    "hasil": exc.pratinjau,
                    "token": "",
                    "nama_berkas": sesi.get("nama", ""),
                    "galat_simpan": exc.messages,
                    "form": UnggahForm(),
                },
                status=409,
            )
        self._lupakan()
        messages.success(
            request,
            _("%(n)s draf standar dibuat dari berkas Excel. Periksa setiap draf sebelum konsultasi publik.")
            % {"n": len(dibuat)},
        )
        return redirect("standar:staf_unit_standar", unit=self.unit.slug)


class ImporTemplatView(_ImporMixin, View):
    """GET: the import template, listing the unit's services that can get a new draft."""

    def get(self, request, unit):
        response = HttpResponse(ekspor.templat(self.unit), content_type=ekspor.XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="templat-impor-standar-{self.unit.slug}.xlsx"'
        )
        patch_cache_control(response, private=True, no_store=True)
        return response


impor_view = ImporView.as_view()
impor_konfirmasi = ImporKonfirmasiView.as_view()
impor_templat = ImporTemplatView.as_view()
