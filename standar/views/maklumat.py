"""Staff pages of the maklumat pelayanan (UU 25/2009 Pasal 22; PP 96/2012 Pasal 30).

Each view parses the request, asks pelayanan.policy, calls one service of
standar.maklumat and renders; the rules live in the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pelayanan import policy
from pelayanan.models import Unit
from pelayanan.views.mixins import izin
from standar.choices import StatusMaklumat
from standar.forms_maklumat import MaklumatForm
from standar.maklumat import (
    BATAS_HARI_KERJA,
    maklumat_decree,
    maklumat_draft_create,
    maklumat_publish,
    maklumat_reminder,
    maklumat_update,
)
from standar.models import Maklumat

STATUS_PERSIAPAN = (StatusMaklumat.DRAF, StatusMaklumat.DITETAPKAN)

# Bootstrap badge per status; the label is always written out, colour only adds to it.
BADGE = {
    StatusMaklumat.DRAF: "text-bg-secondary",
    StatusMaklumat.DITETAPKAN: "text-bg-info",
    StatusMaklumat.TERBIT: "text-bg-success",
    StatusMaklumat.DIGANTIKAN: "text-bg-light border",
    StatusMaklumat.DICABUT: "text-bg-danger",
}


@dataclass(frozen=True)
class Langkah:
    """One workflow step a staff member can take on a maklumat from the staff pages."""

    kunci: str
    dari: str  # the status the maklumat must have
    aksi: str  # the policy action
    layanan: Callable
    label: str
    keterangan: str
    berhasil: str
    tombol: str


LANGKAH: dict[str, Langkah] = {
    "tetapkan": Langkah(
        kunci="tetapkan",
        dari=StatusMaklumat.DRAF,
        aksi="maklumat.tetapkan",
        layanan=maklumat_decree,
        label=gettext_lazy("Tetapkan"),
        keterangan=gettext_lazy("Setelah ditetapkan, teks maklumat tidak dapat diubah lagi."),
        berhasil=gettext_lazy("Maklumat versi %(nomor)s ditetapkan."),
        tombol="btn-primary",
    ),
    "terbitkan": Langkah(
        kunci="terbitkan",
        dari=StatusMaklumat.DITETAPKAN,
        aksi="maklumat.tetapkan",
        layanan=maklumat_publish,
        label=gettext_lazy("Terbitkan"),
        keterangan=gettext_lazy(
            "Maklumat yang diterbitkan berlaku dan menggantikan maklumat yang terbit sebelumnya."
        ),
        berhasil=gettext_lazy("Maklumat versi %(nomor)s diterbitkan dan kini berlaku."),
        tombol="btn-success",
    ),
}


def _langkah_untuk(user, maklumat: Maklumat) -> list[Langkah]:
    return [
        step
        for step in LANGKAH.values()
        if maklumat.status == step.dari and policy.may(user, step.aksi, maklumat)
    ]


def _get_maklumat(pk: int) -> Maklumat:
    return get_object_or_404(Maklumat.objects.select_related("unit__instansi"), pk=pk)


def _daftar_url(unit: Unit) -> str:
    return reverse("standar:maklumat_daftar", kwargs={"unit": unit.slug})


@require_safe
def daftar(request, unit):
    """The unit's maklumat versions, the one in force, the one in preparation, the reminder."""
    unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=unit)
    if response := izin(request, "unit.pantau", unit):
        return response
    versi = list(unit.maklumat_set.all())  # newest first (Meta.ordering); .unit is `unit`
    terbit = persiapan = None
    for m in versi:
        m.badge = BADGE.get(m.status, "text-bg-secondary")
        if m.status == StatusMaklumat.TERBIT:
            terbit = m
        elif m.status in STATUS_PERSIAPAN:
            persiapan = m
    boleh_susun = policy.may(request.user, "maklumat.susun", unit)
    return render(
        request,
        "standar/maklumat/daftar.html",
        {
            "unit": unit,
            "maklumat_list": versi,
            "terbit": terbit,
            "persiapan": persiapan,
            "persiapan_dapat_diubah": bool(
                persiapan and persiapan.status == StatusMaklumat.DRAF and boleh_susun
            ),
            "langkah_list": _langkah_untuk(request.user, persiapan) if persiapan else [],
            "boleh_buat": boleh_susun and persiapan is None,
            "pengingat": maklumat_reminder(unit),
            "batas_hari_kerja": BATAS_HARI_KERJA,
        },
    )


@require_http_methods(["GET", "POST"])
def baru(request, unit):
    """A new draft, prefilled from the maklumat in force or from the standard wording."""
    unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=unit)
    if response := izin(request, "maklumat.susun", unit):
        return response
    if request.method == "POST":
        form = MaklumatForm(request.POST)
        if form.is_valid():
            try:
                maklumat = maklumat_draft_create(unit=unit, data=form.data_layanan(), oleh=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Draf maklumat versi %(nomor)s disimpan. Kepala unit dapat menetapkannya.")
                    % {"nomor": maklumat.nomor},
                )
                return redirect(_daftar_url(unit))
        return _render_form(request, unit, form, maklumat=None, status=400)

    persiapan = unit.maklumat_set.filter(status__in=STATUS_PERSIAPAN).first()
    if persiapan is not None:
        messages.info(request, _("Unit ini sudah memiliki maklumat yang sedang disusun."))
        return redirect("standar:maklumat_ubah", pk=persiapan.pk)
    terbit = unit.maklumat_set.filter(status=StatusMaklumat.TERBIT).first()
    form = MaklumatForm(initial=MaklumatForm.initial_new(unit, terbit))
    return _render_form(request, unit, form, maklumat=None, dari_terbit=terbit)


@require_http_methods(["GET", "POST"])
def ubah(request, pk):
    """Edit a draft (admin unit); every other version and role sees it read-only."""
    maklumat = _get_maklumat(pk)
    unit = maklumat.unit
    if response := izin(request, "unit.pantau", maklumat):
        return response
    if request.method == "POST":
        if response := izin(request, "maklumat.susun", maklumat):
            return response
        if maklumat.status != StatusMaklumat.DRAF:
            messages.error(request, _("Maklumat yang sudah ditetapkan tidak dapat diubah."))
            return redirect("standar:maklumat_ubah", pk=maklumat.pk)
        form = MaklumatForm(request.POST)
        if form.is_valid():
            try:
                maklumat_update(maklumat=maklumat, data=form.data_layanan(), oleh=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Draf maklumat disimpan."))
                return redirect("standar:maklumat_ubah", pk=maklumat.pk)
        return _render_form(request, unit, form, maklumat=maklumat, status=400)

    form = None
    if maklumat.status == StatusMaklumat.DRAF and policy.may(request.user, "maklumat.susun", maklumat):
        form = MaklumatForm(initial=MaklumatForm.initial_for(maklumat))
    return _render_form(request, unit, form, maklumat=maklumat)


def _render_form(request, unit, form, *, maklumat, status=200, dari_terbit=None):
    maklumat_badge = BADGE.get(maklumat.status, "") if maklumat else ""
    return render(
        request,
        "standar/maklumat/form.html",
        {
            "unit": unit,
            "form": form,
            "maklumat": maklumat,
            "maklumat_badge": maklumat_badge,
            "dari_terbit": dari_terbit,
            "langkah_list": _langkah_untuk(request.user, maklumat) if maklumat else [],
        },
        status=status,
    )


@require_POST
def langkah(request, pk, langkah):
    """Decree (tetapkan) or publish (terbitkan) a maklumat; back to the unit's list."""
    step = LANGKAH.get(langkah)
    if step is None:
        raise Http404
    maklumat = _get_maklumat(pk)
    daftar_url = _daftar_url(maklumat.unit)
    if response := izin(request, step.aksi, maklumat, next_url=daftar_url):
        return response
    try:
        maklumat = step.layanan(maklumat=maklumat, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, step.berhasil % {"nomor": maklumat.nomor})
    return redirect(daftar_url)
