"""Staff: record the yearly evaluation of a published standard (PP 96/2012 Pasal 32) from the
version's page. The view parses the form and calls standar.services.evaluasi_penerapan_record;
on an error the version's page is shown again with the form and its messages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from standar import services
from standar.forms_evaluasi import EvaluasiPenerapanForm
from standar.views.staf import _VersiMixin, render_versi


class EvaluasiBaruView(_VersiMixin, View):
    """POST: record an evaluation of this version."""

    policy_action = "standar.evaluasi"
    http_method_names = ["post"]

    def post(self, request, pk):
        form = EvaluasiPenerapanForm(request.POST)
        if form.is_valid():
            try:
                evaluasi = services.evaluasi_penerapan_record(
                    versi=self.versi, oleh=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Evaluasi penerapan tanggal %(d)s dicatat.")
                    % {"d": date_format(evaluasi.tanggal, "j F Y")},
                )
                return redirect(
                    reverse("standar:staf_versi", kwargs={"pk": self.versi.pk}) + "#evaluasi-penerapan"
                )
        return render_versi(request, self.versi, form_evaluasi=form, status=400)


evaluasi_baru = EvaluasiBaruView.as_view()
