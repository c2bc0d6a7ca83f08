"""The staff form of the yearly evaluation of a published standard (PP 96/2012 Pasal 32).
It only parses input; standar.services.evaluasi_penerapan_record decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from standar.choices import KesimpulanEvaluasi
from standar.forms import _DATE_FORMATS, PESAN, TanggalInput, TeksField


class EvaluasiPenerapanForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal evaluasi"),
        widget=TanggalInput,
        input_formats=_DATE_FORMATS,
        error_messages={**PESAN, "invalid": _("Masukkan tanggal yang benar.")},
    )
    kesimpulan = forms.ChoiceField(
        label=_("Kesimpulan"),
        choices=KesimpulanEvaluasi.choices,
        widget=forms.RadioSelect,
        error_messages=PESAN,
    )
    ringkasan = TeksField(
        label=_("Ringkasan hasil evaluasi"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=PESAN,
        help_text=_("Apa yang dinilai, temuan penting, dan tindak lanjutnya."),
    )
