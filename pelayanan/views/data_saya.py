"""The account's data rights: download a copy ("Unduh data saya"), delete the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pelayanan import data_pribadi
from pelayanan.forms_data_pribadi import HapusAkunForm


@login_required
@require_POST
def unduh_data(request):
    """A ZIP with the account's data (a POST: each download is a deliberate, audited act)."""
    isi = data_pribadi.data_saya_unduh(pengguna=request.user)
    response = HttpResponse(isi, content_type="application/zip")
    nama = f"data-saya-{timezone.localdate():%Y%m%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hapus_akun(request):
    boleh = data_pribadi.boleh_hapus_sendiri(request.user)
    form = HapusAkunForm(request.POST or None)
    status = 200
    if request.method == "POST" and not boleh:
        status = 403
    elif request.method == "POST":
        if form.is_valid():
            try:
                data_pribadi.akun_hapus(pengguna=request.user, password=form.cleaned_data["password"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                logout(request)
                messages.success(request, _("Akun Anda sudah dihapus. Terima kasih telah berpartisipasi."))
                return redirect("pelayanan:beranda")
        status = 400
    return render(request, "pelayanan/akun/hapus_akun.html", {"form": form, "boleh": boleh}, status=status)
