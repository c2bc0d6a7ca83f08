"""Forms of the core app: input shape and field validation only; services decide."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from pelayanan.models import KanalPengaduanUnit, Layanan, Unit
from pelayanan.organisasi import FIELDS_PROFIL


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Masukkan e-mail dan kata sandi yang benar."),
    }
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class KodeDuaLangkahForm(forms.Form):
    """The six-digit code of an authenticator app."""

    kode = forms.RegexField(
        label=_("Kode dari aplikasi autentikator"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=8,
        error_messages={"invalid": _("Masukkan 6 angka dari aplikasi autentikator.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )


class PendaftaranForm(forms.Form):
    # autocomplete: browsers and assistive tools fill in the user's own data (WCAG 1.3.5).
    nama_lengkap = forms.CharField(
        label=_("Nama lengkap"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Paling sedikit 10 karakter, tidak hanya angka, dan tidak mudah ditebak."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1,
                    user=_UserLike(data.get("email", ""), data.get("nama_lengkap", "")),
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class _UserLike:
    """Lets the similarity validator compare a password with the data being registered."""

    def __init__(self, email: str, nama_lengkap: str):
        self.email = email
        self.nama_lengkap = nama_lengkap


class UnitProfilForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = FIELDS_PROFIL
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "jam_layanan": forms.Textarea(attrs={"rows": 2}),
        }


KanalPengaduanFormSet = forms.inlineformset_factory(
    Unit,
    KanalPengaduanUnit,
    fields=["jenis", "nilai", "urutan"],
    extra=2,
    max_num=20,
    validate_max=True,
    can_delete=True,
)


class LayananForm(forms.Form):
    """Plain form (not a ModelForm), so the service sees the object as it was before."""

    nama = forms.CharField(label=_("Nama layanan"), max_length=200)
    uraian = forms.CharField(
        label=_("Uraian singkat"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    @classmethod
    def for_layanan(cls, layanan: Layanan | None, data=None) -> "LayananForm":
        initial = None
        if layanan is not None:
            initial = {"nama": layanan.nama, "uraian": layanan.uraian, "aktif": layanan.aktif}
        return cls(data, initial=initial)
