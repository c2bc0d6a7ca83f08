"""Staff: a unit's compliance index, computed live for one reporting period, with the zone
and every rule's weight, score, verdict and evidence (evaluasi.kepatuhan), and the unit's
PEKPPP assessments by year (the other yardstick its supervisors use)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views import View

from evaluasi import kepatuhan, pekppp
from evaluasi.forms_kepatuhan import PeriodeKepatuhanForm
from pelayanan import policy
from pelayanan.models import Unit
from pelayanan.views.mixins import PolicyRequiredMixin


class KepatuhanUnitView(PolicyRequiredMixin, View):
    policy_action = "kepatuhan.lihat"

    def get_policy_object(self):
        self.unit = get_object_or_404(
            Unit.objects.select_related("instansi"), slug=self.kwargs["unit"], aktif=True
        )
        return self.unit

    def get(self, request, unit):
        form = PeriodeKepatuhanForm(request.GET)
        if not form.is_valid():
            return render(
                request, "evaluasi/kepatuhan/unit.html", {"unit": self.unit, "form": form}, status=400
            )
        d = form.cleaned_data
        data = kepatuhan.kepatuhan_unit(self.unit, d["jenis"], d["tahun"], d["ke"])
        form = PeriodeKepatuhanForm(initial={"jenis": d["jenis"], "tahun": d["tahun"], "ke": d["ke"]})
        penilaian = (
            pekppp.penilaian_unit(self.unit) if policy.may(request.user, "pekppp.lihat", self.unit) else None
        )
        return render(
            request,
            "evaluasi/kepatuhan/unit.html",
            {"unit": self.unit, "form": form, "d": data, "penilaian_pekppp": penilaian},
        )


kepatuhan_unit = KepatuhanUnitView.as_view()
