"""Staff pages of complaints: the inbox, a complaint with its clock and timeline, the actions
the policy allows, the identity panel (shown only after a POST that is audited), the overdue
list, and the unit's promised response times. Each view parses the request, asks the policy
(through pengaduan.privasi for what concerns privacy), calls one service, renders.
"""

from __future__ import annotations

from itertools import chain

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.defaults import permission_denied

from pelayanan import konkurensi, policy
from pelayanan.masukan import bilangan
from pelayanan.models import PenugasanPeran, Unit
from pengaduan import penilaian, privasi, selectors, services, tenggat, workflow
from pengaduan.choices import JenisTenggat, StatusPengaduan
from pengaduan.forms import CatatanForm, PengaturanForm, TanggapanForm, TransisiForm, TugaskanForm
from pengaduan.models import Pengaduan, PengaturanPengaduanUnit
from pengaduan.views.berkas import kirim_lampiran, pribadi


def _boleh_kotak(user) -> None:
    if not policy.may(user, privasi.AKSI_ISI_STAF):
        raise PermissionDenied(_("Anda tidak memiliki peran pengelolaan pengaduan."))


@login_required
@require_safe
def kotak_masuk(request):
    _boleh_kotak(request.user)
    saring = selectors.Saring.dari(request.GET)
    halaman = Paginator(selectors.kotak_masuk(request.user, saring), selectors.PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    hari = tenggat.hari_ini()
    for p in halaman:
        p.tenggat_sekarang = (
            next((t for t in tenggat.daftar(p, hari) if t.dipenuhi is None), None)
            if p.status not in (StatusPengaduan.BATAL, StatusPengaduan.DIBERITAHUKAN)
            else None
        )
    params = request.GET.copy()
    params.pop("halaman", None)
    unit_list = selectors.unit_pilihan(request.user)
    return render(
        request,
        "pengaduan/staf/kotak_masuk.html",
        {
            "saring": saring,
            "page_obj": halaman,
            "unit_list": unit_list,
            "unit_atur": [u for u in unit_list if policy.may(request.user, "pengaduan.atur", u)],
            "status_list": StatusPengaduan.choices,
            "ringkasan": selectors.ringkasan_kotak(request.user),
            "params": params.urlencode(),
        },
    )


def _pengaduan(request, pk) -> Pengaduan:
    try:
        p = selectors.pengaduan_staf(pk)
    except Pengaduan.DoesNotExist:
        raise Http404 from None
    if not privasi.boleh_lihat_isi_staf(request.user, p):
        raise PermissionDenied(_("Anda tidak berwenang melihat pengaduan ini."))
    return p


def _calon_petugas(p: Pengaduan) -> list:
    """Accounts that may handle the complaint (for the assignment list)."""
    grants = (
        PenugasanPeran.objects.filter(peran__in=policy.RULES["pengaduan.tangani"])
        .filter(Q(unit_id=p.unit_id) | Q(instansi_id=p.unit.instansi_id))
        .select_related("pengguna")
        .prefetch_related("pengguna__penugasan")  # what policy.may reads, in one query
    )
    users = {g.pengguna_id: g.pengguna for g in grants if g.pengguna.is_active}
    return [u for u in users.values() if policy.may(u, "pengaduan.tangani", p)]


def _render_detail(request, p: Pengaduan, *, identitas=None, status=200, forms=None, galat=None):
    forms = forms or {}
    user = request.user
    boleh_tangani = policy.may(user, "pengaduan.tangani", p)
    langkah = [t for t in workflow.tersedia(p) if policy.may(user, t.aksi_policy, p)]
    boleh_tugaskan = policy.may(user, "pengaduan.tugaskan", p)
    linimasa = sorted(
        chain(
            ({"jenis": "riwayat", "r": r, "pada": r.pada} for r in p.riwayat_set.all()),
            ({"jenis": "catatan", "r": c, "pada": c.pada} for c in p.catatan_set.all()),
        ),
        key=lambda e: (e["pada"], e["jenis"] == "catatan"),
    )
    context = {
        "p": p,
        "tenggat": tenggat.daftar(p),
        "linimasa": linimasa,
        "label_riwayat": workflow.LABEL_RIWAYAT,
        "lampiran": list(p.lampiran_set.all()),
        "penilaian": list(p.penilaian_set.all()),
        "eskalasi": list(p.eskalasi_set.all()),
        "langkah": langkah,
        "form_langkah": {t.nama: forms.get(t.nama) or TransisiForm() for t in langkah},
        "boleh_tangani": boleh_tangani,
        "boleh_tugaskan": boleh_tugaskan,
        "form_tugaskan": forms.get("tugaskan")
        or (TugaskanForm(calon=_calon_petugas(p)) if boleh_tugaskan else None),
        "form_tanggapan": forms.get("tanggapan") or TanggapanForm(),
        "form_catatan": forms.get("catatan") or CatatanForm(),
        "dasar": services.sidik_pengaduan(p),
        "boleh_identitas": privasi.boleh_lihat_identitas(user, p),
        "identitas": identitas,
        "bisa_dinilai": penilaian.boleh_dinilai(p),
        "galat": galat or [],
    }
    return pribadi(render(request, "pengaduan/staf/detail.html", context, status=status))


@login_required
@require_safe
def detail(request, pk):
    return _render_detail(request, _pengaduan(request, pk))


@login_required
@require_POST
def identitas(request, pk):
    """Show the identity: a POST, so that every viewing is a deliberate, audited act."""
    p = _pengaduan(request, pk)
    try:
        ident = privasi.identitas_lihat(user=request.user, pengaduan=p)
    except PermissionDenied as exc:
        # Answered, not raised: the refused attempt's audit entry must be committed.
        return permission_denied(request, exc)
    return _render_detail(request, p, identitas=ident)


@login_required
@require_POST
def langkah(request, pk, nama):
    p = _pengaduan(request, pk)
    if nama not in workflow.TRANSISI:
        raise Http404
    form = TransisiForm(request.POST)
    if form.is_valid():
        try:
            services.pengaduan_transisi(
                pengaduan=p,
                nama=nama,
                oleh=request.user,
                teks=form.cleaned_data["teks"],
                hasil=form.cleaned_data["hasil"],
                dasar=request.POST.get(konkurensi.DASAR),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            p = _pengaduan(request, pk)
        else:
            messages.success(request, str(workflow.LABEL_RIWAYAT[nama]) + ".")
            return redirect("pengaduan:staf_detail", pk=p.pk)
    galat = [str(e) for e in form.non_field_errors()]
    return _render_detail(request, p, status=400, forms={nama: form}, galat=galat)


@login_required
@require_POST
def tugaskan(request, pk):
    p = _pengaduan(request, pk)
    if request.POST.get("ambil") == "1":
        petugas = request.user
        form = None
    else:
        form = TugaskanForm(request.POST, calon=_calon_petugas(p))
        if not form.is_valid():
            return _render_detail(request, p, status=400, forms={"tugaskan": form})
        petugas = form.cleaned_data["petugas"]
    try:
        services.pengaduan_tugaskan(
            pengaduan=p, petugas=petugas, oleh=request.user, dasar=request.POST.get(konkurensi.DASAR)
        )
    except ValidationError as exc:
        form = form or TugaskanForm(calon=_calon_petugas(p))
        form.add_error(None, exc)
        return _render_detail(request, p, status=400, forms={"tugaskan": form})
    messages.success(request, _("Pengaduan ditugaskan kepada %(nama)s.") % {"nama": petugas.nama_lengkap})
    return redirect("pengaduan:staf_detail", pk=p.pk)


@login_required
@require_POST
def tanggapan(request, pk):
    p = _pengaduan(request, pk)
    form = TanggapanForm(request.POST)
    if form.is_valid():
        try:
            services.tanggapan_tulis(pengaduan=p, teks=form.cleaned_data["teks"], oleh=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tanggapan dikirim kepada pengadu."))
            return redirect(reverse("pengaduan:staf_detail", kwargs={"pk": p.pk}) + "#linimasa")
    return _render_detail(request, p, status=400, forms={"tanggapan": form})


@login_required
@require_POST
def catatan(request, pk):
    p = _pengaduan(request, pk)
    form = CatatanForm(request.POST)
    if form.is_valid():
        services.catatan_tulis(pengaduan=p, teks=form.cleaned_data["teks"], oleh=request.user)
        messages.success(request, _("Catatan internal disimpan."))
        return redirect(reverse("pengaduan:staf_detail", kwargs={"pk": p.pk}) + "#linimasa")
    return _render_detail(request, p, status=400, forms={"catatan": form})


@login_required
@require_safe
def lampiran(request, pk, lampiran_pk):
    p = _pengaduan(request, pk)
    berkas = next((x for x in p.lampiran_set.all() if x.pk == lampiran_pk), None)
    if berkas is None:
        raise Http404
    return kirim_lampiran(berkas)


@login_required
@require_safe
def terlambat(request):
    _boleh_kotak(request.user)
    unit = request.GET.get("unit", "")
    jenis = request.GET.get("jenis", "")
    jenis = jenis if jenis in tenggat.TENGGAT_UNIT else ""
    rows = selectors.terlambat(request.user, unit=bilangan(unit), jenis=jenis)
    return render(
        request,
        "pengaduan/staf/terlambat.html",
        {
            "pengaduan_list": rows,
            "unit_list": selectors.unit_pilihan(request.user),
            "unit_terpilih": bilangan(unit),
            "jenis_terpilih": jenis,
            "jenis_list": [(j, JenisTenggat(j).label) for j in tenggat.TENGGAT_UNIT],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pengaturan(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=slug)
    policy.require(request.user, "pengaduan.atur", unit)
    sekarang = PengaturanPengaduanUnit.objects.filter(unit=unit).first()
    if request.method == "POST":
        form = PengaturanForm(request.POST)
        if form.is_valid():
            try:
                services.pengaturan_simpan(
                    unit=unit,
                    oleh=request.user,
                    janji_tanggapan=form.cleaned_data["janji_tanggapan"],
                    janji_keputusan=form.cleaned_data["janji_keputusan"],
                    dasar=request.POST.get(konkurensi.DASAR),
                )
            except konkurensi.DiubahPihakLain as exc:
                form.add_error(None, exc)
                konteks = {"unit": unit, "form": form, "dasar": services.sidik_pengaturan(_pengaturan(unit))}
                return render(request, "pengaduan/staf/pengaturan.html", konteks, status=409)
            messages.success(request, _("Janji waktu penanganan pengaduan disimpan."))
            return redirect("pengaduan:staf_kotak")
    else:
        form = PengaturanForm(
            initial={
                "janji_tanggapan": sekarang.janji_tanggapan_hari_kerja if sekarang else None,
                "janji_keputusan": sekarang.janji_keputusan_hari_kerja if sekarang else None,
            }
        )
    return render(
        request,
        "pengaduan/staf/pengaturan.html",
        {"unit": unit, "form": form, "dasar": services.sidik_pengaturan(sekarang)},
    )


def _pengaturan(unit):
    return PengaturanPengaduanUnit.objects.filter(unit=unit).first()
