"""The staff workspace: the scopes a user holds, unit profile and service management."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pelayanan import konkurensi, organisasi, policy, selectors
from pelayanan.forms import KanalPengaduanFormSet, LayananForm, UnitProfilForm
from pelayanan.models import Layanan, Unit

from .mixins import PolicyRequiredMixin


@login_required
def ruang_kerja(request):
    """What the signed-in user may work on: their units and their instansi."""
    grants = policy.grants_of(request.user)
    unit_ids = {g.unit_id for g in grants if g.unit_id}
    instansi_ids = {g.instansi_id for g in grants if g.instansi_id}
    units = Unit.objects.filter(pk__in=unit_ids).select_related("instansi").order_by("nama")
    instansi_units = {}
    for instansi in selectors.instansi_list().filter(pk__in=instansi_ids):
        instansi_units[instansi] = list(selectors.instansi_units(instansi))
    return render(
        request,
        "pelayanan/staf/ruang_kerja.html",
        {
            "penugasan": grants,
            "unit_list": [
                {
                    "unit": u,
                    "boleh_ubah": policy.may(request.user, "unit.ubah_profil", u),
                    "boleh_layanan": policy.may(request.user, "layanan.kelola", u),
                }
                for u in units
            ],
            "instansi_units": instansi_units,
        },
    )


class UnitUbahView(PolicyRequiredMixin, View):
    policy_action = "unit.ubah_profil"
    template_name = "pelayanan/staf/unit_form.html"

    def get_policy_object(self):
        self.unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=self.kwargs["slug"])
        return self.unit

    def get(self, request, slug):
        form = UnitProfilForm(instance=self.unit)
        formset = KanalPengaduanFormSet(instance=self.unit)
        return self._render(form, formset)

    def post(self, request, slug):
        form = UnitProfilForm(request.POST, instance=self.unit)
        formset = KanalPengaduanFormSet(request.POST, instance=self.unit)
        if form.is_valid() and formset.is_valid():
            try:
                organisasi.unit_profile_update(
                    unit=self.unit,
                    form=form,
                    kanal_formset=formset,
                    oleh=request.user,
                    dasar=request.POST.get(konkurensi.DASAR),
                )
            except konkurensi.DiubahPihakLain as exc:
                form.add_error(None, exc)
                return self._render(form, formset, status=409)
            messages.success(request, _("Profil unit disimpan."))
            return redirect(self.unit.get_absolute_url())
        return self._render(form, formset, status=400)

    def _render(self, form, formset, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "unit": self.unit,
                "form": form,
                "formset": formset,
                "dasar": organisasi.sidik_unit(self.unit.pk),
            },
            status=status,
        )


class LayananKelolaView(PolicyRequiredMixin, View):
    """Add a service to a unit (no `pk`) or edit one (with `pk`)."""

    policy_action = "layanan.kelola"
    template_name = "pelayanan/staf/layanan_form.html"

    def get_policy_object(self):
        self.unit = get_object_or_404(Unit, slug=self.kwargs["slug"])
        self.layanan = None
        if "pk" in self.kwargs:
            self.layanan = get_object_or_404(Layanan, pk=self.kwargs["pk"], unit=self.unit)
        return self.layanan or self.unit

    def get(self, request, **kwargs):
        return self._render(LayananForm.for_layanan(self.layanan))

    def post(self, request, **kwargs):
        form = LayananForm.for_layanan(self.layanan, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if self.layanan is None:
                    organisasi.layanan_create(unit=self.unit, oleh=request.user, **data)
                else:
                    organisasi.layanan_update(
                        layanan=self.layanan,
                        oleh=request.user,
                        dasar=request.POST.get(konkurensi.DASAR),
                        **data,
                    )
            except konkurensi.DiubahPihakLain as exc:
                form.add_error(None, exc)
                return self._render(form, status=409)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Layanan “%(nama)s” disimpan.") % {"nama": data["nama"]})
                return redirect("pelayanan:ruang_kerja")
        return self._render(form, status=400)

    def _render(self, form, status=200):
        dasar = organisasi.sidik_layanan(Layanan.objects.get(pk=self.layanan.pk)) if self.layanan else ""
        return render(
            self.request,
            self.template_name,
            {"unit": self.unit, "layanan": self.layanan, "form": form, "dasar": dasar},
            status=status,
        )
