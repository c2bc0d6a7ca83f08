"""The maklumat pelayanan form: input shape only; standar.maklumat decides the rules
(required fields, NIP of 18 digits, one maklumat in preparation per unit)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standar.maklumat import EDITABLE_FIELDS, TEKS_BAKU, maklumat_validate
from standar.models import Maklumat


class MaklumatForm(forms.Form):
    teks = forms.CharField(
        label=_("Teks maklumat"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Memuat tiga pernyataan: janji dan kesanggupan melayani sesuai standar pelayanan; "
            "pelayanan sesuai kewajiban dan perbaikan secara terus-menerus; kesediaan menerima "
            "sanksi dan/atau memberikan kompensasi bila pelayanan tidak sesuai standar."
        ),
    )
    tempat = forms.CharField(
        label=_("Tempat penetapan"),
        max_length=100,
        help_text=_("Nama kota atau kabupaten, misalnya Sukamaju."),
    )
    tanggal = forms.DateField(
        label=_("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    penandatangan_nama = forms.CharField(
        label=_("Nama penandatangan"),
        max_length=150,
        help_text=_("Pimpinan unit penyelenggara, lengkap dengan gelar."),
    )
    penandatangan_jabatan = forms.CharField(label=_("Jabatan penandatangan"), max_length=150)
    penandatangan_nip = forms.CharField(
        label=_("NIP penandatangan"),
        max_length=30,
        required=False,
        help_text=_("Opsional; 18 angka."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean(self):
        """Run the service's checks too, so every error shows in one round."""
        data = super().clean()
        try:
            maklumat_validate({**{f: self.data.get(f) for f in EDITABLE_FIELDS}, **data})
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                if field in self.fields and field not in self.errors:
                    for message in messages:
                        self.add_error(field, message)
        return data

    def isian_salah(self) -> list:
        """The bound fields with errors, for the error summary above the form."""
        return [field for field in self if field.errors]

    def data_layanan(self) -> dict:
        """The cleaned data in the shape the services take (standar.maklumat)."""
        return {f: self.cleaned_data.get(f) for f in EDITABLE_FIELDS}

    @classmethod
    def initial_for(cls, maklumat: Maklumat) -> dict:
        return {f: getattr(maklumat, f) for f in EDITABLE_FIELDS}

    @classmethod
    def initial_new(cls, unit, terbit: Maklumat | None) -> dict:
        """A new maklumat starts from the published one, else from the standard wording."""
        if terbit is not None:
            initial = cls.initial_for(terbit)
        else:
            initial = {
                "teks": str(TEKS_BAKU),
                "tempat": "",
                "penandatangan_nama": unit.penanggung_jawab_nama,
                "penandatangan_jabatan": unit.penanggung_jawab_jabatan,
                "penandatangan_nip": "",
            }
        initial["tanggal"] = timezone.localdate()
        return initial
