"""Forms of the Pembina dashboard: the period selector, a new recommendation, a follow-up."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluasi.choices import StatusRekomendasi


class PeriodeForm(forms.Form):
    """The period selector (GET): one select whose values are "jenis-tahun-ke"."""

    periode = forms.ChoiceField(label=_("Periode"), required=False)

    def __init__(self, *args, periode_list=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(p.kode, p.label) for p in periode_list]


class RekomendasiForm(forms.Form):
    teks = forms.CharField(
        label=_("Rekomendasi"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Apa yang perlu diperbaiki unit ini, sejelas mungkin."),
    )
    batas_waktu = forms.DateField(label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}))


class TindakLanjutForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    tindak_lanjut = forms.CharField(
        label=_("Tindak lanjut"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wajib diisi bila status Selesai: apa yang sudah dilakukan dan buktinya."),
    )

    def __init__(self, *args, status_list=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, StatusRekomendasi(s).label) for s in status_list]
