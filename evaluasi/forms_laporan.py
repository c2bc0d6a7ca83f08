"""Forms of the compiled reports: input shape only; evaluasi.kompilasi decides."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluasi import periode
from evaluasi.choices import JenisPeriodeLaporan


class LaporanMintaForm(forms.Form):
    """Start the compilation of a report: the period and the scope (whole instansi or a unit)."""

    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=JenisPeriodeLaporan.choices)
    ke = forms.IntegerField(
        label=_("Ke-"),
        min_value=1,
        max_value=12,
        help_text=_("Bulan 1–12, triwulan 1–4, semester 1–2; untuk tahunan isi 1."),
    )
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2017, max_value=2100)
    unit = forms.ModelChoiceField(
        label=_("Lingkup"),
        queryset=None,
        required=False,
        empty_label=_("Seluruh unit instansi"),
    )

    def __init__(self, *args, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = instansi.unit_set.filter(aktif=True).order_by("nama", "pk")
        if not self.is_bound:
            tahun, ke = periode.terakhir_selesai(JenisPeriodeLaporan.TRIWULAN, timezone.localdate())
            self.initial.update({"jenis": JenisPeriodeLaporan.TRIWULAN, "tahun": tahun, "ke": ke})


class CatatanForm(forms.Form):
    """The cover note of the penanggung jawab, or the Pembina's review."""

    catatan = forms.CharField(
        label=_("Catatan"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["catatan"].label = label
