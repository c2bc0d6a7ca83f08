"""Forms of the PEKPPP pages: input shape only; evaluasi.pekppp decides."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluasi.models.pekppp import SKOR_MAKS
from evaluasi.pekppp import TAHUN_PERTAMA

PILIHAN_SKOR = [("", _("— belum dinilai —"))] + [(str(n), str(n)) for n in range(SKOR_MAKS + 1)]
TERIMA_BUKTI = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


def pilihan_tahun(ada=()) -> list[int]:
    """The years to choose from: this year and the four before, plus any year with data."""
    ini = timezone.localdate().year
    return sorted({*range(max(TAHUN_PERTAMA, ini - 4), ini + 1), *ada}, reverse=True)


class SkorForm(forms.Form):
    """One indicator of the assessment (prefixed per score row)."""

    skor = forms.TypedChoiceField(
        label=_("Skor"), choices=PILIHAN_SKOR, coerce=int, empty_value=None, required=False
    )
    catatan = forms.CharField(
        label=_("Catatan evaluator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    bukti = forms.FileField(
        label=_("Berkas bukti (PDF, PNG atau JPEG, paling besar 10 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": TERIMA_BUKTI}),
    )
    alasan_beda = forms.CharField(
        label=_("Alasan bila skor berbeda dari usulan portal"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, row, **kwargs):
        self.row = row
        kwargs.setdefault("prefix", f"s{row.pk}")
        kwargs.setdefault(
            "initial",
            {
                "skor": "" if row.skor is None else str(row.skor),
                "catatan": row.catatan,
                "alasan_beda": row.alasan_beda,
            },
        )
        super().__init__(*args, **kwargs)
        if row.usulan_skor is None:
            del self.fields["alasan_beda"]


class MulaiForm(forms.Form):
    """Start an assessment: which unit of the instansi, which year."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    tahun = forms.IntegerField(widget=forms.HiddenInput)
