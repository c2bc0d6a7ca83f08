"""Forms of the account's data rights: deleting the account asks for the password again."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HapusAkunForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi Anda"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Untuk memastikan bahwa Anda sendiri yang menghapus akun ini."),
    )
    setuju = forms.BooleanField(
        label=_("Saya mengerti bahwa akun ini dihapus dan tidak dapat dipulihkan."),
        required=True,
    )
