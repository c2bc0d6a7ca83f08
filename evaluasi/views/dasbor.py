"""The Pembina dashboard: an instansi's units in one period, one unit in detail (with the
recommendation form), the exports, and the recommendations pages of the unit's staff.

Each view asks pelayanan.policy, calls one selector (evaluasi.dasbor) or service
(evaluasi.rekomendasi) and renders. The dashboard answers "instansi.pantau" on the instansi:
its Pembina, penanggung jawab and evaluators (and superusers); anyone else gets 403, and a
unit of another instansi in the URL gets 404.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from evaluasi import dasbor, grafik, rekomendasi
from evaluasi.choices import StatusRekomendasi
from evaluasi.forms_dasbor import PeriodeForm, RekomendasiForm, TindakLanjutForm
from evaluasi.models import Rekomendasi
from evaluasi.views.staf import _tambah_galat
from pelayanan import policy
from pelayanan.models import Instansi, Unit
from pelayanan.views.mixins import izin
from standar import ekspor
from standar.views.ekspor_impor import _unduhan

DIR = "evaluasi/dasbor/"
TABEL = ("unit", "peringkat", "rekomendasi")


def _url(nama: str, **kwargs) -> str:
    """The URL of a page another part of the evaluation app provides, or "" while it does not
    exist yet (the link is then hidden)."""
    try:
        return reverse(nama, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _instansi(slug: str) -> Instansi:
    return get_object_or_404(Instansi, slug=slug)


def _periode(request) -> tuple:
    """(jenis, tahun, ke) from ?periode=jenis-tahun-ke, or () for the default period."""
    p = dasbor.periode_dari_kode(request.GET.get("periode", "")[:30])
    return (p.jenis, p.tahun, p.ke) if p else ()


def _warna(zona: str) -> str:
    return grafik.WARNA_ZONA.get(zona, grafik.WARNA_DEFAULT)


def _dasar_ikm(tren) -> int:
    """The IKM chart's lower bound: 5 to 15 points below the lowest figure, in tens, never
    below 20 (the lowest IKM there is is 25), so that a change of a few points is visible."""
    terendah = min(v for v in tren.nilai if v is not None)
    return max(20, int((terendah - 5) // 10 * 10))


def _q_periode(data) -> str:
    return f"?periode={data.periode.kode}" if data.periode else ""


@functools.lru_cache(maxsize=1)
def _versi_templat() -> str:
    """A hash of the dashboard page's templates, part of the key its cached tables are kept
    under: after a deploy that changes the markup, no table rendered by the old one is read."""
    h = hashlib.sha256()
    for nama in ("instansi.html", "_zona.html", "_tren.html"):
        h.update(Path(get_template(DIR + nama).origin.name).read_bytes())
    return h.hexdigest()[:16]


# --- the dashboard ----------------------------------------------------------------------------


@require_safe
def dasbor_instansi(request, instansi):
    instansi = _instansi(instansi)
    if (tolak := izin(request, "instansi.pantau", instansi)) is not None:
        return tolak
    data = dasbor.dasbor_instansi_tersimpan(instansi, *_periode(request))
    for laporan in data.laporan_terbaru:
        laporan.tautan = _url("evaluasi:laporan", pk=laporan.pk)

    def grafik_indeks() -> str:
        # Drawn when the template renders it: not at all when its cached rendering is used.
        batang = [
            grafik.Batang(
                b.unit.singkatan or b.unit.nama, b.ringkasan.skor_kepatuhan, _warna(b.ringkasan.zona)
            )
            if b.ringkasan
            else grafik.Batang(b.unit.singkatan or b.unit.nama, None)
            for b in data.baris
        ]
        judul = _("Indeks kepatuhan per unit")
        if data.periode:
            judul = _("Indeks kepatuhan per unit, %(periode)s") % {"periode": data.periode.label}
        return grafik.batang(batang, maks=100, judul=judul) if batang else ""

    return render(
        request,
        DIR + "instansi.html",
        {
            "instansi": instansi,
            "d": data,
            "form_periode": PeriodeForm(
                initial={"periode": data.periode.kode if data.periode else ""}, periode_list=data.periode_list
            ),
            "grafik_indeks": grafik_indeks,
            "q_periode": _q_periode(data),
            "url_laporan": _url("evaluasi:laporan_list", instansi=instansi.slug),
            "url_laporan_periode": _url("evaluasi:laporan", pk=data.total.laporan_id)
            if data.total.laporan_id
            else "",
            "boleh_laporan": policy.may(request.user, "laporan.lihat", instansi),
            "versi_templat": _versi_templat(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def dasbor_unit(request, instansi, unit):
    instansi = _instansi(instansi)
    if (tolak := izin(request, "instansi.pantau", instansi)) is not None:
        return tolak
    unit = get_object_or_404(
        Unit.objects.select_related("instansi"), slug=unit, instansi=instansi, aktif=True
    )
    boleh_tulis = policy.may(request.user, "rekomendasi.tulis", unit)
    form = None
    if boleh_tulis:
        form = RekomendasiForm(request.POST or None)
    if request.method == "POST":
        policy.require(request.user, "rekomendasi.tulis", unit)
        if form.is_valid():
            try:
                rekomendasi.rekomendasi_create(
                    unit=unit,
                    teks=form.cleaned_data["teks"],
                    batas_waktu=form.cleaned_data["batas_waktu"],
                    oleh=request.user,
                )
            except ValidationError as exc:
                _tambah_galat(form, exc)
            else:
                messages.success(request, _("Rekomendasi dikirim ke unit."))
                return redirect(request.get_full_path() + "#rekomendasi")
    data = dasbor.dasbor_unit(instansi, unit, *_periode(request))
    grafik_ikm = ""
    if data.tren.ada:
        grafik_ikm = grafik.garis(
            [(p.label_pendek, v) for p, v in data.tren.titik],
            minimum=_dasar_ikm(data.tren),
            maksimum=100,
            judul=_("Tren IKM %(unit)s") % {"unit": unit.nama},
        )
    return render(
        request,
        DIR + "unit.html",
        {
            "instansi": instansi,
            "unit": unit,
            "d": data,
            "form_periode": PeriodeForm(
                initial={"periode": data.periode.kode if data.periode else ""}, periode_list=data.periode_list
            ),
            "form": form,
            "grafik_ikm": grafik_ikm,
            "q_periode": _q_periode(data),
            "hari_ini": timezone.localdate(),
            "url_kepatuhan": _url("evaluasi:kepatuhan_unit", unit=unit.slug),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_safe
def dasbor_ekspor(request, instansi, tabel, format):
    if tabel not in TABEL or format not in ekspor.FORMAT:
        raise Http404
    instansi = _instansi(instansi)
    if (tolak := izin(request, "instansi.pantau", instansi)) is not None:
        return tolak
    if tabel == "rekomendasi":
        isi = dasbor.tabel_rekomendasi(instansi)
        nama = f"rekomendasi-{instansi.slug}"
    else:
        data = dasbor.dasbor_instansi(instansi, *_periode(request))
        isi = dasbor.tabel_unit(data) if tabel == "unit" else dasbor.tabel_peringkat(data)
        nama = f"{'kepatuhan-unit' if tabel == 'unit' else 'peringkat'}-{instansi.slug}"
        if data.periode:
            nama += f"-{data.periode.kode}"
    return _unduhan(ekspor.berkas([isi], format), nama, format, publik=False)


# --- where "Dasbor" and "Rekomendasi" in the navigation lead ------------------------------------


@require_safe
def dasbor_saya(request):
    """ "Dasbor" in the navigation: the dashboard of the user's instansi, or a choice."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    grants = policy.grants_of(request.user)
    ids = {g.instansi_id for g in grants if g.instansi_id and g.peran in policy.RULES["instansi.pantau"]}
    qs = Instansi.objects.all() if request.user.is_superuser else Instansi.objects.filter(pk__in=ids)
    instansi_list = list(qs.order_by("nama"))
    if len(instansi_list) == 1:
        return redirect("evaluasi:dasbor", instansi=instansi_list[0].slug)
    if not instansi_list:
        policy.require(request.user, "instansi.pantau")
    return render(request, DIR + "pilih.html", {"instansi_list": instansi_list})


# --- recommendations: the unit's side -------------------------------------------------------------


@require_safe
def rekomendasi_saya(request):
    """ "Rekomendasi" in the navigation: the recommendations of the user's unit, or a choice."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    peran = policy.RULES["rekomendasi.tindak_lanjut"]
    grants = [g for g in policy.grants_of(request.user) if g.peran in peran]
    unit_ids = {g.unit_id for g in grants if g.unit_id}
    instansi_ids = {g.instansi_id for g in grants if g.instansi_id}
    qs = Unit.objects.filter(aktif=True)
    if not request.user.is_superuser:
        qs = qs.filter(Q(pk__in=unit_ids) | Q(instansi_id__in=instansi_ids))
    unit_list = list(qs.select_related("instansi").order_by("instansi__nama", "nama"))
    if len(unit_list) == 1:
        return redirect("evaluasi:rekomendasi_unit", unit=unit_list[0].slug)
    if not unit_list:
        policy.require(request.user, "rekomendasi.tindak_lanjut")
    return render(request, DIR + "pilih_unit.html", {"unit_list": unit_list})


@require_safe
def rekomendasi_unit(request, unit):
    unit = get_object_or_404(Unit.objects.select_related("instansi"), slug=unit, aktif=True)
    if (tolak := izin(request, "rekomendasi.lihat", unit)) is not None:
        return tolak
    return render(
        request,
        DIR + "rekomendasi_unit.html",
        {
            "unit": unit,
            "rekomendasi_list": dasbor.rekomendasi_unit(unit),
            "boleh_tindak_lanjut": policy.may(request.user, "rekomendasi.tindak_lanjut", unit),
            "hari_ini": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def rekomendasi_ubah(request, pk):
    rek = get_object_or_404(
        Rekomendasi.objects.select_related("unit__instansi", "dibuat_oleh", "laporan"), pk=pk
    )
    if (tolak := izin(request, "rekomendasi.lihat", rek)) is not None:
        return tolak
    boleh = (
        policy.may(request.user, "rekomendasi.tindak_lanjut", rek) and rek.status != StatusRekomendasi.SELESAI
    )
    form = None
    if boleh or request.method == "POST":
        policy.require(request.user, "rekomendasi.tindak_lanjut", rek)
        form = TindakLanjutForm(
            request.POST or None,
            status_list=rekomendasi.status_berikut(rek),
            initial={"tindak_lanjut": rek.tindak_lanjut, "status": rekomendasi.status_berikut(rek)[:1]},
        )
    if request.method == "POST" and form.is_valid():
        try:
            rekomendasi.rekomendasi_update(
                rekomendasi=rek,
                status=form.cleaned_data["status"],
                tindak_lanjut=form.cleaned_data["tindak_lanjut"],
                oleh=request.user,
            )
        except ValidationError as exc:
            _tambah_galat(form, exc)
        else:
            messages.success(request, _("Tindak lanjut disimpan."))
            return redirect("evaluasi:rekomendasi_unit", unit=rek.unit.slug)
    return render(
        request,
        DIR + "rekomendasi_ubah.html",
        {
            "r": rek,
            "unit": rek.unit,
            "form": form,
            "hari_ini": timezone.localdate(),
            "url_dasbor_unit": reverse(
                "evaluasi:dasbor_unit", kwargs={"instansi": rek.unit.instansi.slug, "unit": rek.unit.slug}
            )
            if policy.may(request.user, "instansi.pantau", rek.unit.instansi)
            else "",
        },
        status=400 if form is not None and form.errors else 200,
    )
