"""Accounts: login, registration with e-mail confirmation, the user's own page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pelayanan import akun, policy
from pelayanan.forms import LoginForm, PendaftaranForm


class LoginView(auth_views.LoginView):
    template_name = "pelayanan/akun/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def daftar(request):
    if request.user.is_authenticated:
        return redirect("pelayanan:akun_saya")
    form = PendaftaranForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pengguna = akun.warga_register(
                email=form.cleaned_data["email"],
                nama_lengkap=form.cleaned_data["nama_lengkap"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, pengguna, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Akun dibuat. Kami mengirim tautan konfirmasi ke %(email)s.") % {"email": pengguna.email},
            )
            return redirect("pelayanan:akun_saya")
    return render(request, "pelayanan/akun/daftar.html", {"form": form})


def konfirmasi_email(request, token):
    try:
        pengguna = akun.email_confirm(token=token)
    except ValidationError as exc:
        return render(request, "pelayanan/akun/konfirmasi_gagal.html", {"pesan": exc.messages[0]}, status=400)
    messages.success(
        request, _("Terima kasih, alamat e-mail %(email)s sudah dikonfirmasi.") % {"email": pengguna.email}
    )
    return redirect("pelayanan:akun_saya" if request.user.is_authenticated else "pelayanan:login")


@login_required
@require_POST
def kirim_ulang_konfirmasi(request):
    akun.email_confirmation_resend(pengguna=request.user)
    messages.info(request, _("Tautan konfirmasi baru telah dikirim."))
    return redirect("pelayanan:akun_saya")


@login_required
def akun_saya(request):
    grants = policy.grants_of(request.user)
    return render(request, "pelayanan/akun/akun_saya.html", {"penugasan": grants})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "pelayanan/akun/password_change.html"
    success_url = reverse_lazy("pelayanan:akun_saya")

    def form_valid(self, form):
        messages.success(self.request, _("Kata sandi Anda telah diubah."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "pelayanan/akun/password_reset.html"
    email_template_name = "pelayanan/email/reset_password.txt"
    subject_template_name = "pelayanan/email/reset_password_subject.txt"
    success_url = reverse_lazy("pelayanan:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "pelayanan/akun/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "pelayanan/akun/password_reset_confirm.html"
    success_url = reverse_lazy("pelayanan:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "pelayanan/akun/password_reset_complete.html"


@login_required
def notifikasi(request):
    """The user's in-app notifications, newest first; opening the page marks them read."""
    from pelayanan.models import Notifikasi
    from pelayanan.notifikasi import mark_read

    rows = list(Notifikasi.objects.filter(pengguna=request.user)[:100])
    if request.method == "POST":
        mark_read(pengguna=request.user)
        messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
        return redirect("pelayanan:notifikasi")
    return render(request, "pelayanan/akun/notifikasi.html", {"notifikasi_list": rows})
