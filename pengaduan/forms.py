"""Forms of the complaints app: input shape and field validation; the services decide.

The filing form keeps everything the citizen typed when it comes back with an error; files
cannot be kept by a browser form, so the page says they must be chosen again. Attachments
are checked and cleaned here (pengaduan.lampiran.siapkan_semua) but written only by the
service, after everything else validated.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pelayanan.models import Layanan, Unit
from pelayanan.models.organisasi import telepon_validator
from pengaduan import lampiran as lampiran_mod
from pengaduan.choices import LAINNYA, PERILAKU_PETUGAS, HasilKeputusan, ModePrivasi, Terselesaikan
from pengaduan.models import TEKS_MAX, URAIAN_MAX, nik_validator, pilihan_bagian

TANGGAL_PALING_AWAL = date(2000, 1, 1)
PENJELASAN_MODE = {
    ModePrivasi.PUBLIK: _(
        "Isi pengaduan dapat dibaca publik setelah diverifikasi; identitas Anda hanya diketahui "
        "petugas pengaduan unit."
    ),
    ModePrivasi.ANONIM: _(
        "Identitas Anda tidak diketahui unit yang Anda adukan maupun publik; hanya pengelola "
        "pengaduan tingkat instansi yang dapat melihatnya. Pastikan uraian dan lampiran tidak "
        "menyebut nama Anda."
    ),
    ModePrivasi.RAHASIA: _(
        "Isi pengaduan tidak ditampilkan kepada publik; identitas Anda hanya diketahui petugas "
        "pengaduan unit."
    ),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleaned to a list (possibly empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def _lampiran_field(label=None):
    return MultipleFileField(
        label=label or _("Lampiran (opsional)"),
        required=False,
        help_text=_("Foto (JPEG/PNG) atau PDF, paling banyak %(n)s berkas, masing-masing paling besar 10 MB.")
        % {"n": lampiran_mod.MAKS_JUMLAH},
    )


def _siapkan_lampiran(form, sudah_ada: int = 0):
    uploads = form.cleaned_data.get("lampiran") or []
    try:
        return lampiran_mod.siapkan_semua(uploads, sudah_ada=sudah_ada)
    except ValidationError as exc:
        raise ValidationError(exc.messages) from None


# --- filing: step 1 (unit), step 2 (service and breached part), step 3 (the complaint) ----


class PilihUnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit penyelenggara yang Anda adukan"),
        queryset=Unit.objects.none(),
        to_field_name="slug",
        empty_label=_("— pilih unit —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            Unit.objects.filter(aktif=True).select_related("instansi").order_by("instansi__nama", "nama")
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.nama} ({u.instansi.nama})"


class PilihBagianForm(forms.Form):
    layanan = forms.ModelChoiceField(
        label=_("Layanan yang Anda terima"),
        queryset=Layanan.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("— tidak terkait layanan tertentu —"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    bagian = forms.ChoiceField(
        label=_("Bagian standar pelayanan yang tidak dipenuhi"),
        choices=pilihan_bagian,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].queryset = unit.layanan_set.filter(aktif=True).order_by("nama")

    def kelompok_pilihan(self) -> list[dict]:
        """The choices in two groups: what a citizen meets at the counter (the registry's
        service-delivery components, perilaku petugas, lainnya) and the unit's internal
        management (the manufacturing components), each (radio, help text)."""
        from standar import komponen

        bantuan = {k.kunci: k.bantuan for k in komponen.KOMPONEN}
        bantuan[PERILAKU_PETUGAS] = _(
            "Sikap atau perilaku petugas, termasuk pungutan liar dan janji dalam maklumat pelayanan."
        )
        bantuan[LAINNYA] = _("Hal lain yang tidak termasuk bagian mana pun.")
        internal = {k.kunci for k in komponen.manufacturing()}
        utama, lain = [], []
        for radio in self["bagian"]:
            nilai = radio.data["value"]
            (lain if nilai in internal else utama).append((radio, bantuan.get(nilai, "")))
        return [
            {"judul": "", "pilihan": utama, "lipat": False},
            {
                "judul": _("Bagian standar tentang pengelolaan internal unit"),
                "pilihan": lain,
                "lipat": True,
                "terbuka": any(r.data["selected"] for r, _b in lain),
            },
        ]


class PengaduanForm(forms.Form):
    # Chosen in step 2; carried as hidden fields and validated again.
    layanan = forms.ModelChoiceField(
        queryset=Layanan.objects.none(), to_field_name="slug", required=False, widget=forms.HiddenInput
    )
    bagian = forms.ChoiceField(choices=pilihan_bagian, widget=forms.HiddenInput)

    uraian = forms.CharField(
        label=_("Apa yang terjadi?"),
        max_length=URAIAN_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ceritakan pelayanan yang tidak sesuai standar: apa, di mana, oleh siapa (bila tahu)."),
    )
    tanggal_layanan = forms.DateField(
        label=_("Tanggal Anda menerima pelayanan"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Pengaduan diajukan paling lambat 30 hari setelah menerima pelayanan (UU 25/2009 Pasal 42)."
        ),
    )
    kerugian = forms.CharField(
        label=_("Kerugian yang Anda alami (opsional)"),
        max_length=TEKS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kerugian materiel (misalnya uang yang dibayarkan di luar tarif) atau immateriel."),
    )
    permintaan = forms.CharField(
        label=_("Penyelesaian yang Anda minta"),
        max_length=TEKS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lampiran = _lampiran_field()
    mode_privasi = forms.ChoiceField(
        label=_("Kerahasiaan"),
        choices=ModePrivasi.choices,
        initial=ModePrivasi.PUBLIK,
        widget=forms.RadioSelect,
    )
    lapor_id = forms.CharField(
        label=_("Nomor pelacakan SP4N-LAPOR! (opsional)"),
        max_length=30,
        required=False,
        validators=[RegexValidator(r"^[A-Za-z0-9\-/]+$", _("Hanya huruf, angka, - dan /."))],
        help_text=_("Isi bila pengaduan yang sama juga Anda sampaikan melalui lapor.go.id."),
    )
    # autocomplete: the browser fills in the complainant's own data (WCAG 1.3.5).
    nama = forms.CharField(
        label=_("Nama lengkap"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    alamat = forms.CharField(
        label=_("Alamat"), max_length=300, widget=forms.TextInput(attrs={"autocomplete": "street-address"})
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("Perkembangan pengaduan kami kirim ke alamat ini."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telepon = forms.CharField(
        label=_("Nomor telepon/WhatsApp"),
        max_length=20,
        required=False,
        validators=[telepon_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    nik = forms.CharField(
        label=_("NIK (opsional)"), max_length=16, required=False, validators=[nik_validator]
    )
    pernyataan = forms.BooleanField(
        label=_(
            "Saya menyatakan keterangan dalam pengaduan ini benar. Pernyataan ini menggantikan tanda "
            "tangan (UU 25/2009 Pasal 42 ayat 3 huruf d)."
        ),
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["layanan"].queryset = unit.layanan_set.filter(aktif=True)
        self.fields["mode_privasi"].choices = [
            (m.value, f"{m.label} — {PENJELASAN_MODE[m]}") for m in ModePrivasi
        ]
        self.fields["tanggal_layanan"].widget.attrs["max"] = timezone.localdate().isoformat()
        for name in ("uraian", "kerugian", "permintaan"):
            self.fields[name].widget.attrs["maxlength"] = self.fields[name].max_length

    def clean_tanggal_layanan(self):
        value = self.cleaned_data["tanggal_layanan"]
        if value > timezone.localdate():
            raise ValidationError(_("Tanggal menerima pelayanan tidak boleh di masa depan."))
        if value < TANGGAL_PALING_AWAL:
            raise ValidationError(_("Periksa kembali tanggalnya."))
        return value

    def clean_lampiran(self):
        return _siapkan_lampiran(self)

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("telepon") and "email" not in self.errors:
            self.add_error(
                "email",
                _("Isi e-mail atau nomor telepon agar kami dapat mengabarkan perkembangan pengaduan."),
            )
        return data

    @property
    def ada_berkas_dipilih(self) -> bool:
        return bool(self.files.getlist("lampiran")) if hasattr(self.files, "getlist") else False


# --- the complainant, on the tracking page ------------------------------------------------


class LacakForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "ADU-XXXXX-XXXXX",
            }
        ),
    )


class LengkapiForm(forms.Form):
    teks = forms.CharField(
        label=_("Keterangan tambahan"), max_length=URAIAN_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    lampiran = _lampiran_field(_("Lampiran tambahan (opsional)"))

    def __init__(self, *args, sudah_ada: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.sudah_ada = sudah_ada

    def clean_lampiran(self):
        return _siapkan_lampiran(self, self.sudah_ada)


class PenilaianForm(forms.Form):
    skor = forms.TypedChoiceField(
        label=_("Nilai (1–5)"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = sangat buruk, 5 = sangat baik."),
    )
    terselesaikan = forms.ChoiceField(
        label=_("Apakah masalah Anda terselesaikan?"), choices=Terselesaikan.choices, widget=forms.RadioSelect
    )
    komentar = forms.CharField(
        label=_("Komentar (opsional)"),
        max_length=TEKS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        from crispy_forms.bootstrap import InlineRadios
        from crispy_forms.helper import FormHelper
        from crispy_forms.layout import Layout

        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(InlineRadios("skor"), "terselesaikan", "komentar")


class BukaKembaliForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan membuka kembali"), max_length=TEKS_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- staff --------------------------------------------------------------------------------


class TransisiForm(forms.Form):
    teks = forms.CharField(max_length=URAIAN_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    hasil = forms.ChoiceField(choices=HasilKeputusan.choices, required=False, widget=forms.RadioSelect)


class TanggapanForm(forms.Form):
    teks = forms.CharField(
        label=_("Tanggapan kepada pengadu"),
        max_length=URAIAN_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Terlihat oleh pengadu di halaman pelacakan dan dikirim ke e-mailnya."),
    )


class CatatanForm(forms.Form):
    teks = forms.CharField(
        label=_("Catatan internal"),
        max_length=TEKS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hanya terlihat oleh petugas; tidak pernah ditampilkan kepada pengadu atau publik."),
    )


class TugaskanForm(forms.Form):
    petugas = forms.ModelChoiceField(label=_("Tugaskan kepada"), queryset=None, empty_label=None)

    def __init__(self, *args, calon, **kwargs):
        super().__init__(*args, **kwargs)
        from pelayanan.models import Pengguna

        self.fields["petugas"].queryset = Pengguna.objects.filter(pk__in=[u.pk for u in calon]).order_by(
            "nama_lengkap"
        )
        self.fields["petugas"].label_from_instance = lambda u: u.nama_lengkap


class PengaturanForm(forms.Form):
    janji_tanggapan = forms.IntegerField(
        label=_("Tanggapan pertama paling lambat (hari kerja)"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=_("Kosongkan bila unit mengikuti batas undang-undang: 14 hari."),
    )
    janji_keputusan = forms.IntegerField(
        label=_("Keputusan paling lambat (hari kerja sejak berkas lengkap)"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("Kosongkan bila unit mengikuti batas undang-undang: 60 hari."),
    )
