"""Forms of the SKM: input shape and field validation only; the services decide."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluasi import unsur
from evaluasi.choices import (
    JenisKelamin,
    JenisPeriode,
    KelompokUsia,
    Pekerjaan,
    Pendidikan,
    StatusTindakLanjut,
)
from evaluasi.services import IMPOR_MAKS_BYTE, KERTAS_MAKS_BARIS

PILIH_JAWABAN = _("Pilih salah satu jawaban.")
KOSONG = [("", _("— pilih —"))]


def _profil_fields() -> dict[str, forms.Field]:
    return {
        "usia": forms.ChoiceField(label=_("Usia"), choices=KOSONG + KelompokUsia.choices, required=False),
        "jenis_kelamin": forms.ChoiceField(
            label=_("Jenis kelamin"), choices=KOSONG + JenisKelamin.choices, required=False
        ),
        "pendidikan": forms.ChoiceField(
            label=_("Pendidikan terakhir"), choices=KOSONG + Pendidikan.choices, required=False
        ),
        "pekerjaan": forms.ChoiceField(
            label=_("Pekerjaan utama"), choices=KOSONG + Pekerjaan.choices, required=False
        ),
    }


class KuesionerForm(forms.Form):
    """The citizen's questionnaire: the nine questions in questionnaire order (a radio group
    each), the optional profile and a suggestion."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for u in unsur.URUTAN_KUESIONER:
            self.fields[u.kolom] = forms.TypedChoiceField(
                label=u.pertanyaan,
                choices=u.pilihan(),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": PILIH_JAWABAN, "invalid_choice": PILIH_JAWABAN},
            )
        self.fields.update(_profil_fields())
        self.fields["saran"] = forms.CharField(
            label=_("Saran atau masukan untuk perbaikan pelayanan"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Jangan menuliskan nama, NIK, nomor telepon, atau data pribadi lain."),
        )

    def pertanyaan(self):
        """(nomor on the form, Unsur, bound field) in questionnaire order."""
        return [(i, u, self[u.kolom]) for i, u in enumerate(unsur.URUTAN_KUESIONER, start=1)]

    def profil(self):
        return [self[k] for k in ("usia", "jenis_kelamin", "pendidikan", "pekerjaan")]


class BarisKertasForm(forms.Form):
    """One paper questionnaire in the batch grid: nine single-digit inputs (in the order of
    the printed questionnaire), the profile and the suggestion."""

    nomor_lembar = forms.CharField(
        label=_("Nomor lembar"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"size": 6, "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for u in unsur.URUTAN_KUESIONER:
            self.fields[u.kolom] = forms.IntegerField(
                label=u.kode,
                min_value=unsur.NILAI_MIN,
                max_value=unsur.NILAI_MAKS,
                error_messages={
                    "required": _("Isi 1–4."),
                    "invalid": _("Isi 1–4."),
                    "min_value": _("Isi 1–4."),
                    "max_value": _("Isi 1–4."),
                },
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "numeric",
                        "pattern": "[1-4]",
                        "maxlength": "1",
                        "size": "1",
                        "autocomplete": "off",
                        "class": "form-control form-control-sm sel-nilai",
                    }
                ),
            )
        for name, field in _profil_fields().items():
            field.widget.attrs["class"] = "form-select form-select-sm"
            field.choices = [("", "—"), *field.choices[1:]]
            self.fields[name] = field
        self.fields["saran"] = forms.CharField(
            label=_("Saran"),
            required=False,
            max_length=1000,
            widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        )
        self.fields["nomor_lembar"].widget.attrs["class"] = "form-control form-control-sm"

    def sel_nilai(self):
        return [(u, self[u.kolom]) for u in unsur.URUTAN_KUESIONER]

    def ringkasan_galat(self) -> list[str]:
        """The row's errors in one short list: the answers that are not 1–4 named together."""
        kode = [u.kode for u in unsur.URUTAN_KUESIONER if self[u.kolom].errors]
        pesan = list(self.non_field_errors())
        if kode:
            pesan.append(_("isi 1–4 pada %(kode)s") % {"kode": ", ".join(kode)})
        for name in ("nomor_lembar", "usia", "jenis_kelamin", "pendidikan", "pekerjaan", "saran"):
            for e in self[name].errors:
                pesan.append(f"{self.fields[name].label}: {e}")
        return pesan

    def sel_profil(self):
        return [self[k] for k in ("usia", "jenis_kelamin", "pendidikan", "pekerjaan", "saran")]


def kertas_formset(jumlah: int):
    jumlah = max(1, min(KERTAS_MAKS_BARIS, jumlah))
    return formset_factory(
        BarisKertasForm,
        extra=jumlah,
        max_num=KERTAS_MAKS_BARIS,
        validate_max=True,
        absolute_max=KERTAS_MAKS_BARIS,
    )


class LayananPilihForm(forms.Form):
    layanan = forms.ModelChoiceField(label=_("Layanan"), queryset=None, empty_label=None)

    def __init__(self, *args, layanan_list, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        from pelayanan.models import Layanan

        f = self.fields["layanan"]
        f.queryset = Layanan.objects.filter(pk__in=[lay.pk for lay in layanan_list]).order_by("nama", "pk")
        f.required = required
        if not required:
            f.empty_label = _("— dari kolom “layanan” berkas —")


class ImporForm(LayananPilihForm):
    berkas = forms.FileField(
        label=_("Berkas CSV"),
        help_text=_("Dipisah koma, titik koma, atau tab; baris pertama berisi nama kolom."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=False, **kwargs)
        self.fields["layanan"].label = _("Layanan bawaan")
        self.fields["layanan"].help_text = _("Dipakai untuk baris yang kolom “layanan”-nya kosong.")
        self.order_fields(["berkas", "layanan"])

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > IMPOR_MAKS_BYTE:
            raise forms.ValidationError(_("Berkas terlalu besar (paling besar 2 MB)."))
        return berkas


class PeriodeForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis periode"), choices=JenisPeriode.choices)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2017, max_value=2100)
    ke = forms.TypedChoiceField(
        label=_("Ke-"),
        coerce=int,
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        help_text=_("Triwulan I–IV atau semester I–II; untuk periode tahunan abaikan."),
    )
    populasi = forms.IntegerField(
        label=_("Populasi"),
        min_value=1,
        help_text=_("Perkiraan jumlah penerima layanan dalam periode ini; menentukan besaran sampel."),
    )
    layanan = forms.ModelMultipleChoiceField(
        label=_("Layanan yang disurvei"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tidak memilih satu pun berarti semua layanan unit."),
    )
    teknik_sampling = forms.CharField(
        label=_("Teknik pengambilan sampel"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan untuk accidental sampling (penerima layanan yang telah selesai dilayani)."),
    )

    def __init__(self, *args, unit, ubah=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].queryset = unit.layanan_set.filter(aktif=True).order_by("nama", "pk")
        if not self.is_bound and not ubah:
            self.initial.setdefault("tahun", timezone.localdate().year)
        if ubah:
            for name in ("jenis", "tahun", "ke"):
                del self.fields[name]


class RtlForm(forms.Form):
    unsur = forms.ChoiceField(label=_("Unsur"), choices=unsur.choices())
    tindakan = forms.CharField(label=_("Tindakan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    penanggung_jawab = forms.CharField(
        label=_("Penanggung jawab"), max_length=150, help_text=_("Nama atau jabatan yang melaksanakan.")
    )
    batas_waktu = forms.DateField(label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}))


class RtlStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StatusTindakLanjut.choices)
    selesai_pada = forms.DateField(
        label=_("Tanggal selesai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Bila selesai; kosong berarti hari ini."),
    )
    catatan = forms.CharField(
        label=_("Catatan"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
