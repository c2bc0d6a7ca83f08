"""The period selector of the unit's compliance page (GET): a kind of reporting period, a
year and which part of it. Parsing only; evaluasi.periode says which parts exist."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluasi import periode
from evaluasi.choices import JenisPeriodeLaporan


class PeriodeKepatuhanForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=JenisPeriodeLaporan.choices, required=False)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2017, max_value=2100, required=False)
    ke = forms.IntegerField(
        label=_("Ke-"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=_("Bulan, triwulan atau semester ke berapa; tahunan: 1."),
    )

    def clean(self):
        data = super().clean()
        data["jenis"] = data.get("jenis") or JenisPeriodeLaporan.TAHUN
        if data.get("tahun") is None and "tahun" not in self.errors:
            data["tahun"] = timezone.localdate().year
        data["ke"] = data.get("ke") or 1
        if not self.errors:
            try:
                periode.rentang(data["jenis"], data["tahun"], data["ke"])
            except ValidationError as exc:
                raise ValidationError({"ke": exc.message_dict["ke"]}) from None
        return data
