"""Accounts: login, registration with e-mail confirmation, the user's own page, the second
factor (pelayanan.dua_langkah) and the lockout page (django-axes)."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from pelayanan import akun, dua_langkah, pdf, policy, ratelimit
from pelayanan.forms import KodeDuaLangkahForm, LoginForm, PendaftaranForm

# Login attempts per address are counted in windows of this many seconds (AKUN_MASUK_BATAS).
MASUK_JENDELA = 15 * 60


class LoginView(auth_views.LoginView):
    template_name = "pelayanan/akun/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        try:
            ratelimit.hit(
                "masuk-ip",
                ratelimit.client_ip(request),
                limit=settings.AKUN_MASUK_BATAS,
                window=MASUK_JENDELA,
            )
        except ratelimit.RateLimited as exc:
            # Refused before any password check: the form is not validated, only shows why.
            form = self.get_form()
            form._errors, form.cleaned_data = ErrorDict(), {}
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)


def terkunci(request, credentials=None, *args):
    """The page django-axes shows after too many failed logins (AXES_LOCKOUT_CALLABLE)."""
    menit = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "pelayanan/akun/terkunci.html",
        {"menit": menit, "batas": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


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
                ip=ratelimit.client_ip(request),
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
    konteks = {"penugasan": grants, "dua_langkah_tersedia": dua_langkah.tersedia(request.user)}
    if konteks["dua_langkah_tersedia"]:
        konteks["dua_langkah_aktif"] = dua_langkah.terdaftar(request.user)
        konteks["dua_langkah_wajib"] = dua_langkah.wajib(request.user)
    return render(request, "pelayanan/akun/akun_saya.html", konteks)


def _lanjut(request) -> str:
    """Where to go once the second factor is given: `next` if it is ours, else the workspace."""
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return reverse_lazy(settings.LOGIN_REDIRECT_URL)


@login_required
def dua_langkah_verifikasi(request):
    """The code of the user's authenticator app, asked after the password."""
    if request.user.is_verified():
        return redirect(_lanjut(request))
    if not dua_langkah.terdaftar(request.user):
        return redirect(
            "pelayanan:dua_langkah_daftar" if dua_langkah.wajib(request.user) else "pelayanan:akun_saya"
        )
    form = KodeDuaLangkahForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perangkat = dua_langkah.totp_verifikasi(pengguna=request.user, kode=form.cleaned_data["kode"])
        except ValidationError as exc:
            form.add_error("kode", exc)
        else:
            otp_login(request, perangkat)
            return redirect(_lanjut(request))
    return render(
        request, "pelayanan/akun/dua_langkah.html", {"form": form, "next": request.GET.get("next", "")}
    )


@login_required
def dua_langkah_daftar(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code."""
    if dua_langkah.terdaftar(request.user) and not request.user.is_verified():
        return redirect("pelayanan:dua_langkah")
    perangkat = dua_langkah.totp_mulai(pengguna=request.user)
    form = KodeDuaLangkahForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perangkat = dua_langkah.totp_aktifkan(pengguna=request.user, kode=form.cleaned_data["kode"])
        except ValidationError as exc:
            form.add_error("kode", exc)
        else:
            otp_login(request, perangkat)
            messages.success(
                request, _("Verifikasi dua langkah aktif. Setiap kali masuk, kami akan meminta kodenya.")
            )
            return redirect(_lanjut(request))
    return render(
        request,
        "pelayanan/akun/dua_langkah_daftar.html",
        {
            "form": form,
            "next": request.GET.get("next", ""),
            "qr": pdf.qr_svg(perangkat.config_url),
            "kunci": dua_langkah.kunci_base32(perangkat),
            "sudah_aktif": dua_langkah.terdaftar(request.user),
            "wajib": dua_langkah.wajib(request.user),
        },
    )


@login_required
@require_POST
def dua_langkah_nonaktifkan(request):
    try:
        dua_langkah.totp_nonaktifkan(pengguna=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        request.session.pop(dua_langkah.SESI_PERLU, None)
        messages.success(request, _("Verifikasi dua langkah dimatikan."))
    return redirect("pelayanan:akun_saya")


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
