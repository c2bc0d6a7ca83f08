"""Public forms of consultation rounds: a comment (or reply), a report, the sort/filter select.

They only parse input and place errors next to the fields; standar.konsultasi decides.
"""

from __future__ import annotations

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from standar import komponen
from standar.forms import PESAN, TeksField
from standar.models import KategoriPemangku, LaporanKomentar
from standar.models.konsultasi import KOMENTAR_MAKS
from standar.selectors_konsultasi import URUT_DIDUKUNG, URUT_KOMPONEN, URUT_TERBARU

BUTIR_LABEL_MAKS = 120
CATATAN_LAPORAN_MAKS = 500

# Service error keys that are fields of KomentarForm; any other key goes above the form.
_FIELDS_KOMENTAR = ("item_id", "kategori", "isi")


class KomentarForm(forms.Form):
    """A comment on one component (optionally one of its items), or a reply to a comment.

    Field names are the same in every instance, so all the forms of a page post to the same
    view; `kunci` or `induk` (hidden) tell which component or comment it is about. Give each
    instance its own `auto_id` so ids stay unique on the page.
    """

    kunci = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    induk = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    item_id = forms.ChoiceField(label=_("Bagian yang dikomentari"), required=False, error_messages=PESAN)
    kategori = forms.ChoiceField(
        label=_("Anda memberi komentar sebagai"),
        choices=[("", _("— pilih kategori pemangku kepentingan —")), *KategoriPemangku.choices],
        error_messages={**PESAN, "required": _("Pilih kategori pemangku kepentingan Anda.")},
    )
    isi = TeksField(
        label=_("Komentar"),
        max_length=KOMENTAR_MAKS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Paling banyak 2.000 karakter. Tulis usulan Anda sejelas mungkin."),
        error_messages={**PESAN, "required": _("Tulis komentar Anda.")},
    )

    def __init__(self, *args, k: komponen.Komponen | None = None, butir=(), balasan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.k = k
        self.balasan = balasan
        if balasan:
            del self.fields["item_id"]
            self.fields["isi"].label = _("Balasan")
            self.fields["isi"].error_messages["required"] = _("Tulis balasan Anda.")
            self.fields["isi"].widget.attrs["rows"] = 3
        else:
            self.fields["item_id"].choices = [
                ("", _("Komponen ini secara keseluruhan")),
                *((item_id, Truncator(teks).chars(BUTIR_LABEL_MAKS)) for item_id, teks in butir),
            ]
            if k is not None:
                self.initial.setdefault("kunci", k.kunci)

    def add_service_error(self, exc) -> None:
        """Place a service's ValidationError next to its field (above the form otherwise)."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                self.add_error(name if name in self.fields and name in _FIELDS_KOMENTAR else None, errors)
        else:
            self.add_error(None, exc)


class LaporanForm(forms.Form):
    """A report of a comment to the moderators."""

    alasan = forms.ChoiceField(
        label=_("Alasan laporan"),
        choices=LaporanKomentar.Alasan.choices,
        widget=forms.RadioSelect,
        error_messages={**PESAN, "required": _("Pilih alasan laporan.")},
    )
    catatan = TeksField(
        label=_("Catatan untuk moderator (tidak wajib)"),
        required=False,
        max_length=CATATAN_LAPORAN_MAKS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Paling banyak 500 karakter."),
        error_messages=PESAN,
    )

    def add_service_error(self, exc) -> None:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, exc)


URUT_PILIHAN = [
    (URUT_KOMPONEN, _("Per komponen")),
    (URUT_TERBARU, _("Terbaru")),
    (URUT_DIDUKUNG, _("Paling didukung")),
]


class UrutForm(forms.Form):
    """GET: the order of the comments and an optional component filter. Unknown values fall
    back to the defaults (per component, all components)."""

    urut = forms.ChoiceField(
        label=_("Urutkan komentar"),
        choices=URUT_PILIHAN,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    komponen = forms.ChoiceField(
        label=_("Komponen"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["komponen"].choices = [("", _("Semua komponen")), *komponen.choices()]

    def pilihan(self) -> tuple[str, str]:
        """(urut, kunci) — the defaults for anything invalid."""
        if not self.is_bound:
            return URUT_KOMPONEN, ""
        urut = self.data.get("urut") or URUT_KOMPONEN
        kunci = self.data.get("komponen") or ""
        if urut not in dict(URUT_PILIHAN):
            urut = URUT_KOMPONEN
        if kunci not in komponen.KUNCI:
            kunci = ""
        return urut, kunci
