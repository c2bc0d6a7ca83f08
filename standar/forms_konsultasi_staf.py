"""Forms of the staff consultation pages: opening and extending a round, recording an FKP
meeting with its participants, entering a participant's input, answering a comment,
hiding a reported comment.

They only parse input and give errors next to the fields; standar.konsultasi decides
(dates, categories, upload content, anchors, who may). Nothing here lists the 14
components: the anchor choices are built from the registry and the version's content.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standar import komponen
from standar.forms import PESAN, TanggalInput, TeksField
from standar.models import KategoriPemangku, Keputusan
from standar.models.konsultasi import KOMENTAR_MAKS

# Blank participant rows offered on the FKP form (and added by "Tambah baris").
BARIS_PESERTA = 8
PESERTA_MAKS = 300

_FORMAT_WAKTU = "%Y-%m-%dT%H:%M"
_INPUT_WAKTU = [_FORMAT_WAKTU, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M"]
_PESAN_WAKTU = {**PESAN, "invalid": _("Masukkan tanggal dan jam yang benar.")}
_PESAN_TANGGAL = {**PESAN, "invalid": _("Masukkan tanggal yang benar.")}
_PESAN_TEKS = {
    **PESAN,
    "min_length": _("Paling sedikit %(limit_value)d karakter (sekarang %(show_value)d)."),
}


class WaktuInput(forms.DateTimeInput):
    """A datetime-local input (local time of the portal, minutes)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=_FORMAT_WAKTU)


def format_waktu(value) -> str:
    """The value of a datetime-local input for an aware datetime (portal local time)."""
    return timezone.localtime(value).strftime(_FORMAT_WAKTU) if value else ""


def waktu_field(label, *, required=True, help_text="") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=WaktuInput,
        input_formats=_INPUT_WAKTU,
        help_text=help_text,
        error_messages=_PESAN_WAKTU,
    )


def tambah_galat(form: forms.Form, exc: ValidationError) -> list[str]:
    """Put a service's ValidationError next to the form's fields; return the messages that
    belong to no field (a list error, or a field the form does not have)."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    sisa = []
    for field, errors in exc.message_dict.items():
        if field in form.fields:
            for e in errors:
                form.add_error(field, e)
        else:
            sisa.extend(errors)
    return sisa


class _Form(forms.Form):
    def isian_salah(self) -> list:
        """The bound fields with errors, for the error summary above the form."""
        return [bf for bf in self if bf.errors]


# --- rounds ---------------------------------------------------------------------------------


class PutaranBukaForm(_Form):
    """Open a comment round. Start and end come prefilled (now; end of the 7th working day);
    left as shown, the service computes them at the moment of opening."""

    penjelasan = TeksField(
        label=_("Penjelasan untuk publik"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_PESAN_TEKS,
        help_text=_(
            "Tampil di halaman konsultasi: apa yang dimintakan tanggapan, misalnya perubahan "
            "penting dibandingkan versi sebelumnya."
        ),
    )
    kategori_diundang = forms.MultipleChoiceField(
        label=_("Kategori pemangku kepentingan yang diundang"),
        choices=KategoriPemangku.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            **PESAN,
            "required": _("Pilih paling sedikit satu kategori pemangku kepentingan."),
        },
        help_text=_(
            "UU 25/2009 Pasal 20 ayat (4): peserta beragam, antara lain tokoh masyarakat, akademisi, "
            "dunia usaha, dan lembaga swadaya masyarakat."
        ),
    )
    mulai = waktu_field(_("Mulai"), help_text=_("Biarkan seperti tertera untuk membuka sekarang."))
    selesai = waktu_field(
        _("Berakhir"),
        help_text=_(
            "Bawaan: akhir hari kerja ke-7 sejak mulai — 7 hari kerja (PP 96/2012 Pasal 27). "
            "Biarkan seperti tertera untuk memakai bawaan; hari libur ikut diperhitungkan."
        ),
    )
    # The prefilled values as shown; unchanged input means "now" / "the default end".
    mulai_bawaan = forms.CharField(required=False, widget=forms.HiddenInput)
    selesai_bawaan = forms.CharField(required=False, widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, mulai, selesai) -> dict:
        return {
            "kategori_diundang": list(KategoriPemangku.values),
            "mulai": format_waktu(mulai),
            "selesai": format_waktu(selesai),
            "mulai_bawaan": format_waktu(mulai),
            "selesai_bawaan": format_waktu(selesai),
        }

    def _tidak_diubah(self, name: str) -> bool:
        posted = (self.data.get(name) or "").strip()
        return bool(posted) and posted == (self.data.get(f"{name}_bawaan") or "").strip()

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai <= mulai and not self._tidak_diubah("selesai"):
            self.add_error("selesai", _("Waktu berakhir harus setelah waktu mulai."))
        return data

    def nilai_layanan(self) -> dict:
        """mulai/selesai for konsultasi.putaran_open: None where the default was kept."""
        data = self.cleaned_data
        return {
            "penjelasan": data["penjelasan"],
            "kategori_diundang": data["kategori_diundang"],
            "mulai": None if self._tidak_diubah("mulai") else data["mulai"],
            "selesai": None if self._tidak_diubah("selesai") else data["selesai"],
        }


class PerpanjangForm(_Form):
    selesai_baru = waktu_field(_("Berakhir baru"))
    alasan = TeksField(
        label=_("Alasan perpanjangan"),
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_PESAN_TEKS,
        help_text=_("Dicatat dan ditampilkan kepada publik."),
    )


# --- FKP meetings -----------------------------------------------------------------------------


class PertemuanForm(_Form):
    tanggal = forms.DateField(
        label=_("Tanggal pertemuan"),
        widget=TanggalInput,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages=_PESAN_TANGGAL,
    )
    tempat = forms.CharField(label=_("Tempat"), max_length=200, error_messages=PESAN)
    ringkasan = TeksField(
        label=_("Ringkasan pembahasan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=PESAN,
    )
    daftar_hadir = forms.FileField(
        label=_("Daftar hadir (pindaian)"),
        required=False,
        help_text=_("PDF, JPEG, atau PNG; paling besar 10 MB. Isi berkas diperiksa, bukan hanya namanya."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise ValidationError(_("Tanggal pertemuan tidak boleh di masa depan."))
        return tanggal


class PesertaForm(forms.Form):
    """One participant row; a row whose name is blank is ignored."""

    nama = forms.CharField(
        label=_("Nama"),
        max_length=150,
        required=False,
        error_messages=PESAN,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    lembaga = forms.CharField(
        label=_("Lembaga/organisasi"),
        max_length=200,
        required=False,
        error_messages=PESAN,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"),
        choices=[("", "—"), *KategoriPemangku.choices],
        required=False,
        error_messages=PESAN,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def is_blank(self) -> bool:
        return not any((self[name].data or "").strip() for name in self.fields)

    def full_clean(self):
        if self.is_bound and self.is_blank():
            self._errors = ErrorDict(renderer=self.renderer)
            self.cleaned_data = {}
            return
        super().full_clean()
        # The rows are laid out as a table (not by crispy): mark invalid inputs ourselves.
        for name in self._errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-describedby"] = f"{self[name].auto_id}_galat"

    def clean(self):
        data = super().clean()
        if not (data.get("nama") or "").strip():
            self.add_error("nama", _("Isi nama peserta (atau kosongkan seluruh baris)."))
        if not data.get("kategori"):
            self.add_error("kategori", _("Pilih kategori pemangku."))
        return data


class _PesertaFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "too_many_forms": _("Paling banyak %(num)d peserta dalam satu pertemuan."),
        }

    def peserta(self) -> list[dict]:
        """The filled rows (call after is_valid)."""
        return [
            {k: f.cleaned_data.get(k, "") for k in ("nama", "lembaga", "kategori")}
            for f in self.forms
            if not f.is_blank()
        ]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.peserta():
            raise ValidationError(_("Catat paling sedikit satu peserta."))


PesertaFormSet = forms.formset_factory(
    PesertaForm,
    formset=_PesertaFormSet,
    extra=BARIS_PESERTA,
    max_num=PESERTA_MAKS,
    validate_max=True,
    absolute_max=PESERTA_MAKS,
)


def peserta_terisi(data) -> list[dict]:
    """The rows of a posted participant formset that have something in them (unvalidated),
    to show again with more blank rows ("Tambah baris")."""
    try:
        total = min(int(data.get("peserta-TOTAL_FORMS", 0)), PESERTA_MAKS)
    except (TypeError, ValueError):
        total = 0
    rows = []
    for i in range(total):
        row = {k: (data.get(f"peserta-{i}-{k}") or "").strip() for k in ("nama", "lembaga", "kategori")}
        if any(row.values()):
            rows.append(row)
    return rows


# --- a participant's input --------------------------------------------------------------------


def pilihan_bagian(rows: dict) -> list:
    """Choices "component" and "component:item" grouped per component, in registry order.
    `rows`: {kunci: content} of the round's version."""
    out = []
    for k in komponen.KOMPONEN:
        isi = rows.get(k.kunci) or k.jenis.empty()
        pilihan = [(k.kunci, _("%(k)s — keseluruhan komponen") % {"k": k.label})]
        for item in k.jenis.items(isi):
            if item.get("id"):
                teks = k.jenis.item_text(item)
                pilihan.append((f"{k.kunci}:{item['id']}", f"{k.label} — {teks[:120]}"))
        out.append((f"{k.huruf}. {k.label}", pilihan))
    return out


class MasukanForm(_Form):
    """A participant's input entered by staff (offline, from the FKP meeting)."""

    peserta = forms.TypedChoiceField(label=_("Peserta"), coerce=int, error_messages=PESAN)
    bagian = forms.ChoiceField(
        label=_("Bagian yang ditanggapi"),
        error_messages=PESAN,
        help_text=_("Komponen, atau satu butir komponen itu."),
    )
    isi = TeksField(
        label=_("Masukan peserta"),
        max_length=KOMENTAR_MAKS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=PESAN,
    )

    def __init__(self, *args, peserta_list=(), rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peserta"].choices = [("", "—")] + [
            (p.pk, f"{p.nama} ({p.get_kategori_display()})") for p in peserta_list
        ]
        self.fields["bagian"].choices = [("", "—"), *pilihan_bagian(rows or {})]

    def anchor(self) -> tuple[str, str]:
        kunci, _sep, item_id = self.cleaned_data["bagian"].partition(":")
        return kunci, item_id


# --- answers and moderation ------------------------------------------------------------------


class JawabForm(_Form):
    """One row of the disposition matrix. `versi_pilihan`: [(pk, label)] of the versions of
    the same standard from the round's version on (computed once for the whole page)."""

    keputusan = forms.ChoiceField(
        label=_("Keputusan"), choices=[("", "—"), *Keputusan.choices], error_messages=PESAN
    )
    alasan = TeksField(
        label=_("Alasan/tindak lanjut"),
        min_length=5,
        max_length=KOMENTAR_MAKS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_PESAN_TEKS,
    )
    versi_perubahan = forms.TypedChoiceField(
        label=_("Diterapkan pada versi"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=PESAN,
        help_text=_("Opsional: versi yang memuat perubahan karena komentar ini."),
    )

    def __init__(self, *args, versi_pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versi_perubahan"].choices = [("", "—"), *versi_pilihan]


class SembunyikanForm(_Form):
    alasan = TeksField(
        label=_("Alasan disembunyikan"),
        min_length=3,
        max_length=300,
        error_messages=_PESAN_TEKS,
        help_text=_("Dicatat dan ditampilkan di tempat komentar itu."),
    )
