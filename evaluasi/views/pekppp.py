"""PEKPPP pages: an instansi's units with their assessment of a year, one assessment (scores
per aspect, the portal's proposals, evidence, the result once final), finalising, and the
evidence files (served only after the policy check, never from /media).

Each view asks pelayanan.policy, calls one service or read, and renders.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from evaluasi import grafik, pekppp
from evaluasi.choices import StatusPenilaianPEKPPP
from evaluasi.models import PenilaianPEKPPP, SkorIndikator
from evaluasi.pekppp_forms import MulaiForm, SkorForm, pilihan_tahun
from pelayanan import policy
from pelayanan.models import Instansi, Unit
from pelayanan.views.mixins import izin

DIR = "evaluasi/pekppp/"


def _penilaian(pk) -> PenilaianPEKPPP:
    """The assessment with its score rows (indicator and aspect joined): two queries."""
    skor = SkorIndikator.objects.select_related("indikator__aspek").order_by(
        "indikator__aspek__urutan", "indikator__nomor"
    )
    return get_object_or_404(
        PenilaianPEKPPP.objects.select_related("unit__instansi", "evaluator").prefetch_related(
            Prefetch("skor_set", queryset=skor, to_attr="skor_list")
        ),
        pk=pk,
    )


def _url(penilaian, anchor: str = "") -> str:
    url = reverse("evaluasi:pekppp", kwargs={"pk": penilaian.pk})
    return f"{url}#{anchor}" if anchor else url


# --- where an evaluator starts ------------------------------------------------------------------


@require_safe
def pekppp_beranda(request):
    """The navigation link: the instansi list of the user's assessments (straight to it when
    the user follows one instansi)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.is_superuser:
        instansi = list(Instansi.objects.order_by("nama"))
    else:
        ids = {
            g.instansi_id
            for g in policy.grants_of(request.user)
            if g.instansi_id and g.peran in policy.RULES["pekppp.lihat"]
        }
        instansi = list(Instansi.objects.filter(pk__in=ids).order_by("nama"))
    if len(instansi) == 1:
        return redirect("evaluasi:pekppp_list", instansi=instansi[0].slug)
    if not instansi:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    return render(request, DIR + "beranda.html", {"instansi_list": instansi})


@require_safe
def pekppp_list(request, instansi):
    instansi = get_object_or_404(Instansi, slug=instansi)
    if (tolak := izin(request, "pekppp.lihat", instansi)) is not None:
        return tolak
    ada = set(
        PenilaianPEKPPP.objects.filter(unit__instansi=instansi).values_list("tahun", flat=True).distinct()
    )
    tahun_list = pilihan_tahun(ada)
    try:
        tahun = int(request.GET.get("tahun", tahun_list[0]))
    except ValueError:
        tahun = tahun_list[0]
    if tahun not in tahun_list:
        tahun = tahun_list[0]
    units = list(
        Unit.objects.filter(instansi=instansi, aktif=True)
        .prefetch_related(
            Prefetch(
                "penilaian_pekppp_set",
                queryset=PenilaianPEKPPP.objects.filter(tahun=tahun).select_related("evaluator"),
                to_attr="penilaian_tahun",
            )
        )
        .order_by("nama")
    )
    baris = [(u, u.penilaian_tahun[0] if u.penilaian_tahun else None) for u in units]
    return render(
        request,
        DIR + "list.html",
        {
            "instansi": instansi,
            "tahun": tahun,
            "tahun_list": tahun_list,
            "baris": baris,
            "jumlah_final": sum(1 for _u, p in baris if p and p.status == StatusPenilaianPEKPPP.FINAL),
            "boleh_nilai": policy.may(request.user, "pekppp.nilai", instansi),
        },
    )


@require_POST
def pekppp_mulai(request, instansi):
    instansi = get_object_or_404(Instansi, slug=instansi)
    policy.require(request.user, "pekppp.nilai", instansi)
    form = MulaiForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan tidak lengkap."))
        return redirect("evaluasi:pekppp_list", instansi=instansi.slug)
    unit = get_object_or_404(Unit, pk=form.cleaned_data["unit"], instansi=instansi)
    tahun = form.cleaned_data["tahun"]
    try:
        penilaian = pekppp.penilaian_buat(unit=unit, tahun=tahun, oleh=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(
            reverse("evaluasi:pekppp_list", kwargs={"instansi": instansi.slug}) + f"?tahun={tahun}"
        )
    messages.success(
        request, _("Penilaian %(unit)s tahun %(tahun)s dimulai.") % {"unit": unit.nama, "tahun": tahun}
    )
    return redirect(_url(penilaian))


# --- one assessment -----------------------------------------------------------------------------


def _kelompok(penilaian, forms: dict[int, SkorForm]) -> list[dict]:
    """The score rows grouped by aspect, in order, each row with its form."""
    kelompok: list[dict] = []
    for row in penilaian.skor_list:
        aspek = row.indikator.aspek
        if not kelompok or kelompok[-1]["aspek"].pk != aspek.pk:
            kelompok.append({"aspek": aspek, "baris": [], "terisi": 0})
        kelompok[-1]["baris"].append((row, forms.get(row.pk)))
        kelompok[-1]["terisi"] += row.skor is not None
    return kelompok


def _hasil(penilaian) -> dict | None:
    """The stored breakdown of a final assessment, with numbers as Decimals, and its chart."""
    data = pekppp.rincian_final(penilaian)
    if data is None:
        return None
    aspek = [
        {
            **a,
            "bobot": Decimal(a["bobot"]),
            "persen": Decimal(a["persen"]),
            "kontribusi": Decimal(a["kontribusi"]),
        }
        for a in data.get("aspek", [])
    ]
    judul = _("Capaian tiap aspek (%)")
    return {
        "aspek": aspek,
        "ipp": penilaian.ipp,
        "ipp_persen": penilaian.ipp_persen,
        "kategori": penilaian.kategori,
        "predikat": data.get("predikat", ""),
        "judul_grafik": judul,
        "grafik": grafik.batang(
            [grafik.Batang(f"{a['kode']}. {a['nama']}", a["persen"]) for a in aspek], maks=100, judul=judul
        ),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def pekppp_detail(request, pk):
    penilaian = _penilaian(pk)
    aksi = "pekppp.nilai" if request.method == "POST" else "pekppp.lihat"
    if (tolak := izin(request, aksi, penilaian)) is not None:
        return tolak
    draf = penilaian.status == StatusPenilaianPEKPPP.DRAF
    boleh_nilai = draf and policy.may(request.user, "pekppp.nilai", penilaian)
    forms: dict[int, SkorForm] = {}
    if boleh_nilai:
        forms = {row.pk: SkorForm(row=row) for row in penilaian.skor_list}
    status = 200
    if request.method == "POST":
        if not draf:
            messages.error(request, _("Penilaian ini sudah final dan tidak dapat diubah lagi."))
            return redirect(_url(penilaian))
        kode = request.POST.get("aspek", "")
        rows = [r for r in penilaian.skor_list if r.indikator.aspek.kode == kode]
        if not rows:
            raise Http404
        for row in rows:
            forms[row.pk] = SkorForm(request.POST, request.FILES, row=row)
        if all(forms[r.pk].is_valid() for r in rows):
            isian = [
                pekppp.IsianSkor(
                    skor_row=r,
                    skor=forms[r.pk].cleaned_data["skor"],
                    catatan=forms[r.pk].cleaned_data["catatan"],
                    bukti=forms[r.pk].cleaned_data["bukti"],
                    alasan_beda=forms[r.pk].cleaned_data.get("alasan_beda", ""),
                )
                for r in rows
                if forms[r.pk].has_changed()
            ]
            try:
                n = pekppp.skor_simpan_banyak(isian=isian, oleh=request.user)
            except pekppp.SkorGagal as exc:
                for row_pk, pesan in exc.galat.items():
                    for m in pesan:
                        forms[row_pk].add_error(None, m)
            except ValidationError as exc:
                for m in exc.messages:
                    messages.error(request, m)
                return redirect(_url(penilaian, f"aspek-{kode}"))
            else:
                if n:
                    messages.success(request, _("Skor aspek %(kode)s disimpan.") % {"kode": kode})
                else:
                    messages.info(request, _("Tidak ada perubahan pada aspek %(kode)s.") % {"kode": kode})
                return redirect(_url(penilaian, f"aspek-{kode}"))
        status = 400
    kelompok = _kelompok(penilaian, forms)
    return render(
        request,
        DIR + "detail.html",
        {
            "penilaian": penilaian,
            "unit": penilaian.unit,
            "kelompok": kelompok,
            "jumlah_indikator": len(penilaian.skor_list),
            "jumlah_terisi": sum(k["terisi"] for k in kelompok),
            "boleh_nilai": boleh_nilai,
            "boleh_daftar": policy.may(request.user, "pekppp.lihat", penilaian.unit.instansi),
            "hasil": _hasil(penilaian),
        },
        status=status,
    )


@require_POST
def pekppp_final(request, pk):
    penilaian = get_object_or_404(PenilaianPEKPPP.objects.select_related("unit"), pk=pk)
    policy.require(request.user, "pekppp.nilai", penilaian)
    try:
        penilaian = pekppp.penilaian_final(penilaian=penilaian, oleh=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect(_url(penilaian, "final"))
    messages.success(
        request,
        _("Penilaian difinalkan: IPP %(ipp)s, kategori %(kategori)s.")
        % {"ipp": f"{penilaian.ipp:.2f}".replace(".", ","), "kategori": penilaian.kategori},
    )
    return redirect(_url(penilaian, "hasil"))


@require_safe
def pekppp_bukti(request, pk):
    """An evidence file, after "pekppp.lihat" on its assessment; never by URL to the file."""
    row = get_object_or_404(SkorIndikator.objects.select_related("penilaian__unit", "indikator"), pk=pk)
    if (tolak := izin(request, "pekppp.lihat", row.penilaian)) is not None:
        return tolak
    if not row.bukti:
        raise Http404
    ext = row.bukti.name.rsplit(".", 1)[-1].lower()
    try:
        fh = row.bukti.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        fh,
        content_type=pekppp.MIME.get(ext, "application/octet-stream"),
        as_attachment=ext == "pdf",
        filename=f"bukti-pekppp-{row.penilaian.tahun}-indikator-{row.indikator.nomor}.{ext}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
